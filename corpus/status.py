"""What the corpus folder holds against the manifest.

:func:`ingest_sources` is the one rule for which file a document is read from: the official
PDF (all its parts) when present and not contradicted by a checksum, else the text copy.
The pipeline uses it too, so ``corpus status`` shows exactly what ``ingest`` will read.
What ingest made of each document is added by :mod:`ingest.corpus_status`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from corpus.coverage import Coverage, combined
from corpus.fetch import sha256_of
from corpus.manifest import DocumentMeta, Manifest, SourceFile

# File and document states, Indonesian because they are shown as they are.
ADA = "ada"
TIDAK_ADA = "tidak ada"
CHECKSUM_SALAH = "checksum tidak cocok"
BELUM_PASTI = "identitas belum pasti"  # pending manifest entry

MAX_WARNINGS = 3  # per document in the table; --json has them all

@dataclass
class FileState:
    file: str
    format: str
    part: int
    state: str  # ADA, TIDAK_ADA or CHECKSUM_SALAH
    verified: bool = False  # a checksum was known and matched
    size: int | None = None


@dataclass
class DocStatus:
    doc_id: str
    short_name: str
    kind: str
    state: str  # ADA, TIDAK_ADA, CHECKSUM_SALAH or BELUM_PASTI
    files: list[FileState] = field(default_factory=list)
    ingest_files: list[str] = field(default_factory=list)  # what ingest would read, in order
    # What ingest stored, filled by ingest.corpus_status.
    ingested: bool = False
    method: str = ""
    pages: int | None = None
    pasal: int | None = None
    units: int | None = None
    counts: dict[str, int] = field(default_factory=dict)  # units per kind, from the parse report
    unresolved_refs: int = 0
    warnings: list[str] = field(default_factory=list)
    # What of the document its files hold: "lengkap", or "sebagian: Pasal 1–214 dari 573, ...";
    # empty while no file is there. ``coverage_detail`` is the manifest's range (None: complete).
    coverage: str = ""
    coverage_detail: dict | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def source_path(src: SourceFile, folder: Path) -> Path:
    """Where a source lives: user uploads carry an absolute path, the rest sit in ``folder``."""
    path = Path(src.file)
    return path if path.is_absolute() else folder / src.file


def file_state(src: SourceFile, folder: Path) -> FileState:
    path = source_path(src, folder)
    if not path.is_file():
        return FileState(src.file, src.format, src.part, TIDAK_ADA)
    stat = path.stat()
    if not src.sha256:
        return FileState(src.file, src.format, src.part, ADA, size=stat.st_size)
    ok = _checksum(str(path), stat.st_mtime, stat.st_size) == src.sha256
    return FileState(src.file, src.format, src.part, ADA if ok else CHECKSUM_SALAH, ok, stat.st_size)


@lru_cache(maxsize=1024)
def _checksum(path: str, mtime: float, size: int) -> str:
    """sha256 of a file, computed again only when it changed (status is shown often; PDFs are large)."""
    return sha256_of(Path(path))


def ingest_sources(doc: DocumentMeta, folder: Path) -> list[Path]:
    """The files ingest reads for ``doc``, in order; empty when none is usable.

    A file whose checksum contradicts the manifest is not the document and is never chosen.
    A whole file is preferred to a set of parts; parts are read only when every one is present.
    """
    for fmt in ("pdf", "text"):
        # Each whole file (part 0) is an alternative on its own, the first present one wins;
        # files published in parts count only as a complete set.
        for src in doc.sources:
            if src.format == fmt and src.part == 0 and file_state(src, folder).state == ADA:
                return [source_path(src, folder)]
        parts = sorted((s for s in doc.sources if s.format == fmt and s.part), key=lambda s: s.part)
        if parts and all(file_state(s, folder).state == ADA for s in parts):
            return [source_path(s, folder) for s in parts]
    return []


def coverage_of(doc: DocumentMeta, folder: Path | None = None, paths: list[Path] | None = None) -> Coverage | None:
    """What of ``doc`` the files ingest reads (or ``paths``) hold; None: the whole document."""
    chosen = {p.name for p in (paths if paths is not None else ingest_sources(doc, folder))}
    sources = [s for s in doc.sources if Path(s.file).name in chosen]
    return combined([s.coverage for s in sources]) if sources else None


def file_status(manifest: Manifest, folder: Path) -> list[DocStatus]:
    """One :class:`DocStatus` per manifest document, its files only; never raises for a missing file."""
    result = []
    for doc in manifest.documents:
        status = DocStatus(doc.id, doc.short_name or doc.title, doc.kind, TIDAK_ADA)
        status.files = [file_state(src, folder) for src in doc.sources]
        chosen = ingest_sources(doc, folder)
        status.ingest_files = [p.name for p in chosen]
        if doc.pending:
            status.state = BELUM_PASTI
            status.warnings.append("nomor dan tanggal belum diketahui; tidak diingest (lihat catatan manifest)")
        elif chosen:
            status.state = ADA
        elif any(f.state == CHECKSUM_SALAH for f in status.files):
            status.state = CHECKSUM_SALAH
        for f in status.files:
            if f.state == CHECKSUM_SALAH:
                status.warnings.append(f"{f.file}: checksum tidak cocok dengan manifest; berkas ini tidak dipakai")
        if chosen and not any(f.verified for f in status.files if f.file in status.ingest_files):
            status.warnings.append("checksum berkas yang dipakai tidak tercatat di manifest; keasliannya belum diperiksa")
        if chosen:
            set_coverage(status, coverage_of(doc, folder, chosen))
        result.append(status)
    return result


def set_coverage(status: DocStatus, coverage: Coverage | None) -> None:
    status.coverage = coverage.describe() if coverage else "lengkap"
    status.coverage_detail = coverage.to_dict() if coverage else None


def format_table(statuses: list[DocStatus]) -> str:
    """A table for people, in Indonesian, followed by the warnings per document."""
    head = ("Dokumen", "Status", "Berkas yang diingest", "Cakupan", "Metode", "Hal.", "Pasal", "Unit", "Ref?",
            "Peringatan")
    rows = [head]
    for s in statuses:
        state = s.state + (", sudah diingest" if s.ingested else "")
        rows.append((
            s.doc_id, state, ", ".join(s.ingest_files) or "-", s.coverage.split(":")[0] or "-", s.method or "-",
            _num(s.pages), _num(s.pasal), _num(s.units), _num(s.unresolved_refs if s.ingested else None),
            str(len(s.warnings)),
        ))
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    present = sum(1 for s in statuses if s.state == ADA)
    lines.append("")
    lines.append(f"{present} dari {len(statuses)} dokumen tersedia, {sum(s.ingested for s in statuses)} sudah diingest.")
    for s in statuses:
        if s.coverage_detail:
            lines.append(f"- {s.doc_id}: cakupan {s.coverage}; tambahkan PDF resmi untuk dokumen lengkap")
        if s.state == TIDAK_ADA:
            missing = ", ".join(f.file for f in s.files) or "tidak ada sumber di manifest"
            lines.append(f"- {s.doc_id}: berkas tidak ada ({missing}); jalankan `rujukan corpus fetch`")
        for w in s.warnings[:MAX_WARNINGS]:
            lines.append(f"- {s.doc_id}: {w}")
        if len(s.warnings) > MAX_WARNINGS:
            lines.append(f"- {s.doc_id}: ... dan {len(s.warnings) - MAX_WARNINGS} peringatan lain (lihat --json)")
    return "\n".join(lines)


def _num(value: int | None) -> str:
    return "-" if value is None else str(value)
