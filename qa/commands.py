"""``rujukan search`` (ranked provisions, straight from the index) and ``rujukan ask`` (answers)."""

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

    ask = subparsers.add_parser(
        "ask",
        help="jawab pertanyaan dengan kutipan pasal yang terverifikasi",
        description=(
            "Answer a question from the corpus: the best-supported provisions quoted verbatim under "
            "their citation labels, the sanctions that refer to them, status warnings; or an "
            "abstention with the nearest provisions. With '-' as the question, reads one question "
            "per line from standard input and prints one JSON object per line. "
            "Example: rujukan ask \"asn boleh ikut kampanye?\""
        ),
    )
    ask.add_argument("question", help="pertanyaan, atau - untuk membaca pertanyaan per baris dari stdin")
    ask.add_argument("--k", type=int, default=8, help="jumlah ketentuan yang ditimbang (default 8)")
    ask.add_argument("--engine", choices=("extractive", "llm"), default="extractive",
                     help="extractive (default) atau llm (butuh RUJUKAN_LLM)")
    ask.add_argument("--doc", action="append", metavar="ID", help="batasi ke dokumen (boleh diulang)")
    ask.add_argument("--in-force", action="store_true", help="hanya ketentuan yang masih berlaku")
    ask.add_argument("--json", action="store_true", help="keluaran JSON")
    ask.set_defaults(func=run_ask)


def run_search(args: argparse.Namespace) -> int:
    from qa.model import Filters
    from qa.index import ChromaUnavailable
    from qa.retrieval import IndexNotBuilt, default_retriever

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


def answer_json(answer) -> dict:
    """The documented JSON shape of one answer (see ``rujukan ask --help``)."""
    def citation(c):
        return {"unit_id": c.unit_id, "label": c.label, "short_label": c.short_label,
                "text": c.text, "page": c.page, "status": c.status}

    return {
        "question": answer.question,
        "answer": answer.answer,
        "abstained": answer.abstained,
        "citations": [citation(c) for c in answer.citations],
        "warnings": answer.warnings,
        "related": [citation(c) for c in answer.related],
        "engine": answer.engine,
        "elapsed_ms": answer.elapsed_ms,
    }


def format_answer(answer) -> str:
    """An answer for the terminal: the quoted provisions, warnings, then what may be related."""
    lines = [answer.answer, ""]
    for warning in answer.warnings:
        lines.append(f"Perhatian: {warning}")
    if answer.citations:
        lines.append("Rujukan:")
        lines += [f"  - {c.label}" + (f" (hlm. {c.page})" if c.page else "") for c in answer.citations]
    if answer.related:
        lines.append("Mungkin terkait:" if answer.abstained else "Lihat juga:")
        lines += [f"  - {c.short_label}" for c in answer.related]
    lines.append(f"({answer.elapsed_ms:.0f} ms, mesin {answer.engine})")
    return "\n".join(lines)


def run_ask(args: argparse.Namespace) -> int:
    from qa.answering import answer
    from qa.index import ChromaUnavailable
    from qa.model import Filters
    from qa.retrieval import IndexNotBuilt

    filters = None
    if args.doc or args.in_force:
        filters = Filters(doc_ids=args.doc or None, in_force_only=args.in_force)
    batch = args.question == "-"
    questions = (line.rstrip("\n") for line in sys.stdin) if batch else [args.question]
    for question in questions:
        if batch and not question.strip():
            continue
        try:
            result = answer(question, k=args.k, filters=filters, engine=args.engine)
        except (IndexNotBuilt, ChromaUnavailable) as exc:
            print(f"gagal: {exc}", file=sys.stderr)
            return 1
        if batch or args.json:
            print(json.dumps(answer_json(result), ensure_ascii=False), flush=True)
        else:
            print(format_answer(result))
    return 0
