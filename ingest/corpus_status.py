"""``corpus status`` in full: the files :mod:`corpus.status` finds, plus what ingest stored of each,
and the OCR corrections recorded in a stored document's parse report."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path

from corpus.coverage import Coverage
from corpus.manifest import Manifest
from corpus.status import DocStatus, file_status, ingest_sources, set_coverage
from ingest import store


def corpus_status(
    manifest: Manifest, folder: Path, units_folder: Path, serving: Mapping[str, int] | None = None
) -> list[DocStatus]:
    """One :class:`DocStatus` per manifest document; never raises for a missing file.

    ``serving`` (units per document in the build that answers) makes the counts those of the
    index, not of ``units/``: after an interrupted ingest the two differ until the next one.
    """
    stored = set(store.stored_ids(units_folder))
    statuses = file_status(manifest, folder)
    for status in statuses:
        if status.doc_id in stored:
            _add_report(status, units_folder, ingest_sources(manifest.get(status.doc_id), folder))
        if serving is not None and (status.ingested or status.doc_id in serving):
            _use_serving_count(status, serving.get(status.doc_id, 0))
    return statuses


def _use_serving_count(status: DocStatus, count: int) -> None:
    if status.units is not None and status.units != count:
        status.warnings.append(
            f"{status.units} unit tersimpan, {count} unit di indeks yang dipakai (ingest terakhir tidak "
            "selesai?); jalankan `rujukan ingest`"
        )
    status.units = count


def _add_report(status: DocStatus, units_folder: Path, chosen: list[Path]) -> None:
    doc_id = status.doc_id
    try:
        stored = store.read_document(doc_id, units_folder)
    except store.StoreError as exc:
        status.warnings.append(f"hasil ingest tidak terbaca: {exc}")
        return
    report = stored.report
    if not chosen:  # the files are gone; what was ingested is what the index holds
        set_coverage(status, Coverage.from_dict(report.coverage))
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


def ocr_corrections(doc_id: str, units_folder: Path) -> dict | None:
    """What the OCR correction pass changed in ``doc_id`` and left suspicious, from its parse
    report; None when the document was not ingested."""
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
