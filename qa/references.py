"""Exact references in questions: "Pasal 71 ayat 2 UU Pilkada" -> ``uu-1-2015/pasal-71/ayat-2``.

A question that names a provision wants that provision, not the passage most similar
to it, so references are parsed, never guessed: :func:`parse_references` reads the
question (pure, no index), :func:`resolve` turns a :class:`Reference` into a unit id
only if that unit exists. An unknown Pasal yields nothing. A general Penjelasan ("Penjelasan
Umum UU 1/2015") names no Pasal: :func:`general_explanations` reads it.

Documents are named by their manifest ``short_name`` and ``aliases`` ("UU ASN",
"UU Pilkada", "PP Disiplin PNS") or generically ("UU 5/2014", "UU 5 tahun 2014",
"undang-undang nomor 5 tahun 2014", "pp 94 2021"). A kind and number without a year
("UU 7") prefers the document in force. "UU ASN" is UU 20/2023 (in force) unless the
year says 2014 ("UU ASN 2014"), because the manifest gives "UU ASN" to UU 20/2023 and
"UU ASN 2014" to UU 5/2014 and the longest alias wins.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Container, Iterable
from dataclasses import dataclass

from corpus import ids, kinds
from corpus.ids import Step, UnitId
from corpus.manifest import DocumentMeta, Manifest
from ingest.labels import FORMULA
from qa.normalize import normalize_input


def _kind_rewrites() -> list[tuple[re.Pattern[str], str]]:
    """Every name of a kind -> its short form as one token ("peraturan bawaslu" -> " perbawaslu "),
    the longest names first, so "peraturan pemerintah pengganti undang-undang" is a Perppu."""
    rewrites = []
    for kind in kinds.KINDS:
        token = kind.short.lower()
        for name in kind.names:
            if name.lower() != token:
                words = [re.escape(w).replace(r"\-", r"[\s-]*") for w in name.lower().split()]
                rewrites.append((len(name), re.compile(r"\s+".join(words)), f" {token} "))
    return [(pattern, token) for _, pattern, token in sorted(rewrites, key=lambda r: -r[0])]


# Words normalized before matching, so "Undang-Undang Nomor 5 Tahun 2014" == "UU 5/2014".
_REWRITES = (
    *_kind_rewrites(),
    (re.compile(r"republik\s+indonesia"), " "),
    (re.compile(r"\b(?:nomor|nomer|no|tahun|thn|th)\b\.?"), " "),
    (re.compile(r"[/,;:?!\"'“”]"), " "),
    (re.compile(r"\.(?=\s|$)"), " "),
)
_KIND_WORDS = {kind.short.lower(): kind.name for kind in kinds.KINDS}
_GENERIC_DOC = re.compile(rf"\b({'|'.join(map(re.escape, _KIND_WORDS))})\s+(\d+)(?:\s+((?:19|20)\d\d))?\b")
_PROVISION = re.compile(
    r"\b(?P<penjelasan>penjelasan\s+)?pasal\s+(?P<pasal>\d+[a-z]?|[ivx]+)\b"
    r"(?:\s*(?:ayat\s*\(?\s*(?P<ayat>\d+)\s*\)?|\(\s*(?P<ayat2>\d+)\s*\)))?"
    r"(?:\s*huruf\s+\(?(?P<huruf>[a-z]{1,2})\b\)?)?"
    r"(?:\s*angka\s+(?P<angka>\d+)\b)?"
)


_GENERAL_EXPLANATION = re.compile(r"\bpenjelasan\s+umum\b")

_WRITTEN = {"pasal": "Pasal {}", "ayat": "ayat ({})", "huruf": "huruf {}", "angka": "angka {}"}


@dataclass(frozen=True)
class Reference:
    """One provision named in a question; ``doc_ids`` are candidates, preferred first."""

    doc_ids: tuple[str, ...]
    pasal: str
    ayat: str | None = None
    huruf: str | None = None
    angka: str | None = None
    penjelasan: bool = False

    def steps(self) -> tuple[Step, ...]:
        """The steps below the document: Pasal 87 ayat (4) huruf c -> pasal 87, ayat 4, huruf c."""
        levels = (("pasal", self.pasal), ("ayat", self.ayat), ("huruf", self.huruf), ("angka", self.angka))
        return tuple(Step(kind, number) for kind, number in levels if number)

    def label(self) -> str:
        """How a citation writes it, without the document: "Penjelasan Pasal 87 ayat (4) huruf c"."""
        parts = [_WRITTEN[step.kind].format(step.number) for step in self.steps()]
        return ("Penjelasan " if self.penjelasan else "") + " ".join(parts)

    def unit_id(self, doc_id: str) -> str:
        """The id this reference names in document ``doc_id``: ``uu-5-2014/pasal-87/ayat-4/huruf-c``."""
        uid = UnitId(doc_id, self.steps())
        return str(uid.explanation if self.penjelasan else uid)


@functools.lru_cache(maxsize=4096)  # every question normalizes every document name of the manifest
def normalize(text: str) -> str:
    # Parsed input may come straight from a paste (``rujukan search``), not via clean_question.
    text = f" {normalize_input(text).lower()} "
    for pattern, replacement in _REWRITES:
        text = pattern.sub(replacement, text)
    return re.sub(r"\s+", " ", text).strip()


def _in_force_first(docs: Iterable[DocumentMeta], manifest: Manifest) -> list[DocumentMeta]:
    revoked = {r for d in manifest.documents for r in d.revokes}
    return sorted(docs, key=lambda d: (d.id in revoked, -d.year))


def find_documents(query: str, manifest: Manifest) -> list[tuple[int, int, tuple[str, ...]]]:
    """Document mentions in the normalized query: (start, end, candidate doc ids)."""
    text = normalize(query)
    taken = [False] * len(text)
    found: list[tuple[int, int, tuple[str, ...]]] = []

    def claim(start: int, end: int) -> bool:
        if any(taken[start:end]):
            return False
        taken[start:end] = [True] * (end - start)
        return True

    names: list[tuple[str, str]] = []
    for doc in manifest.documents:
        for name in (doc.short_name, *doc.aliases):
            if normalize(name):  # a pending document may have no short name yet
                names.append((normalize(name), doc.id))
    # Longest first, so "uu asn 2014" beats "uu asn".
    for name, doc_id in sorted(names, key=lambda n: -len(n[0])):
        for m in re.finditer(rf"(?<![\w]){re.escape(name)}(?![\w])", text):
            if claim(m.start(), m.end()):
                found.append((m.start(), m.end(), (doc_id,)))
    for m in _GENERIC_DOC.finditer(text):
        kind, number, year = _KIND_WORDS[m.group(1)], m.group(2), m.group(3)
        docs = [
            d
            for d in manifest.documents
            if d.kind == kind and d.number == number and (year is None or d.year == int(year))
        ]
        if docs and claim(m.start(), m.end()):
            found.append((m.start(), m.end(), tuple(d.id for d in _in_force_first(docs, manifest))))
    return sorted(found)


def parse_references(query: str, manifest: Manifest) -> list[Reference]:
    """Provisions named in ``query``, each tied to the nearest document mention.

    A provision without any document mention gets no candidates (``doc_ids == ()``);
    :func:`resolve` may then try documents given by the caller (e.g. a filter).
    """
    text = normalize(query)
    docs = find_documents(query, manifest)
    # The amending law of a citation formula ("Pasal 71 UU 1/2015 sebagaimana telah diubah terakhir
    # dengan UU 10/2016", in any wording) names no provision's document: the law before it does.
    after_formula = {m.end() for m in FORMULA.finditer(text)}
    docs = [d for d in docs if d[0] not in after_formula] or docs
    refs: list[Reference] = []
    for m in _PROVISION.finditer(text):
        pasal = m.group("pasal")
        # "7a" -> "7A"; roman numerals of amending laws ("Pasal I") are upper case.
        pasal = pasal.upper() if re.fullmatch(r"[ivx]+", pasal) else pasal[:-1] + pasal[-1].upper()
        candidates: tuple[str, ...] = ()
        if docs:
            # Nearest mention; on a tie the one after ("Pasal 71 UU 10/2016, UU 8/2015 ...").
            def distance(doc: tuple[int, int, tuple[str, ...]]) -> tuple[int, int]:
                start, end, _ = doc
                return (start - m.end(), 0) if start >= m.end() else (m.start() - end, 1)

            candidates = min(docs, key=distance)[2]
        refs.append(
            Reference(
                doc_ids=candidates,
                pasal=pasal,
                ayat=m.group("ayat") or m.group("ayat2"),
                huruf=m.group("huruf"),
                angka=m.group("angka"),
                penjelasan=bool(m.group("penjelasan")),
            )
        )
    return refs


def general_explanations(query: str, manifest: Manifest) -> list[tuple[str, ...]]:
    """The general Penjelasan named in ``query``, one tuple of candidate ids per mention
    ("Penjelasan Umum UU 1/2015" -> ``("uu-1-2015/penjelasan-umum",)``), each tied to the nearest
    document mention (candidates in the order :func:`find_documents` prefers); a "Penjelasan
    Umum" without a document names none."""
    text = normalize(query)
    docs = find_documents(query, manifest)
    out: list[tuple[str, ...]] = []
    for m in _GENERAL_EXPLANATION.finditer(text):
        if not docs:
            break
        nearest = min(docs, key=lambda d: (d[0] - m.end(), 0) if d[0] >= m.end() else (m.start() - d[1], 1))
        candidates = tuple(ids.general_explanation(doc_id) for doc_id in nearest[2])
        if candidates not in out:
            out.append(candidates)
    return out


def resolve_general(candidates: tuple[str, ...], unit_ids: Container[str]) -> str | None:
    """The first of a general Penjelasan's candidate ids (:func:`general_explanations`) that
    exists. Unlike a Pasal, it is never looked up in an amended law: an amending law's
    Penjelasan Umum is its own."""
    return next((uid for uid in candidates if uid in unit_ids), None)


def resolve(
    ref: Reference,
    unit_ids: Container[str],
    manifest: Manifest,
    default_docs: Iterable[str] = (),
) -> str | None:
    """The unit id ``ref`` names, if it exists in ``unit_ids``; never a guess.

    A provision asked of an amending law that the amending law does not itself contain
    ("UU 10/2016 Pasal 71") is looked up in the law it amends, where consolidation keeps
    the amended text ("Pasal 71 UU 1/2015 sebagaimana telah beberapa kali diubah terakhir dengan UU 6/2020").
    """
    docs = list(ref.doc_ids) or list(default_docs)
    for doc_id in docs:
        if ref.unit_id(doc_id) in unit_ids:
            return ref.unit_id(doc_id)
    for doc_id in docs:
        if doc_id in manifest:
            for base in manifest.get(doc_id).amends:
                if ref.unit_id(base) in unit_ids:
                    return ref.unit_id(base)
    return None


def resolve_all(
    query: str,
    unit_ids: Container[str],
    manifest: Manifest,
    default_docs: Iterable[str] = (),
) -> list[str]:
    """Unit ids of all provisions named in ``query`` that exist, in order, without repeats; the
    general Penjelasan it names ("Penjelasan Umum UU 1/2015") after them."""
    out: list[str] = []
    found = [resolve(ref, unit_ids, manifest, default_docs) for ref in parse_references(query, manifest)]
    found += [resolve_general(candidates, unit_ids) for candidates in general_explanations(query, manifest)]
    for unit_id in found:
        if unit_id and unit_id not in out:
            out.append(unit_id)
    return out
