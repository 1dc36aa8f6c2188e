"""``rujukan ingest``."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from corpus.settings import Settings

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction) -> None:
    ingest = sub.add_parser(
        "ingest",
        help="read, clean and parse the corpus into units, then build the index",
        description=(
            "Ingest every manifest document whose file is in the corpus folder (or only some, or one "
            "file). A document that fails is reported and left as it was; the others are ingested."
        ),
    )
    ingest.add_argument("--file", type=Path, metavar="PATH", help="ingest this one file")
    ingest.add_argument("--id", dest="doc_id", metavar="DOC_ID", help="the manifest document --file belongs to")
    ingest.add_argument("--only", nargs="+", metavar="ID", help="only these document ids (with their amendments)")
    ingest.add_argument("--no-index", action="store_true", help="write units but do not rebuild the index")
    ingest.add_argument("--no-progress", action="store_true", help="no progress bars")
    ingest.add_argument(
        "--force", action="store_true",
        help="with --file: ingest even if the file's checksum or title does not match the manifest entry "
        "(recorded in the parse report)",
    )  # fmt: skip
    ingest.add_argument(
        "--wait", action="store_true",
        help="if another ingest is running on the same data folder, wait for it instead of stopping",
    )  # fmt: skip
    ingest.add_argument("--json", action="store_true", help="print the result (timings included) as JSON")
    ingest.set_defaults(func=run_ingest_command)


def run_ingest_command(args: argparse.Namespace, settings: Settings) -> int:
    from corpus.lock import IngestBusy
    from corpus.manifest import ManifestError
    from corpus.user_documents import corpus_manifest
    from ingest.pipeline import format_problems, format_summary, run_ingest

    try:
        manifest = corpus_manifest(settings)
    except ManifestError as exc:
        print(f"manifest tidak dapat dipakai: {exc}", file=sys.stderr)
        return 2
    files = None
    if args.doc_id and not args.file:
        print("--id hanya dipakai bersama --file", file=sys.stderr)
        return 2
    if args.file:
        path = args.file.resolve()
        if not path.is_file():
            print(f"berkas tidak ditemukan: {args.file}", file=sys.stderr)
            return 2
        if args.doc_id:
            if args.doc_id not in manifest:
                print(f"id dokumen tidak dikenal di manifest: {args.doc_id}", file=sys.stderr)
                return 2
            doc_id = args.doc_id
        else:
            doc = manifest.by_file(path.name)
            if doc is None:
                print(
                    f"{path.name}: nama berkas tidak tercantum di manifest; sebutkan dokumennya dengan --id",
                    file=sys.stderr,
                )
                return 2
            doc_id = doc.id
        files = {doc_id: [path]}
    try:
        result = run_ingest(
            settings, manifest, only=args.only, files=files, progress=not args.no_progress, build_index=not args.no_index,
            wait=args.wait, force=args.force,
        )  # fmt: skip
    except KeyError as exc:
        print(f"id dokumen tidak dikenal di manifest: {exc.args[0]}", file=sys.stderr)
        return 2
    except IngestBusy as exc:
        print(f"gagal: {exc}", file=sys.stderr)
        return 3
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
    else:
        print(format_summary(result, problems=False))
    problems = format_problems(result)
    if problems:  # errors go to stderr, so they show even when the table is redirected
        print(problems, file=sys.stderr)
    return 0 if result.ok else 1
