"""Dense recall@10 against exact cosine on the golden questions.

For every golden question the exact top 10 is computed independently (float64 over the
build's ``vectors.npy``), then compared with (a) the retriever's dense ranking, which
searches exactly, and (b) Chroma's own HNSW query on the same collection, the search the
retriever used before. Recall@10 = |found ∩ exact| / 10, averaged over the questions.

    python -m evals.bench_dense DATA_FOLDER   # a copy: opening Chroma rewrites its files

The figure is in evals/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

from corpus.manifest import load_manifest
from evals.golden import load_golden
from qa.embedding import embed_query
from qa.index import current_build, open_collection, read_info
from qa.retrieval import Retriever

K = 10


def exact_top(vectors: np.ndarray, ids: list[str], query_vector: np.ndarray, k: int = K) -> list[str]:
    cos = vectors @ query_vector / (np.linalg.norm(vectors, axis=1) * np.linalg.norm(query_vector))
    return [ids[i] for i in sorted(range(len(ids)), key=lambda i: (-cos[i], ids[i]))[:k]]


def recall(found: list[str], exact: list[str]) -> float:
    return len(set(found) & set(exact)) / len(exact) if exact else 1.0


def run(index_root: Path) -> dict[str, Any]:
    build = current_build(index_root)
    if build is None:
        raise SystemExit(f"no index in {index_root}")
    vectors = np.load(build / "vectors.npy").astype(np.float64)
    ids = json.loads((build / "bm25" / "ids.json").read_text(encoding="utf-8"))
    retriever = Retriever(root=index_root, manifest=load_manifest())
    snapshot = retriever.snapshot()
    collection = open_collection(build, read_info(build).chroma)
    questions = [q.question for q in load_golden().questions]
    exact_recalls, hnsw_recalls = [], []
    for question in questions:
        qv = embed_query(question)
        exact = exact_top(vectors, ids, qv.astype(np.float64))
        exact_recalls.append(recall(retriever._dense(snapshot, question, K, None, {}), exact))
        hnsw = collection.query(query_embeddings=[qv.tolist()], n_results=K, include=[])["ids"][0]
        hnsw_recalls.append(recall(hnsw, exact))
    return {
        "build": build.name,
        "vectors": len(ids),
        "questions": len(questions),
        "recall@10 retriever (exact)": round(float(np.mean(exact_recalls)), 4),
        "recall@10 chroma hnsw": round(float(np.mean(hnsw_recalls)), 4),
        "questions below 1.0, retriever": sum(r < 1 for r in exact_recalls),
        "questions below 1.0, chroma hnsw": sum(r < 1 for r in hnsw_recalls),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="data folder (its index/ is read; use a copy)")
    args = parser.parse_args(argv)
    print(json.dumps(run(args.data / "index"), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
