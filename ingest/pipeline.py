"""From source files to stored units, one document at a time.

Per document: read -> clean -> parse (``parse_decree`` for Keputusan Bersama, Surat Edaran,
Surat). Across documents: consolidate amendments, then legal status. Then each document is
written (``ingest.store``). Ingest stops there: :mod:`qa.build` rebuilds the index from what
was stored.

A document that fails is reported with the file and the cause in Indonesian and written not
at all, so its previous units stay as they were; the others go on.

Every stage is imported statically: a missing or renamed stage fails at import, never skips.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import shutil
import subprocess
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

import ingest.ocr
import ingest.read
from corpus.fetch import sha256_of
from corpus.lock import ingest_lock
from corpus.manifest import DocumentMeta, Manifest
from corpus.settings import Settings
from corpus.status import CHECKSUM_SALAH, coverage_of, file_state, ingest_sources
from ingest import checks, store
from ingest.amend import consolidate
from ingest.clean import clean
from ingest.decree import parse_decree
from ingest.divergence import check_divergence
from ingest.errors import IngestError
from ingest.model import Line, ParsedDocument, SourceText
from ingest.ocr_correct import build_vocabulary, correct, mark_units
from ingest.parse import parse_document
from ingest.read import read_source
from ingest.status import apply_status
from ingest.store import atomic_write_text

log = logging.getLogger(__name__)


@dataclass
class DocResult:
    """What happened to one document; ``timings`` are seconds per stage."""

    doc_id: str
    files: list[str] = field(default_factory=list)
    ok: bool = False
    skipped: str = ""  # why it was not attempted (no file, pending entry); not a failure
    error: str = ""  # Indonesian: the file and the cause
    explicit: bool = False  # named by the user (--only, --file): a missing file is then a failure
    pending: bool = False  # manifest entry whose identity is not established; never ingested
    method: str = ""
    pages: int | None = None
    pasal: int | None = None  # None for decrees, which have no Pasal
    units: int = 0
    unresolved_refs: int = 0
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # read (incl. OCR), clean, parse, write
    read_cached: bool = False  # OCR text came from the cache (unchanged file, unchanged reader)
    written: bool = False

    @property
    def failed(self) -> bool:
        return bool(self.error) or (bool(self.skipped) and self.explicit)


@dataclass
class IngestResult:
    documents: list[DocResult] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # consolidate, status, write, index, total
    messages: list[str] = field(default_factory=list)  # Indonesian notes: skipped stages, ...
    # Filled by qa.build when it rebuilds the index after the units are written.
    index: dict[str, Any] | None = None  # qa.index.IndexInfo as a dict when built
    index_error: str = ""

    @property
    def failures(self) -> list[DocResult]:
        return [d for d in self.documents if d.failed]

    @property
    def ok(self) -> bool:
        return not self.failures and not self.index_error

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def run_ingest(
    settings: Settings,
    manifest: Manifest,
    only: list[str] | None = None,
    files: dict[str, list[Path]] | None = None,
    progress: bool = True,
    wait: bool = False,
    force: bool = False,
) -> IngestResult:
    """Ingest the manifest's documents (or ``only`` those, or the given ``files``) from the corpus
    folder of ``settings`` into its units folder (the index is rebuilt by :mod:`qa.build`).

    The whole run holds the data folder's ingest lock (:mod:`corpus.lock`): a second run
    raises :class:`~corpus.lock.IngestBusy` at once, or with ``wait`` waits its turn.
    A file given in ``files`` must match the manifest's checksum, when it has one, and its
    title must name the document it is given as (:mod:`ingest.checks`); ``force`` ingests a
    mismatch anyway and records that in the parse report.
    """
    with ingest_lock(settings.index_dir, wait=wait):
        return _run_ingest(settings, manifest, only, files, progress, force)


def _run_ingest(
    settings: Settings,
    manifest: Manifest,
    only: list[str] | None,
    files: dict[str, list[Path]] | None,
    progress: bool,
    force: bool = False,
) -> IngestResult:
    started = time.perf_counter()
    corpus, units_folder = settings.corpus_dir, settings.units_dir
    files = {k: [Path(p) for p in v] for k, v in (files or {}).items()}
    requested = list(files) or list(only or [])
    unknown = [doc_id for doc_id in requested if doc_id not in manifest]
    if unknown:
        raise KeyError(", ".join(unknown))
    if requested:
        # Amendments and revocations are resolved across a family of laws: re-ingest it whole.
        family = set().union(*(manifest.related(doc_id) for doc_id in requested))
        targets = [doc for doc in manifest.documents if doc.id in family]
    else:
        targets = list(manifest.documents)

    result = IngestResult()
    parsed: dict[str, ParsedDocument] = {}
    by_id: dict[str, DocResult] = {}
    bar = tqdm(targets, desc="ingest", unit="dok", file=sys.stderr, disable=not progress)
    for doc in bar:
        res = DocResult(doc.id, explicit=doc.id in requested, pending=doc.pending)
        by_id[doc.id] = res
        result.documents.append(res)
        if doc.pending:
            res.skipped = "identitas dokumen belum pasti di manifest"
            continue
        paths = files.get(doc.id) or ingest_sources(doc, corpus)
        if not paths:
            wrong = [s.file for s in doc.sources if file_state(s, corpus).state == CHECKSUM_SALAH]
            if wrong:
                # A present file that is not the document the manifest names is an error, not an absence.
                res.error = f"{', '.join(wrong)}: checksum sha256 tidak cocok dengan manifest; berkas tidak diingest"
                continue
            names = ", ".join(s.file for s in doc.sources) or "tidak ada sumber di manifest"
            res.skipped = f"berkas tidak ada di folder korpus ({names}; jalankan `rujukan corpus fetch`)"
            continue
        res.files = [p.name for p in paths]

        def stage(name: str) -> None:
            bar.set_postfix_str(f"{doc.id}: {name}", refresh=True)

        try:
            parsed[doc.id] = _parse_one(
                doc, paths, res, stage, settings.cache_dir, given=doc.id in files, force=force,
                vocabulary=lambda: clean_vocabulary(manifest, corpus),
            )
        except IngestError as exc:
            res.error = f"{Path(exc.path).name if exc.path else ', '.join(res.files)}: {exc.pesan}"
            log.debug("ingest of %s failed: %s", doc.id, exc.detail or exc, exc_info=True)
        except Exception as exc:  # noqa: BLE001 - a parser bug must not stop the other documents
            res.error = f"{', '.join(res.files)}: gagal diurai ({type(exc).__name__}: {exc})"
            log.debug("ingest of %s failed", doc.id, exc_info=True)
    bar.close()

    for res in result.documents:
        if requested and res.skipped and not res.explicit and not res.pending:
            result.messages.append(f"{res.doc_id}: {res.skipped}; perubahan/pencabutan terkait dihitung tanpa dokumen ini")

    _hold_back_families(parsed, manifest, by_id)
    parsed = _cross_document(parsed, manifest, result, by_id)
    _check_divergence(parsed, manifest, result)

    t0 = time.perf_counter()
    for doc_id, doc in parsed.items():
        res = by_id[doc_id]
        _summarise(doc, res)
        t = time.perf_counter()
        try:
            store.write_document(doc, units_folder)
        except OSError as exc:
            log.debug("writing %s failed", doc_id, exc_info=True)
            res.error = f"hasil tidak dapat ditulis ke {units_folder}: {exc.strerror or exc}"
            continue
        res.timings["write"] = time.perf_counter() - t
        res.written = res.ok = True
    result.timings["write"] = time.perf_counter() - t0

    result.timings["total"] = time.perf_counter() - started
    return result


def _parse_one(
    doc: DocumentMeta, paths: list[Path], res: DocResult, stage, cache: Path, *, vocabulary,
    given: bool = False, force: bool = False,
) -> ParsedDocument:
    """Read, clean and parse one document. ``given``: its files were named by the user
    (``--file``), so their checksum and title are checked against the manifest entry.
    ``vocabulary()`` gives the clean words the OCR correction pass checks against (built on demand)."""
    parse = parse_decree if doc.is_decree else parse_document

    forced: list[str] = []  # checks overruled with --force, recorded in the parse report
    notes: list[str] = []

    def check(func, *args) -> None:
        try:
            note = func(*args)
        except IngestError as exc:
            if not force:
                raise
            forced.append(f"dipaksa dengan --force: {exc.pesan.split('; tidak diingest')[0]}")
        else:
            if note:
                notes.append(note)

    def checksum(path: Path) -> None:
        expected = {s.sha256 for s in doc.sources if s.sha256}
        if expected and sha256_of(path) not in expected:
            raise IngestError(
                path, f"checksum sha256 berkas tidak cocok dengan manifest untuk {doc.id}; tidak diingest. "
                "Pakai --force bila memang versi lain dari dokumen ini", "sha256 mismatch",
            )  # fmt: skip

    for path in paths:
        checks.check_size(path)
        if given:
            check(checksum, path)

    stage("membaca")
    t = time.perf_counter()
    texts = []
    for path in paths:
        text, cached = _read_cached(path, read_source, cache)
        texts.append(text)
        res.read_cached = res.read_cached or cached
    source = _merge_parts(texts)
    res.timings["read"] = time.perf_counter() - t
    res.method = source.method
    checks.check_repetition(source, paths[0])
    if given:
        check(checks.check_identity, source, doc, paths[0])

    stage("membersihkan")
    t = time.perf_counter()
    source, clean_report = clean(source)
    res.timings["clean"] = time.perf_counter() - t

    corrections, vocab = [], None
    if is_ocr_text(doc, paths, source):
        stage("koreksi OCR")
        t = time.perf_counter()
        vocab = vocabulary()
        source, corrections = correct(source, vocab)
        res.timings["ocr_correct"] = time.perf_counter() - t

    stage("mengurai")
    t = time.perf_counter()
    coverage = coverage_of(doc, paths=paths)
    parsed = parse(source, doc) if doc.is_decree else parse(source, doc, coverage=coverage)
    res.timings["parse"] = time.perf_counter() - t
    if not parsed.units:
        raise IngestError(paths[0], "tidak ada satu pun pasal atau butir yang dikenali", "parser returned no units")
    checks.check_units(parsed.units, paths[0])

    report = parsed.report
    report.doc_id = doc.id
    report.cleaning = clean_report
    report.source = ", ".join(p.name for p in paths)  # names, not paths: stored output is portable
    report.method = source.method
    report.page_count = source.page_count
    report.coverage = coverage.to_dict() if coverage else None
    if not report.counts:
        report.counts = dict(Counter(u.kind for u in parsed.units))
    if not doc.is_decree:
        report.counts.setdefault("pasal", 0)
    report.warnings.extend(forced + notes)
    if vocab is not None:
        report.corrections = corrections
        report.ocr_suspect = mark_units(parsed.units, corrections, vocab)
    return parsed


def is_ocr_text(doc: DocumentMeta, paths: list[Path], source: SourceText) -> bool:
    """Whether the text read is OCR output: read by Tesseract, or a file the manifest marks ``ocr``."""
    names = {p.name for p in paths}
    return source.method == "ocr" or any(s.ocr for s in doc.sources if Path(s.file).name in names)


def clean_vocabulary(manifest: Manifest, folder: Path):
    """The words of every clean text copy of the manifest's documents in the corpus folder (none
    OCR'd), for :mod:`ingest.ocr_correct`. Only text copies: reading PDFs would cost minutes."""
    files = []
    for doc in manifest.documents:
        if doc.pending:
            continue
        chosen = ingest_sources(doc, folder)
        marked = {Path(s.file).name for s in doc.sources if s.ocr}
        if chosen and all(p.suffix.lower() in (".md", ".txt") and p.name not in marked for p in chosen):
            files.extend(chosen)
    key = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(files))
    return _vocabulary(key)


# One entry: the key names every file with its mtime and size, so an edited corpus makes a new
# key and the old vocabulary is stale; keeping it would only hold memory in a long-lived app.
@functools.lru_cache(maxsize=1)
def _vocabulary(files: tuple[tuple[str, int, int], ...]):
    texts = []
    for name, _, _ in files:
        source, _ = clean(read_source(Path(name)))
        texts.extend(line.text for line in source.lines)
    return build_vocabulary(texts)


def _read_cached(path: Path, read_source, cache: Path) -> tuple[SourceText, bool]:
    """``read_source``, with OCR output cached by file content and reader code.

    OCR of a scan takes a minute per document; its text depends only on the file and on the
    reader, so both key the cache and a change to either reads afresh. Text layers are
    read anew each time: that is fast.
    """
    key = hashlib.sha256(f"{sha256_of(path)}:{_reader_fingerprint()}".encode()).hexdigest()
    cached = cache / "read" / f"{key}.json"
    if cached.is_file():
        try:
            data = json.loads(cached.read_text(encoding="utf-8"))
            lines = [Line(text, page) for text, page in data["lines"]]
            return SourceText(str(path), lines, data["page_count"], data["method"]), True
        except (OSError, ValueError, KeyError, TypeError):
            log.info("unreadable read cache %s; reading %s again", cached, path)
    source = read_source(path)
    if source.method == "ocr":
        payload = {"lines": [[ln.text, ln.page] for ln in source.lines], "page_count": source.page_count,
                   "method": source.method}
        atomic_write_text(cached, json.dumps(payload, ensure_ascii=False))
    return source, False


@functools.cache
def _reader_fingerprint() -> str:
    digest = hashlib.sha256()
    for module in (ingest.read, ingest.ocr):
        digest.update(Path(module.__file__).read_bytes())
    if shutil.which("tesseract"):  # a new Tesseract or language model reads differently
        try:
            out = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, timeout=30)
            digest.update((out.stdout + out.stderr).encode())
        except (OSError, subprocess.SubprocessError):
            pass
    return digest.hexdigest()


def _merge_parts(sources: list[SourceText]) -> SourceText:
    """One text from the parts of a document published in several files, pages numbered on."""
    if len(sources) == 1:
        return sources[0]
    lines: list[Line] = []
    offset = 0
    for src in sources:
        lines.extend(Line(ln.text, ln.page + offset if ln.page is not None else None) for ln in src.lines)
        offset += src.page_count or 0
    methods = {s.method for s in sources}
    method = "ocr" if "ocr" in methods else sources[0].method
    pages = offset if all(s.page_count for s in sources) else None
    return SourceText(path=", ".join(s.path for s in sources), lines=lines, page_count=pages, method=method)


def _hold_back_families(
    parsed: dict[str, ParsedDocument], manifest: Manifest, by_id: dict[str, DocResult]
) -> None:
    """Do not write a law whose amending or revoking relative failed in this run.

    Consolidating UU 1/2015 without a UU 10/2016 that failed to parse would store superseded
    text as if in force; the previous, complete result is the safer one to keep.
    """
    failed = [doc_id for doc_id, res in by_id.items() if res.error]
    for bad in failed:
        for doc_id in sorted(manifest.related(bad) - {bad}):
            if doc_id in parsed:
                del parsed[doc_id]
                by_id[doc_id].error = (
                    f"tidak ditulis karena {bad} (perubahan/pencabutan terkait) gagal diingest; hasil lama tetap dipakai"
                )


def _cross_document(
    parsed: dict[str, ParsedDocument], manifest: Manifest, result: IngestResult, by_id: dict[str, DocResult]
) -> dict[str, ParsedDocument]:
    """Consolidate amendments and apply status; on failure, hold back the documents concerned."""
    stages = (
        ("consolidate", consolidate, "konsolidasi perubahan"),
        ("status", apply_status, "status berlaku/dicabut"),
    )
    for key, func, label in stages:
        t = time.perf_counter()
        try:
            out = func(parsed, manifest)
            if key == "consolidate" and out is not None:
                parsed = out
        except Exception as exc:  # noqa: BLE001
            log.debug("%s failed", key, exc_info=True)
            # Unconsolidated units would carry outdated text as if in force: do not write the
            # documents that take part in an amendment or revocation.
            involved = {d.id for d in manifest.documents if d.amends or d.revokes}
            involved |= {x for d in manifest.documents for x in (*d.amends, *d.revokes)}
            for doc_id in list(parsed):
                if doc_id in involved:
                    by_id[doc_id].error = f"{label} gagal ({type(exc).__name__}: {exc}); hasil lama tetap dipakai"
                    del parsed[doc_id]
        result.timings[key] = time.perf_counter() - t
    return parsed


def _check_divergence(parsed: dict[str, ParsedDocument], manifest: Manifest, result: IngestResult) -> None:
    """Flag clauses that lost words against the law they replaced; a review aid, so a failure
    here is reported and the units are written all the same."""
    t = time.perf_counter()
    try:
        check_divergence(parsed, manifest)
    except Exception as exc:  # noqa: BLE001
        log.debug("divergence check failed", exc_info=True)
        result.messages.append(f"pemeriksaan kata yang hilang gagal ({type(exc).__name__}: {exc})")
    result.timings["divergence"] = time.perf_counter() - t


def _summarise(doc: ParsedDocument, res: DocResult) -> None:
    report = doc.report
    # Consolidation adds and removes units: the stored counts describe the stored units.
    kinds = Counter(u.kind for u in doc.units)
    report.counts = {**{k: 0 for k in report.counts}, **kinds}
    ids = Counter(u.id for u in doc.units)
    duplicates = sorted(i for i, n in ids.items() if n > 1)
    if duplicates:
        report.warnings.append(f"{len(duplicates)} id unit ganda, mis. {', '.join(duplicates[:3])}")
    res.pages = report.page_count
    res.pasal = report.counts.get("pasal")
    res.units = len(doc.units)
    res.unresolved_refs = len(report.unresolved_refs)
    res.warnings = list(report.warnings)


def format_summary(result: IngestResult, problems: bool = True) -> str:
    """The table shown after ``rujukan ingest``, in Indonesian (``problems=False``: without
    the failure lines, which the CLI prints to stderr with :func:`format_problems`)."""
    head = ("Dokumen", "Metode", "Hal.", "Pasal", "Unit", "Ref?", "Peringatan", "Detik", "Hasil")
    rows = [head]
    for d in result.documents:
        if d.pending:
            continue
        outcome = "ok" if d.ok else ("GAGAL" if d.error else "dilewati")
        seconds = sum(v for k, v in d.timings.items())
        rows.append((
            d.doc_id, d.method or "-", "-" if d.pages is None else str(d.pages),
            str(d.pasal) if d.ok and d.pasal is not None else "-", str(d.units) if d.ok else "-",
            str(d.unresolved_refs) if d.ok else "-", str(len(d.warnings)) if d.ok else "-",
            f"{seconds:.1f}" if d.timings else "-", outcome,
        ))
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append("")
    if problems:
        lines.extend(format_problems(result).splitlines())
    lines.extend(f"catatan: {m}" for m in result.messages)
    if result.index and not result.index_error:  # a failed index is among the problems
        lines.append(
            f"indeks: {result.index.get('units_indexed', '?')} unit diindeks "
            f"({result.timings.get('index', 0):.1f} detik)"
        )
    ok = sum(d.ok for d in result.documents)
    lines.append(f"{ok} dokumen diingest, {len(result.failures)} gagal.")
    return "\n".join(lines)


def format_problems(result: IngestResult) -> str:
    """One line per failed or explicitly requested but skipped document (and a failed index)."""
    lines = []
    for d in result.documents:
        if d.error:
            lines.append(f"GAGAL {d.doc_id}: {d.error}")
        elif d.skipped and d.explicit:
            lines.append(f"dilewati {d.doc_id}: {d.skipped}")
    if result.index_error:
        lines.append(f"GAGAL indeks: {result.index_error}")
    return "\n".join(lines)
