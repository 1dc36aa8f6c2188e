"""``rujukan ingest`` and ``rujukan show``."""

from __future__ import annotations

import argparse
import difflib
import json
import logging
import sys
from pathlib import Path

from corpus import ids

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
        docs = store.load_documents()
    except store.StoreError as exc:
        print(f"hasil ingest tidak terbaca: {exc}", file=sys.stderr)
        return 1
    units = [u for doc in docs for u in doc.units]
    by_id = {u.id: u for u in units}
    missing = MissingProvisions({doc.doc_id: doc.report.coverage for doc in docs})
    wanted = ids.typed(args.unit_id)
    unit = by_id.get(wanted)
    if unit is None:
        if not units:
            print("belum ada dokumen yang diingest; jalankan `rujukan ingest`", file=sys.stderr)
            return 1
        note = missing.note(wanted)
        if note:  # a provision of the law that its file does not hold: say so, suggest nothing else
            print(note, file=sys.stderr)
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
        data["missing_refs"] = {r: note for r in unit.refs if r not in by_id and (note := missing.note(r))}
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    print(format_unit(unit, by_id, missing))
    return 0


class MissingProvisions:
    """Ids that name a provision outside the part of a law its file holds (a partial copy)."""

    def __init__(self, coverage: dict[str, dict | None]):
        from corpus.coverage import Coverage

        self._coverage = {doc_id: Coverage.from_dict(c) for doc_id, c in coverage.items() if c}
        self._manifest = None

    def note(self, unit_id: str) -> str | None:
        """"Pasal 280 UU 7/2017 belum ada di korpus: ..." when ``unit_id`` is such a provision."""
        from corpus.ids import InvalidUnitId, UnitId

        try:
            uid = UnitId.parse(unit_id)
        except InvalidUnitId:
            return None
        coverage, pasal = self._coverage.get(uid.doc), uid.pasal
        if coverage is None or pasal.kind != "pasal" or not pasal.number[:1].isdigit():
            return None
        if not coverage.lacks(pasal.number, uid.is_penjelasan):
            return None
        return coverage.missing_note(pasal.number, self._short_name(uid.doc), uid.is_penjelasan)

    def _short_name(self, doc_id: str) -> str:
        if self._manifest is None:
            from ingest.pipeline import default_manifest

            self._manifest = default_manifest()
        return self._manifest.get(doc_id).short_name if doc_id in self._manifest else doc_id


def format_unit(unit, by_id: dict, missing: MissingProvisions | None = None) -> str:
    lines = [unit.label, f"({unit.short_label})", f"id: {unit.id}"]
    status = unit.status + (f" — {unit.status_note}" if unit.status_note else "")
    lines.append(f"status: {status}")
    if unit.successors:
        lines.append("penggantinya: " + "; ".join(_label(s, by_id) for s in unit.successors))
    if unit.pages:
        lines.append("halaman: " + ", ".join(str(p) for p in unit.pages))
    if unit.hierarchy:
        lines.append("letak: " + " > ".join(unit.hierarchy))
    if unit.coverage_note:
        lines.append(f"catatan: {unit.coverage_note}")
    lines += ["", unit.text]
    if unit.penjelasan:
        lines += ["", "Penjelasan:", unit.penjelasan]
    if unit.refs:
        lines += ["", "Merujuk ke:"] + [f"  - {_label(r, by_id, missing)}" for r in unit.refs]
    if unit.history:
        lines += ["", "Riwayat (terlama lebih dahulu):"]
        for v in unit.history:
            lines.append(f"  - {v.change}: {v.source_label}")
            lines.extend(f"      {t}" for t in v.text.splitlines())
    return "\n".join(lines)


def _label(unit_id: str, by_id: dict, missing: MissingProvisions | None = None) -> str:
    target = by_id.get(unit_id)
    if target:
        return f"{target.short_label} [{unit_id}]"
    note = missing.note(unit_id) if missing else None
    return f"{unit_id} — {note}" if note else unit_id
