"""``rujukan ingest`` and ``rujukan show``."""

from __future__ import annotations

import argparse
import difflib
import json
import logging
import sys
from pathlib import Path

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
    ingest.add_argument("--json", action="store_true", help="print the result (timings included) as JSON")
    ingest.set_defaults(func=run_ingest_command)

    show = sub.add_parser("show", help="print one stored unit by id, e.g. uu-5-2014/pasal-87/ayat-4")
    show.add_argument("unit_id")
    show.add_argument("--json", action="store_true", help="machine-readable output")
    show.set_defaults(func=run_show)


def run_ingest_command(args: argparse.Namespace) -> int:
    from corpus.manifest import ManifestError
    from ingest.pipeline import default_manifest, format_problems, format_summary, run_ingest

    try:
        manifest = default_manifest()
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
            manifest, only=args.only, files=files, progress=not args.no_progress, build_index=not args.no_index
        )
    except KeyError as exc:
        print(f"id dokumen tidak dikenal di manifest: {exc.args[0]}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
    else:
        print(format_summary(result, problems=False))
    problems = format_problems(result)
    if problems:  # errors go to stderr, so they show even when the table is redirected
        print(problems, file=sys.stderr)
    return 0 if result.ok else 1


def run_show(args: argparse.Namespace) -> int:
    from ingest import store

    try:
        units = store.load_units()
    except store.StoreError as exc:
        print(f"hasil ingest tidak terbaca: {exc}", file=sys.stderr)
        return 1
    by_id = {u.id: u for u in units}
    unit = by_id.get(args.unit_id.strip().strip("/"))
    if unit is None:
        if not units:
            print("belum ada dokumen yang diingest; jalankan `rujukan ingest`", file=sys.stderr)
            return 1
        print(f"unit '{args.unit_id}' tidak ditemukan.", file=sys.stderr)
        close = difflib.get_close_matches(args.unit_id, list(by_id), n=5, cutoff=0.6)
        if close:
            print("Mungkin maksud Anda:", file=sys.stderr)
            for cid in close:
                print(f"  {cid}  ({by_id[cid].short_label})", file=sys.stderr)
        return 1
    if args.json:
        data = unit.to_dict()
        data["ref_labels"] = {r: by_id[r].short_label for r in unit.refs if r in by_id}
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    print(format_unit(unit, by_id))
    return 0


def format_unit(unit, by_id: dict) -> str:
    lines = [unit.label, f"({unit.short_label})", f"id: {unit.id}"]
    status = unit.status + (f" — {unit.status_note}" if unit.status_note else "")
    lines.append(f"status: {status}")
    if unit.successors:
        lines.append("penggantinya: " + "; ".join(_label(s, by_id) for s in unit.successors))
    if unit.pages:
        lines.append("halaman: " + ", ".join(str(p) for p in unit.pages))
    if unit.hierarchy:
        lines.append("letak: " + " > ".join(unit.hierarchy))
    lines += ["", unit.text]
    if unit.penjelasan:
        lines += ["", "Penjelasan:", unit.penjelasan]
    if unit.refs:
        lines += ["", "Merujuk ke:"] + [f"  - {_label(r, by_id)}" for r in unit.refs]
    if unit.history:
        lines += ["", "Riwayat (terlama lebih dahulu):"]
        for v in unit.history:
            lines.append(f"  - {v.change}: {v.source_label}")
            lines.extend(f"      {t}" for t in v.text.splitlines())
    return "\n".join(lines)


def _label(unit_id: str, by_id: dict) -> str:
    target = by_id.get(unit_id)
    return f"{target.short_label} [{unit_id}]" if target else unit_id
