"""Parsed documents on disk: one JSON file per document in the units folder (``Settings.units_dir``).

Each file holds the document's units and its parse report. Output is deterministic (sorted
keys, units in document order, no timestamps or absolute paths) so that re-ingesting an
unchanged source gives a byte-identical file, and a diff of two ingests shows what changed.
Writes go to a temporary file first and replace the old one atomically: a crash mid-write
never leaves a half document that later loads as a truncated law.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path

from ingest.model import CleanReport, Correction, ParsedDocument, ParseReport, Unit

FORMAT_VERSION = 1


class StoreError(Exception):
    """A stored document cannot be read; the message names the file."""


def document_path(doc_id: str, folder: Path) -> Path:
    return folder / f"{doc_id}.json"


def dumps(doc: ParsedDocument) -> str:
    units = sorted(doc.units, key=lambda u: u.order)  # stable: equal orders keep parse order
    payload = {
        "format": FORMAT_VERSION,
        "doc_id": doc.doc_id,
        "report": asdict(doc.report),
        "units": [u.to_dict() for u in units],
    }
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def write_document(doc: ParsedDocument, folder: Path) -> Path:
    """Write one document atomically; returns its path."""
    path = document_path(doc.doc_id, folder)
    atomic_write_text(path, dumps(doc))
    return path


def atomic_write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_document(doc_id: str, folder: Path) -> ParsedDocument:
    return _read(document_path(doc_id, folder))


def stored_ids(folder: Path) -> list[str]:
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.json") if not p.name.startswith((".", "_")))


def load_documents(folder: Path, doc_ids: list[str] | None = None) -> list[ParsedDocument]:
    ids = stored_ids(folder) if doc_ids is None else list(doc_ids)
    return [read_document(doc_id, folder) for doc_id in ids]


def load_units(folder: Path, doc_ids: list[str] | None = None) -> list[Unit]:
    """All stored units (of the given documents), each document in order."""
    return [unit for doc in load_documents(folder, doc_ids) for unit in doc.units]


def load_reports(folder: Path) -> dict[str, ParseReport]:
    return {doc.doc_id: doc.report for doc in load_documents(folder)}


def report_from_dict(data: dict) -> ParseReport:
    data = dict(data)
    data["cleaning"] = CleanReport(**data.get("cleaning", {}))
    data["corrections"] = [Correction(**c) for c in data.get("corrections", [])]
    return ParseReport(**data)


def _read(path: Path) -> ParsedDocument:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreError(f"{path}: not found") from None
    except (OSError, ValueError) as exc:
        raise StoreError(f"{path}: unreadable ({exc})") from None
    if data.get("format") != FORMAT_VERSION:
        raise StoreError(f"{path}: stored format {data.get('format')!r}, expected {FORMAT_VERSION}; re-ingest")
    try:
        units = [Unit.from_dict(u) for u in data["units"]]
        report = report_from_dict(data["report"])
    except (KeyError, TypeError) as exc:
        raise StoreError(f"{path}: does not match the current data model ({exc}); re-ingest") from None
    return ParsedDocument(doc_id=data["doc_id"], units=units, report=report)
