"""``rujukan search``: ranked provisions for a query, straight from the index."""

from __future__ import annotations

import argparse
import json
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    search = subparsers.add_parser(
        "search",
        help="cari ketentuan di indeks (tanpa menyusun jawaban)",
        description=(
            "Search the index: provisions named in the query first, then dense and BM25 results "
            "fused by rank. Example: rujukan search \"asn jadi pengurus partai\" --in-force"
        ),
    )
    search.add_argument("query", help="pertanyaan atau rujukan, mis. \"Pasal 71 ayat (2) UU Pilkada\"")
    search.add_argument("--k", type=int, default=10, help="jumlah hasil (default 10)")
    search.add_argument("--mode", choices=("hybrid", "dense", "bm25"), default="hybrid", help="retriever (default hybrid)")
    search.add_argument("--doc", action="append", metavar="ID", help="batasi ke dokumen (boleh diulang), mis. uu-1-2015")
    search.add_argument("--in-force", action="store_true", help="hanya ketentuan yang masih berlaku")
    search.add_argument("--json", action="store_true", help="keluaran JSON")
    search.set_defaults(func=run_search)


def run_search(args: argparse.Namespace) -> int:
    from qa.model import Filters
    from qa.index import ChromaUnavailable
    from qa.retrieve import IndexNotBuilt, default_retriever

    filters = None
    if args.doc or args.in_force:
        filters = Filters(doc_ids=args.doc or None, in_force_only=args.in_force)
    try:
        hits = default_retriever().retrieve(args.query, k=args.k, filters=filters, mode=args.mode)
    except (IndexNotBuilt, ChromaUnavailable) as exc:
        print(f"gagal: {exc}", file=sys.stderr)
        return 1
    if args.json:
        out = [
            {
                "rank": rank,
                "unit_id": h.unit.id,
                "label": h.unit.short_label,
                "score": round(h.score, 5),
                "retrievers": h.retrievers,
                "status": h.unit.status,
                "parent_id": h.parent.id if h.parent else None,
                "text": h.unit.text,
            }
            for rank, h in enumerate(hits, start=1)
        ]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print("tidak ada hasil")
        return 0
    for rank, h in enumerate(hits, start=1):
        status = "" if h.unit.status == "berlaku" else f" [{h.unit.status}]"
        print(f"{rank:>2}. {h.unit.short_label}{status}  {h.score:.4f}  ({', '.join(h.retrievers)})")
        text = " ".join(h.unit.text.split())
        print(f"    {text[:160]}{'…' if len(text) > 160 else ''}")
    return 0
