"""What the corpus folder holds against the manifest, and what ingest made of it.

:func:`ingest_sources` is the one rule for which file a document is read from: the official
PDF (all its parts) when present and not contradicted by a checksum, else the text copy.
The pipeline uses it too, so ``corpus status`` shows exactly what ``ingest`` will read.
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


def corpus_status(manifest: Manifest, folder: Path, units_folder: Path) -> list[DocStatus]:
    """One :class:`DocStatus` per manifest document; never raises for a missing file."""
    from ingest import store

    stored = set(store.stored_ids(units_folder))
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
            _set_coverage(status, coverage_of(doc, folder, chosen))
        if doc.id in stored:
            _add_report(status, doc.id, units_folder, chosen)
        result.append(status)
    return result


def _add_report(status: DocStatus, doc_id: str, units_folder: Path, chosen: list[Path]) -> None:
    from ingest import store

    try:
        stored = store.read_document(doc_id, units_folder)
    except store.StoreError as exc:
        status.warnings.append(f"hasil ingest tidak terbaca: {exc}")
        return
    report = stored.report
    if not chosen:  # the files are gone; what was ingested is what the index holds
        _set_coverage(status, Coverage.from_dict(report.coverage))
    elif report.coverage != (status.coverage_detail or None):
        status.warnings.append("cakupan berkas berbeda dengan hasil ingest; jalankan `rujukan ingest`")
    status.ingested = True
    status.method = report.method
    status.pages = report.page_count
    status.counts = dict(sorted(report.counts.items()))
    status.pasal = report.counts.get("pasal")  # None for decrees: they have no Pasal
    status.units = len(stored.units)
    status.unresolved_refs = len(report.unresolved_refs)
    status.warnings.extend(report.warnings)
    if report.suspicious:
        status.warnings.append(f"{len(report.suspicious)} unit mencurigakan (lihat laporan parse)")
    if report.divergences:
        status.warnings.append(
            f"{len(report.divergences)} kalimat mungkin kehilangan kata dibanding undang-undang yang digantikan "
            "(lihat laporan parse: divergences)"
        )
    if report.ocr_suspect:
        status.warnings.append(
            f"teks hasil OCR: {len(report.corrections)} koreksi, {len(report.ocr_suspect)} kata tetap meragukan "
            f"(`rujukan corpus status --corrections {doc_id}`)"
        )
    stored_path = store.document_path(doc_id, units_folder)
    if any(p.stat().st_mtime > stored_path.stat().st_mtime for p in chosen):
        status.warnings.append("berkas sumber lebih baru daripada hasil ingest; jalankan `rujukan ingest`")
    names = {p.name for p in chosen}
    used = {s.strip() for s in report.source.split(",") if s.strip()}
    if chosen and used and used != names:
        status.warnings.append(f"hasil ingest berasal dari {report.source}, bukan {', '.join(sorted(names))}")


def _set_coverage(status: DocStatus, coverage: Coverage | None) -> None:
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


def ocr_corrections(doc_id: str, units_folder: Path) -> dict | None:
    """What the OCR correction pass changed in ``doc_id`` and left suspicious, from its parse
    report; None when the document was not ingested."""
    from ingest import store

    try:
        stored = store.read_document(doc_id, units_folder)
    except store.StoreError:
        return None
    report = stored.report
    labels = {u.id: u.short_label for u in stored.units}
    changes = [{**asdict(c), "label": labels.get(c.unit, "")} for c in report.corrections]
    suspect = [{**s, "label": labels.get(s["unit"], "")} for s in report.ocr_suspect]
    ocr = report.method == "ocr" or bool(report.corrections) or bool(report.ocr_suspect)
    return {"doc_id": doc_id, "source": report.source, "ocr": ocr, "corrections": changes, "suspect": suspect}


def format_corrections(found: dict, name: str) -> str:
    """The correction report for people: one line per change, then the suspicious words."""
    if not found["ocr"]:
        return f"{name} ({found['source']}): bukan teks hasil OCR; tidak ada koreksi."
    lines = [f"Koreksi OCR {name} ({found['source']}): {len(found['corrections'])} perubahan"]
    for c in found["corrections"]:
        page = f"hlm. {c['page']}" if c["page"] else "hlm. -"
        where = f"  [{c['label']}]" if c["label"] else ""
        lines.append(f"  {page:8} {c['rule']:14} {c['before']!r} -> {c['after']!r}{where}")
    lines.append(f"Kata yang tetap meragukan: {len(found['suspect'])} (unitnya diberi catatan 'teks hasil OCR')")
    for s in found["suspect"]:
        page = f"hlm. {s['page']}" if s["page"] else "hlm. -"
        lines.append(f"  {page:8} {s['word']!r}  [{s['label']}]")
    return "\n".join(lines)
