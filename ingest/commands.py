"""``rujukan corpus status``: the corpus files and what ingest stored of each document.

``rujukan ingest`` also builds the index, so it lives a layer up, in :mod:`qa.commands`.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys

from collections.abc import Callable

from corpus.commands import load_or_report
from corpus.settings import Settings
from corpus.status import format_table
from corpus.user_documents import merged_manifest
from ingest.corpus_status import corpus_status, format_corrections, ocr_corrections


def register_corpus_status(
    corpus_sub: argparse._SubParsersAction, serving_counts: Callable[[Settings], dict[str, int] | None]
) -> None:
    """``serving_counts`` reads the units per document of the serving index; it is given by the
    caller because the index lives a layer up (``qa.index``)."""
    status = corpus_sub.add_parser(
        "status",
        help="per dokumen: ada atau tidak, checksum, hasil ingest, peringatan",
        description=(
            "Tiap dokumen manifest (dan dokumen yang ditambahkan lewat aplikasi): berkasnya ada atau "
            "tidak, checksum, cakupan, metode baca, jumlah Pasal dan unit di indeks yang dipakai, "
            "lalu peringatan yang perlu ditindaklanjuti."
        ),
    )
    status.add_argument("--json", action="store_true", help="keluaran JSON")
    status.add_argument(
        "--corrections", metavar="DOKUMEN",
        help="daftar setiap perubahan koreksi OCR pada DOKUMEN (halaman, aturan, sebelum, sesudah) "
             "dan kata-kata yang tetap meragukan",
    )
    status.set_defaults(func=functools.partial(run_status, serving_counts=serving_counts))


def run_status(
    args: argparse.Namespace, settings: Settings, serving_counts: Callable[[Settings], dict[str, int] | None]
) -> int:
    manifest = load_or_report(settings)
    if manifest is None:
        return 2
    manifest = merged_manifest(manifest, settings.user_dir)  # documents added in the app count too
    if args.corrections:
        return _print_corrections(args.corrections, manifest, args.json, settings)
    statuses = corpus_status(manifest, settings.corpus_dir, settings.units_dir, serving_counts(settings))
    if args.json:
        print(json.dumps([s.to_dict() for s in statuses], ensure_ascii=False, indent=1))
    else:
        print(format_table(statuses))
    return 0


def _print_corrections(doc_id: str, manifest, as_json: bool, settings: Settings) -> int:
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
