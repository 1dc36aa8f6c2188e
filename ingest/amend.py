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
  force; ``status_note`` says which instruction enacted it; ``status_source`` is that instruction).
- ``diubah``: a stale unit, whose own text is no longer in force because a later law changed it.
  Only instruction units of an amending law become stale (``uu-8-2015/pasal-I/angka-48`` quotes a
  Pasal 70 that ``uu-10-2016/pasal-I/angka-26`` later replaced); ``status_source`` names the
  later instruction. Children of an article that vanished in a rewrite are not kept as units:
  their text lives in the article's history.
- ``dicabut``: nothing of the unit is in force. A Pasal deleted by "Pasal X dihapus" keeps its id,
  its text in force becomes "Dihapus.", the old text stays in ``history``. A revoked law
  (:mod:`ingest.status`) is ``dicabut`` as a whole. The retrieval filter "in force only" drops
  ``dicabut``; stale ``diubah`` units should be dropped or ranked below their successor too.

Labels follow Indonesian practice, article by article: an article changed (body or Penjelasan) by
one amending law is "Pasal 70 UU 1/2015 sebagaimana telah diubah dengan UU 8/2015"; by two or more,
"... sebagaimana telah diubah terakhir dengan UU 10/2016" (the last one); an unchanged article keeps
its plain label "Pasal 188 UU 1/2015". Full labels use the manifest's ``citation`` names.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from corpus.manifest import DocumentMeta, Manifest
from ingest import labels
from ingest.model import Line, ParsedDocument, ParseReport, Unit, Version

log = logging.getLogger(__name__)

DELETED_TEXT = "Dihapus."

_PASAL_HEAD = re.compile(r"^\s*Pasal\s+(\d+[A-Z]?)\s*$")
_ROMAN_PASAL = re.compile(r"^\s*Pasal\s+([IVXLC]+)\s*$")
# An instruction begins with its angka and one of the drafting openings of Lampiran II UU 12/2011.
_OPENING = r"(?:Ketentuan|Di\s*antara|Diantara|Pasal|BAB|Bab|Judul|Penjelasan|Lampiran|Setelah|Bagian|Paragraf)"
_INSTR_START = re.compile(rf"^\s*(\d{{1,3}})\s*\.\s+(?={_OPENING}\b)")
_INSTR_VERB = re.compile(r"\b(diubah|disisipkan|dihapus|ditambah(?:kan)?|tetap)\b", re.I)
_PASAL_REF = re.compile(r"\bPasal\s+(\d+[A-Z]?)\b")
_PASAL_RANGE = re.compile(r"\bPasal\s+(\d+)([A-Z]?)\s+sampai\s+dengan\s+Pasal\s+(\d+)([A-Z]?)\b")
_ANCHOR = re.compile(r"Di\s*antara\s+Pasal\s+(\d+[A-Z]?)\s+dan\s+Pasal\s+(\d+[A-Z]?)", re.I)
_GLUED_HEAD = re.compile(r"\s+Angka\s+(\d{1,3})\s+Pasal\s+(\d+[A-Z]?)\s+")
_ANGKA_MARK = re.compile(r"(?:^|\s)Angka\s+(\d{1,3})\s*$")


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


def source_id(doc_id: str, angka: str) -> str:
    return f"{doc_id}/pasal-I/angka-{angka}"


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


def parse_instruction(angka: str, lines: Sequence[Line | str], meta: DocumentMeta) -> Instruction:
    """Classify one angka from its lines: the instruction sentence, then the quoted text."""
    texts = [t for t in _texts(lines) if t.strip()]
    if not texts:
        raise ValueError(f"{meta.id}: angka {angka} has no text")
    first = _INSTR_START.sub("", texts[0], count=1).strip()
    body = texts[1:]
    # The sentence may run over several lines until the first quoted Pasal heading or ayat.
    while body and not _PASAL_HEAD.match(body[0]) and not first.rstrip().endswith((":", ".")):
        first = f"{first} {body.pop(0).strip()}"
    lowered = first.lower()
    heads = [m.group(1) for t in body if (m := _PASAL_HEAD.match(t))]
    anchor_m = _ANCHOR.search(first)
    if re.match(r"(?i)^(bab|bagian|paragraf|judul)\b", first):
        action = "bab"
    elif "tetap" in lowered and "penjelasan" in lowered:
        action = "penjelasan"
    elif heads:
        action = "ubah"
    elif re.search(r"\bdihapus\b", lowered) and not body:
        action = "hapus"
    elif body and len(_pasal_targets(first)) >= 1:
        action = "ubah"  # quoted ayat or huruf without a Pasal heading: merged into the Pasal
    else:
        action = "lainnya"
    return Instruction(
        angka=str(angka),
        doc_id=meta.id,
        source_id=source_id(meta.id, str(angka)),
        source_label=source_label(meta, str(angka)),
        sentence=first,
        action=action,
        targets=_pasal_targets(first) if action != "ubah" or not heads else heads,
        anchor=anchor_m.group(1) if anchor_m else None,
        body=body,
    )


def split_instructions(lines: Sequence[Line | str]) -> list[tuple[str, list[str]]]:
    """Split the text of Pasal I into its numbered changes: ``[(angka, lines), ...]``.

    Accepts the lines of the whole amending law or of Pasal I alone. Angka run 1, 2, 3, ...;
    a line is a new instruction only if it carries the next number and an instruction opening,
    so numbered points inside quoted text ("1. pelaksanaan pengawasan ...") stay quoted text.
    Some text copies glue an instruction to the end of the previous line ("... Rp96.000.000,00
    56. Di antara Pasal 182 ..."); those lines are split before the number.
    """
    texts = _texts(lines)
    start = 0
    for i, t in enumerate(texts):
        if _ROMAN_PASAL.match(t) and _ROMAN_PASAL.match(t).group(1) == "I":
            start = i + 1
            break
    out: list[tuple[str, list[str]]] = []
    expected = 1
    for t in texts[start:]:
        if (m := _ROMAN_PASAL.match(t)) and m.group(1) != "I":
            break  # Pasal II: the amending law's own closing provisions
        pieces = [t]
        glued = re.search(rf"\s({expected})\s*\.\s+(?={_OPENING}\b)", t)
        if glued and not _INSTR_START.match(t):
            pieces = [t[: glued.start()], t[glued.start() + 1 :]]
        for piece in pieces:
            m = _INSTR_START.match(piece)
            if m and int(m.group(1)) == expected and _INSTR_VERB.search(piece):
                out.append((m.group(1), [piece]))
                expected += 1
            elif out:
                out[-1][1].append(piece)
    return out


def read_instructions(lines: Sequence[Line | str], meta: DocumentMeta) -> list[Instruction]:
    """All numbered changes of an amending law, read from its lines."""
    return [parse_instruction(n, body, meta) for n, body in split_instructions(lines)]


@dataclass
class PenjelasanChange:
    pasal: str
    angka: str | None
    text: str


def read_penjelasan_changes(lines: Sequence[Line | str]) -> dict[str, PenjelasanChange]:
    """The new Penjelasan of each Pasal, from "Penjelasan Pasal I" of an amending law.

    The lines may be the whole Penjelasan (headings ``Pasal I``, ``Angka 1``, ``Pasal 7``, ...) or
    only the part under Pasal I. "Angka N" markers glued to the end of a text line belong to the
    next heading, not to the text.
    """
    texts: list[str] = []
    for t in _texts(lines):
        # "Cukup jelas. Angka 49 Pasal 71 Ayat (1) ...": a heading glued into a text line.
        while m := _GLUED_HEAD.search(t):
            texts.extend([t[: m.start()], f"Angka {m.group(1)}", f"Pasal {m.group(2)}"])
            t = t[m.end() :]
        texts.append(t)
    # Start after the last "Pasal I" heading: the first one is in the body, the last in Penjelasan.
    starts = [i for i, t in enumerate(texts) if (m := _ROMAN_PASAL.match(t)) and m.group(1) == "I"]
    begin = starts[-1] + 1 if starts else 0
    out: dict[str, PenjelasanChange] = {}
    angka: str | None = None
    current: str | None = None
    buf: list[str] = []

    def flush() -> None:
        if current is not None:
            out[current] = PenjelasanChange(current, cur_angka, "\n".join(buf).strip())

    cur_angka: str | None = None
    for t in texts[begin:]:
        if _ROMAN_PASAL.match(t):
            break
        s = t.strip()
        if m := re.fullmatch(r"Angka\s+(\d{1,3})", s):
            angka = m.group(1)
            continue
        if m := _PASAL_HEAD.match(s):
            flush()
            current, cur_angka, buf = m.group(1), angka, []
            continue
        if m := _ANGKA_MARK.search(s):
            angka = m.group(1)
            s = s[: m.start()].strip()
        if current is not None and s:
            buf.append(s)
    flush()
    return out


# --------------------------------------------------------------------------------------------
# Parsing quoted Pasal text (adapter over ingest.parse)


def _parse_pasal(lines: list[str], meta: DocumentMeta) -> list[Unit]:
    """Units of one quoted Pasal (heading first) with ids and labels of the base law."""
    try:
        from ingest.parse import parse_pasal_blocks  # written concurrently by the parse engineer
    except ImportError:
        parse_pasal_blocks = None
    if parse_pasal_blocks is not None:
        try:
            units = parse_pasal_blocks([Line(t) for t in lines], meta, id_prefix=meta.id)
            if units:
                return units
        except TypeError as exc:  # a signature mismatch must not stop consolidation
            log.warning("parse_pasal_blocks signature mismatch (%s); using the local parser", exc)
    return _local_parse_pasal(lines, meta)


_AYAT = re.compile(r"^\((\d+[a-z]?)\)\s*(.*)$")
_HURUF = re.compile(r"^([a-z]\d?)\.\s+(.*)$")
_ANGKA = re.compile(r"^(\d+)\.\s+(.*)$")


def _local_parse_pasal(lines: list[str], meta: DocumentMeta) -> list[Unit]:
    """A small Pasal/ayat/huruf/angka parser, used only when ``ingest.parse`` is not available."""
    head = _PASAL_HEAD.match(lines[0]) if lines else None
    if not head:
        raise ValueError(f"{meta.id}: quoted text does not start with a Pasal heading: {lines[:1]}")
    number = head.group(1)
    pasal_id = f"{meta.id}/pasal-{number}"
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
            id=f"{parent.id}/{kind}-{num}", doc_id=meta.id, kind=kind, number=num, label="",
            short_label="", text="", parent_id=parent.id,
        )
        units.append(unit)
        stack.append(unit)
        for u in stack:
            u.text = f"{u.text}\n{t}".strip()
    for u in units:
        _, path = labels.path_from_id(u.id)
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


def _pasal_of(unit_id: str, doc_id: str) -> str | None:
    m = re.match(rf"^{re.escape(doc_id)}/pasal-(\d+[A-Z]?)(?:/|$)", unit_id)
    return m.group(1) if m else None


def _penjelasan_pasal_of(unit_id: str, doc_id: str) -> str | None:
    m = re.match(rf"^{re.escape(doc_id)}/penjelasan/pasal-(\d+[A-Z]?)(?:/|$)", unit_id)
    return m.group(1) if m else None


def _natural(num: str) -> tuple[int, str]:
    m = re.match(r"(\d+)([A-Z]*)", num)
    return (int(m.group(1)), m.group(2)) if m else (10**9, num)


def _amending_laws(base: str, docs: dict[str, ParsedDocument], manifest: Manifest) -> list[DocumentMeta]:
    laws = [m for m in manifest.documents if base in m.amends and m.id in docs]
    return sorted(laws, key=lambda m: (m.enacted or f"{m.year}-99", m.year, int(re.sub(r"\D", "", m.number) or 0)))


def instructions_of(doc: ParsedDocument, meta: DocumentMeta) -> list[Instruction]:
    """The instructions of an amending law, from its parsed units.

    Prefers the ``pasal-I/angka-N`` units (one per change); otherwise splits the text of
    ``pasal-I``. Unit texts keep their line breaks, so quoted Pasal headings stay on their own lines.
    """
    by_id = {u.id: u for u in doc.units}
    angka_units = [u for u in doc.units if re.fullmatch(rf"{re.escape(meta.id)}/pasal-I/angka-\d+", u.id)]
    if angka_units:
        out = []
        for u in sorted(angka_units, key=lambda u: int(u.number or u.id.rsplit("-", 1)[-1])):
            n = u.id.rsplit("-", 1)[-1]
            out.append(parse_instruction(n, u.text.split("\n"), meta))
        return out
    pasal_i = by_id.get(f"{meta.id}/pasal-I")
    if pasal_i is None:
        return []
    return read_instructions(["Pasal I", *pasal_i.text.split("\n")], meta)


def penjelasan_changes_of(doc: ParsedDocument, meta: DocumentMeta) -> dict[str, PenjelasanChange]:
    """The new Penjelasan of each Pasal, from the amending law's Penjelasan units."""
    units = [u for u in doc.units if u.id.startswith(f"{meta.id}/penjelasan/")]
    ids = {u.id for u in units}
    roots = sorted((u for u in units if u.parent_id not in ids), key=lambda u: u.order)
    lines: list[str] = []
    for u in roots:
        if u.id.endswith("/pasal-II"):
            continue
        lines.extend(u.text.split("\n"))
    # Without a leading "Pasal I" heading the reader starts at the first line.
    return read_penjelasan_changes([t for t in lines if not _ROMAN_PASAL.match(t)])


def _suffix(article: _Article, manifest: Manifest, full: bool) -> str:
    if not article.amended_by:
        return ""
    last = manifest.get(article.amended_by[-1])
    name = last.citation if full else last.short_name
    again = " terakhir" if len(set(article.amended_by)) > 1 else ""
    return f" sebagaimana telah diubah{again} dengan {name}"


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
        elif not any(u.id.startswith(nid + "/") for nid in new_ids):
            merged.append(u)
    merged.extend(u for uid, u in new_ids.items() if uid not in seen)
    head = replace(current.units[0], text="\n".join(u.text for u in merged if u.parent_id == current.units[0].id))
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
    articles, order, others, stray = _base_articles(base, meta)
    warnings: list[str] = []
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
                msg = f"{ins.source_label}: not applied ({ins.action}): {ins.sentence[:120]}"
                if ins.action == "lainnya":
                    warnings.append(msg)
                log.info(msg)
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
                        warnings.append(f"{ins.source_label}: Pasal {number} to delete not found")
                        continue
                    version = _PasalVersion([], law.id, ins.source_id, ins.source_label, "dihapus")
                elif lines is None:
                    if art is None:
                        warnings.append(f"{ins.source_label}: Pasal {number} to amend not found")
                        continue
                    units = _merge_partial(art.versions[-1], ins, number, meta)
                    version = _PasalVersion(units, law.id, ins.source_id, ins.source_label, "diubah")
                else:
                    units = _parse_pasal(lines, meta)
                    change = "diubah" if art is not None and not art.versions[-1].deleted else "disisipkan"
                    version = _PasalVersion(units, law.id, ins.source_id, ins.source_label, change)
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
            if art.versions[-1].deleted and art.versions[-1].source_id == ins.source_id:
                text = change.text if change and change.text else DELETED_TEXT
                art.penjelasan.append(Version(text, law.id, ins.source_id, f"Penjelasan {ins.source_label}", "dihapus"))
            elif change is not None and change.text:
                kind = "penjelasan diubah" if ins.action == "penjelasan" else "diubah"
                art.penjelasan.append(Version(change.text, law.id, ins.source_id, f"Penjelasan {ins.source_label}", kind))
            elif ins.action == "penjelasan":
                warnings.append(f"{ins.source_label}: new Penjelasan of Pasal {number} not found")
            if law.id not in art.amended_by:
                art.amended_by.append(law.id)

    units = _build_units(meta, manifest, articles, order, others, stray)
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


def _child_history(art: _Article, unit_id: str) -> list[Version]:
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
        else:
            change = "diubah" if text != previous else "tetap"
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
) -> list[Unit]:
    body: list[Unit] = []
    penjelasan: list[Unit] = []
    for number in order:
        art = articles[number]
        last = art.versions[-1]
        short_sfx, full_sfx = _suffix(art, manifest, False), _suffix(art, manifest, True)
        penj_id = f"{meta.id}/penjelasan/pasal-{number}"
        if last.deleted:
            prev = next((v for v in reversed(art.versions) if not v.deleted), None)
            head = prev.units[0] if prev else None
            unit = Unit(
                id=f"{meta.id}/pasal-{number}", doc_id=meta.id, kind="pasal", number=number,
                label=f"Pasal {number} {meta.citation}{full_sfx}", short_label=f"Pasal {number} {meta.short_name}{short_sfx}",
                text=DELETED_TEXT, hierarchy=list(head.hierarchy) if head else [], pages=list(head.pages) if head else [],
                status="dicabut", status_note=f"dihapus dengan {last.source_label}", status_source=last.source_id,
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
                    new.history = _child_history(art, u.id)
                    new.label = f"{u.label}{full_sfx}"
                    new.short_label = f"{u.short_label}{short_sfx}"
                    new.status = "berlaku"
                    latest = art.versions[-1] if changed else None
                    if latest is not None:
                        verb = "disisipkan" if latest.change == "disisipkan" else "diubah"
                        new.status_note = f"berlaku sebagaimana {verb} dengan {latest.source_label}"
                        new.status_source = latest.source_id
                    else:
                        new.status_note = f"penjelasan diubah dengan {art.penjelasan[-1].source_label}"
                        new.status_source = art.penjelasan[-1].source_id
                else:
                    new.history = [Version(u.text, meta.id, u.id, u.short_label, "asli")]
                if not new.hierarchy and changed:
                    # Inserted Pasal stand in the chapter of the Pasal before them.
                    new.hierarchy = _hierarchy_before(number, order, articles)
                if art.penjelasan and u.kind == "pasal":
                    new.penjelasan = art.penjelasan[-1].text
                    new.penjelasan_id = penj_id
                elif new.penjelasan_id and len(art.penjelasan) > 1:
                    new.penjelasan, new.penjelasan_id = None, None  # old sub-Penjelasan no longer exists
                body.append(new)
        if art.penjelasan:
            if len(art.penjelasan) == 1 and not art.amended_by:
                for pu in art.base_penjelasan_units:
                    penjelasan.append(replace(pu, history=[Version(pu.text, meta.id, pu.id, pu.short_label, "asli")]))
            else:
                top = art.base_penjelasan_units[0] if art.base_penjelasan_units else None
                current = art.penjelasan[-1]
                deleted = current.change == "dihapus"
                penjelasan.append(
                    Unit(
                        id=penj_id, doc_id=meta.id, kind="penjelasan", number=number,
                        label=f"Penjelasan Pasal {number} {meta.citation}{full_sfx}",
                        short_label=f"Penjelasan Pasal {number} {meta.short_name}{short_sfx}",
                        text=current.text, parent_id=top.parent_id if top else None,
                        explains=f"{meta.id}/pasal-{number}", pages=list(top.pages) if top else [],
                        history=list(art.penjelasan),
                        status="dicabut" if deleted else "berlaku",
                        status_note=f"{'dihapus' if deleted else 'diubah'} dengan {current.source_label.removeprefix('Penjelasan ')}"
                        if current.change != "asli" else None,
                        status_source=current.source_id if current.change != "asli" else None,
                    )
                )
    # Keep the document's own order: front matter, body (Pasal), Penjelasan, anything else after.
    first_penj = min((u.order for u in others if u.kind in ("penjelasan", "penjelasan-umum")), default=None)
    before = [u for u in others if first_penj is None or u.order < first_penj]
    after = [u for u in others if first_penj is not None and u.order >= first_penj]
    units = [*before, *body, *after, *penjelasan, *stray]
    out: list[Unit] = []
    for i, u in enumerate(units):
        if not u.history:
            u = replace(u, history=[Version(u.text, meta.id, u.id, u.short_label, "asli")])
        u.order = i
        out.append(u)
    return out


def _hierarchy_before(number: str, order: list[str], articles: dict[str, _Article]) -> list[str]:
    idx = order.index(number)
    for p in reversed(order[:idx]):
        for v in reversed(articles[p].versions):
            if v.units and v.units[0].hierarchy:
                return list(v.units[0].hierarchy)
    return []


def consolidate(docs: dict[str, ParsedDocument], manifest: Manifest) -> dict[str, ParsedDocument]:
    """Give every base law its text in force and history; mark stale amending instructions.

    Documents without amendments in ``docs`` are returned unchanged. Amending laws keep their units
    (their instructions stay citable); an instruction whose every change a later law replaced
    becomes ``diubah`` with ``status_source`` naming the later instruction.
    """
    out = dict(docs)
    for base_id, base in docs.items():
        if base_id not in manifest:
            continue
        laws = _amending_laws(base_id, docs, manifest)
        if not laws:
            continue
        plan = []
        for law in laws:
            doc = docs[law.id]
            instructions = instructions_of(doc, law)
            if not instructions:
                log.warning("%s: no instructions found in Pasal I; nothing applied to %s", law.id, base_id)
            plan.append((law, instructions, penjelasan_changes_of(doc, law)))
        consolidated, stale = consolidate_law(base, plan, manifest)
        out[base_id] = consolidated
        for law, instructions, _ in plan:
            out[law.id] = _mark_stale(out[law.id], instructions, stale)
    return out


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
        key = next((sid for sid in fully if u.id == sid or u.id.startswith(sid + "/")), None)
        if key is not None and u.status == "berlaku":
            new_id, new_label = fully[key]
            u = replace(u, status="diubah", status_note=f"diubah dengan {new_label}", status_source=new_id)
        units.append(u)
    return ParsedDocument(doc.doc_id, units, doc.report)
