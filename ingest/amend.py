"""Consolidate amended laws: the text in force of every article, with its history.

An Indonesian amending law ("Undang-Undang tentang Perubahan atas ...") changes its base law
through "Pasal I" and numbered changes ("angka"). Each angka is one instruction:

- ``26. Ketentuan Pasal 70 diubah, sehingga berbunyi sebagai berikut:`` followed by the whole new
  Pasal 70 (also used for "ayat (2) dihapus", "disisipkan 1 (satu) huruf", "ditambah 1 (satu) ayat":
  whenever the body quotes a ``Pasal N`` heading, that Pasal is re-enacted in full);
- ``12. Di antara Pasal 40 dan Pasal 41 disisipkan 1 (satu) pasal, yakni Pasal 40A ...``;
- ``63. Ketentuan Pasal 196 dihapus.``;
- ``49. Ketentuan Pasal 71 tetap, dengan perubahan penjelasan Pasal 71 ayat (2) ...``: only the
  Penjelasan changes; the new Penjelasan stands in the amending law's "Penjelasan Pasal I".

:func:`consolidate` replays the amending laws of each base law oldest first and rewrites the base
law's units so that they carry the text in force. The consolidated law keeps the base law's ids
(``uu-1-2015/pasal-70/ayat-1``); the instructions stay citable as units of the amending law
(``uu-10-2016/pasal-I/angka-26``).

Status, decided once here and used by :mod:`ingest.status` too:

- ``berlaku``: the unit's own text is in force. A consolidated unit whose text an amendment
  changed is ``berlaku`` (its ``history`` shows every version, oldest first, the last one in
  force; ``status_note`` says which instruction last changed it; ``status_source`` is that instruction).
- ``diubah``: a stale unit, whose own text is no longer in force because a later law changed it.
  Only instruction units of an amending law become stale (``uu-8-2015/pasal-I/angka-48`` quotes a
  Pasal 70 that ``uu-10-2016/pasal-I/angka-26`` later replaced); ``status_source`` names the
  later instruction. Children of an article that vanished in a rewrite are not kept as units:
  their text lives in the article's history.
- ``dicabut``: nothing of the unit is in force. A Pasal deleted by "Pasal X dihapus" keeps its id,
  its text in force becomes "Dihapus.", the old text stays in ``history``; so does an ayat or
  huruf re-enacted as "(2) Dihapus." / "d. dihapus;". A revoked law (:mod:`ingest.status`) is
  ``dicabut`` as a whole. The retrieval filter "in force only" drops ``dicabut``; stale
  ``diubah`` units should be dropped or ranked below their successor too.

History (``Unit.history``, oldest first, the last one in force): one :class:`Version` per law that
enacted the provision. ``change`` is "asli" (the base law; its source is the unit itself),
"diubah", "disisipkan", "dihapus", "penjelasan diubah" (only the Penjelasan changed), or "tetap"
(the Pasal was re-enacted in full and this ayat or huruf kept its words). The source of an
amendment is the instruction (``uu-10-2016/pasal-I/angka-26``, "Pasal I angka 26 UU 10/2016");
of a new Penjelasan, the amending law's Penjelasan of that angka when the parser made that unit.
Unchanged units get a one-version history, so every unit's last version is its text.

Labels follow Indonesian practice: the law is named one way, with the citation formula built from
its whole chain of amending laws in the manifest (:func:`ingest.labels.formula`), on every unit,
changed or not: "Pasal 188 UU 1/2015 sebagaimana telah beberapa kali diubah terakhir dengan UU 6/2020".
Which law changed the provision is said on the unit instead: ``status_note`` "diubah terakhir oleh
Pasal I angka 27 UU 10/2016" ("disisipkan oleh ...", "dihapus oleh ...", "penjelasannya diubah oleh
..."; "diubah oleh UU 6/2020; teks perubahan tidak ada di korpus" for a change whose text the corpus
lacks). Each version of the history carries the dates of the law that enacted it (manifest
``enacted``/``promulgated``). Full labels use the manifest's ``citation`` names.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from corpus import ids
from corpus.coverage import Coverage
from corpus.ids import UnitId
from corpus.manifest import DocumentMeta, Manifest
from ingest import labels
from ingest.model import Line, ParsedDocument, ParseReport, Unit, Version
from ingest.parse import parse_pasal_blocks, parse_penjelasan_block
from ingest.references import resolve_references

log = logging.getLogger(__name__)

DELETED_TEXT = "Dihapus."

_PASAL_HEAD = re.compile(r"^\s*Pasal\s+(\d+[A-Z]?)\s*$")
# An instruction begins with its angka and one of the drafting openings of Lampiran II UU 12/2011.
_OPENING = r"(?:Ketentuan|Di\s*antara|Diantara|Pasal|BAB|Bab|Judul|Penjelasan|Lampiran|Setelah|Bagian|Paragraf)"
_INSTR_START = re.compile(rf"^\s*(\d{{1,3}})\s*\.\s+(?={_OPENING}\b)")
_INSTR_VERB = re.compile(r"\b(diubah|disisipkan|dihapus|ditambah(?:kan)?|tetap)\b", re.I)
_PASAL_REF = re.compile(r"\bPasal\s+(\d+[A-Z]?)\b")
_PASAL_RANGE = re.compile(r"\bPasal\s+(\d+)([A-Z]?)\s+sampai\s+dengan\s+Pasal\s+(\d+)([A-Z]?)\b")
_ANCHOR = re.compile(r"Di\s*antara\s+Pasal\s+(\d+[A-Z]?)\s+dan\s+Pasal\s+(\d+[A-Z]?)", re.I)


# --------------------------------------------------------------------------------------------
# Reading instructions


@dataclass
class Instruction:
    """One numbered change ("angka") of Pasal I of an amending law."""

    angka: str  # "26"
    doc_id: str  # the amending law, "uu-10-2016"
    source_id: str  # "uu-10-2016/pasal-I/angka-26"
    source_label: str  # "Pasal I angka 26 UU 10/2016"
    sentence: str  # "Ketentuan Pasal 70 diubah, sehingga berbunyi sebagai berikut:"
    action: str  # "ubah" (body re-enacts whole Pasal), "hapus", "penjelasan", "bab", "lainnya"
    targets: list[str] = field(default_factory=list)  # Pasal numbers the sentence names
    anchor: str | None = None  # "40" in "Di antara Pasal 40 dan Pasal 41 disisipkan"
    body: list[str] = field(default_factory=list)  # quoted lines after the sentence
    ocr_suspect: list[str] = field(default_factory=list)  # OCR-suspect words of the instruction's units


def source_id(doc_id: str, angka: str) -> str:
    return ids.unit_id(doc_id, (("pasal", "I"), ("angka", angka)))


def source_label(meta: DocumentMeta, angka: str) -> str:
    return f"Pasal I angka {angka} {meta.short_name}"


def _texts(lines: Iterable[Line | str]) -> list[str]:
    return [ln.text if isinstance(ln, Line) else str(ln) for ln in lines]


def _pasal_targets(sentence: str) -> list[str]:
    """Pasal numbers a sentence names, with "Pasal 100 sampai dengan Pasal 102" expanded."""
    found: list[str] = []
    for m in _PASAL_RANGE.finditer(sentence):
        lo, lo_sfx, hi, hi_sfx = m.groups()
        if not lo_sfx and not hi_sfx:
            found.extend(str(n) for n in range(int(lo), int(hi) + 1))
        elif lo == hi and lo_sfx and hi_sfx:  # "Pasal 178A sampai dengan Pasal 178H"
            found.extend(f"{lo}{chr(c)}" for c in range(ord(lo_sfx), ord(hi_sfx) + 1))
    for num in _PASAL_REF.findall(sentence):
        if num not in found:
            found.append(num)
    return found


def _join(lines: str | Sequence[Line | str]) -> str:
    return lines if isinstance(lines, str) else "\n".join(_texts(lines))


# A quoted Pasal heading inside running text: at the start, or after the end of a sentence, and
# followed by an ayat or a capital ("... rupiah). Pasal 182B Seorang majikan ..."); references
# ("dimaksud dalam Pasal 40 merupakan") follow a lower-case word and are left alone.
_INLINE_HEAD = re.compile(r"(?:(?<=^)|(?<=[.;:)]\s)|(?<=:))\s*Pasal\s+(\d+[A-Z]?)\s+(?=\(\d|[A-Z])", re.M)


def heading_lines(body: str) -> list[str]:
    """Body text as lines with every quoted Pasal heading on a line of its own."""
    out: list[str] = []
    for line in body.split("\n"):
        pos = 0
        for m in _INLINE_HEAD.finditer(line):
            out.append(line[pos : m.start()])
            out.append(f"Pasal {m.group(1)}")
            pos = m.end()
        out.append(line[pos:])
    return [t.strip() for t in out if t.strip()]


def parse_instruction(
    angka: str, lines: str | Sequence[Line | str], meta: DocumentMeta, unit_id: str | None = None
) -> Instruction:
    """Classify one angka from its text: the instruction sentence, then the quoted text.

    ``lines`` may keep the source's line breaks or be one string (unit texts join lines with
    spaces); the sentence ends at "sebagai berikut:" where there is quoted text.
    """
    text = _INSTR_START.sub("", _join(lines).strip(), count=1).strip()
    if not text:
        raise ValueError(f"{meta.id}: angka {angka} has no text")
    m = re.match(r"(.*?\bberikut\s*:?)(.*)$", text, re.S)
    sentence, rest = (m.group(1), m.group(2)) if m else (text, "")
    sentence = " ".join(sentence.split())
    body = heading_lines(rest)
    lowered = sentence.lower()
    heads = [h.group(1) for t in body if (h := _PASAL_HEAD.match(t))]
    anchor_m = _ANCHOR.search(sentence)
    if re.match(r"(?i)^(bab|bagian|paragraf|judul)\b", sentence):
        action = "bab"
    elif "tetap" in lowered and "penjelasan" in lowered:
        action = "penjelasan"
    elif heads:
        action = "ubah"
    elif re.search(r"\bdihapus\b", lowered) and not body:
        action = "hapus"
    elif body and _pasal_targets(sentence):
        action = "ubah"  # quoted ayat or huruf without a Pasal heading: merged into the Pasal
    else:
        action = "lainnya"
    return Instruction(
        angka=str(angka),
        doc_id=meta.id,
        source_id=unit_id or source_id(meta.id, str(angka)),
        source_label=source_label(meta, str(angka)),
        sentence=sentence,
        action=action,
        targets=heads if heads else _pasal_targets(sentence),
        anchor=anchor_m.group(1) if anchor_m else None,
        body=body,
    )


_INSTR_ANY = re.compile(rf"(?:(?<=^)|(?<=\s))(\d{{1,3}})\s*\.\s+(?={_OPENING}\b)", re.M)


def split_instructions(lines: str | Sequence[Line | str], first: int = 1) -> list[tuple[str, str]]:
    """Split the text of Pasal I into its numbered changes: ``[(angka, text), ...]``.

    Accepts the lines of the whole amending law, or the text of Pasal I alone (with or without
    line breaks). Angka run 1, 2, 3, ...: a number starts a change only if it is the next one and
    an instruction (opening word and verb) follows, so numbered points inside quoted text
    ("1. pelaksanaan pengawasan ...") stay quoted text. Text copies sometimes glue a change to
    the end of the previous line ("... Rp96.000.000,00 56. Di antara Pasal 182 ..."); that is
    found too.
    """
    text = _join(lines)
    head = re.search(r"^\s*Pasal\s+I\s*$", text, re.M)
    if head:
        text = text[head.end() :]
    end = re.search(r"^\s*Pasal\s+II\s*$", text, re.M)
    if end:
        text = text[: end.start()]
    starts: list[tuple[str, int, int]] = []  # (angka, marker start, text start)
    expected = first
    for m in _INSTR_ANY.finditer(text):
        if int(m.group(1)) != expected:
            continue
        if not _INSTR_VERB.search(text[m.end() : m.end() + 400].split("berikut")[0]):
            continue
        starts.append((m.group(1), m.start(), m.end()))
        expected += 1
    out = []
    for i, (n, _, begin) in enumerate(starts):
        stop = starts[i + 1][1] if i + 1 < len(starts) else len(text)
        out.append((n, text[begin:stop].strip()))
    return out


def read_instructions(lines: str | Sequence[Line | str], meta: DocumentMeta) -> list[Instruction]:
    """All numbered changes of an amending law, read from its lines or the text of Pasal I."""
    return [parse_instruction(n, body, meta) for n, body in split_instructions(lines)]


@dataclass
class PenjelasanChange:
    pasal: str
    angka: str | None
    text: str
    source_id: str | None = None  # the amending law's Penjelasan unit, where the parser made one
    ocr_suspect: list[str] = field(default_factory=list)  # OCR-suspect words of that unit


# "Pasal 70 Cukup jelas. Angka 27 Pasal 71 Ayat (1) ...": headings of the Penjelasan of Pasal I,
# on their own lines or glued into running text after a sentence end.
_PJ_HEAD = re.compile(
    r"(?:(?<=^)|(?<=[.;:”\")]\s)|(?<=\bjelas\s)|(?<=\bDihapus\s))"
    r"(?:Angka\s+(?P<angka>\d{1,3})\s+)?Pasal\s+(?P<pasal>\d+[A-Z]?)\b(?=\s|$)"
    r"(?!\s+(?:ayat|huruf|angka|Undang|dan|atau|sampai|sebagaimana|yang)\b)",
    re.M,
)
_PJ_TRAILING_ANGKA = re.compile(r"\s*\bAngka\s+\d{1,3}\s*$")


def read_penjelasan_changes(lines: str | Sequence[Line | str]) -> dict[str, PenjelasanChange]:
    """The new Penjelasan of each Pasal, from "Penjelasan Pasal I" of an amending law.

    ``lines`` may be the whole amending law (the Penjelasan follows its second ``Pasal I``
    heading), or only the Penjelasan of Pasal I or of one angka. An "Angka N" marker belongs to
    the heading after it, not to the text before it.
    """
    text = _join(lines)
    heads = list(re.finditer(r"^\s*Pasal\s+I\s*$", text, re.M))
    if len(heads) >= 2:
        text = text[heads[-1].end() :]
    end = re.search(r"^\s*Pasal\s+II\s*$", text, re.M)
    if end:
        text = text[: end.start()]
    out: dict[str, PenjelasanChange] = {}
    marks = list(_PJ_HEAD.finditer(text))
    angka: str | None = None
    for i, m in enumerate(marks):
        if m.group("angka"):
            angka = m.group("angka")
        else:  # a bare "Angka N" line before the heading
            before = re.search(r"\bAngka\s+(\d{1,3})\s*$", text[: m.start()])
            if before:
                angka = before.group(1)
        stop = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        body = _PJ_TRAILING_ANGKA.sub("", text[m.end() : stop])
        out[m.group("pasal")] = PenjelasanChange(m.group("pasal"), angka, " ".join(body.split()))
    return out


# --------------------------------------------------------------------------------------------
# Parsing quoted Pasal text (adapter over ingest.parse)


def _parse_pasal(lines: list[str], meta: DocumentMeta) -> list[Unit]:
    """Units of one quoted Pasal (heading first) with ids and labels of the base law."""
    units = parse_pasal_blocks([Line(t) for t in lines], meta, id_prefix=meta.id)
    return units or _local_parse_pasal(lines, meta)


_AYAT = re.compile(r"^\((\d+[a-z]?)\)\s*(.*)$")
_HURUF = re.compile(r"^([a-z]\d?)\.\s+(.*)$")
_ANGKA = re.compile(r"^(\d+)\.\s+(.*)$")


def _local_parse_pasal(lines: list[str], meta: DocumentMeta) -> list[Unit]:
    """A small Pasal/ayat/huruf/angka parser, for quoted text in which ``ingest.parse`` finds no Pasal."""
    head = _PASAL_HEAD.match(lines[0]) if lines else None
    if not head:
        raise ValueError(f"{meta.id}: quoted text does not start with a Pasal heading: {lines[:1]}")
    number = head.group(1)
    pasal_id = ids.unit_id(meta.id, (("pasal", number),))
    pasal = Unit(id=pasal_id, doc_id=meta.id, kind="pasal", number=number, label="", short_label="", text="")
    units = [pasal]
    stack: list[Unit] = [pasal]  # pasal > ayat > huruf > angka
    depth = {"pasal": 0, "ayat": 1, "huruf": 2, "angka": 3}
    for raw in lines[1:]:
        t = raw.strip()
        if not t:
            continue
        kind = num = None
        if m := _AYAT.match(t):
            kind, num = "ayat", m.group(1)
        elif m := _HURUF.match(t):
            kind, num = "huruf", m.group(1)
        elif m := _ANGKA.match(t):
            kind, num = "angka", m.group(1)
        if kind is None:
            for u in stack:
                u.text = f"{u.text}\n{t}".strip()
            continue
        while len(stack) > 1 and depth[stack[-1].kind] >= depth[kind]:
            stack.pop()
        parent = stack[-1]
        unit = Unit(
            id=str(UnitId.parse(parent.id).child(kind, num)), doc_id=meta.id, kind=kind, number=num, label="",
            short_label="", text="", parent_id=parent.id,
        )
        units.append(unit)
        stack.append(unit)
        for u in stack:
            u.text = f"{u.text}\n{t}".strip()
    for u in units:
        path = UnitId.parse(u.id).path
        u.short_label = labels.short_label(path, meta.short_name)
        u.label = labels.full_label(path, meta.citation)
    return units


# --------------------------------------------------------------------------------------------
# Consolidation


@dataclass
class _PasalVersion:
    units: list[Unit]  # pasal first, then its descendants; empty when deleted
    doc_id: str
    source_id: str
    source_label: str
    change: str  # "asli", "diubah", "disisipkan", "dihapus"
    ocr_suspect: list[str] = field(default_factory=list)  # OCR-suspect words of the amending text

    @property
    def deleted(self) -> bool:
        return self.change == "dihapus"

    def text_of(self, unit_id: str) -> str | None:
        for u in self.units:
            if u.id == unit_id:
                return u.text
        return None


@dataclass
class _Article:
    number: str
    versions: list[_PasalVersion]
    penjelasan: list[Version] = field(default_factory=list)
    base_penjelasan_units: list[Unit] = field(default_factory=list)
    amended_by: list[str] = field(default_factory=list)  # doc ids, oldest first (body or penjelasan)
    penjelasan_ocr: dict[str, list[str]] = field(default_factory=dict)  # source id -> OCR-suspect words


_ARTICLE_NUMBER = re.compile(r"\d+[A-Z]?")  # the base law's Pasal, not Pasal I of an amending law


def _pasal_of(unit_id: str, doc_id: str) -> str | None:
    """Number of the base-law Pasal ``unit_id`` lies in ("70" for ``<doc>/pasal-70/ayat-1``)."""
    uid = UnitId.parse(unit_id)
    first = uid.steps[0] if uid.steps else None
    ok = uid.doc == doc_id and first and first.kind == "pasal" and _ARTICLE_NUMBER.fullmatch(first.number)
    return first.number if ok else None


def _penjelasan_pasal_of(unit_id: str, doc_id: str) -> str | None:
    """Number of the Pasal whose Penjelasan ``unit_id`` lies in (``<doc>/penjelasan/pasal-70/...``)."""
    uid = UnitId.parse(unit_id)
    if uid.doc != doc_id or not uid.steps or uid.steps[0].kind != "penjelasan":
        return None
    return _pasal_of(str(UnitId(uid.doc, uid.steps[1:])), doc_id)


def _natural(num: str) -> tuple[int, str]:
    m = re.match(r"(\d+)([A-Z]*)", num)
    return (int(m.group(1)), m.group(2)) if m else (10**9, num)


def _amending_laws(base: str, docs: dict[str, ParsedDocument], manifest: Manifest) -> list[DocumentMeta]:
    laws = [m for m in manifest.documents if base in m.amends and m.id in docs]
    return sorted(laws, key=lambda m: (m.enacted or f"{m.year}-99", m.year, int(re.sub(r"\D", "", m.number) or 0)))


def _scopes(meta: DocumentMeta) -> tuple[UnitId, UnitId]:
    """Where Pasal I of an amending law may stand. A law that enacts a Perppu carries Pasal I in
    its Lampiran, which the parser may file under ``<doc>/penetapan/``: accepted when the plain
    ids are absent."""
    return UnitId(meta.id), UnitId(meta.id, (("penetapan", ""),))


def _numbered(doc: ParsedDocument, meta: DocumentMeta, parent: tuple[tuple[str, str], ...]) -> list[tuple[str, Unit]]:
    """Units ``<doc>/<parent>/angka-N`` sorted by N (in either scope of :func:`_scopes`)."""
    for scope in _scopes(meta):
        above = scope.join(parent)
        found = [
            (uid.number, u) for u in doc.units
            if (uid := UnitId.parse(u.id)).parent == above and uid.kind == "angka" and uid.number.isdigit()
        ]
        if found:
            return sorted(found, key=lambda p: int(p[0]))
    return []


def instructions_of(doc: ParsedDocument, meta: DocumentMeta) -> list[Instruction]:
    """The instructions of an amending law, from its parsed units.

    Prefers the ``pasal-I/angka-N`` units (one per change); otherwise splits the text of
    ``pasal-I``.
    """
    angka_units = _numbered(doc, meta, (("pasal", "I"),))
    if angka_units:
        known = {n: u for n, u in angka_units}
        texts: dict[str, tuple[str, str]] = {}  # angka -> (text, unit id)
        for n, u in angka_units:
            # A change glued to the end of the previous one ("... Rp96.000.000,00 56. Di antara
            # Pasal 182 ...") may have stayed inside that unit: split it off, and join it to the
            # unit that holds the rest of that change (its quoted Pasal), if there is one.
            pieces = split_instructions(f"{n}. {u.text}", first=int(n)) or [(n, u.text)]
            for number, text in pieces:
                if number == n:
                    before = texts.get(n, ("", u.id))[0]  # the sentence split off the unit before
                    texts[n] = (f"{before} {text}".strip(), u.id)
                elif number in known and re.match(r"Pasal\s+\d+[A-Z]?\s+(?=\(|[A-Z])", known[number].text):
                    texts[number] = (text, known[number].id)
                elif number not in known:
                    texts[number] = (text, str(UnitId.parse(u.id).parent.child("angka", number)))
        out = [parse_instruction(n, t, meta, uid) for n, (t, uid) in sorted(texts.items(), key=lambda p: int(p[0]))]
        for ins in out:  # the consolidated text comes from these units: so do their OCR doubts
            ins.ocr_suspect = sorted({w for u in doc.units if ids.contains(ins.source_id, u.id) for w in u.ocr_suspect})
        return out
    articles = {str(scope.child("pasal", "I")) for scope in _scopes(meta)}
    pasal_i = next((u for u in doc.units if u.id in articles), None)
    return read_instructions(pasal_i.text, meta) if pasal_i is not None else []


def penjelasan_changes_of(doc: ParsedDocument, meta: DocumentMeta) -> dict[str, PenjelasanChange]:
    """The new Penjelasan of each Pasal, from the amending law's Penjelasan of Pasal I.

    Uses ``penjelasan/pasal-I/angka-N`` units where the parser made them, else the text of
    ``penjelasan/pasal-I``.
    """
    out: dict[str, PenjelasanChange] = {}
    for n, u in _numbered(doc, meta, (("penjelasan", ""), ("pasal", "I"))):
        for pasal, change in read_penjelasan_changes(u.text).items():
            out[pasal] = PenjelasanChange(pasal, n, change.text, u.id, list(u.ocr_suspect))
    if not out:
        tops = {str(scope.child("pasal", "I").explanation) for scope in _scopes(meta)}
        top = next((u for u in doc.units if u.id in tops), None)
        if top is not None:
            out = read_penjelasan_changes(top.text)
    return out


def _changed_by(verb: str, source_label: str, again: bool) -> str:
    """The status line of a changed provision: "diubah terakhir oleh Pasal I angka 27 UU 10/2016"."""
    return f"{verb}{' terakhir' if again else ''} oleh {source_label.removeprefix('Penjelasan ')}"


def _base_articles(base: ParsedDocument, meta: DocumentMeta) -> tuple[dict[str, _Article], list[str], list[Unit], list[Unit]]:
    """Group the base law's units per Pasal; return articles, Pasal order, other units, penjelasan-less rest."""
    articles: dict[str, _Article] = {}
    order: list[str] = []
    others: list[Unit] = []
    penj: dict[str, list[Unit]] = {}
    grouped: dict[str, list[Unit]] = {}
    for u in sorted(base.units, key=lambda u: u.order):
        if (p := _pasal_of(u.id, meta.id)) is not None:
            if p not in grouped:
                grouped[p] = []
                order.append(p)
            grouped[p].append(u)
        elif (p := _penjelasan_pasal_of(u.id, meta.id)) is not None:
            penj.setdefault(p, []).append(u)
        else:
            others.append(u)
    for p in order:
        units = grouped[p]
        head = units[0]
        art = _Article(
            p,
            [_PasalVersion(units, meta.id, head.id, head.short_label, "asli")],
        )
        if p in penj:
            top = penj[p][0]
            art.base_penjelasan_units = penj.pop(p)
            art.penjelasan.append(Version(top.text, meta.id, top.id, top.short_label, "asli"))
        articles[p] = art
    stray = [u for us in penj.values() for u in us]  # Penjelasan of Pasal the body lacks
    return articles, order, others, stray


def _merge_partial(current: _PasalVersion, instr: Instruction, number: str, meta: DocumentMeta) -> list[Unit]:
    """Quoted ayat or huruf without a Pasal heading: replace or insert them in the current Pasal."""
    quoted = _parse_pasal([f"Pasal {number}", *instr.body], meta)
    new_ids = {u.id: u for u in quoted[1:]}
    merged: list[Unit] = []
    seen: set[str] = set()
    for u in current.units[1:]:
        if u.id in new_ids:
            merged.append(new_ids[u.id])
            seen.add(u.id)
        elif not any(ids.contains(nid, u.id) for nid in new_ids):
            merged.append(u)
    merged.extend(u for uid, u in new_ids.items() if uid not in seen)
    # Child texts carry no marker of their own ("(2)", "c."): the Pasal's text puts them back.
    markers = {"ayat": "({})", "huruf": "{}.", "angka": "{}."}
    parts = [
        f"{markers.get(u.kind, '{}').format(u.number)} {u.text}".strip()
        for u in merged if u.parent_id == current.units[0].id
    ]
    head = replace(current.units[0], text=" ".join(parts))
    return [head, *merged]


def _split_body(body: list[str]) -> list[tuple[str, list[str]]]:
    blocks: list[tuple[str, list[str]]] = []
    for t in body:
        if m := _PASAL_HEAD.match(t):
            blocks.append((m.group(1), [t.strip()]))
        elif blocks:
            blocks[-1][1].append(t)
    return blocks


def consolidate_law(
    base: ParsedDocument,
    amending: list[tuple[DocumentMeta, list[Instruction], dict[str, PenjelasanChange]]],
    manifest: Manifest,
) -> tuple[ParsedDocument, dict[str, tuple[str, str]]]:
    """Replay the amending laws (oldest first) on ``base``.

    Returns the consolidated base law and, for every instruction unit made stale, the instruction
    that superseded it: ``{stale_source_id: (new_source_id, new_source_label)}``.
    """
    meta = manifest.get(base.doc_id)
    coverage = Coverage.from_dict(base.report.coverage)
    articles, order, others, stray = _base_articles(base, meta)
    warnings: list[str] = []
    # Pasal the base copy does not hold (a partial source): known only from the amending law.
    outside: dict[str, Instruction] = {}
    # Which instruction enacted the current body / Penjelasan of each Pasal, to find stale ones.
    body_source: dict[str, str] = {}
    penj_source: dict[str, str] = {}
    enacted: dict[str, set[str]] = {}  # source_id -> Pasal it enacted (body or Penjelasan)
    superseded: dict[str, dict[str, tuple[str, str]]] = {}  # source_id -> {pasal: later instruction}

    def supersede(old: str | None, number: str, ins: Instruction) -> None:
        if old and old != ins.source_id:
            superseded.setdefault(old, {}).setdefault(number, (ins.source_id, ins.source_label))

    for law, instructions, penjelasan in amending:
        touched: dict[str, Instruction] = {}
        for ins in instructions:
            if ins.action in ("bab", "lainnya"):
                if ins.action == "lainnya":
                    warnings.append(f"{ins.source_label}: tidak diterapkan ({ins.action}): {ins.sentence[:120]}")
                log.info("%s: not applied (%s): %s", ins.source_label, ins.action, ins.sentence[:120])
                continue
            if ins.action == "penjelasan":
                for p in ins.targets[:1]:
                    touched[p] = ins
                    if body_source.get(p) != penj_source.get(p):
                        supersede(penj_source.get(p), p, ins)
                    penj_source[p] = ins.source_id
                    enacted.setdefault(ins.source_id, set()).add(p)
                continue
            if ins.action == "hapus":
                blocks = [(p, []) for p in ins.targets]
            elif _split_body(ins.body):
                blocks = _split_body(ins.body)
            else:
                blocks = [(ins.targets[0], None)]
            anchor = ins.anchor
            for number, lines in blocks:
                art = articles.get(number)
                if ins.action == "hapus":
                    if art is None:
                        warnings.append(f"{ins.source_label}: Pasal {number} yang dihapus tidak ditemukan")
                        continue
                    version = _PasalVersion([], law.id, ins.source_id, ins.source_label, "dihapus")
                elif lines is None:
                    if art is None:
                        warnings.append(f"{ins.source_label}: Pasal {number} yang diubah tidak ditemukan")
                        continue
                    units = _merge_partial(art.versions[-1], ins, number, meta)
                    version = _PasalVersion(units, law.id, ins.source_id, ins.source_label, "diubah", ins.ocr_suspect)
                else:
                    units = _parse_pasal(lines, meta)
                    previous = next((v for v in reversed(art.versions) if v.units), None) if art else None
                    if previous is not None and not units[0].hierarchy:
                        for u in units:  # a re-enacted Pasal stays in its chapter
                            u.hierarchy = list(previous.units[0].hierarchy)
                    change = "diubah" if art is not None and not art.versions[-1].deleted else "disisipkan"
                    if art is None and coverage is not None and not coverage.holds(number):
                        outside[number] = ins
                        if not _inserts(ins, number):
                            change = "diubah"  # the original exists, outside the part held
                    version = _PasalVersion(units, law.id, ins.source_id, ins.source_label, change, ins.ocr_suspect)
                if art is None:
                    art = articles[number] = _Article(number, [])
                    pos = order.index(anchor) + 1 if anchor in order else None
                    if pos is None:  # no anchor: keep natural order of Pasal numbers
                        pos = next((i for i, p in enumerate(order) if _natural(p) > _natural(number)), len(order))
                    order.insert(pos, number)
                    anchor = number  # the next Pasal of the same instruction follows this one
                supersede(body_source.get(number), number, ins)
                if body_source.get(number) != penj_source.get(number):
                    supersede(penj_source.get(number), number, ins)  # a rewrite brings its own Penjelasan
                art.versions.append(version)
                body_source[number] = penj_source[number] = ins.source_id
                enacted.setdefault(ins.source_id, set()).add(number)
                touched[number] = ins
        # The amending law's Penjelasan replaces the Penjelasan of each Pasal it changed.
        for number, ins in touched.items():
            art = articles.get(number)
            if art is None:
                continue
            change = penjelasan.get(number)
            pj_source = (change.source_id if change else None) or ins.source_id
            pj_label = f"Penjelasan {ins.source_label}"
            if art.versions[-1].deleted and art.versions[-1].source_id == ins.source_id:
                text = change.text if change and change.text else DELETED_TEXT
                art.penjelasan.append(Version(text, law.id, pj_source, pj_label, "dihapus"))
            elif change is not None and change.text:
                kind = "penjelasan diubah" if ins.action == "penjelasan" else "diubah"
                art.penjelasan.append(Version(change.text, law.id, pj_source, pj_label, kind))
                art.penjelasan_ocr[pj_source] = change.ocr_suspect
            elif ins.action == "penjelasan":
                warnings.append(f"{ins.source_label}: Penjelasan baru Pasal {number} tidak ditemukan")
            if law.id not in art.amended_by:
                art.amended_by.append(law.id)

    units = _build_units(meta, manifest, articles, order, others, stray, set(outside))
    for number, ins in outside.items():
        _note_outside(units, meta, number, ins, coverage)
    _resolve_new_references(units, meta, manifest, coverage)
    report = ParseReport(**{**base.report.__dict__})
    report.warnings = [*base.report.warnings, *warnings]
    counts: dict[str, int] = {}
    for u in units:
        counts[u.kind] = counts.get(u.kind, 0) + 1
    report.counts = {**base.report.counts, **counts}
    stale = {
        sid: next(iter(later.values()))
        for sid, later in superseded.items()
        if sid in enacted and enacted[sid] <= set(later)
    }
    return ParsedDocument(base.doc_id, units, report), stale


_DELETED = re.compile(r"(?i)dihapus\s*[.;]?")


def _deleted_by(art: _Article, unit_id: str) -> _PasalVersion:
    """The version whose instruction first gave ``unit_id`` the text "Dihapus."."""
    for v in art.versions:
        text = v.text_of(unit_id)
        if text is not None and _DELETED.fullmatch(text.strip()):
            return v
    return art.versions[-1]


def _inserts(ins: Instruction, number: str) -> bool:
    """Whether the instruction inserts Pasal ``number`` ("disisipkan 1 (satu) pasal, yakni Pasal 568A")."""
    return bool(re.search(r"\bdisisipkan\b[^.]*\bpasal\b", ins.sentence, re.I)) and number in ins.targets


def _note_outside(units: list[Unit], meta: DocumentMeta, number: str, ins: Instruction, coverage: Coverage) -> None:
    """Mark the units of a Pasal the base copy does not hold: their text is known only from ``ins``."""
    held = f"{meta.short_name} di korpus hanya memuat {coverage.range_text()}"
    if _inserts(ins, number):
        note = f"Pasal {number} disisipkan dengan {ins.source_label}; diketahui hanya dari {ins.source_label} ({held})."
    else:
        # "pasal ini": the unit's own label names the provision, with the law's citation formula.
        note = f"Teks asli pasal ini tidak ada di korpus ({held}); teks ini diketahui hanya dari {ins.source_label}."
    for unit in units:
        pasal = UnitId.parse(unit.id).pasal
        if pasal.kind == "pasal" and pasal.number == number:
            unit.coverage_note = note


def _resolve_new_references(units: list[Unit], meta: DocumentMeta, manifest: Manifest, coverage=None) -> None:
    """Resolve references in text that came from amending laws; the original units keep theirs."""
    kept = {u.id: u.refs for u in units if all(v.change == "asli" for v in u.history)}
    resolve_references(units, meta, manifest, coverage=coverage)
    for u in units:
        if u.id in kept:
            u.refs = kept[u.id]


def _child_history(art: _Article, unit_id: str, unknown_original: bool = False) -> list[Version]:
    """The versions of one unit of ``art``; ``unknown_original``: the article's original text is not
    in the corpus, so a unit first seen in an amendment was changed (or kept), not inserted."""
    history: list[Version] = []
    previous: str | None = None
    for v in art.versions:
        text = v.text_of(unit_id)
        if text is None:
            if v.deleted and history:
                history.append(Version(DELETED_TEXT, v.doc_id, v.source_id, v.source_label, "dihapus"))
            previous = None
            continue
        if v.change == "asli":
            change = "asli"
        elif previous is None:
            change = "disisipkan" if v.change == "disisipkan" or not history else "diubah"
            if unknown_original and not history:
                change = v.change
        else:
            change = "diubah" if text != previous else "tetap"
        if v.change == "asli":  # the original is cited as itself: "Pasal 70 ayat (3) UU 1/2015"
            own = next(u for u in v.units if u.id == unit_id)
            history.append(Version(text, v.doc_id, own.id, own.short_label, change))
        else:
            history.append(Version(text, v.doc_id, v.source_id, v.source_label, change))
        previous = text
    return history


def _build_units(
    meta: DocumentMeta,
    manifest: Manifest,
    articles: dict[str, _Article],
    order: list[str],
    others: list[Unit],
    stray: list[Unit],
    outside: set[str] = frozenset(),
) -> list[Unit]:
    body: list[Unit] = []
    penjelasan: list[Unit] = []
    for number in order:
        art = articles[number]
        last = art.versions[-1]
        again = len(art.amended_by) > 1  # the article was changed by more than one law
        if last.deleted:
            prev = next((v for v in reversed(art.versions) if not v.deleted), None)
            head = prev.units[0] if prev else None
            unit = Unit(
                id=ids.unit_id(meta.id, (("pasal", number),)), doc_id=meta.id, kind="pasal", number=number,
                label=f"Pasal {number} {meta.citation}", short_label=f"Pasal {number} {meta.short_name}",
                text=DELETED_TEXT, hierarchy=list(head.hierarchy) if head else [], pages=list(head.pages) if head else [],
                status="dicabut", status_note=_changed_by("dihapus", last.source_label, False), status_source=last.source_id,
            )
            unit.history = [
                Version(v.units[0].text if v.units else DELETED_TEXT, v.doc_id, v.source_id, v.source_label, v.change)
                for v in art.versions
            ]
            body.append(unit)
        else:
            changed = any(v.change != "asli" for v in art.versions)
            for u in last.units:
                new = replace(u, refs=list(u.refs), hierarchy=list(u.hierarchy), pages=list(u.pages))
                if changed or art.amended_by:
                    new.history = _child_history(art, u.id, unknown_original=number in outside)
                    new.status = "berlaku"
                    latest = art.versions[-1] if changed else None
                    if latest is not None:
                        # An inserted provision changed later, or re-enacted with a Pasal, was changed.
                        own = new.history[-1].change
                        verb = "disisipkan" if own == "disisipkan" else "diubah"
                        new.status_note = _changed_by(verb, latest.source_label, again and verb == "diubah")
                        new.status_source = latest.source_id
                        # The text now comes from the amending law: so do its OCR doubts.
                        new.ocr_suspect = sorted({*u.ocr_suspect, *(w for w in latest.ocr_suspect if w in new.text)})
                    else:
                        new.status_note = _changed_by("penjelasannya diubah", art.penjelasan[-1].source_label, again)
                        new.status_source = art.penjelasan[-1].source_id
                else:
                    new.history = [Version(u.text, meta.id, u.id, u.short_label, "asli")]
                if changed and _DELETED.fullmatch(new.text.strip()):
                    # "(2) Dihapus." / "d. dihapus;": the provision keeps its id, nothing is in force.
                    by = _deleted_by(art, u.id)
                    new.status, new.status_note, new.status_source = "dicabut", _changed_by("dihapus", by.source_label, False), by.source_id
                if not new.hierarchy and changed and number not in outside:
                    # Inserted Pasal stand in the chapter of the Pasal before them (unknown outside the part held).
                    new.hierarchy = _hierarchy_before(number, order, articles)
                body.append(new)
        penj_units = _penjelasan_units(meta, art)
        penjelasan.extend(penj_units)
        if art.amended_by:  # point the body at the Penjelasan in force
            by_explains = {pu.explains: pu for pu in penj_units}
            for u in body:
                if _pasal_of(u.id, meta.id) == number:
                    pu = by_explains.get(u.id)
                    u.penjelasan, u.penjelasan_id = (pu.text, pu.id) if pu else (None, None)
    # Keep the document's own order: every article where its original stood, inserted ones
    # right after the article before them; the same for the Penjelasan.
    body_key: dict[str, tuple[float, int]] = {}
    penj_key: dict[str, tuple[float, int]] = {}
    last_body, last_penj, seq_body, seq_penj = -1.0, float(10**9), 0, 0
    for number in order:
        art = articles[number]
        if art.versions[0].change == "asli":
            last_body, seq_body = float(art.versions[0].units[0].order), 0
        else:
            seq_body += 1
        if art.base_penjelasan_units:
            last_penj, seq_penj = float(art.base_penjelasan_units[0].order), 0
        else:
            seq_penj += 1
        body_key[number], penj_key[number] = (last_body, seq_body), (last_penj, seq_penj)
    keyed: list[tuple[tuple[float, int, int], Unit]] = [((float(u.order), -1, 0), u) for u in others]
    keyed += [((*body_key[_pasal_of(u.id, meta.id)], i), u) for i, u in enumerate(body)]
    keyed += [((*penj_key[_penjelasan_pasal_of(u.id, meta.id)], i), u) for i, u in enumerate(penjelasan)]
    keyed += [((float(10**9 + 1), 0, i), u) for i, u in enumerate(stray)]
    units = [u for _, u in sorted(keyed, key=lambda p: p[0])]
    out: list[Unit] = []
    for i, u in enumerate(units):
        if not u.history:
            u = replace(u, history=[Version(u.text, meta.id, u.id, u.short_label, "asli")])
        u.order = i
        out.append(u)
    return out


def _penjelasan_units(meta: DocumentMeta, art: _Article) -> list[Unit]:
    """The Penjelasan in force of one article, split into its parts, each with its history."""
    if not art.penjelasan:
        return []
    if not art.amended_by:
        return [replace(pu, history=[Version(pu.text, meta.id, pu.id, pu.short_label, "asli")]) for pu in art.base_penjelasan_units]
    versions: list[_PasalVersion] = []
    for v in art.penjelasan:
        units = art.base_penjelasan_units if v.change == "asli" and art.base_penjelasan_units else _parse_penjelasan(v.text, art.number, meta)
        versions.append(_PasalVersion(units, v.doc_id, v.source_id, v.source_label, v.change,
                                      art.penjelasan_ocr.get(v.source_id, [])))  # fmt: skip
    tracker = _Article(art.number, versions)
    current = art.penjelasan[-1]
    top = art.base_penjelasan_units[0] if art.base_penjelasan_units else None
    # The original Penjelasan exists but is not in the corpus (a partial copy): a part first seen
    # in an amendment was changed, not inserted, unless the Pasal itself was inserted.
    unknown = not art.base_penjelasan_units and bool(art.versions) and art.versions[0].change != "disisipkan"
    out: list[Unit] = []
    for u in versions[-1].units:
        history = _child_history(tracker, u.id, unknown_original=unknown)
        if u.id == versions[-1].units[0].id:
            history = list(art.penjelasan)  # the top keeps the exact change of every version
        new = replace(
            u, history=history,
            pages=list(u.pages or (top.pages if top else [])),
        )
        if top is not None and new.id == top.id:
            new.parent_id = top.parent_id
        if current.change != "asli":
            deleted = current.change == "dihapus"
            new.status = "dicabut" if deleted else "berlaku"
            again = not deleted and len(art.amended_by) > 1
            new.status_note = _changed_by("dihapus" if deleted else "diubah", current.source_label, again)
            new.status_source = current.source_id
            new.ocr_suspect = sorted({*u.ocr_suspect, *(w for w in versions[-1].ocr_suspect if w in new.text)})
        out.append(new)
    return out


def _parse_penjelasan(text: str, number: str, meta: DocumentMeta) -> list[Unit]:
    """Penjelasan units of one Pasal: the whole, then its "Ayat (1)"/"Huruf a" parts."""
    units = parse_penjelasan_block(text, number, meta, id_prefix=meta.id)
    if units:
        return units
    body = UnitId(meta.id, (("pasal", number),))
    uid = body.explanation
    return [
        Unit(
            id=str(uid), doc_id=meta.id, kind="penjelasan", number=number, label=labels.full_label(uid.path, meta.citation),
            short_label=labels.short_label(uid.path, meta.short_name), text=text, explains=str(body),
        )
    ]


def _hierarchy_before(number: str, order: list[str], articles: dict[str, _Article]) -> list[str]:
    idx = order.index(number)
    for p in reversed(order[:idx]):
        for v in reversed(articles[p].versions):
            if v.units and v.units[0].hierarchy:
                return list(v.units[0].hierarchy)
    return []


def consolidate(docs: dict[str, ParsedDocument], manifest: Manifest) -> dict[str, ParsedDocument]:
    """Give every base law its text in force and history; mark stale amending instructions.

    Documents without amendments in the manifest are returned unchanged. Amending laws keep their
    units (their instructions stay citable); an instruction whose every change a later law replaced
    becomes ``diubah`` with ``status_source`` naming the later instruction. Every unit of an amended
    law is labelled with the law's citation formula and its history is dated, whether or not the
    corpus holds the amending texts.
    """
    out = dict(docs)
    for base_id, base in docs.items():
        if base_id not in manifest or not manifest.amendments(base_id):
            continue
        plan = []
        for law in _amending_laws(base_id, docs, manifest):
            doc = docs[law.id]
            instructions = instructions_of(doc, law)
            if not instructions and law.changes_without_text:
                continue  # its amending text is not in the corpus: noted below, not replayed
            if not instructions:
                log.warning("%s: no instructions found in Pasal I; nothing applied to %s", law.id, base_id)
            plan.append((law, instructions, penjelasan_changes_of(doc, law)))
        consolidated, stale = consolidate_law(base, plan, manifest) if plan else (base, {})
        consolidated = _note_changes_without_text(consolidated, manifest)
        out[base_id] = _with_formula_and_dates(consolidated, manifest)
        for law, instructions, _ in plan:
            out[law.id] = _mark_stale(out[law.id], instructions, stale)
    return out


def _with_formula_and_dates(base: ParsedDocument, manifest: Manifest) -> ParsedDocument:
    """Name the law on every label with its citation formula; date every version of the history."""
    meta = manifest.get(base.doc_id)
    chain = manifest.amendments(base.doc_id)
    short = labels.formula([law.short_name for law in chain])
    full = labels.formula([law.citation for law in chain])
    units = []
    for u in base.units:
        history = [
            replace(v, enacted=manifest.get(v.doc_id).enacted, promulgated=manifest.get(v.doc_id).promulgated)
            if v.doc_id in manifest else v
            for v in u.history
        ]
        units.append(replace(
            u, label=labels.with_formula(u.label, meta.citation, full),
            short_label=labels.with_formula(u.short_label, meta.short_name, short), history=history,
        ))  # fmt: skip
    return ParsedDocument(base.doc_id, units, base.report)


def _note_changes_without_text(base: ParsedDocument, manifest: Manifest) -> ParsedDocument:
    """Say on each Pasal an amending law changed, where the corpus lacks that law's amending text
    (manifest ``changes_without_text``), that the text shown is not the text in force."""
    meta, chain = manifest.get(base.doc_id), manifest.amendments(base.doc_id)
    for law in manifest.documents:
        if base.doc_id not in law.amends or not law.changes_without_text:
            continue
        for number, change in law.changes_without_text:
            if change == "disisipkan":
                base.report.warnings.append(changed_without_text_note(number, change, meta, law, chain))
                continue
            note = changed_without_text_note(number, change, meta, law, chain, named=False)
            for unit in base.units:
                if _pasal_of(unit.id, base.doc_id) == number or _penjelasan_pasal_of(unit.id, base.doc_id) == number:
                    unit.coverage_note = f"{unit.coverage_note}; {note}" if unit.coverage_note else note
                    again = any(v.change != "asli" for v in unit.history)
                    unit.status_note = f"{change}{' terakhir' if again else ''} oleh {law.short_name}; {TEXT_MISSING}"
    return base


TEXT_MISSING = "teks perubahan tidak ada di korpus"


def changed_without_text_note(
    number: str, change: str, meta: DocumentMeta, law: DocumentMeta, chain: Sequence[DocumentMeta],
    named: bool = True,
) -> str:
    """"Pasal 120 UU 1/2015 sebagaimana telah beberapa kali diubah terakhir dengan UU 6/2020 diubah oleh
    UU 6/2020; teks perubahannya tidak ada di korpus ...". ``chain``: the amending laws of ``meta``
    (``Manifest.amendments``), which name the law with its citation formula as every label does.

    ``named=False`` for the note on the provision itself, which names it by its own label
    ("Pasal ini diubah oleh UU 6/2020; ..."): the law is then written once, with its formula.
    """
    provision = labels.short_label((("pasal", number),), meta.short_name)
    provision += labels.formula([amending.short_name for amending in chain])
    head = f"{provision} {change} oleh {law.short_name}" if named else f"Pasal ini {change} oleh {law.short_name}"
    if change == "disisipkan":
        return f"{head}; teksnya tidak ada di korpus (periksa {law.short_name})"
    return (f"{head}; teks perubahannya tidak ada di korpus, jadi teks yang ditampilkan belum memuat perubahan itu "
            f"(periksa {law.short_name})")


def _mark_stale(
    doc: ParsedDocument, instructions: list[Instruction], stale: dict[str, tuple[str, str]]
) -> ParsedDocument:
    """Instruction units whose every Pasal a later law re-enacted or deleted become ``diubah``."""
    own = {ins.source_id for ins in instructions}
    fully = {sid: new for sid, new in stale.items() if sid in own}
    if not fully:
        return doc
    units = []
    for u in doc.units:
        key = next((sid for sid in fully if ids.contains(sid, u.id)), None)
        if key is not None and u.status == "berlaku":
            new_id, new_label = fully[key]
            u = replace(u, status="diubah", status_note=f"diubah dengan {new_label}", status_source=new_id)
        units.append(u)
    return ParsedDocument(doc.doc_id, units, doc.report)
