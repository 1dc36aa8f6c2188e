"""Parse decrees and letters into citable units: Keputusan Bersama, Surat Edaran, Surat.

:func:`parse_decree` dispatches on ``meta.kind``. This module parses a Keputusan Bersama
(SKB 2/2022): Menimbang, Mengingat, Diktum KESATU.. and its Lampiran (BAB, lettered and
numbered points, tables of prohibited acts with their sanctions). Letters are parsed in
:mod:`ingest.letter`; both build their points with :mod:`ingest.points`.

Ids and labels (team contract):

- ``skb-2-2022/diktum-ketiga`` -- "Diktum KETIGA SKB 2/2022"
- ``skb-2-2022/diktum-kedua/huruf-a`` -- "Diktum KEDUA huruf a SKB 2/2022"
- ``skb-2-2022/menimbang/huruf-a`` -- "Menimbang huruf a SKB 2/2022"
- ``skb-2-2022/lampiran/bab-ii/huruf-b/angka-3`` -- "Lampiran SKB 2/2022 Bab II huruf B angka 3"
- ``skb-2-2022/lampiran/bab-ii/tabel-1/baris-3`` -- "Lampiran SKB 2/2022 Bab II tabel 1 baris 3";
  a row keeps its cells in ``Unit.columns`` ({"No": "3", "Jenis Pelanggaran": ..., "Sanksi": ...}).

Full labels use ``meta.citation`` where short labels use ``meta.short_name``.

Unit kinds: menimbang, mengingat, diktum, bab, huruf, angka, tabel, baris.
A unit's ``text`` is its own text followed by its children (each with its marker), so a
point can be read on its own and a parent still holds everything under it.
"""

from __future__ import annotations

import re
from pathlib import Path

from corpus import kinds
from corpus.ids import UnitId
from corpus.manifest import DocumentMeta
from ingest.errors import IngestError
from ingest.letter import parse_letter
from ingest.model import Line, ParsedDocument, SourceText, Unit
from ingest.points import (
    PAGE_NUMBER,
    STEP_KIND,
    Node,
    PointTree,
    Step,
    Table,
    UnitBuilder,
    all_pages,
    content_lines,
    join_text,
    make_report,
    match_marker,
)



def parse_decree(source: SourceText, meta: DocumentMeta) -> ParsedDocument:
    """Parse a Keputusan Bersama, Surat Edaran or Surat into units (see module docstring)."""
    parser = kinds.get(meta.kind).parser if meta.kind in kinds.NAMES else None
    if parser == kinds.KEPUTUSAN:
        return parse_keputusan_bersama(source, meta)
    if parser == kinds.LETTER:
        return parse_letter(source, meta)
    raise IngestError(
        source.path,
        f"jenis dokumen '{meta.kind}' bukan keputusan atau surat",
        f"parse_decree handles {', '.join(k.name for k in kinds.KINDS if k.is_decree)}; got {meta.kind!r}",
    )


# --- Keputusan Bersama -------------------------------------------------------------------------------

DIKTUM_WORDS = (
    "KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA", "KEENAM", "KETUJUH", "KEDELAPAN",
    "KESEMBILAN", "KESEPULUH", "KESEBELAS", "KEDUA BELAS", "KETIGA BELAS", "KEEMPAT BELAS",
)
# "KESATU : text"; OCR may read the colon as ";", "." or a quote, and extraction may leave the word
# on its own line.
_COLON = r"[:;.,\"'“”]+"
_DIKTUM = re.compile(r"^(" + "|".join(sorted(DIKTUM_WORDS, key=len, reverse=True)) + r")(?:\s*" + _COLON + r"\s*(.*))?$")
_LABELED = re.compile(r"^(Menimbang|Mengingat|Menetapkan)\s*(?:" + _COLON + r")?\s*(.*)$")
_MEMUTUSKAN = re.compile(r"^M\s*E\s*M\s*U\s*T\s*U\s*S\s*K\s*A\s*N\s*:?$")
_DITETAPKAN = re.compile(r"^Ditetapkan\s+di\b")
_LAMPIRAN = re.compile(r"^(?:-\s*\w{1,3}\s*-\s*)?LAMPIRAN\b")  # OCR may glue the page number on
# OCR reads the roman "I" of "BAB I" as "|", "l" or "1" now and then.
_BAB = re.compile(r"^BAB\s*([IVXLC|l1]+)$")
_SIGNATURE = re.compile(r"^(ttd\.?|TTD\.?)$")
_TABLE_HEAD = re.compile(r"^No\.?\s+[A-Z]")


def parse_keputusan_bersama(source: SourceText, meta: DocumentMeta) -> ParsedDocument:
    lines = content_lines(source)
    ocr = source.method == "ocr"
    warnings: list[str] = []
    builder = UnitBuilder(meta)

    sections = _split_sections(lines)
    for name, kind in (("menimbang", "menimbang"), ("mengingat", "mengingat")):
        body = sections.get(name, [])
        if not body:
            warnings.append(f"{name.capitalize()} tidak ditemukan")
            continue
        root = Node("root", "")
        tree = PointTree(root, ocr)
        for line in body:
            tree.feed(line)
        for child in root.children:
            step = Step(STEP_KIND[child.style], child.marker)
            builder.add(
                [(name, ""), step.id_step], kind, child.marker, f"{name.capitalize()} {step.words}",
                child.text(), pages=all_pages(child),
            )

    diktum = _parse_diktum(sections.get("diktum", []), ocr)
    if not diktum:
        warnings.append("Diktum (KESATU, KEDUA, ...) tidak ditemukan")
    for node in diktum:
        step = Step("diktum", node.marker)
        unit = builder.add([step.id_step], "diktum", node.marker, step.words, node.text(), pages=all_pages(node))
        builder.add_tree(node, [step.id_step], [step], label_style="after", parent_id=unit.id, hierarchy=[])

    lampiran = sections.get("lampiran", [])
    if lampiran:
        _parse_lampiran(lampiran, source, builder, warnings, ocr)
    else:
        warnings.append("Lampiran tidak ditemukan")

    if not builder.units:
        raise IngestError(
            source.path,
            "struktur Keputusan Bersama (Menimbang, Diktum, Lampiran) tidak ditemukan",
            "no units parsed",
        )
    resolve_references(builder.units)
    report = make_report(source, meta, builder.units, warnings)
    return ParsedDocument(doc_id=meta.id, units=builder.units, report=report)


# "sebagaimana dimaksud dalam Diktum KESATU"; "pada huruf B" (a lettered section of the same
# Lampiran chapter), "BAB II huruf B angka 3". Lower-case "huruf a" inside the Lampiran is a
# sub-point whose scope the text does not make certain, so it is not read.
_REFERENCE = re.compile(
    r"\bDiktum\s+(?P<diktum>[A-Z]{4,})\b"
    r"|\b(?:BAB\s+(?P<bab>[IVX]+)\s+)?huruf\s+(?P<huruf>[A-Z])\b(?:\s+angka\s+(?P<angka>\d+)\b)?"
)


def resolve_references(units: list[Unit]) -> None:
    """Fill ``unit.refs`` with the Diktum and Lampiran points a unit's text names.

    Only existing units are kept, and never the unit itself or a unit above or below it (a
    chapter's text holds its points' references). A point's Pasal-like provision is its
    lettered section (``lampiran/bab-ii/huruf-c``), so "huruf C cites huruf B" stays an edge
    between two provisions.
    """
    known = {u.id for u in units}
    for unit in units:
        uid = UnitId.parse(unit.id)
        chapter = uid.up_to("bab")  # the Lampiran chapter the unit stands in, if any
        refs: list[str] = []
        for m in _REFERENCE.finditer(unit.text):
            if m.group("diktum"):
                target = UnitId(uid.doc, (("diktum", m.group("diktum").lower()),))
            else:
                bab = UnitId(uid.doc, (("lampiran", ""), ("bab", m.group("bab").lower()))) if m.group("bab") else chapter
                if bab is None:
                    continue
                target = bab.child("huruf", m.group("huruf").lower())
                if m.group("angka"):
                    target = target.child("angka", m.group("angka"))
            if str(target) in known and not uid.nested(target) and str(target) not in refs:
                refs.append(str(target))
        unit.refs = refs


def _split_sections(lines: list[Line]) -> dict[str, list[Line]]:
    """Cut the decree into menimbang, mengingat, diktum and lampiran (BAB I .. end of last BAB)."""
    sections: dict[str, list[Line]] = {}
    current: str | None = None
    in_lampiran = False
    for i, line in enumerate(lines):
        text = line.text
        if in_lampiran:
            if current is None and _BAB.match(text):
                current = "lampiran"
            if current == "lampiran" and _signature_starts(lines, i):
                current = None  # the signature block closes the Lampiran
                continue
        else:
            # Past the first Diktum these words are text ("Menetapkan Pedoman ...", wrapped by OCR).
            labeled = _LABELED.match(text) if current != "diktum" else None
            if labeled and labeled.group(1) in ("Menimbang", "Mengingat"):
                current = labeled.group(1).lower()
                text = labeled.group(2)
            elif labeled or _MEMUTUSKAN.match(text):
                current = "menetapkan"
                continue
            elif _DIKTUM.match(text) and current in ("menetapkan", "diktum"):
                current = "diktum"
            elif _DITETAPKAN.match(text):
                current = None
            elif _LAMPIRAN.match(text) and current is None:
                in_lampiran = True
                continue
        if current and current != "menetapkan" and text:
            sections.setdefault(current, []).append(Line(text, line.page))
    return sections


def _signature_starts(lines: list[Line], i: int) -> bool:
    """An official's title in capitals (over one to three lines, the last ending in a comma),
    then "ttd." -- the signature block that closes the Lampiran."""
    for j in range(i, min(i + 4, len(lines))):
        text = lines[j].text
        if not text.isupper():
            return False
        if text.endswith(","):
            return j + 1 < len(lines) and bool(_SIGNATURE.match(lines[j + 1].text))
    return False


def _parse_diktum(lines: list[Line], ocr: bool) -> list[Node]:
    nodes: list[Node] = []
    tree: PointTree | None = None
    for line in lines:
        m = _DIKTUM.match(line.text)
        if m:
            node = Node("diktum", m.group(1))
            nodes.append(node)
            tree = PointTree(node, ocr)
            if m.group(2):
                tree.feed(Line(m.group(2), line.page))
            elif line.page is not None:
                node.pages.add(line.page)
        elif tree:
            if not nodes[-1].parts and not nodes[-1].children and line.text.startswith(":"):
                line = Line(line.text[1:].strip(), line.page)  # the colon under a lone diktum word
            if line.text:
                tree.feed(line)
    return nodes


def _parse_lampiran(lines: list[Line], source, builder: UnitBuilder, warnings: list[str], ocr: bool) -> None:
    babs: list[Node] = []
    tree: PointTree | None = None
    reading_title = False
    tables = TableReader(source, warnings)
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _BAB.match(line.text)
        if m:
            bab = Node("bab", re.sub(r"[|l1]", "I", m.group(1)))
            if line.page is not None:
                bab.pages.add(line.page)
            babs.append(bab)
            tree = PointTree(bab, ocr, titles=True)
            reading_title = True
            i += 1
            continue
        if reading_title and line.text.isupper() and not match_marker(line.text):
            bab.title = f"{bab.title} {line.text}".strip()
            i += 1
            continue
        reading_title = False
        if tree and _TABLE_HEAD.match(line.text):
            node, i = tables.read(lines, i)
            tree.add_child(node)
            continue
        if tree:
            tree.feed(line)
        i += 1

    for bab in babs:
        step = Step("bab", bab.marker)
        heading = f"BAB {bab.marker} {bab.title}".strip()
        unit = builder.add(
            [("lampiran", ""), step.id_step], "bab", bab.marker, step.words, bab.text(),
            label_style="lampiran", hierarchy=["LAMPIRAN"], pages=all_pages(bab),
        )
        builder.add_tree(
            bab, [("lampiran", ""), step.id_step], [step], label_style="lampiran",
            parent_id=unit.id, hierarchy=["LAMPIRAN", heading],
        )


# --- tables ----------------------------------------------------------------------------------------


class TableReader:
    """Rebuild table rows whose cells pypdf's plain extraction flattened into lines.

    Plain extraction keeps the reading order of cells but not their column boundaries, so a
    wrapped "Jenis Pelanggaran" cell cannot be told from the "Sanksi" beside it (pypdf's layout
    mode places text by an average character width and runs neighbouring cells together). For a
    PDF read by pypdf we therefore re-read the table's pages with the position of every text
    fragment: the heading row gives the x where each column starts, a number in the first column
    starts a row, and every fragment below goes to the column it starts in. Without a text layer
    (OCR) only the row numbers are reliable: a row's cells stay together under one "Uraian"
    column, with a warning.
    """

    def __init__(self, source: SourceText, warnings: list[str]):
        self.source = source
        self.warnings = warnings
        self._reader = None
        self._pages: dict[int, list[tuple[float, float, str]]] = {}

    def read(self, lines: list[Line], i: int) -> tuple[Node, int]:
        """Parse the table whose heading is ``lines[i]``; return its node and the next line index."""
        head = lines[i]
        if self._has_positions() and head.page is not None:
            result = _positioned_table(self._fragments, head.page, head.text)
            if result is not None:
                table, end = result
                return Node("tabel", "", table=table), _skip_to(lines, i + 1, end)
            self.warnings.append(f"tabel di halaman {head.page}: baris judul tidak ditemukan menurut posisinya")
        return self._plain_table(lines, i)

    def _has_positions(self) -> bool:
        if self._reader is None:
            if self.source.method != "pypdf" or not Path(self.source.path).is_file():
                return False
            import pypdf

            self._reader = pypdf.PdfReader(self.source.path)
        return True

    def _fragments(self, page: int) -> list[tuple[float, float, str]] | None:
        """``(x, y, text)`` of every text fragment on ``page`` (1-based); None past the last page."""
        if page > len(self._reader.pages):
            return None
        if page not in self._pages:
            found: list[tuple[float, float, str]] = []

            def visit(text, cm, tm, font_dict, font_size):
                if text.strip():
                    x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                    y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                    found.append((x, y, text))

            self._reader.pages[page - 1].extract_text(visitor_text=visit)
            self._pages[page] = found
        return self._pages[page]

    def _plain_table(self, lines: list[Line], i: int) -> tuple[Node, int]:
        headings = ["No", "Uraian"]
        rows: list[dict[str, str]] = []
        parts: list[str] = []
        pages = {lines[i].page} - {None}
        page = lines[i].page
        i += 1
        while i < len(lines):
            text = lines[i].text
            found = match_marker(text)
            if _BAB.match(text) or (found and found[0] == "A."):
                break
            m = re.match(r"^(\d{1,3})\.?(?:\s+(.*))?$", text)
            if m:
                if rows:
                    rows[-1]["Uraian"] = join_text(parts)
                rows.append({"No": m.group(1), "Uraian": ""})
                parts = [m.group(2) or ""]
            else:
                parts.append(text)
            if lines[i].page is not None:
                pages.add(lines[i].page)
            i += 1
        if rows:
            rows[-1]["Uraian"] = join_text(parts)
        self.warnings.append(f"tabel di halaman {page}: kolom tidak dapat dipisahkan tanpa lapisan teks")
        return Node("tabel", "", table=Table(headings, rows, pages)), i


def _norm(text: str) -> str:
    return " ".join(text.split())


_Y_TOLERANCE = 2.0  # points: fragments of one printed line
_X_TOLERANCE = 3.0  # points: a cell's text starts at its column's x


def _visual_lines(fragments: list[tuple[float, float, str]]) -> list[list[tuple[float, str]]]:
    """Fragments grouped into printed lines, top to bottom, each line left to right."""
    lines: list[tuple[float, list[tuple[float, str]]]] = []
    for x, y, text in sorted(fragments, key=lambda f: (-f[1], f[0])):
        if lines and abs(lines[-1][0] - y) <= _Y_TOLERANCE:
            lines[-1][1].append((x, text))
        else:
            lines.append((y, [(x, text)]))
    return [sorted(parts) for _, parts in lines]


def _positioned_table(fragments_of, page: int, head_text: str):
    """Read the table whose heading row reads ``head_text`` on ``page`` (and the pages after).

    Returns ``(Table, end)`` where ``end`` is ``(page, text)`` of the first printed line after
    the table, or None when the table runs to the end of the document.
    """
    lines = _visual_lines(fragments_of(page) or [])
    texts = [_norm(" ".join(t for _, t in line)) for line in lines]
    try:
        k = texts.index(_norm(head_text))
    except ValueError:
        return None
    headings = [_norm(t) for _, t in lines[k]]
    starts = [x for x, _ in lines[k]]
    rows: list[dict[str, list[str]]] = []
    row_pages: list[set[int]] = []
    pages = {page}
    k += 1
    while True:
        for line, text in zip(lines[k:], texts[k:]):
            if PAGE_NUMBER.match(text):
                continue
            if [_norm(t) for _, t in line] == headings:  # heading repeated on a new page
                starts = [x for x, _ in line]
                continue
            cells = _cells(line, starts)
            if cells is None or (cells[0] and not re.fullmatch(r"\d{1,3}\.?", cells[0])):
                return _finish(headings, rows, pages, row_pages), (page, text)
            if cells[0]:
                rows.append({h: [] for h in headings})
                row_pages.append(set())
            elif not rows:
                return _finish(headings, rows, pages, row_pages), (page, text)
            for heading, cell in zip(headings, cells):
                if cell:
                    rows[-1][heading].append(cell)
            pages.add(page)
            row_pages[-1].add(page)
        page += 1
        fragments = fragments_of(page)
        if fragments is None:
            return _finish(headings, rows, pages, row_pages), None
        lines = _visual_lines(fragments)
        texts = [_norm(" ".join(t for _, t in line)) for line in lines]
        k = 0


def _cells(line: list[tuple[float, str]], starts: list[float]) -> list[str] | None:
    """The cells of one printed line; None when a fragment does not start at a column."""
    cells = [""] * len(starts)
    for x, text in line:
        col = next((c for c, start in enumerate(starts) if abs(x - start) <= _X_TOLERANCE), None)
        if col is None:
            return None
        cells[col] = _norm(f"{cells[col]} {text}")
    return cells


def _finish(headings, rows: list[dict[str, list[str]]], pages: set[int], row_pages: list[set[int]]) -> Table:
    return Table(headings, [{h: join_text(parts) for h, parts in row.items()} for row in rows], pages, row_pages)


def _skip_to(lines: list[Line], i: int, end) -> int:
    """Index of the plain line where the table ended (``end`` from :func:`_positioned_table`)."""
    if end is None:
        return len(lines)
    page, text = end
    for j in range(i, len(lines)):
        if lines[j].page == page and _norm(lines[j].text) == text:
            return j
    for j in range(i, len(lines)):  # cleaning may have joined or repaired the line
        if lines[j].page == page and _norm(lines[j].text)[:20] == text[:20]:
            return j
    return len(lines)
