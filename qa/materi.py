"""A trainer's "materi" set: provisions and answers collected in the app, exported for a class.

Each item carries the full citation label of every provision it quotes, so a handout
read away from the app still says exactly where each text comes from. A quote keeps the
statute's shape (:mod:`qa.outline`): one line per ayat, huruf and angka, indented per level.

Exports: Markdown (``to_markdown``), PDF (``to_pdf``, fpdf2 with a Unicode TTF font when one
is installed; A4, title in the header, "Halaman n dari m" in the footer) and DOCX (``to_docx``,
python-docx; A4, Indonesian proofing language, title and date in the header, page numbers in
the footer). All three print the same sequence of blocks (:func:`handout`), in which each
provision's text appears once.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from corpus.ids import InvalidUnitId, UnitId
from ingest.model import OCR_NOTE, Unit
from qa.graph import Graph
from qa.model import Answer, Citation
from qa.outline import Baris, lines, quote

KETENTUAN = "ketentuan"
JAWABAN = "jawaban"

STATUS_TEXT = {"berlaku": "berlaku", "diubah": "telah diubah", "dicabut": "dicabut"}
LANGUAGE = "id-ID"  # proofing language of the DOCX, so Word checks Indonesian spelling

BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip

# Regular, bold and italic faces; the first family found complete is used.
FONT_CANDIDATES = (
    (
        "DejaVu",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf",
    ),
    (
        "Liberation",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Italic.ttf",
    ),
)


def _baris_list(raw) -> list[Baris]:
    """Lines as stored in a saved set (dicts) or as built (:class:`Baris`)."""
    return [b if isinstance(b, Baris) else Baris(**b) for b in raw]


@dataclass
class Kutipan:
    """One quoted provision with everything a citation needs."""

    unit_id: str
    label: str  # full label: "Pasal 87 ayat (4) huruf c Undang-Undang Nomor 5 Tahun 2014 tentang ..."
    short_label: str
    text: str
    status: str = "berlaku"
    status_note: str | None = None
    page: int | None = None
    pengantar: str = ""  # the parent's lead-in ("PNS dilarang:") that a huruf or angka completes
    ocr_note: str | None = None  # Unit.ocr_note: the text came from OCR and has doubtful words
    # The quote laid out as in the statute (lead-ins of its Pasal, then its own items); empty
    # for a quote taken without the index (the text is printed as stored).
    butir: list[Baris] = field(default_factory=list)
    penjelasan: list[Baris] = field(default_factory=list)  # its Penjelasan, laid out the same way
    penjelasan_label: str = ""  # "Penjelasan Pasal 5 huruf n angka 2 PP 94/2021"

    def __post_init__(self) -> None:
        self.butir = _baris_list(self.butir)
        self.penjelasan = _baris_list(self.penjelasan)

    @classmethod
    def of_unit(cls, unit: Unit, graph: Graph | None = None, pengantar: str = "") -> Kutipan:
        kutipan = cls(
            unit_id=unit.id,
            label=unit.label,
            short_label=unit.short_label,
            text=unit.text,
            status=unit.status,
            status_note=unit.status_note,
            page=unit.pages[0] if unit.pages else None,
            pengantar=pengantar,
            ocr_note=unit.ocr_note,
        )
        if graph is not None and unit.id in graph.units:
            kutipan.pengantar = pengantar or graph.lead_in(unit)
            kutipan.butir = quote(graph, unit)
            explained = graph.units.get(unit.penjelasan_id or "")
            if explained is not None:
                kutipan.penjelasan = lines(graph, explained)
                kutipan.penjelasan_label = explained.short_label
        if not kutipan.penjelasan and unit.penjelasan:
            kutipan.penjelasan = [Baris(0, " ".join(unit.penjelasan.split()), unit_id=unit.penjelasan_id or "")]
        return kutipan

    @classmethod
    def of_citation(cls, citation: Citation) -> Kutipan:
        return cls(
            unit_id=citation.unit_id,
            label=citation.label,
            short_label=citation.short_label,
            text=citation.text,
            status=citation.status,
            page=citation.page,
        )

    def baris(self) -> list[Baris]:
        """The quote's printed lines: as laid out, or its lead-in and stored text."""
        if self.butir:
            return self.butir
        head = [Baris(0, f"{self.pengantar.strip()} …", unit_id="", konteks=True)] if self.pengantar.strip() else []
        level = 1 if head else 0
        return head + [Baris(level, line.strip(), unit_id=self.unit_id) for line in self.text.splitlines() if line.strip()]

    def status_line(self) -> str:
        """One plain status: the note when it already says the status ("berlaku sebagaimana
        diubah dengan ...", "dicabut oleh ..."), else the status word and the note."""
        word = STATUS_TEXT.get(self.status, self.status)
        note = " ".join((self.status_note or "").split())
        if not note:
            return word
        if re.search(rf"\b{re.escape(word)}\b", note, re.I) or re.search(rf"\b{re.escape(self.status)}\b", note, re.I):
            return note
        return f"{word}; {note}"

    def source_line(self) -> str:
        return self.label + (f", hlm. {self.page}" if self.page else "")

    def ocr_line(self) -> str | None:
        """The OCR warning, said whenever the text came from OCR with doubtful words."""
        if not self.ocr_note:
            return None
        return self.ocr_note if self.ocr_note.startswith(OCR_NOTE) else f"{OCR_NOTE} ({self.ocr_note})"


@dataclass
class MateriItem:
    """A provision (``ketentuan``) or an answer to a question (``jawaban``)."""

    kind: str
    judul: str  # short label of the provision, or the question
    kutipan: list[Kutipan] = field(default_factory=list)
    isi: str = ""  # the answer text; empty for a provision

    @property
    def key(self) -> str:
        """Identity in a set: the same provision or question is collected once."""
        if self.kind == KETENTUAN and self.kutipan:
            return f"{KETENTUAN}:{self.kutipan[0].unit_id}"
        return f"{self.kind}:{self.judul.strip().lower()}"


def item_from_unit(unit: Unit, graph: Graph | None = None, *, pengantar: str = "") -> MateriItem:
    """A provision, laid out from ``graph`` (its Pasal's lead-ins, its items, its Penjelasan);
    without the graph, ``pengantar`` is printed before it so a point reads whole."""
    return MateriItem(kind=KETENTUAN, judul=unit.short_label, kutipan=[Kutipan.of_unit(unit, graph, pengantar)])


def item_from_answer(answer: Answer, graph: Graph | None = None) -> MateriItem:
    """An answer with its citations; with ``graph`` each is laid out and keeps its status note."""
    kutipan = []
    for citation in answer.citations:
        unit = graph.units.get(citation.unit_id) if graph is not None else None
        kutipan.append(Kutipan.of_unit(unit, graph) if unit is not None else Kutipan.of_citation(citation))
    return MateriItem(kind=JAWABAN, judul=answer.question, isi=answer.answer, kutipan=kutipan)


def add(items: list[MateriItem], item: MateriItem) -> bool:
    """Append ``item`` unless the set already holds it; say whether it was added."""
    if any(existing.key == item.key for existing in items):
        return False
    items.append(item)
    return True


def move(items: list[MateriItem], index: int, delta: int) -> None:
    """Move the item at ``index`` up (delta < 0) or down, staying inside the list."""
    target = min(max(index + delta, 0), len(items) - 1)
    if 0 <= index < len(items) and target != index:
        items.insert(target, items.pop(index))


def tanggal(day: date | None = None) -> str:
    day = day or date.today()
    return f"{day.day} {BULAN[day.month - 1]} {day.year}"


# ----------------------------------------------------------------- the handout, format-free

JUDUL, TEKS, LABEL, BARIS, PENJELASAN, CATATAN = "judul", "teks", "label", "baris", "penjelasan", "catatan"


@dataclass
class Blok:
    """One block of a handout: an item heading, prose, a bold label, a quoted line, a
    Penjelasan line or a note (source, status, OCR). Every export prints these in order."""

    kind: str
    text: str
    level: int = 0
    marker: str = ""
    konteks: bool = False


def _heading(number: int, item: MateriItem) -> str:
    prefix = "Pertanyaan: " if item.kind == JAWABAN else ""
    return f"{number}. {prefix}{item.judul}"


def _unit_id(text: str) -> UnitId | None:
    try:
        return UnitId.parse(text)
    except InvalidUnitId:
        return None


def _holder(kutipan: Kutipan, first: dict[str, tuple[Kutipan, int]]) -> tuple[Kutipan, int] | None:
    """The quote elsewhere in the handout that prints this one's text: the same provision
    quoted earlier, or one that contains it (its Pasal, its ayat) anywhere. ``first`` maps
    each quoted unit id to its first quote and item number."""
    same = first.get(kutipan.unit_id)
    if same is not None and same[0] is not kutipan:
        return same
    own = _unit_id(kutipan.unit_id)
    for outer in reversed(own.ancestors if own is not None else ()):  # the outermost holds the most
        if (found := first.get(str(outer))) is not None:
            return found
    return None


_BOLD = re.compile(r"^\*\*(?P<label>.+)\*\*$")


def _answer_blocks(isi: str) -> list[str]:
    return [b.strip() for b in re.split(r"\n\s*\n", isi.strip()) if b.strip()]


class _Writer:
    """Builds the block sequence, remembering what was printed so nothing is printed twice."""

    def __init__(self, first: dict[str, tuple[Kutipan, int]], penjelasan: bool):
        self.first = first
        self.with_penjelasan = penjelasan
        self.blocks: list[Blok] = []
        self.framed: set[str] = set()  # units whose lead-in or text is already printed
        self.explained: set[str] = set()  # Penjelasan units already printed

    def add(self, kind: str, text: str, **kw) -> None:
        self.blocks.append(Blok(kind, text, **kw))

    def quote(self, kutipan: Kutipan, labelled: bool, fallback_penjelasan: str = "") -> None:
        if labelled:
            self.add(LABEL, kutipan.short_label)
        holder = _holder(kutipan, self.first)
        if holder is not None:
            other, where = holder
            self.add(BARIS, f"Teks ketentuan ini dikutip dalam {other.short_label} pada butir {where}.", konteks=True)
        else:
            for baris in kutipan.baris():
                if baris.konteks and baris.unit_id and baris.unit_id in self.framed:
                    if baris.marker:  # its lead-in stands above: the marker keeps the place
                        self.add(BARIS, "…", level=baris.level, marker=baris.marker, konteks=True)
                    continue
                self.add(BARIS, baris.text, level=baris.level, marker=baris.marker, konteks=baris.konteks)
                if baris.unit_id:
                    self.framed.add(baris.unit_id)
        if self.with_penjelasan and holder is None:  # the holder's Penjelasan holds this one's
            self.penjelasan(kutipan, fallback_penjelasan)
        self.add(CATATAN, f"Sumber: {kutipan.source_line()}")
        self.add(CATATAN, f"Status: {kutipan.status_line()}")
        if ocr := kutipan.ocr_line():
            self.add(CATATAN, f"Catatan: {ocr}")

    def penjelasan(self, kutipan: Kutipan, fallback: str) -> None:
        rows = kutipan.penjelasan or ([Baris(0, fallback)] if fallback else [])
        ids = {b.unit_id for b in rows if b.unit_id}
        if not rows or (ids and ids <= self.explained):
            return
        self.add(PENJELASAN, kutipan.penjelasan_label or "Penjelasan")
        for baris in rows:
            self.add(BARIS, baris.text, level=baris.level, marker=baris.marker)
        self.explained |= ids


def _answer(writer: _Writer, item: MateriItem) -> None:
    """An answer's text with its quotes laid out where it quotes them (the extractive
    engine's "**label**" and "> text" blocks, and the "*Penjelasan:*" after one); the
    citations it does not quote follow under "Dasar hukum"."""
    by_label: dict[str, Kutipan] = {}
    for k in item.kutipan:
        by_label.setdefault(k.short_label, k)
    placed: set[int] = set()
    blocks = _answer_blocks(item.isi)
    i = 0
    while i < len(blocks):
        head, _, rest = blocks[i].partition("\n")
        match = _BOLD.match(head.strip())
        kutipan = by_label.get(match.group("label")) if match else None
        if kutipan is not None and id(kutipan) not in placed and rest.lstrip().startswith(">"):
            extra = ""
            if i + 1 < len(blocks) and blocks[i + 1].startswith("*Penjelasan:*"):
                extra = blocks[i + 1].removeprefix("*Penjelasan:*").strip()
                i += 1
            writer.quote(kutipan, labelled=True, fallback_penjelasan=extra)
            placed.add(id(kutipan))
        else:
            writer.add(TEKS, blocks[i])
        i += 1
    rest_kutipan = [k for k in item.kutipan if id(k) not in placed]
    if rest_kutipan:
        writer.add(LABEL, "Dasar hukum:")
    for k in rest_kutipan:
        writer.quote(k, labelled=True)


def handout(items: Iterable[MateriItem], penjelasan: bool = False) -> list[Blok]:
    """The blocks of a handout for ``items``, in order.

    Each provision's text is printed once: a provision collected twice is printed once, a
    quote whose text another quote already holds (the same provision, or its Pasal) says
    where it is; an answer's own quotes are laid out in place of its plain-text copies.
    ``penjelasan``: print each provision's Penjelasan under it.
    """
    unique: list[MateriItem] = []
    seen: set[str] = set()
    for item in items:
        if item.kind == KETENTUAN and item.key in seen:
            continue
        seen.add(item.key)
        unique.append(item)
    first: dict[str, tuple[Kutipan, int]] = {}
    for number, item in enumerate(unique, start=1):
        for k in item.kutipan:
            first.setdefault(k.unit_id, (k, number))
    writer = _Writer(first, penjelasan)
    for number, item in enumerate(unique, start=1):
        writer.add(JUDUL, _heading(number, item))
        if item.kind == JAWABAN:
            _answer(writer, item)
        else:
            for k in item.kutipan:
                writer.quote(k, labelled=False)
    return writer.blocks


def plain(text: str) -> str:
    """Prose without its light Markdown (bold, italics, quote marks), for PDF and DOCX."""
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)
    return "\n".join(re.sub(r"^>\s?", "", line) for line in text.replace("  \n", "\n").splitlines())


# ----------------------------------------------------------------- Markdown

EM = "\u2003"  # Markdown drops leading spaces; em spaces keep each level's indent


def _md_line(blok: Blok) -> str:
    text = f"{blok.marker} {blok.text}" if blok.marker else blok.text
    if blok.konteks:
        text = f"_{text}_"
    return f"> {EM * 2 * blok.level}{text}"


def to_markdown(items: Iterable[MateriItem], judul: str = "Materi", day: date | None = None,
                penjelasan: bool = False) -> str:  # fmt: skip
    out = [f"# {judul}", "", f"_Disusun dengan Rujukan, {tanggal(day)}._"]
    previous = ""
    for blok in handout(items, penjelasan):
        if blok.kind == BARIS:
            out += [">" if previous == BARIS else "", _md_line(blok)]
        elif blok.kind == CATATAN:
            if previous == CATATAN:
                out[-1] += "  "
                out.append(blok.text)
            else:
                out += ["", blok.text]
        elif blok.kind == JUDUL:
            out += ["", f"## {blok.text}"]
        elif blok.kind in (LABEL, PENJELASAN):
            out += ["", f"**{blok.text}**"]
        else:
            out += ["", blok.text]
        previous = blok.kind
    return "\n".join(out).strip() + "\n"


# ----------------------------------------------------------------- PDF


def find_unicode_font() -> tuple[str, Path, Path, Path] | None:
    """A TTF family (regular, bold, italic) covering Indonesian text and typographic marks."""
    for family, *paths in FONT_CANDIDATES:
        files = [Path(p) for p in paths]
        if all(f.is_file() for f in files):
            return family, files[0], files[1], files[2]
    return None


# Used only without a Unicode font: the PDF core fonts know Latin-1 alone.
_LATIN1 = str.maketrans(
    {"—": "-", "–": "-", "“": '"', "”": '"', "‘": "'", "’": "'", "…": "...", "•": "-", EM: " "}
)

INDENT_MM = 6.0  # a quote's margin
LEVEL_MM = 7.0  # one more per list level
MARKER_MM = 9.0  # the marker's column ("(12)", "Huruf a" gets more)


def to_pdf(items: Iterable[MateriItem], judul: str = "Materi", day: date | None = None,
           penjelasan: bool = False) -> bytes:  # fmt: skip
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    font = find_unicode_font()
    if font:
        family = font[0]

        def prepare(text: str) -> str:
            return text
    else:
        family = "Helvetica"

        def prepare(text: str) -> str:
            return text.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")

    running = f"{judul} · {tanggal(day)}" if font else f"{judul} - {tanggal(day)}"

    class Handout(FPDF):
        def header(self) -> None:
            self.set_font(family, "I", 8)
            self.set_text_color(110)
            self.cell(0, 5, prepare(running), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_text_color(0)
            self.ln(3)

        def footer(self) -> None:
            self.set_y(-13)
            self.set_font(family, "", 8)
            self.set_text_color(110)
            self.cell(0, 5, f"Halaman {self.page_no()} dari {{nb}}", align="C")
            self.set_text_color(0)

    pdf = Handout(format="A4")
    pdf.set_margins(20, 15, 20)
    pdf.set_auto_page_break(True, margin=18)
    if font:
        _, regular, bold, italic = font
        pdf.add_font(family, "", str(regular))
        pdf.add_font(family, "B", str(bold))
        pdf.add_font(family, "I", str(italic))
        pdf.add_font(family, "BI", str(bold))

    def para(text: str, size: float = 10.5, style: str = "", height: float = 5.4, indent: float = 0) -> None:
        pdf.set_font(family, style, size)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(0, height, prepare(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def line(blok: Blok) -> None:
        style = "I" if blok.konteks else ""
        pdf.set_font(family, style, 10)
        left = INDENT_MM + LEVEL_MM * blok.level
        pdf.set_x(pdf.l_margin + left)
        if blok.marker:
            width = max(MARKER_MM, pdf.get_string_width(prepare(blok.marker)) + 2)
            pdf.cell(width, 5.2, prepare(blok.marker))
        pdf.multi_cell(0, 5.2, prepare(blok.text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(0.6)

    pdf.set_title(judul)
    pdf.set_lang(LANGUAGE)
    pdf.set_creator("Rujukan")
    pdf.add_page()
    para(judul, size=17, style="B", height=8)
    para(f"Disusun dengan Rujukan, {tanggal(day)}.", size=9, style="I")
    pdf.ln(2)
    previous = ""
    for blok in handout(items, penjelasan):
        if blok.kind == JUDUL:
            pdf.ln(4)
            para(blok.text, size=12.5, style="B", height=6.5)
            pdf.ln(1)
        elif blok.kind == TEKS:
            pdf.ln(1.5 if previous == JUDUL else 3)
            para(plain(blok.text))
            pdf.ln(1.5)
        elif blok.kind == LABEL:
            pdf.ln(1.5)
            para(blok.text, size=10, style="B")
        elif blok.kind == PENJELASAN:
            pdf.ln(1)
            para(blok.text, size=9.5, style="BI", indent=INDENT_MM)
        elif blok.kind == BARIS:
            line(blok)
        else:
            if previous != CATATAN:
                pdf.ln(1)
            para(blok.text, size=8.5, style="I", height=4.4)
        previous = blok.kind
    return bytes(pdf.output())


# ----------------------------------------------------------------- DOCX

DOCX_INDENT_CM = 1.0
DOCX_LEVEL_CM = 0.8
DOCX_MARKER_CM = 0.8


def _set_language(element, language: str = LANGUAGE) -> None:
    """Set ``w:lang`` on a run or style property element (``w:rPr``)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    lang = element.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        after = [element.find(qn(tag)) for tag in ("w:eastAsianLayout", "w:specVanish", "w:oMath")]
        after = [e for e in after if e is not None]
        if after:  # the schema's order: w:lang before these
            after[0].addprevious(lang)
        else:
            element.append(lang)
    lang.set(qn("w:val"), language)


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills when it lays the pages out."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


def to_docx(items: Iterable[MateriItem], judul: str = "Materi", day: date | None = None,
            penjelasan: bool = False) -> bytes:  # fmt: skip
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    document = Document()
    document.core_properties.title = judul
    document.core_properties.author = "Rujukan"
    document.core_properties.language = LANGUAGE
    # Indonesian proofing everywhere: the defaults, every style, every run written below.
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        for rpr in defaults.iter(qn("w:rPr")):
            _set_language(rpr)
    for style in document.styles:
        if hasattr(style, "font"):
            _set_language(style.element.get_or_add_rPr())
    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.5)
        head = section.header.paragraphs[0]
        run = head.add_run(f"{judul} · {tanggal(day)}")
        run.italic, run.font.size = True, Pt(8)
        _set_language(run._r.get_or_add_rPr())
        foot = section.footer.paragraphs[0]
        foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
        foot.add_run("Halaman ")
        _field(foot, "PAGE")
        foot.add_run(" dari ")
        _field(foot, "NUMPAGES")

    def text_run(paragraph, text: str, bold: bool = False, italic: bool = False, size: float | None = None):
        run = paragraph.add_run(text)
        run.bold, run.italic = bold or None, italic or None
        if size:
            run.font.size = Pt(size)
        _set_language(run._r.get_or_add_rPr())
        return run

    document.add_heading(judul, level=0)
    text_run(document.add_paragraph(), f"Disusun dengan Rujukan, {tanggal(day)}.", italic=True)
    notes = None
    for blok in handout(items, penjelasan):
        if blok.kind != CATATAN:
            notes = None
        if blok.kind == JUDUL:
            document.add_heading(blok.text, level=1)
        elif blok.kind == TEKS:
            for chunk in plain(blok.text).split("\n"):
                if chunk.strip():
                    text_run(document.add_paragraph(), chunk.strip())
        elif blok.kind == LABEL:
            text_run(document.add_paragraph(), blok.text, bold=True)
        elif blok.kind == PENJELASAN:
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.left_indent = Cm(DOCX_INDENT_CM)
            text_run(paragraph, blok.text, bold=True, italic=True, size=10)
        elif blok.kind == BARIS:
            paragraph = document.add_paragraph()
            fmt = paragraph.paragraph_format
            fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
            fmt.space_after = Pt(2)
            left = DOCX_INDENT_CM + DOCX_LEVEL_CM * blok.level
            if blok.marker:  # a hanging marker: the text and its wrapped lines align after it
                hang = DOCX_MARKER_CM * (2 if len(blok.marker) > 4 else 1)  # "Huruf a", "Angka 1"
                fmt.left_indent = Cm(left + hang)
                fmt.first_line_indent = Cm(-hang)
                fmt.tab_stops.add_tab_stop(Cm(left + hang))
                text_run(paragraph, f"{blok.marker}\t{blok.text}", italic=blok.konteks)
            else:
                fmt.left_indent = Cm(left)
                text_run(paragraph, blok.text, italic=blok.konteks)
        else:
            if notes is None:
                notes = document.add_paragraph()
            else:
                text_run(notes, "").add_break()
            run = text_run(notes, blok.text, italic=True, size=9)
            run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
