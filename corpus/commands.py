"""``rujukan corpus fetch`` and ``rujukan corpus status``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from corpus.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    corpus = sub.add_parser("corpus", help="fetch the source documents and check what is there")
    corpus_sub = corpus.add_subparsers(dest="corpus_command", metavar="SUBCOMMAND")
    corpus.set_defaults(func=lambda args, settings: (corpus.print_help(), 2)[1])

    fetch = corpus_sub.add_parser(
        "fetch",
        help="fill the corpus folder from a mirror folder or the official URLs",
        description=(
            "Copy the manifest's files from a mirror folder (--mirror or RUJUKAN_MIRROR), or else "
            "download them from their official URLs (resumable, verified by sha256 where known)."
        ),
    )
    fetch.add_argument("--mirror", type=Path, help="folder holding the source files (default: $RUJUKAN_MIRROR)")
    fetch.add_argument("--only", nargs="+", metavar="ID", help="only these document ids")
    fetch.add_argument("--no-progress", action="store_true", help="no progress bar")
    fetch.set_defaults(func=run_fetch)

    status = corpus_sub.add_parser("status", help="per document: present, missing, checksum, ingest results")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.add_argument(
        "--corrections", metavar="DOC",
        help="list every change the OCR correction pass made to document DOC (page, rule, before, after) "
             "and the words it left suspicious",
    )
    status.set_defaults(func=run_status)


def _manifest(settings: Settings):
    from corpus.manifest import ManifestError, load_manifest

    try:
        return load_manifest(settings.manifest_path)
    except ManifestError as exc:
        print(f"manifest tidak dapat dipakai: {exc}", file=sys.stderr)
        return None


def run_fetch(args: argparse.Namespace, settings: Settings) -> int:
    from corpus.fetch import fetch_corpus

    manifest = _manifest(settings)
    if manifest is None:
        return 2
    mirror = args.mirror.resolve() if args.mirror else settings.mirror_dir
    if mirror is not None and not mirror.is_dir():
        print(f"folder mirror tidak ditemukan: {mirror}", file=sys.stderr)
        return 2
    try:
        results = fetch_corpus(
            manifest, settings.corpus_dir, mirror=mirror, only=args.only, progress=not args.no_progress
        )
    except KeyError as exc:
        print(f"id dokumen tidak dikenal di manifest: {exc.args[0]}", file=sys.stderr)
        return 2
    where = f"dari mirror {mirror}" if mirror else "dari URL resmi"
    print(f"Mengisi {settings.corpus_dir} {where}:")
    for r in results:
        mark = "ok" if r.ok else "--"
        detail = f" ({r.detail})" if r.detail else ""
        check = ", sha256 cocok" if r.verified else ""
        print(f"  {mark} {r.doc_id}: {r.file}: {r.outcome}{check}{detail}")
    fetched = sum(r.ok for r in results)
    print(f"{fetched} dari {len(results)} berkas tersedia.")
    # Files without an official URL or absent from the mirror are expected (not every document has
    # every format); a rejected checksum or a failed download is an error the user must see.
    from corpus.fetch import CHECKSUM_SALAH, GAGAL

    return 1 if any(r.outcome in (CHECKSUM_SALAH, GAGAL) for r in results) else 0


def run_status(args: argparse.Namespace, settings: Settings) -> int:
    from corpus.status import corpus_status, format_table
    from corpus.user_documents import merged_manifest

    manifest = _manifest(settings)
    if manifest is None:
        return 2
    manifest = merged_manifest(manifest, settings.user_dir)  # documents added in the app count too
    if args.corrections:
        return _print_corrections(args.corrections, manifest, args.json, settings)
    statuses = corpus_status(manifest, settings.corpus_dir, settings.units_dir)
    if args.json:
        print(json.dumps([s.to_dict() for s in statuses], ensure_ascii=False, indent=1))
    else:
        print(format_table(statuses))
    return 0


def _print_corrections(doc_id: str, manifest, as_json: bool, settings: Settings) -> int:
    from corpus.status import ocr_corrections, format_corrections

    if doc_id not in manifest:
        print(f"id dokumen tidak dikenal di manifest: {doc_id}", file=sys.stderr)
        return 2
    found = ocr_corrections(doc_id, settings.units_dir)
    if found is None:
        print(f"{doc_id} belum diingest; jalankan `rujukan ingest --only {doc_id}`", file=sys.stderr)
        return 1
    if as_json:
        print(json.dumps(found, ensure_ascii=False, indent=1))
    else:
        print(format_corrections(found, manifest.get(doc_id).short_name))
    return 0
