"""A trainer's "materi" set: provisions and answers collected in the app, exported for a class.

Each item carries the full citation label of every provision it quotes, so a handout
read away from the app still says exactly where each text comes from. Exports:
Markdown (``to_markdown``), PDF (``to_pdf``, fpdf2 with a Unicode TTF font when one is
installed) and DOCX (``to_docx``, python-docx).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ingest.model import Unit
from qa.model import Answer, Citation

KETENTUAN = "ketentuan"
JAWABAN = "jawaban"

STATUS_TEXT = {"berlaku": "berlaku", "diubah": "telah diubah", "dicabut": "dicabut"}

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

    @classmethod
    def of_unit(cls, unit: Unit, pengantar: str = "") -> Kutipan:
        return cls(
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

    def status_line(self) -> str:
        line = STATUS_TEXT.get(self.status, self.status)
        line = f"{line} ({self.status_note})" if self.status_note else line
        return f"{line}; {self.ocr_note}" if self.ocr_note else line

    def source_line(self) -> str:
        return self.label + (f", hlm. {self.page}" if self.page else "")


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


def item_from_unit(unit: Unit, pengantar: str = "") -> MateriItem:
    """A provision; ``pengantar`` is its parent's lead-in, printed before it so a point reads whole."""
    return MateriItem(kind=KETENTUAN, judul=unit.short_label, kutipan=[Kutipan.of_unit(unit, pengantar)])


def item_from_answer(answer: Answer, units: Mapping[str, Unit] | None = None) -> MateriItem:
    """An answer with its citations; ``units`` (by id), when given, adds each status note."""
    kutipan = []
    for citation in answer.citations:
        quoted = Kutipan.of_citation(citation)
        unit = (units or {}).get(citation.unit_id)
        if unit is not None:
            quoted.status_note = unit.status_note
            quoted.ocr_note = unit.ocr_note
        kutipan.append(quoted)
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


def _heading(number: int, item: MateriItem) -> str:
    prefix = "Pertanyaan: " if item.kind == JAWABAN else ""
    return f"{number}. {prefix}{item.judul}"


def to_markdown(items: Iterable[MateriItem], judul: str = "Materi", day: date | None = None) -> str:
    lines = [f"# {judul}", "", f"_Disusun dengan Rujukan, {tanggal(day)}._", ""]
    for number, item in enumerate(items, start=1):
        lines += [f"## {_heading(number, item)}", ""]
        if item.kind == JAWABAN:
            lines += [item.isi.strip(), "", "**Dasar hukum:**", ""]
        for kutipan in item.kutipan:
            if item.kind == JAWABAN:
                lines += [f"**{kutipan.short_label}**", ""]
            if kutipan.pengantar:
                lines += [f"> _{kutipan.pengantar.strip()} …_", ">"]
            lines += [f"> {line}" if line.strip() else ">" for line in kutipan.text.strip().splitlines()]
            lines += [
                "",
                f"Sumber: {kutipan.source_line()}  ",
                f"Status: {kutipan.status_line()}",
                "",
            ]
    return "\n".join(lines).rstrip() + "\n"


def find_unicode_font() -> tuple[str, Path, Path, Path] | None:
    """A TTF family (regular, bold, italic) covering Indonesian text and typographic marks."""
    for family, *paths in FONT_CANDIDATES:
        files = [Path(p) for p in paths]
        if all(f.is_file() for f in files):
            return family, files[0], files[1], files[2]
    return None


# Used only without a Unicode font: the PDF core fonts know Latin-1 alone.
_LATIN1 = str.maketrans(
    {"—": "-", "–": "-", "“": '"', "”": '"', "‘": "'", "’": "'", "…": "...", "•": "-"}
)


def to_pdf(items: Iterable[MateriItem], judul: str = "Materi", day: date | None = None) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    pdf = FPDF(format="A4")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    font = find_unicode_font()
    if font:
        family, regular, bold, italic = font
        pdf.add_font(family, "", str(regular))
        pdf.add_font(family, "B", str(bold))
        pdf.add_font(family, "I", str(italic))

        def prepare(text: str) -> str:
            return text
    else:
        family = "Helvetica"

        def prepare(text: str) -> str:
            return text.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")

    def para(text: str, size: float = 10.5, style: str = "", height: float = 5.4, indent: float = 0) -> None:
        pdf.set_font(family, style, size)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(0, height, prepare(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    pdf.set_title(judul)
    pdf.set_creator("Rujukan")
    pdf.add_page()
    para(judul, size=17, style="B", height=8)
    para(f"Disusun dengan Rujukan, {tanggal(day)}.", size=9, style="I")
    pdf.ln(4)
    for number, item in enumerate(items, start=1):
        para(_heading(number, item), size=12.5, style="B", height=6.5)
        pdf.ln(1)
        if item.kind == JAWABAN:
            para(item.isi.strip())
            pdf.ln(1.5)
            para("Dasar hukum:", style="B")
        for kutipan in item.kutipan:
            if item.kind == JAWABAN:
                para(kutipan.short_label, size=10, style="B")
            if kutipan.pengantar:
                para(f"{kutipan.pengantar.strip()} …", size=10, style="I", indent=6)
            para(kutipan.text.strip(), size=10, indent=6)
            pdf.ln(1)
            para(f"Sumber: {kutipan.source_line()}", size=8.5, style="I")
            para(f"Status: {kutipan.status_line()}", size=8.5, style="I")
            pdf.ln(2)
        pdf.ln(3)
    return bytes(pdf.output())


def to_docx(items: Iterable[MateriItem], judul: str = "Materi", day: date | None = None) -> bytes:
    from docx import Document
    from docx.shared import Cm, Pt

    document = Document()
    document.core_properties.title = judul
    document.core_properties.author = "Rujukan"
    document.add_heading(judul, level=0)
    intro = document.add_paragraph()
    intro.add_run(f"Disusun dengan Rujukan, {tanggal(day)}.").italic = True
    for number, item in enumerate(items, start=1):
        document.add_heading(_heading(number, item), level=1)
        if item.kind == JAWABAN:
            document.add_paragraph(item.isi.strip())
            document.add_paragraph().add_run("Dasar hukum:").bold = True
        for kutipan in item.kutipan:
            if item.kind == JAWABAN:
                document.add_paragraph().add_run(kutipan.short_label).bold = True
            if kutipan.pengantar:
                lead = document.add_paragraph()
                lead.add_run(f"{kutipan.pengantar.strip()} …").italic = True
                lead.paragraph_format.left_indent = Cm(1)
            quote = document.add_paragraph(kutipan.text.strip())
            quote.paragraph_format.left_indent = Cm(1)
            source = document.add_paragraph()
            run = source.add_run(f"Sumber: {kutipan.source_line()}\nStatus: {kutipan.status_line()}")
            run.italic = True
            run.font.size = Pt(9)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
