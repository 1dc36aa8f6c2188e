"""Parse a Surat or Surat Edaran (Mendagri letters, regional circulars) into citable units.

A letter has a head -- number, date, Sifat, Lampiran, subject (Hal, or the TENTANG of a
Surat Edaran's title block), addressees (Yth.) -- an opening sentence, numbered or lettered
points, a closing ("Demikian ..."), a signature and a Tembusan list.

Units:

- ``<doc>/kepala`` (kind "kepala"): the head, labelled with the document's own citation. Its
  ``columns`` hold the fields found: Nomor, Tanggal, Sifat, Lampiran, Hal, Kepada, Tembusan;
  its text lists them and then the opening sentence.
- ``<doc>/angka-2/huruf-b``: the points, labelled point first, then the document:
  "angka 2 huruf b Surat Edaran Menteri Dalam Negeri Nomor ..." (short: "... SE Mendagri ...").
  A circular whose points are "A." .. "F." gives ``<doc>/huruf-d/angka-4``, "huruf D angka 4 ...".
"""

from __future__ import annotations

import re

from corpus.manifest import DocumentMeta
from ingest.errors import IngestError
from ingest.model import Line, ParsedDocument, SourceText
from ingest.points import Node, PointTree, UnitBuilder, content_lines, join_text, make_report, match_marker

FIELDS = ("Nomor", "Tanggal", "Sifat", "Lampiran", "Hal", "Kepada", "Tembusan")

_NOMOR = re.compile(r"\bNomor\s*:?\s*(\d[\w.\-/]*)", re.IGNORECASE)
_DATE = re.compile(r"\b[A-Z][a-z]+,\s*(\d{1,2}\s+[A-Z][a-z]+\s+\d{4})\b")
_DITETAPKAN_DATE = re.compile(r"^pada\s+tanggal\s+(\d{1,2}\s+[A-Z][a-z]+\s+\d{4})")
_FIELD = re.compile(r"^(Nomor|Sifat|Lampiran|Hal|Perihal)\s*:\s*(.*)$", re.IGNORECASE)
# A field that OCR or hyphen repair ran into the addressee column: "... SE-Sifat : Penting".
_FIELD_ANYWHERE = re.compile(r"\b(Sifat|Lampiran)\s*:\s*\S+")
_FIELD_INSIDE = re.compile(r"\s*\b(Nomor|Sifat|Lampiran|Hal|Perihal)\s*:.*$", re.IGNORECASE)
_YTH = re.compile(r"\bYth\.?\s*(.*)$")
_DI = re.compile(r"^di\s*-?$", re.IGNORECASE)
_DI_PLACE = re.compile(r"^di\s*-\s*\S", re.IGNORECASE)  # "di-" joined with its place by hyphen repair
_TITLE = re.compile(r"^S\s?U\s?R\s?A\s?T(\s+E\s?D\s?A\s?R\s?A\s?N)?$")
_TENTANG = re.compile(r"^TENTANG$")
_CLOSING = re.compile(r"^(Demikian\b|Ditetapkan\s+di\b|Tembusan\b)", re.IGNORECASE)
_TEMBUSAN = re.compile(r"^Tembusan\s*:?\s*(.*)$", re.IGNORECASE)
_HAL_LINE_MAX = 45  # Hal runs on in a narrow column beside the addressees


def parse_letter(source: SourceText, meta: DocumentMeta) -> ParsedDocument:
    lines = content_lines(source)
    ocr = source.method == "ocr"
    warnings: list[str] = []
    head, body_start = _read_head(lines)
    if "Nomor" not in head:
        warnings.append("nomor surat (Nomor) tidak ditemukan")
    elif _compact(head["Nomor"]) != _compact(meta.number):
        warnings.append(f"nomor surat terbaca {head['Nomor']!r}, manifest menyebut {meta.number!r}")

    root = Node("root", "")
    tree = PointTree(root, ocr, titles=True)
    intro: list[str] = []
    end = len(lines)
    for i in range(body_start, len(lines)):
        line = lines[i]
        if _CLOSING.match(line.text):
            end = i
            break
        if not root.children and not _opens_point(line, ocr):
            intro.append(line.text)
            continue
        tree.feed(line)
    tembusan = _tembusan(lines[end:])
    if tembusan:
        head["Tembusan"] = tembusan
    if not root.children:
        warnings.append("tidak ada butir bernomor atau berhuruf yang ditemukan")

    builder = UnitBuilder(meta)
    fields = {name: head[name] for name in FIELDS if name in head}
    head_text = "\n".join(f"{name}: {value}" for name, value in fields.items())
    if intro:
        head_text += ("\n" if head_text else "") + join_text(intro)
    pages = {line.page for line in lines[: max(body_start, 1)] if line.page is not None}
    builder.add([("kepala", "")], "kepala", "", "", head_text, label_style="document", pages=pages, columns=fields)
    builder.add_tree(root, [], [], label_style="after", parent_id=None, hierarchy=[])
    if len(builder.units) == 1 and not fields:
        raise IngestError(source.path, "struktur surat (nomor, hal, butir) tidak ditemukan", "no letter structure")
    report = make_report(source, meta, builder.units, warnings)
    return ParsedDocument(doc_id=meta.id, units=builder.units, report=report)


def _compact(number: str) -> str:
    return re.sub(r"\s+", "", number).upper()


def letter_number(source: SourceText) -> str | None:
    """The number a letter's head gives ("Nomor : 100.2.1/1234/SJ"), or None."""
    return _read_head(content_lines(source))[0].get("Nomor")


def same_number(a: str, b: str) -> bool:
    """Whether two letter numbers are the same but for spaces and case."""
    return _compact(a) == _compact(b)


def _opens_point(line: Line, ocr: bool) -> bool:
    found = match_marker(line.text, ocr)
    return bool(found) and found[1] in ("A", "1", "a")


def _read_head(lines: list[Line]) -> tuple[dict[str, str], int]:
    """Fields of the letter's head and the index of the first line after it."""
    head: dict[str, str] = {}
    used: set[int] = set()
    body_start = 0

    # The title block of a Surat Edaran: SURAT EDARAN / NOMOR ... / TENTANG / subject lines.
    for i, line in enumerate(lines):
        if _TITLE.match(line.text):
            body_start = max(body_start, i + 1)
            j = i + 1
            if j < len(lines) and (m := _NOMOR.match(lines[j].text)):
                head["Nomor"] = m.group(1)
                j += 1
                body_start = j
            if j < len(lines) and _TENTANG.match(lines[j].text):
                subject = []
                j += 1
                while j < len(lines) and lines[j].text.isupper():
                    subject.append(lines[j].text)
                    j += 1
                head["Hal"] = join_text(subject)
                body_start = j
            break

    for i, line in enumerate(lines):
        if "Nomor" not in head and (m := _NOMOR.search(line.text)):
            head["Nomor"] = m.group(1)
            body_start = max(body_start, i + 1)
        if "Tanggal" not in head and (m := _DATE.search(line.text)):
            head["Tanggal"] = m.group(1)
            body_start = max(body_start, i + 1)
        # A field may also have run into another column: "Nomor : 800/873 Yth. ... SE-Sifat : Penting".
        fields = [_FIELD.match(line.text)] + [_FIELD.match(m.group(0)) for m in _FIELD_ANYWHERE.finditer(line.text)]
        for field in filter(None, fields):
            name = field.group(1).capitalize()
            name = "Hal" if name == "Perihal" else name
            value = field.group(2)
            used.add(i)
            if name == "Hal" and "Hal" not in head:
                parts = [value]
                j = i + 1
                while j < len(lines) and _continues_hal(lines[j].text):
                    parts.append(lines[j].text)
                    used.add(j)
                    j += 1
                head["Hal"] = join_text(parts)
                body_start = max(body_start, j)
            elif name in ("Sifat", "Lampiran") and name not in head:
                head[name] = value.split()[0] if value else ""
                body_start = max(body_start, i + 1)

    for i, line in enumerate(lines):
        m = _YTH.search(line.text)
        if not m:
            continue
        parts = [m.group(1)] if m.group(1) else []
        j = i + 1
        while j < len(lines):
            text = lines[j].text
            if _DI.match(text):
                j += 2  # "di-" and the place below it
                break
            if _DI_PLACE.match(text):
                j += 1
                break
            if _TITLE.match(text) or _CLOSING.match(text):
                break
            if j not in used and not _FIELD.match(text):
                parts.append(text)
            j += 1
        head["Kepada"] = _FIELD_INSIDE.sub("", join_text(parts))
        body_start = max(body_start, min(j, len(lines)))
        break

    if "Tanggal" not in head:  # a Surat Edaran dates itself at the end: "pada tanggal ..."
        for line in lines:
            if m := _DITETAPKAN_DATE.match(line.text):
                head["Tanggal"] = m.group(1)
                break
    return head, body_start


def _continues_hal(text: str) -> bool:
    if len(text) > _HAL_LINE_MAX or _FIELD.match(text) or _YTH.search(text) or _TITLE.match(text):
        return False
    return not (text.startswith("Kepada") or _DI.match(text) or _DI_PLACE.match(text) or match_marker(text))


def _tembusan(lines: list[Line]) -> str:
    for i, line in enumerate(lines):
        m = _TEMBUSAN.match(line.text)
        if not m:
            continue
        items: list[list[str]] = []
        for later in lines[i + 1 :]:
            found = match_marker(later.text)
            if found and found[0] == "1.":
                items.append([found[2]])
            elif items and not later.text.isupper():
                items[-1].append(later.text)
            else:
                break
        return " ".join(f"{n}. {join_text(parts)}" for n, parts in enumerate(items, start=1))
    return ""
