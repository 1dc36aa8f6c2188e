"""The point tree shared by decrees and letters: lines, nested markers, units, the parse report.

Indonesian decrees and letters nest their points by marker style ("A." > "1." > "a." > "1)" >
"a)"); :class:`PointTree` builds the nesting from lines in order, and :class:`UnitBuilder`
turns the nodes into citable units. :mod:`ingest.decree` and :mod:`ingest.letter` both use it.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field

from corpus.ids import UnitId
from corpus.manifest import DocumentMeta
from ingest.model import Line, ParseReport, SourceText, Unit

log = logging.getLogger(__name__)


# --- lines ---------------------------------------------------------------------------------------

PAGE_NUMBER = re.compile(r"^-\s*\d+\s*-$")
# Hole punches and scanner specks that OCR reads as a symbol before the first word.
_OCR_SPECK = re.compile(r"^[@«»“”€©®°•*~|]+\s+")
# A phone scanner's watermark ("Scanned by TapScanner") sits on every page of some scans.
_SCANNER_MARK = re.compile(r"\bScanned by\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{3,}")


def content_lines(source: SourceText) -> list[Line]:
    """Non-empty lines without page numbers, stripped; OCR specks before a line are dropped."""
    out = []
    for line in source.lines:
        text = " ".join(line.text.split())
        if source.method == "ocr":
            text = _OCR_SPECK.sub("", text)
            # Specks and the scanner's watermark; a line without a word is noise unless a marker.
            if _SCANNER_MARK.search(text) or (not _WORD.search(text) and not match_marker(text, True)):
                continue
        if not text or PAGE_NUMBER.match(text):
            continue
        out.append(Line(text, line.page))
    return out


def join_text(parts: list[str]) -> str:
    """Join wrapped lines into one paragraph; a line ending in a hyphen joins without a space
    ("masing-" + "masing" -> "masing-masing"), the hyphen kept as Indonesian reduplication needs."""
    text = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if not text:
            text = part
        elif text.endswith("-") and text[-2:-1].isalpha():
            text += part
        else:
            text += " " + part
    return text


# --- the point tree --------------------------------------------------------------------------------
#
# Indonesian regulations nest points by marker style, not by indentation (which pypdf and OCR
# lose): "A." > "1." > "a." > "1)" > "a)". A marker opens a sibling when it continues an open
# level's sequence (after "2." comes "3."), a child when it is the first of its style ("a."),
# and is plain text otherwise -- so a wrapped line that happens to start with "2." stays text.

STYLES = ("A.", "1.", "a.", "1)", "a)")
_MARKER = {
    "A.": re.compile(r"^([A-Z])\.(?:\s+(.*))?$"),
    "1.": re.compile(r"^(\d{1,2})\.(?:\s+(.*))?$"),
    "a.": re.compile(r"^([a-z])\.(?:\s+(.*))?$"),
    "1)": re.compile(r"^\(?(\d{1,2})\)(?:\s+(.*))?$"),
    "a)": re.compile(r"^\(?([a-z])\)(?:\s+(.*))?$"),
}
# OCR reads "4." as "4," now and then.
_OCR_NUMBER = re.compile(r"^(\d{1,2}),(?:\s+(.*))?$")
STEP_KIND = {"A.": "huruf", "1.": "angka", "a.": "huruf", "1)": "angka", "a)": "huruf"}
# A section title after "A." is short and has no closing punctuation ("Latar Belakang").
_TITLE_MAX = 50


@dataclass
class Table:
    headings: list[str]
    rows: list[dict[str, str]]
    pages: set[int] = field(default_factory=set)
    row_pages: list[set[int]] = field(default_factory=list)  # per row, when known

    def render(self) -> str:
        lines = [" | ".join(self.headings)]
        lines += [" | ".join(row.get(h, "") for h in self.headings) for row in self.rows]
        return "\n".join(lines)


@dataclass
class Node:
    """One point of a document while parsing; becomes a :class:`Unit` later."""

    style: str  # one of STYLES, or "root", "bab", "diktum", "tabel"
    marker: str  # as printed: "B", "3", "b", "II", "KETIGA"
    title: str = ""
    parts: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    pages: set[int] = field(default_factory=set)
    table: Table | None = None

    @property
    def printed_marker(self) -> str:
        if self.style in STYLES:
            return self.marker + self.style[-1]
        return self.marker

    def own_text(self) -> str:
        body = join_text(self.parts)
        if self.title:
            return self.title + ("\n" + body if body else "")
        return body

    def text(self) -> str:
        """Own text then every child with its marker, one per line."""
        lines = [self.own_text()] if self.own_text() else []
        for child in self.children:
            if child.style == "tabel":
                lines.append(child.table.render() if child.table else "")
            else:
                lines.append(f"{child.printed_marker} {child.text()}".strip())
        return "\n".join(lines)


def match_marker(text: str, ocr: bool = False) -> tuple[str, str, str] | None:
    """``(style, marker, rest)`` when ``text`` starts with a point marker."""
    for style, pattern in _MARKER.items():
        m = pattern.match(text)
        if m:
            return style, m.group(1), m.group(2) or ""
    if ocr:
        m = _OCR_NUMBER.match(text)
        if m:
            return "1.", m.group(1), m.group(2) or ""
    return None


def _successor(marker: str) -> str:
    return str(int(marker) + 1) if marker.isdigit() else chr(ord(marker) + 1)


def _first(style: str) -> str:
    return {"A.": "A", "1.": "1", "a.": "a", "1)": "1", "a)": "a"}[style]


class PointTree:
    """Feed lines in order; markers build nested :class:`Node` s under ``root``."""

    def __init__(self, root: Node, ocr: bool = False, titles: bool = False):
        self.root = root
        self.stack: list[Node] = [root]
        self.ocr = ocr
        self.titles = titles  # "A. Latar Belakang" carries a section title

    @property
    def current(self) -> Node:
        return self.stack[-1]

    def feed(self, line: Line) -> None:
        found = match_marker(line.text, self.ocr)
        if found:
            style, marker, rest = found
            # Sibling of an open level: close everything below it.
            for depth in range(len(self.stack) - 1, 0, -1):
                node = self.stack[depth]
                if node.style == style and _successor(node.marker) == marker:
                    del self.stack[depth:]
                    self._open(style, marker, rest, line)
                    return
            if marker == _first(style) and not any(n.style == style for n in self.stack):
                self._open(style, marker, rest, line)
                return
        self.add_text(line)

    def add_text(self, line: Line) -> None:
        node = self.current
        node.parts.append(line.text)
        if line.page is not None:
            node.pages.add(line.page)

    def add_child(self, node: Node) -> None:
        self.current.children.append(node)

    def _open(self, style: str, marker: str, rest: str, line: Line) -> None:
        node = Node(style=style, marker=marker)
        if line.page is not None:
            node.pages.add(line.page)
        if self.titles and style == "A." and rest and len(rest) <= _TITLE_MAX and rest[-1] not in ".,;:":
            node.title = rest
        elif rest:
            node.parts.append(rest)
        self.current.children.append(node)
        self.stack.append(node)


# --- units -----------------------------------------------------------------------------------------


@dataclass
class Step:
    kind: str  # id and label word: "diktum", "bab", "huruf", "angka", "tabel", "baris"
    number: str  # as printed: "KETIGA", "II", "B", "3"
    paren: bool = False  # printed "1)" / "a)": the label keeps the parenthesis

    @property
    def id_step(self) -> tuple[str, str]:
        """The step in the unit id: ("diktum", "ketiga"), ("bab", "ii"), ("huruf", "b")."""
        return (self.kind, self.number.lower())

    @property
    def words(self) -> str:
        word = "Bab" if self.kind == "bab" else ("Diktum" if self.kind == "diktum" else self.kind)
        return f"{word} {self.number}{')' if self.paren else ''}"


class UnitBuilder:
    """Collects units in document order with their ids, labels and parents."""

    def __init__(self, meta: DocumentMeta):
        self.meta = meta
        self.units: list[Unit] = []
        self.ids: set[str] = set()

    def add(
        self,
        id_path: list[tuple[str, str]],
        kind: str,
        number: str,
        label_words: str,
        text: str,
        *,
        label_style: str = "after",  # "after": "<words> <doc>"; "lampiran": "Lampiran <doc> <words>"
        parent_id: str | None = None,
        hierarchy: list[str] | None = None,
        pages: set[int] | None = None,
        columns: dict[str, str] | None = None,
    ) -> Unit:
        first = UnitId(self.meta.id, tuple(id_path))
        uid, n = str(first), 2
        while uid in self.ids:  # a repeated marker (OCR, misnumbering) must not overwrite a unit
            uid, n = str(first.repeated(n, "~")), n + 1
        self.ids.add(uid)
        if label_style == "lampiran":
            label = f"Lampiran {self.meta.citation} {label_words}".strip()
            short = f"Lampiran {self.meta.short_name} {label_words}".strip()
        elif label_style == "document":
            label, short = self.meta.citation, self.meta.short_name
        else:
            label = f"{label_words} {self.meta.citation}"
            short = f"{label_words} {self.meta.short_name}"
        unit = Unit(
            id=uid,
            doc_id=self.meta.id,
            kind=kind,
            number=number,
            label=label,
            short_label=short,
            text=text,
            parent_id=parent_id,
            order=len(self.units),
            hierarchy=list(hierarchy or []),
            pages=sorted(pages or []),
            columns=dict(columns or {}),
        )
        self.units.append(unit)
        return unit

    def add_tree(
        self,
        node: Node,
        id_prefix: list[tuple[str, str]],
        steps: list[Step],
        *,
        label_style: str,
        parent_id: str | None,
        hierarchy: list[str],
    ) -> None:
        """Add a unit for every point below ``node`` (depth first, document order)."""
        tables = 0
        for child in node.children:
            if child.style == "tabel":
                tables += 1
                self._add_table(child, tables, id_prefix, steps, label_style, parent_id, hierarchy)
                continue
            step = Step(STEP_KIND[child.style], child.marker, child.style.endswith(")"))
            path = [*id_prefix, step.id_step]
            child_steps = [*steps, step]
            unit = self.add(
                path,
                step.kind,
                child.marker,
                " ".join(s.words for s in child_steps),
                child.text(),
                label_style=label_style,
                parent_id=parent_id,
                hierarchy=hierarchy,
                pages=all_pages(child),
            )
            below = [*hierarchy, f"{child.printed_marker} {child.title}"] if child.title else hierarchy
            self.add_tree(child, path, child_steps, label_style=label_style, parent_id=unit.id, hierarchy=below)

    def _add_table(self, node, number, id_prefix, steps, label_style, parent_id, hierarchy) -> None:
        # Tables are numbered per chapter ("bab-ii/tabel-1"), not per point: a table is cited by
        # its chapter, and a point rarely holds more than one.
        bab_path = id_prefix[: _bab_depth(id_prefix)]
        bab_steps = steps[:1] if steps and steps[0].kind == "bab" else []
        table_no = self._next_table(bab_path)
        tstep = Step("tabel", str(table_no))
        path = [*bab_path, tstep.id_step]
        table = node.table
        unit = self.add(
            path,
            "tabel",
            str(table_no),
            " ".join(s.words for s in [*bab_steps, tstep]),
            table.render(),
            label_style=label_style,
            parent_id=parent_id,
            hierarchy=hierarchy,
            pages=table.pages,
        )
        first = table.headings[0]
        for i, row in enumerate(table.rows, start=1):
            row_no = row.get(first, "").rstrip(".") or str(i)
            rstep = Step("baris", row_no)
            self.add(
                [*path, rstep.id_step],
                "baris",
                row_no,
                " ".join(s.words for s in [*bab_steps, tstep, rstep]),
                "\n".join(f"{h}: {row.get(h, '')}" for h in table.headings[1:]),
                label_style=label_style,
                parent_id=unit.id,
                hierarchy=hierarchy,
                pages=table.row_pages[i - 1] if len(table.row_pages) == len(table.rows) else table.pages,
                columns=row,
            )

    def _next_table(self, bab_path: list[tuple[str, str]]) -> int:
        bab = UnitId(self.meta.id, tuple(bab_path))
        return 1 + sum(1 for uid in map(UnitId.parse, self.ids) if uid.parent == bab and uid.kind == "tabel")


def _bab_depth(id_prefix: list[tuple[str, str]]) -> int:
    for i, (kind, _) in enumerate(id_prefix):
        if kind == "bab":
            return i + 1
    return len(id_prefix)


def all_pages(node: Node) -> set[int]:
    pages = set(node.pages)
    for child in node.children:
        pages |= all_pages(child)
    if node.table:
        pages |= node.table.pages
    return pages


def make_report(source: SourceText, meta: DocumentMeta, units: list[Unit], warnings: list[str]) -> ParseReport:
    counts = Counter(u.kind for u in units)
    for warning in warnings:
        log.warning("%s: %s", meta.id, warning)
    return ParseReport(
        doc_id=meta.id,
        counts=dict(counts),
        warnings=warnings,
        source=source.path,
        method=source.method,
        page_count=source.page_count,
    )
