"""``rujukan corpus fetch`` (``rujukan corpus status`` shows ingest's results too: :mod:`ingest.commands`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from corpus.fetch import CHECKSUM_SALAH, GAGAL, fetch_corpus
from corpus.manifest import ManifestError, load_manifest
from corpus.settings import Settings


def register(sub: argparse._SubParsersAction) -> argparse._SubParsersAction:
    """Add ``rujukan corpus`` and ``corpus fetch``; returns the ``corpus`` subcommands for the rest."""
    corpus = sub.add_parser("corpus", help="ambil dokumen sumber dan periksa apa yang sudah ada")
    corpus_sub = corpus.add_subparsers(dest="corpus_command", metavar="SUBPERINTAH")
    corpus.set_defaults(func=lambda args, settings: (corpus.print_help(), 2)[1])

    fetch = corpus_sub.add_parser(
        "fetch",
        help="isi folder korpus dari folder mirror atau dari URL resmi",
        description=(
            "Salin berkas-berkas manifest dari folder mirror (--mirror atau RUJUKAN_MIRROR), atau "
            "unduh dari URL resminya (dapat dilanjutkan, diperiksa dengan sha256 bila diketahui)."
        ),
    )
    fetch.add_argument("--mirror", type=Path, metavar="FOLDER",
                       help="folder berisi berkas sumber (default: $RUJUKAN_MIRROR)")  # fmt: skip
    fetch.add_argument("--only", nargs="+", metavar="ID", help="hanya dokumen ini")
    fetch.add_argument("--no-progress", action="store_true", help="tanpa bilah kemajuan")
    fetch.set_defaults(func=run_fetch)

    return corpus_sub


def load_or_report(settings: Settings):
    """The manifest, or None after telling the user in Indonesian why it cannot be used."""
    try:
        return load_manifest(settings.manifest_path)
    except ManifestError as exc:
        print(f"manifest tidak dapat dipakai: {exc}", file=sys.stderr)
        return None


def run_fetch(args: argparse.Namespace, settings: Settings) -> int:
    manifest = load_or_report(settings)
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
    return 1 if any(r.outcome in (CHECKSUM_SALAH, GAGAL) for r in results) else 0
