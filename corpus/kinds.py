"""The kinds of legal documents Rujukan knows: one registry, one entry per kind.

Everything that depends on the kind of a document reads it from here: the manifest's ``kind``
values, the id prefix of an uploaded document, the names a citation and a question use for the
kind ("Peraturan Badan Pengawas Pemilihan Umum", "Peraturan Bawaslu", "Perbawaslu"), which
parser reads it, which page furniture cleaning removes, and how a later document of the kind
says that it revokes an earlier one. Adding a kind is one :class:`Kind` in :data:`KINDS` (plus
a parser, if none of the existing ones reads it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Parsers, by the structure they read.
LAW = "law"  # batang tubuh of Pasal/ayat/huruf with a Penjelasan (ingest.parse)
KEPUTUSAN = "keputusan"  # Menimbang, Diktum and a Lampiran of points and tables (ingest.decree)
LETTER = "letter"  # a letter's head, numbered points and signature (ingest.letter)
PARSERS = (LAW, KEPUTUSAN, LETTER)

# The Setneg "SALINAN" layout: "PRESIDEN / REPUBLIK INDONESIA" on every page, "SALINAN" on the
# first. Compared letters only (spaces dropped), fuzzily: OCR garbles them.
SETNEG_HEADS = ("PRESIDEN", "REPUBLIKINDONESIA", "PRESIDENREPUBLIKINDONESIA", "SALINAN")
# A regulation of a ministry or agency, published in the Berita Negara: the copy carries
# "SALINAN" on its first page and page numbers, but no presidential running head.
AGENCY_HEADS = ("SALINAN",)

# The usual formula of a revoking provision: "... Nomor 5 Tahun 2014 ... dicabut dan dinyatakan
# tidak berlaku".
REVOKED = r"dicabut\s+dan\s+dinyatakan\s+tidak\s+berlaku"


@dataclass(frozen=True)
class Kind:
    name: str  # the manifest's ``kind`` value: "UU", "Peraturan Bawaslu"
    prefix: str  # first word of a document id: "uu" in "uu-5-2014"
    long_name: str  # the kind in a full citation: "Undang-Undang"
    short: str  # the kind in a short name ("UU 5/2014"): one word, no spaces
    # Other names of the kind in legal text and in questions ("Peraturan Bawaslu"); matched,
    # like ``long_name`` and ``short``, case-insensitively where questions are read.
    aliases: tuple[str, ...] = ()
    parser: str = LAW
    running_heads: tuple[str, ...] = SETNEG_HEADS
    # How the document names itself in its closing provisions: "Undang-Undang ini mulai berlaku".
    self_names: tuple[str, ...] = ()
    revoked: str = REVOKED  # regex of the phrase that revokes an earlier document
    # A regulation made to carry out a law: kept in force when the law's successor says
    # "peraturan pelaksanaan ... tetap berlaku" and the regulation's Mengingat cites the old law.
    implements_laws: bool = False
    # Kinds a reference naming this kind may mean when no such document is known: a Perppu
    # enacted as law is often cited as an Undang-Undang of the Perppu's number and year.
    cited_as: tuple[str, ...] = ()

    @property
    def is_decree(self) -> bool:
        """Read by the decree or letter parser, not the Pasal parser."""
        return self.parser != LAW

    @property
    def names(self) -> tuple[str, ...]:
        """Every name of the kind, longest first (so the longer wins in an alternation)."""
        return tuple(sorted({self.long_name, self.short, *self.aliases}, key=lambda n: (-len(n), n)))


KINDS: tuple[Kind, ...] = (
    Kind("UU", "uu", "Undang-Undang", "UU", aliases=("Undang-undang",), self_names=("Undang-Undang",)),
    Kind(
        "Perppu", "perppu", "Peraturan Pemerintah Pengganti Undang-Undang", "Perppu",
        self_names=("Peraturan Pemerintah Pengganti Undang-Undang",), cited_as=("UU",),
    ),
    Kind(
        "PP", "pp", "Peraturan Pemerintah", "PP", self_names=("Peraturan Pemerintah",), implements_laws=True,
    ),
    Kind(
        "Perpres", "perpres", "Peraturan Presiden", "Perpres", self_names=("Peraturan Presiden",),
        implements_laws=True,
    ),
    Kind(
        "Permen", "permen", "Peraturan Menteri", "Permen", running_heads=AGENCY_HEADS,
        self_names=("Peraturan Menteri",), implements_laws=True,
    ),
    # Titled "Peraturan Badan Pengawas Pemilihan Umum" / "Peraturan Komisi Pemilihan Umum", and
    # cited in practice by the agency's short name: "Peraturan Bawaslu Nomor 6 Tahun 2018".
    Kind(
        "Peraturan Bawaslu", "perbawaslu", "Peraturan Bawaslu", "Perbawaslu",
        aliases=("Peraturan Badan Pengawas Pemilihan Umum",), running_heads=AGENCY_HEADS,
        self_names=("Peraturan Badan Pengawas Pemilihan Umum", "Peraturan Badan", "Peraturan Bawaslu"),
        implements_laws=True,
    ),
    Kind(
        "Peraturan KPU", "pkpu", "Peraturan KPU", "PKPU",
        aliases=("Peraturan Komisi Pemilihan Umum",), running_heads=AGENCY_HEADS,
        self_names=("Peraturan Komisi Pemilihan Umum", "Peraturan Komisi", "Peraturan KPU"),
        implements_laws=True,
    ),
    Kind("Keputusan Bersama", "skb", "Keputusan Bersama", "SKB", aliases=("Surat Keputusan Bersama",),
         parser=KEPUTUSAN),  # fmt: skip
    Kind("Surat Edaran", "se", "Surat Edaran", "SE", parser=LETTER),
    Kind("Surat", "surat", "Surat", "Surat", parser=LETTER),
)

NAMES: tuple[str, ...] = tuple(k.name for k in KINDS)
WITH_PASAL: tuple[Kind, ...] = tuple(k for k in KINDS if k.parser == LAW)  # what "Pasal 5 ..." can point into
_BY_NAME = {k.name: k for k in KINDS}


def get(name: str) -> Kind:
    """The kind called ``name`` in the manifest; KeyError names the choices."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown document kind {name!r} (known: {', '.join(NAMES)})") from None


def _pattern(name: str) -> str:
    """A name as a regex that tolerates line breaks and "Undang- Undang" hyphen gaps."""
    return r"\s+".join(re.escape(word).replace(r"\-", r"-\s*") for word in name.split())


def names_pattern(kinds: tuple[Kind, ...] = KINDS) -> str:
    """Regex alternation of every name of ``kinds``, longest first, for one named group."""
    names = sorted({n for k in kinds for n in k.names}, key=lambda n: (-len(n), n))
    return "|".join(_pattern(n) for n in names)


def by_text(name: str) -> Kind | None:
    """The kind a name in text stands for ("Peraturan  Bawaslu", "UU", "undang-undang")."""
    key = _squash(name)
    for kind in KINDS:
        if any(_squash(n) == key for n in kind.names):
            return kind
    return None


def _squash(text: str) -> str:
    return re.sub(r"[\s-]+", "", text).lower()


def short_form_pattern() -> re.Pattern[str]:
    """Where the document's short name starts in a short label: "… ayat (1) Perbawaslu 6/2018"."""
    shorts = sorted({k.short for k in KINDS}, key=lambda n: (-len(n), n))
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, shorts))})\b.*$")


def read_as(name: str) -> tuple[str, ...]:
    """Other kinds a reference to kind ``name`` may mean ("UU" -> "Perppu"), see :attr:`Kind.cited_as`."""
    return tuple(k.name for k in KINDS if name in k.cited_as)


def running_heads() -> tuple[str, ...]:
    """Every running head some kind prints (the default when the kind is not known)."""
    return tuple(dict.fromkeys(h for k in KINDS for h in k.running_heads))


def self_reference_pattern() -> str:
    """Regex of a document naming itself: "Undang-Undang ini", "Peraturan Badan ini"."""
    names = sorted({n for k in KINDS for n in k.self_names}, key=lambda n: (-len(n), n))
    return rf"(?:{'|'.join(_pattern(n) for n in names)})\s+ini\b"
