"""Plain data types that flow through ingest: source file -> text with pages -> units.

Each stage consumes the type the previous one produced and never reaches back:
``read`` gives a :class:`SourceText`, ``clean`` gives a cleaned :class:`SourceText`
with a :class:`CleanReport`, ``parse`` gives a :class:`ParsedDocument` of :class:`Unit`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Line:
    """One line of a source document as read, with the page it stands on."""

    text: str
    page: int | None = None  # 1-based page of the source PDF; None for text copies


@dataclass
class SourceText:
    """The text of one source file, line by line, before structure is known."""

    path: str
    lines: list[Line]
    page_count: int | None = None  # None when the source has no pages (.md, .txt)
    method: str = "text"  # "text", "pypdf" or "ocr"


@dataclass
class CleanReport:
    """What cleaning removed or repaired in one document, counted per rule."""

    removed: dict[str, int] = field(default_factory=dict)  # e.g. {"running_head": 102}
    repaired: dict[str, int] = field(default_factory=dict)  # e.g. {"ocr_ayat_marker": 7}
    examples: dict[str, list[str]] = field(default_factory=dict)  # a few samples per rule


@dataclass
class Correction:
    """One change the OCR correction pass made to a source line, for review."""

    before: str  # the token(s) as OCR read them
    after: str
    rule: str  # which correction rule (ingest.ocr_correct) made the change
    page: int | None = None
    context: str = ""  # the corrected line, shortened
    unit: str = ""  # id of the smallest unit whose text holds the corrected words (set after parse)


@dataclass
class Version:
    """One version of a provision's text in its amendment history."""

    text: str
    doc_id: str  # the law that enacted this version, e.g. "uu-10-2016"
    source_id: str  # the unit that enacted it, e.g. "uu-10-2016/pasal-I/angka-26"
    source_label: str  # e.g. "Pasal I angka 26 UU 10/2016"
    change: str = "asli"  # "asli", "diubah", "disisipkan", "dihapus", "penjelasan diubah"
    # Dates of the law that enacted this version (manifest), YYYY-MM-DD; "" when unknown.
    enacted: str = ""  # disahkan / ditetapkan
    promulgated: str = ""  # diundangkan

    @property
    def dated(self) -> str:
        """"disahkan 1 Juli 2016", or "diundangkan 4 Mei 2023" for a law without a date of
        enactment; "" when neither is known."""
        if self.enacted:
            return f"disahkan {indonesian_date(self.enacted)}"
        if self.promulgated:
            return f"diundangkan {indonesian_date(self.promulgated)}"
        return ""


_MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember")  # fmt: skip


def indonesian_date(iso: str) -> str:
    """"2016-07-01" -> "1 Juli 2016"."""
    year, month, day = (int(p) for p in iso.split("-"))
    return f"{day} {_MONTHS[month - 1]} {year}"


# Said wherever a unit with OCR-suspect words is shown or exported.
OCR_NOTE = "teks hasil OCR; periksa dengan salinan resmi"


@dataclass
class Unit:
    """A citable provision: Pasal, ayat, huruf, angka, Penjelasan, Diktum, Lampiran point, ...

    ``text`` is the provision as published, including its children (a Pasal's text
    holds all its ayat). ``id`` is stable across re-ingests of the same file.
    """

    id: str  # "uu-5-2014/pasal-87/ayat-4/huruf-c"; "uu-5-2014/penjelasan/pasal-2/huruf-f"
    doc_id: str  # "uu-5-2014"
    kind: str  # pasal, ayat, huruf, angka, penjelasan, penjelasan-umum, menimbang, mengingat,
    #            diktum, lampiran, butir, baris (table row)
    number: str  # as printed: "87", "4", "c", "7A", "KESATU"
    label: str  # "Pasal 87 ayat (4) huruf c Undang-Undang Nomor 5 Tahun 2014 tentang ..."
    short_label: str  # "Pasal 87 ayat (4) huruf c UU 5/2014"
    text: str
    parent_id: str | None = None
    order: int = 0  # position in the document, for stable sorting and tables of contents
    hierarchy: list[str] = field(default_factory=list)  # ["BAB IX DISIPLIN", "Bagian Kesatu ..."]
    penjelasan: str | None = None  # text of the attached Penjelasan, if any
    penjelasan_id: str | None = None
    explains: str | None = None  # on a Penjelasan unit: the body unit it explains
    pages: list[int] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)  # resolved outgoing references (unit ids)
    columns: dict[str, str] = field(default_factory=dict)  # table rows keep their columns
    # Legal status (issue: amendments and status).
    status: str = "berlaku"  # "berlaku", "diubah" or "dicabut"
    status_note: str | None = None  # plain Indonesian, e.g. "dicabut oleh Pasal 76 UU 20/2023"
    status_source: str | None = None  # unit id of the provision that caused the status
    successors: list[str] = field(default_factory=list)  # counterpart units in the new law
    history: list[Version] = field(default_factory=list)  # oldest first; last is in force
    # Set when the law's own copy in the corpus does not hold this Pasal (a partial source), so its
    # text is known only from the amending law: says so, and that the original is not in the corpus.
    coverage_note: str | None = None
    # Words of OCR'd text that the correction pass could neither confirm nor repair: the reader
    # must check the quote against the official copy.
    ocr_suspect: list[str] = field(default_factory=list)
    # Set when a clause matches its counterpart in the law this one replaced except for a few
    # missing words (ingest.divergence): the copy may have lost them.
    divergence_note: str | None = None

    @property
    def ocr_note(self) -> str | None:
        """"teks hasil OCR; periksa dengan salinan resmi (kata meragukan: ...)" or None."""
        if not self.ocr_suspect:
            return None
        return f"{OCR_NOTE} (kata meragukan: {', '.join(self.ocr_suspect)})"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Unit:
        data = dict(data)
        data["history"] = [Version(**v) for v in data.get("history", [])]
        return cls(**data)


@dataclass
class ParseReport:
    """What parsing found in one document; written beside its units and shown by ``status``."""

    doc_id: str
    counts: dict[str, int] = field(default_factory=dict)  # units per kind; "pasal" = number of Pasal
    unresolved_refs: list[dict[str, str]] = field(default_factory=list)  # {"unit", "text"}
    suspicious: list[dict[str, str]] = field(default_factory=list)  # {"unit", "why"}
    warnings: list[str] = field(default_factory=list)
    cleaning: CleanReport = field(default_factory=CleanReport)
    source: str = ""  # file the units came from
    method: str = ""  # "text", "pypdf" or "ocr"
    page_count: int | None = None
    # What of the document the source holds (corpus.coverage.Coverage as a dict); None: all of it.
    coverage: dict[str, Any] | None = None
    # OCR correction pass (ingest.ocr_correct): each change, and the words left suspicious.
    corrections: list[Correction] = field(default_factory=list)
    ocr_suspect: list[dict[str, Any]] = field(default_factory=list)  # {"word", "page", "unit"}
    # Divergence check (ingest.divergence) against the laws this one replaced.
    divergences: list[dict[str, str]] = field(default_factory=list)  # {"unit", "counterpart", "missing", "after"}
    divergence_checked: list[str] = field(default_factory=list)  # doc ids compared with


@dataclass
class ParsedDocument:
    doc_id: str
    units: list[Unit]
    report: ParseReport
