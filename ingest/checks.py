"""What a source must pass before its units are stored: size, identity and repetition limits.

A 50 MB text given as UU 5/2014 once took 11 minutes and 12 GB to ingest and produced 513,240
units; ``--file pp-42-2004.md --id pp-94-2021`` once replaced PP 94/2021 with another
regulation. Each check raises :class:`~ingest.errors.IngestError` with the cause in Indonesian;
the document is then not written, and its previous units stay.

The limits below are set far above the mirror's documents (2026-11: largest file 2.6 MB, a
PDF scan; largest text 206 KB; most units in one document 1,902, UU 1/2015; highest share of
repeated long lines 14%, UU 7/2023) and are listed in the README.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from corpus import kinds
from corpus.manifest import DocumentMeta
from ingest.errors import IngestError
from ingest.model import SourceText, Unit

MAX_PDF_BYTES = 100 * 1024 * 1024  # a scanned law of a few hundred pages is 5-50 MB
MAX_TEXT_BYTES = 5 * 1024 * 1024  # 25 times the largest text copy in the mirror
MAX_UNITS = 20_000  # 10 times the most units of any document in the mirror
MAX_REPEATED = 0.5  # share of long lines (40+ characters) that occur more than once
MIN_LINE = 40
MIN_FOR_REPEATED = 40  # fewer long lines than this are too few to judge
TITLE_LINES = 40  # the title page is read from the first lines


def check_size(path: Path) -> None:
    size = path.stat().st_size
    limit = MAX_PDF_BYTES if path.suffix.lower() == ".pdf" else MAX_TEXT_BYTES
    if size > limit:
        raise IngestError(
            path,
            f"berkas terlalu besar ({size / 1024 / 1024:.1f} MB; batas {limit // 1024 // 1024} MB untuk "
            f"{'PDF' if limit == MAX_PDF_BYTES else 'teks'}); periksa apakah ini memang dokumennya",
            f"{size} bytes > {limit}",
        )


def check_units(units: list[Unit], path: Path | str | None) -> None:
    if len(units) > MAX_UNITS:
        raise IngestError(
            path, f"terlalu banyak unit ({len(units)}; batas {MAX_UNITS} per dokumen); berkas ini bukan satu dokumen",
            f"{len(units)} units > {MAX_UNITS}",
        )  # fmt: skip


def check_repetition(source: SourceText, path: Path | str | None) -> None:
    """A text that repeats itself (one document pasted several times): the parser would keep
    the first copy and drop the rest unnoticed, so the source is judged, line by line."""
    lines = Counter(text for line in source.lines if len(text := " ".join(line.text.split())) >= MIN_LINE)
    total = sum(lines.values())
    repeated = sum(n for n in lines.values() if n > 1)
    if total >= MIN_FOR_REPEATED and repeated / total > MAX_REPEATED:
        raise IngestError(
            path,
            f"isi berkas berulang ({repeated} dari {total} baris panjang muncul lebih dari sekali); "
            "berkas ini tampaknya dokumen yang sama disalin berkali-kali",
            f"repeated share {repeated / total:.2f} > {MAX_REPEATED}",
        )


_TITLE = re.compile(
    rf"(?P<kind>{kinds.names_pattern()})\s+(?:republik\s+indonesia\s+)?"
    r"nomor\s*:?\s*(?P<number>[0-9][\w.\-/]*)\s+tahun\s+(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_FORMULA = re.compile(r"\s*dengan\s+rahmat\s+tuhan", re.IGNORECASE)
_OCR_DOT = re.compile(r"(?<=[A-Za-z])\.(?=[A-Za-z])")


def title_identity(source: SourceText) -> tuple[str, str, int] | None:
    """(kind, number, year) from the title at the head of the text: "UNDANG-UNDANG REPUBLIK
    INDONESIA NOMOR 5 TAHUN 2014" -> ("UU", "5", 2014); None when the head names none."""
    lines = [line.text for line in source.lines[:TITLE_LINES]]
    # The title comes before the enacting formula; the Menimbang after it cites other laws.
    end = next((i for i, text in enumerate(lines) if _FORMULA.match(text)), len(lines))
    head = _OCR_DOT.sub("-", " ".join(" ".join(lines[:end]).split()))  # "UNDANG.UNDANG" (OCR)
    match = _TITLE.search(head)
    if match is None:
        return None
    kind = kinds.by_text(match.group("kind"))
    return (kind.name if kind else match.group("kind"), match.group("number"), int(match.group("year")))


def check_identity(source: SourceText, doc: DocumentMeta, path: Path | str) -> str:
    """The file's title must name the document it is ingested as; returns a warning (Indonesian)
    when the head of the file names no document, "" when it names this one."""
    found = title_identity(source)
    if found is None:
        return "judul dokumen (jenis, nomor, tahun) tidak terbaca di awal berkas; identitas berkas tidak diperiksa"
    kind, number, year = found
    if (kind, number.lower(), year) != (doc.kind, str(doc.number).lower(), doc.year):
        raise IngestError(
            path,
            f"berkas ini berjudul {kind} Nomor {number} Tahun {year}, bukan {doc.kind} Nomor {doc.number} "
            f"Tahun {doc.year} ({doc.id}); tidak diingest. Pakai --force bila memang disengaja",
            f"title {found} != {(doc.kind, doc.number, doc.year)}",
        )
    return ""
