"""``rujukan ingest`` end to end: stored units from :mod:`ingest.pipeline`, then the index rebuilt.

The index is rebuilt only when something was written and the serving build does not already
hold exactly the stored units; :mod:`qa.index` swaps a new build in atomically, so a failed
build leaves the working index in place.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from contextlib import closing
from pathlib import Path

import bm25s
import numpy as np

from corpus.lock import ingest_lock
from corpus.manifest import Manifest
from corpus.settings import Settings
from ingest import store
from ingest.model import Unit
from ingest.pipeline import IngestResult, run_ingest
from qa import index
from qa.embedding import model_id

log = logging.getLogger(__name__)

# Beside CURRENT: the manifest facts the serving build put into Chroma's metadata (filters read
# them there), so that an edit of a document's kind or year in the manifest rebuilds the index.
# Reading them back from Chroma would open its files, which rewrites them.
FACTS_FILE = "ingest-facts.json"


def ingest_and_index(
    settings: Settings,
    manifest: Manifest,
    only: list[str] | None = None,
    files: dict[str, list[Path]] | None = None,
    progress: bool = True,
    build_index: bool = True,
    wait: bool = False,
    force: bool = False,
) -> IngestResult:
    """:func:`ingest.pipeline.run_ingest`, then (unless ``build_index`` is false) :func:`update_index`.

    Both run under one hold of the data folder's ingest lock (:mod:`corpus.lock`; ``wait`` as
    for ``run_ingest``), so no other run writes units between this run's units and its index.
    """
    started = time.perf_counter()
    with ingest_lock(settings.index_dir, wait=wait):
        result = run_ingest(settings, manifest, only=only, files=files, progress=progress, force=force)
        if build_index:
            update_index(settings, manifest, result, progress)
    result.timings["total"] = time.perf_counter() - started
    return result


def update_index(settings: Settings, manifest: Manifest, result: IngestResult, progress: bool) -> None:
    """Rebuild the index from the stored units after ``result``; outcome and notes go into ``result``."""
    if not any(d.written for d in result.documents):
        result.messages.append("indeks tidak diubah: tidak ada dokumen yang berhasil diingest")
        return
    t = time.perf_counter()
    try:
        info = rebuild_index(settings, manifest, progress)
        if info is None:
            # Nothing changed (e.g. only a failing document was new): leave the serving index alone.
            result.messages.append("indeks tidak diubah: unit sama dengan indeks yang dipakai")
            return
        result.index = info.to_dict()
    except Exception as exc:  # noqa: BLE001
        log.debug("index build failed", exc_info=True)
        result.index_error = f"indeks gagal dibangun ({type(exc).__name__}: {exc}); indeks lama tetap dipakai"
    result.timings["index"] = time.perf_counter() - t


def rebuild_index(settings: Settings, manifest: Manifest, progress: bool = False) -> index.IndexInfo | None:
    """Index the stored units of the documents in ``manifest`` (stored units of other documents
    are left out) and swap the build in; None when the serving build already holds exactly them."""
    with ingest_lock(settings.index_dir):
        known = [doc_id for doc_id in store.stored_ids(settings.units_dir) if doc_id in manifest]
        units = store.load_units(settings.units_dir, known)
        if _index_holds(settings, units, manifest):
            return None
        info = index.build_in(settings, units, manifest, progress=progress)
        built = Path(info.build_dir)
        facts = {"build": built.name, "facts": _manifest_facts(units, manifest)}
        store.atomic_write_text(built.parent.parent / FACTS_FILE, json.dumps(facts, ensure_ascii=False))
        return info


def _index_holds(settings: Settings, units: list[Unit], manifest: Manifest) -> bool:
    """Whether the serving index was built from exactly ``units``, by this model, in this Chroma
    mode, with the manifest facts (kind, year) its filters read from Chroma's metadata."""
    try:
        build = index.current_build(settings.index_dir)
        if build is None:
            return False
        info = index.read_info(build)
        server = settings.chroma_server
        wanted = {"mode": "http", "host": server[0], "port": server[1]} if server else {"mode": "embedded"}
        if info.format != index.FORMAT or info.model != model_id():
            return False
        if any(info.chroma.get(key) != value for key, value in wanted.items()):
            return False
        facts = json.loads((build.parent.parent / FACTS_FILE).read_text(encoding="utf-8"))
        if facts != {"build": build.name, "facts": _manifest_facts(units, manifest)}:
            return False
        stored = json.loads((build / index.UNITS_FILE).read_text(encoding="utf-8"))["units"]
        if stored != json.loads(json.dumps([u.to_dict() for u in units], ensure_ascii=False)):
            return False
        return _build_intact(build, info, [u.id for u in index.select_units(units)])
    except Exception:  # noqa: BLE001 - an unreadable build (or one made elsewhere) is simply rebuilt
        log.debug("cannot compare with the current index", exc_info=True)
        return False


def _build_intact(build: Path, info: index.IndexInfo, indexed: list[str]) -> bool:
    """Cheap read-only checks that the build's BM25, vectors and embedded Chroma hold ``indexed``.

    ``rujukan search`` tells people to re-ingest when a build is damaged; that must then rebuild.
    Chroma is read through SQLite in read-only mode: opening it with chromadb rewrites its files.
    """
    if json.loads((build / "bm25" / "ids.json").read_text(encoding="utf-8")) != indexed:
        return False
    bm25s.BM25.load(str(build / "bm25"))
    if np.load(build / "vectors.npy").shape[0] != len(indexed):
        return False
    if info.chroma.get("mode") == "embedded":
        db = build / "chroma" / "chroma.sqlite3"
        if not db.is_file():
            return False
        with closing(sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)) as con:
            (count,) = con.execute("SELECT count(*) FROM embeddings").fetchone()
        if count != len(indexed):
            return False
    else:  # a server restarted on an empty path has lost the collection: rebuild it
        if index.open_collection(build, info.chroma).count() != len(indexed):
            return False
    return True


def _manifest_facts(units: list[Unit], manifest: Manifest) -> dict[str, list]:
    docs = sorted({u.doc_id for u in units})
    return {d: [manifest.get(d).kind, manifest.get(d).year] if d in manifest else [] for d in docs}
