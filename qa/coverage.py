"""Provisions a question names that the corpus cannot hold: outside the part of a law its file has.

UU 7/2017 is in the corpus only as Pasal 1-214 of 573. "Apa bunyi Pasal 280 ayat (2) UU 7/2017?"
must not be answered with the nearest passage of another law; it is answered with what is
missing and why ("Pasal 280 UU 7/2017 belum ada di korpus: berkas yang tersedia hanya memuat
Pasal 1–214; ..."). The coverage is the one recorded when the document was ingested (its parse
report, beside the index in the same data folder); before any ingest, that of the file ingest
would read.
"""

from __future__ import annotations

import functools
from collections.abc import Container
from pathlib import Path

from corpus.coverage import Coverage
from corpus.manifest import Manifest
from corpus.status import coverage_of
from ingest import store
from ingest.labels import law_name
from qa.references import Reference, parse_references, resolve
from qa.scope import NAMES


def missing_notes(question: str, unit_ids: Container[str], manifest: Manifest, data: Path) -> list[str]:
    """One note per provision named in ``question`` that is absent because its file does not hold it.

    ``data`` is the data folder of the index (its ``units`` and ``corpus`` folders are read).
    """
    notes: list[str] = []
    for ref in parse_references(question, manifest):
        if not ref.pasal[:1].isdigit() or resolve(ref, unit_ids, manifest) is not None:
            continue
        note = note_for(ref, manifest, data)
        if note and note not in notes:
            notes.append(note)
    return notes


def note_for(ref: Reference, manifest: Manifest, data: Path) -> str | None:
    """The coverage note for ``ref`` when its document's file lacks the Pasal named, else None."""
    # The law named, then the laws it amends ("Pasal 276 UU 7/2023" is Pasal 276 of UU 7/2017).
    candidates = [d for d in ref.doc_ids if d in manifest]
    candidates += [base for d in list(candidates) for base in manifest.get(d).amends if base in manifest]
    for doc_id in candidates:
        doc = manifest.get(doc_id)
        if not any(src.coverage for src in doc.sources):
            continue  # every file of it holds the whole document
        coverage = ingested_coverage(doc_id, data)
        if coverage is None and not store.document_path(doc_id, data / "units").is_file():
            coverage = coverage_of(doc, data / "corpus")
        if coverage is not None and coverage.lacks(ref.pasal, ref.penjelasan):
            return coverage.missing_note(ref.pasal, law_name(doc_id, manifest), ref.penjelasan)
    return None


def regime_note(regime: str, manifest: Manifest, data: Path) -> str | None:
    """For a question about an election regime whose law the corpus holds only in part (UU 7/2017:
    Pasal 1-214 of 573), the note that the answer may lie in the part missing; None otherwise."""
    for doc in manifest.documents:
        if doc.regime != regime or doc.amends or not any(src.coverage for src in doc.sources):
            continue
        coverage = ingested_coverage(doc.id, data)
        if coverage is None and not store.document_path(doc.id, data / "units").is_file():
            coverage = coverage_of(doc, data / "corpus")
        if coverage is not None and not coverage.complete:
            return coverage.partial_note(law_name(doc.id, manifest), NAMES[regime])
    return None


def ingested_coverage(doc_id: str, data: Path) -> Coverage | None:
    """The coverage recorded in the stored parse report of ``doc_id`` (None: whole, or not ingested)."""
    path = store.document_path(doc_id, data / "units")
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return None
    return _report_coverage(path, stamp)


@functools.lru_cache(maxsize=16)
def _report_coverage(path: Path, stamp: int) -> Coverage | None:
    del stamp  # part of the cache key: a re-ingest rewrites the file
    try:
        report = store.read_document(path.stem, path.parent).report
    except store.StoreError:
        return None
    return Coverage.from_dict(report.coverage)
