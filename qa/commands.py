"""``rujukan ingest`` (stored units, then the index), ``rujukan search`` (ranked provisions,
straight from the index), ``rujukan ask`` (answers) and ``rujukan show`` (one provision as the
index serves it)."""

from __future__ import annotations

import argparse
import difflib
import json
import logging
import sys
from pathlib import Path

from corpus import ids
from corpus.coverage import Coverage
from corpus.ids import InvalidUnitId, UnitId
from corpus.lock import IngestBusy
from corpus.manifest import ManifestError
from corpus.settings import Settings
from corpus.user_documents import corpus_manifest
from ingest import store
from ingest.labels import law_name
from ingest.pipeline import format_problems, format_summary
from qa import status_notes
from qa.answering import answer
from qa.build import ingest_and_index
from qa.coverage import note_for
from qa.index import ChromaUnavailable, current_build, read_units
from qa.llm import get_llm
from qa.model import Filters
from qa.reference_check import check_references
from qa.references import Reference, find_documents, parse_references
from qa.retrieval import IndexNotBuilt, Retriever
from qa.uploads import settle

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    ingest = subparsers.add_parser(
        "ingest",
        help="baca, bersihkan dan urai korpus menjadi unit ketentuan, lalu bangun indeks",
        description=(
            "Ingest setiap dokumen manifest yang berkasnya ada di folder korpus (atau sebagian saja, "
            "atau satu berkas). Dokumen yang gagal dilaporkan dan dibiarkan seperti semula; dokumen "
            "lain tetap diingest. Contoh: rujukan ingest --only uu-1-2015"
        ),
    )
    ingest.add_argument("--file", type=Path, metavar="BERKAS", help="ingest satu berkas ini saja")
    ingest.add_argument("--id", dest="doc_id", metavar="ID_DOKUMEN", help="dokumen manifest tempat berkas --file")
    ingest.add_argument("--only", nargs="+", metavar="ID", help="hanya dokumen ini (beserta perubahannya)")
    ingest.add_argument("--no-index", action="store_true", help="tulis unit tanpa membangun ulang indeks")
    ingest.add_argument("--no-progress", action="store_true", help="tanpa bilah kemajuan")
    ingest.add_argument(
        "--force", action="store_true",
        help="bersama --file: tetap ingest walau checksum atau judul berkas tidak cocok dengan manifest "
        "(dicatat di laporan parse)",
    )  # fmt: skip
    ingest.add_argument(
        "--wait", action="store_true",
        help="bila ingest lain sedang berjalan pada folder data yang sama, tunggu sampai selesai alih-alih berhenti",
    )  # fmt: skip
    ingest.add_argument("--json", action="store_true", help="keluaran JSON (termasuk waktu tiap tahap)")
    ingest.set_defaults(func=run_ingest_command)

    search = subparsers.add_parser(
        "search",
        help="cari ketentuan di indeks (tanpa menyusun jawaban)",
        description=(
            "Cari di indeks: ketentuan yang disebut dalam kueri lebih dahulu, lalu hasil pencarian "
            "semantik (dense) dan kata kunci (BM25) yang digabung menurut peringkat. Tiap hasil "
            "menyebut labelnya dan pencari yang menemukannya (rujukan, situasi, dense, dense-istilah-uu untuk "
            "pertanyaan sehari-hari yang dibaca dengan istilah undang-undang, bm25). "
            "Contoh: rujukan search \"asn jadi pengurus partai\" --in-force"
        ),
    )
    search.add_argument("query", metavar="KUERI", help="pertanyaan atau rujukan, mis. \"Pasal 71 ayat (2) UU Pilkada\"")
    search.add_argument("--k", type=int, default=10, help="jumlah hasil (default 10)")
    search.add_argument("--mode", choices=("hybrid", "dense", "bm25"), default="hybrid", help="pencari (default hybrid: dense dan bm25)")
    search.add_argument("--doc", action="append", metavar="ID", help="batasi ke dokumen (boleh diulang), mis. uu-1-2015")
    search.add_argument("--in-force", action="store_true", help="hanya ketentuan yang masih berlaku")
    search.add_argument("--json", action="store_true", help="keluaran JSON")
    search.add_argument(
        "-v", "--verbose", dest="scores", action="store_true",
        help="tampilkan juga skor fusi tiap hasil (hanya berguna untuk membandingkan urutan)",
    )  # fmt: skip
    search.set_defaults(func=run_search)

    ask = subparsers.add_parser(
        "ask",
        help="jawab pertanyaan dengan kutipan pasal yang terverifikasi",
        description=(
            "Jawab pertanyaan dari korpus: ketentuan yang paling mendukung dikutip apa adanya di bawah "
            "label rujukannya, beserta sanksi yang merujuk kepadanya dan peringatan status; atau "
            "penolakan menjawab dengan ketentuan yang terdekat. Dengan '-' sebagai pertanyaan, membaca "
            "satu pertanyaan per baris dari stdin dan mencetak satu objek JSON per baris; pertanyaan "
            "yang gagal mendapat baris {\"question\", \"error\"} dan sisanya tetap dijawab (kode "
            "keluar 1 di akhir). Bila server Chroma mati, jawaban disusun dari rujukan persis dan BM25, "
            "dengan peringatan. Contoh: rujukan ask \"asn boleh ikut kampanye?\""
        ),
    )
    ask.add_argument("question", metavar="PERTANYAAN", help="pertanyaan, atau - untuk membaca pertanyaan per baris dari stdin")
    ask.add_argument("--k", type=int, default=8, help="jumlah ketentuan yang ditimbang (default 8)")
    ask.add_argument("--engine", choices=("extractive", "llm"), default="extractive",
                     help="extractive (default) atau llm (butuh RUJUKAN_LLM)")
    ask.add_argument("--doc", action="append", metavar="ID", help="batasi ke dokumen (boleh diulang)")
    ask.add_argument("--in-force", action="store_true", help="hanya ketentuan yang masih berlaku")
    ask.add_argument("--json", action="store_true", help="keluaran JSON")
    ask.set_defaults(func=run_ask)

    show = subparsers.add_parser(
        "show",
        help="tampilkan satu ketentuan menurut id atau labelnya, mis. \"Pasal 87 ayat (4) UU 5/2014\"",
        description=(
            "Tampilkan satu ketentuan sebagaimana dipegang indeks yang sedang dipakai (sehingga show dan "
            "ask selalu sama); sebelum ada indeks, sebagaimana disimpan ingest. Ketentuan disebut dengan "
            "id-nya, huruf besar atau kecil (uu-5-2014/pasal-87/ayat-4), atau dengan labelnya seperti "
            "pada ask (\"Pasal 22B UU 1/2015\", \"Penjelasan Pasal 5 PP 94/2021\"). Ketentuan atau "
            "dokumen yang tidak ada di korpus disebut namanya, tidak diganti ketentuan lain."
        ),
    )
    show.add_argument("unit_id", metavar="KETENTUAN", help="id unit atau label ketentuan")
    show.add_argument("--json", action="store_true", help="keluaran JSON")
    show.set_defaults(func=run_show)


def run_ingest_command(args: argparse.Namespace, settings: Settings) -> int:
    try:
        return _ingest(args, settings)
    except IngestBusy as exc:  # another run holds the data folder: nothing was changed
        print(f"gagal: {exc}", file=sys.stderr)
        return 3


def _ingest(args: argparse.Namespace, settings: Settings) -> int:
    """The ingest command; raises :class:`IngestBusy` from settling an added document's change
    or from the ingest itself, both of which take the ingest lock."""
    try:
        settle(settings, wait=args.wait)  # an interrupted removal or replacement of an added document first
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
        result = ingest_and_index(
            settings, manifest, only=args.only, files=files, progress=not args.no_progress,
            build_index=not args.no_index, wait=args.wait, force=args.force,
        )  # fmt: skip
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


def _retriever(settings: Settings):
    """The retriever this command uses for all its queries; None (after saying why) without a manifest."""
    try:
        return Retriever.from_settings(settings, corpus_manifest(settings))
    except ManifestError as exc:
        print(f"manifest tidak dapat dipakai: {exc}", file=sys.stderr)
        return None


def run_search(args: argparse.Namespace, settings: Settings) -> int:
    filters = None
    if args.doc or args.in_force:
        filters = Filters(doc_ids=args.doc or None, in_force_only=args.in_force)
    retriever = _retriever(settings)
    if retriever is None:
        return 2
    try:
        snapshot = retriever.snapshot()
        hits = retriever.retrieve(args.query, k=args.k, filters=filters, mode=args.mode, snapshot=snapshot)
    except (IndexNotBuilt, ChromaUnavailable) as exc:
        print(f"gagal: {exc}", file=sys.stderr)
        return 1
    if snapshot.dense_error and args.mode == "hybrid":
        print(f"peringatan: {snapshot.dense_error}", file=sys.stderr)
    # A named provision the corpus lacks is said by name, as `ask` says it: the hits below are
    # what is similar, not what was named.
    manifest, data = retriever.manifest, retriever.root.parent
    checked = check_references(args.query, snapshot.units, manifest, lambda ref: note_for(ref, manifest, data))
    for finding in checked.findings:
        print(f"perhatian: {finding.message}", file=sys.stderr)
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
        score = f"  skor {h.score:.4f}" if args.scores else ""  # fused ranks: they mean nothing alone
        print(f"{rank:>2}. {h.unit.short_label}{status}  ({found_by(h.retrievers)}){score}")
        text = " ".join(h.unit.text.split())
        print(f"    {text[:160]}{'…' if len(text) > 160 else ''}")
    return 0


# How a hit was found, in the user's words; "dense" and "bm25" are the names --mode takes.
_RETRIEVERS = {"reference": "rujukan", "situation": "situasi", "dense_statute": "dense-istilah-uu"}


def found_by(retrievers: list[str]) -> str:
    """"rujukan", "dense+bm25": the retrievers that found a hit."""
    return "+".join(_RETRIEVERS.get(r, r) for r in retrievers)


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
    engine = "LLM" if answer.engine == "llm" else "ekstraktif"  # as the app's Tanya page says it
    lines.append(f"({answer.elapsed_ms:.0f} ms, mesin {engine})")
    return "\n".join(lines)


def run_ask(args: argparse.Namespace, settings: Settings) -> int:
    retriever = _retriever(settings)
    if retriever is None:
        return 2
    try:
        llm = get_llm(settings.llm) if args.engine == "llm" else None
    except ValueError as exc:
        print(f"LLM tidak dapat dipakai: {exc}", file=sys.stderr)
        return 2
    filters = None
    if args.doc or args.in_force:
        filters = Filters(doc_ids=args.doc or None, in_force_only=args.in_force)
    batch = args.question == "-"
    questions = (line.rstrip("\n") for line in sys.stdin) if batch else [args.question]
    failed = 0
    for question in questions:
        if batch and not question.strip():
            continue
        try:
            result = answer(question, k=args.k, filters=filters, engine=args.engine, retriever=retriever, llm=llm)
        except (IndexNotBuilt, ChromaUnavailable) as exc:
            if not batch:
                print(f"gagal: {exc}", file=sys.stderr)
                return 1
            failed += 1
            print(json.dumps({"question": question, "error": str(exc)}, ensure_ascii=False), flush=True)
            continue
        except Exception as exc:  # noqa: BLE001 - one bad line must not stop a batch
            if not batch:
                raise
            log.exception("question failed: %r", question)
            failed += 1
            error = f"pertanyaan ini gagal dijawab ({type(exc).__name__}); pertanyaan berikutnya tetap dijawab"
            print(json.dumps({"question": question, "error": error}, ensure_ascii=False), flush=True)
            continue
        if batch or args.json:
            print(json.dumps(answer_json(result), ensure_ascii=False), flush=True)
        else:
            print(format_answer(result))
    return 1 if failed else 0


def run_show(args: argparse.Namespace, settings: Settings) -> int:
    build = current_build(settings.index_dir)
    try:
        docs = store.load_documents(settings.units_dir)
        # The serving build's own units: what `ask` cites, even if a later ingest stopped
        # after writing units/ and before its index was swapped in.
        units = read_units(build) if build else [u for doc in docs for u in doc.units]
    except (store.StoreError, OSError, ValueError, KeyError, TypeError) as exc:
        print(f"hasil ingest tidak terbaca: {exc}", file=sys.stderr)
        return 1
    if not units:
        print("belum ada dokumen yang diingest; jalankan `rujukan ingest`", file=sys.stderr)
        return 1
    try:
        manifest = corpus_manifest(settings)
    except ManifestError as exc:
        print(f"manifest tidak dapat dipakai: {exc}", file=sys.stderr)
        return 2
    by_id = {u.id: u for u in units}
    missing = MissingProvisions({doc.doc_id: doc.report.coverage for doc in docs}, manifest)
    found, notes = find_units(args.unit_id, by_id, manifest, missing, settings.data_dir)
    for note in notes:
        print(note, file=sys.stderr)
    if not found:
        return 1
    unit = by_id[found[0]]
    if args.json:
        data = unit.to_dict()
        data["ref_labels"] = {r: by_id[r].short_label for r in unit.refs if r in by_id}
        data["missing_refs"] = {r: note for r in unit.refs if r not in by_id and (note := missing.note(r))}
        print(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        print(format_unit(unit, by_id, missing))
    if len(found) > 1:  # "Pasal 70 dan Pasal 71 UU 1/2015": the first, and how to see the others
        others = ", ".join(f"{by_id[f].short_label} [{f}]" for f in found[1:])
        print(f"Juga disebut (tampilkan dengan `rujukan show ID`): {others}", file=sys.stderr)
    return 0


def find_units(text: str, by_id: dict, manifest, missing: MissingProvisions, data: Path) -> tuple[list[str], list[str]]:
    """The units ``text`` names, as an id in any case ("UU-1-2015/Pasal-71") or as a label
    ("Pasal 22B UU 1/2015"), and what to tell the user about what it names that does not exist:
    the same Indonesian findings ``ask`` gives, read by the same reference parser."""
    wanted = ids.typed(text)
    if wanted in by_id:
        return [wanted], []
    same = sorted(i for i in by_id if ids.folded(i) == ids.folded(wanted))
    if len(same) == 1:
        return same, []
    if same:
        return [], [f"'{wanted}' cocok dengan beberapa unit; tulis id persisnya: {', '.join(same)}"]
    try:
        uid = UnitId.parse(ids.folded(wanted))
    except InvalidUnitId:
        uid = None
    if uid is not None and not uid.is_document:
        note = missing.note(wanted) or missing.note(str(uid))
        if note:  # a provision of the law that its file does not hold: say so, suggest nothing else
            return [], [note]
        if uid.doc not in manifest:
            return [], [f"Dokumen '{uid.doc}' tidak ada di korpus Rujukan."]
    # A label, or an id of a provision that does not exist, read as the label it spells.
    label = _label_of(uid, manifest) if uid is not None else wanted
    checked = check_references(label or wanted, by_id, manifest, lambda ref: note_for(ref, manifest, data))
    notes = [f.message for f in checked.findings]
    if checked.resolved or notes:
        return list(checked.resolved), notes
    refs = parse_references(wanted, manifest)
    named = [doc_ids[0] for _, _, doc_ids in find_documents(wanted, manifest)]
    if uid is not None and uid.is_document and uid.doc in manifest:
        named.append(uid.doc)
    if named and not refs:  # "UU 1/2015", "uu-1-2015": a document, not one of its provisions
        name = manifest.get(named[0]).short_name or named[0]
        return [], [f"'{wanted}' menyebut dokumen {name}, bukan salah satu ketentuannya; sebutkan ketentuannya, "
                    f"mis. 'Pasal 1 {name}' (daftar isinya ada di halaman Telusuri aplikasi)."]  # fmt: skip
    notes = [f"'{wanted}' tidak ditemukan: bukan id unit atau rujukan ketentuan yang ada di korpus."]
    if any(not ref.doc_ids for ref in refs):
        return [], notes + ["Sebutkan dokumennya, mis. 'Pasal 71 UU 1/2015' atau 'uu-1-2015/pasal-71'."]
    folded = {ids.folded(i): i for i in by_id}
    close = difflib.get_close_matches(ids.folded(wanted), list(folded), n=5, cutoff=0.6)
    if close:
        notes.append("Mungkin maksud Anda:")
        notes += [f"  {folded[c]}  ({by_id[folded[c]].short_label})" for c in close]
    return [], notes


def _label_of(uid, manifest) -> str | None:
    """"Pasal 150 UU 5/2014" for ``uu-5-2014/pasal-150``: how ``ask`` would be asked for the
    provision an id names (None for ids that are not Pasal, ayat, huruf, angka or their Penjelasan)."""
    levels = {step.kind: step.number for step in uid.body.steps}
    if [s.kind for s in uid.body.steps] != [k for k in ("pasal", "ayat", "huruf", "angka") if k in levels]:
        return None
    if "pasal" not in levels:  # the document itself
        return None
    if uid.doc not in manifest or not manifest.get(uid.doc).short_name:
        return None
    ref = Reference((uid.doc,), levels["pasal"].upper(), levels.get("ayat"), levels.get("huruf"),
                    levels.get("angka"), uid.is_penjelasan)  # fmt: skip
    label = f"{ref.label()} {manifest.get(uid.doc).short_name}"
    # Only a label the parser reads back as this very provision: "ayat-1x" must not become ayat (1).
    return label if parse_references(label, manifest) == [ref] else None


class MissingProvisions:
    """Ids that name a provision outside the part of a law its file holds (a partial copy)."""

    def __init__(self, coverage: dict[str, dict | None], manifest):
        self._coverage = {doc_id: Coverage.from_dict(c) for doc_id, c in coverage.items() if c}
        self._manifest = manifest

    def note(self, unit_id: str) -> str | None:
        """"Pasal 280 UU 7/2017 belum ada di korpus: ..." when ``unit_id`` is such a provision."""
        try:
            uid = UnitId.parse(unit_id)
        except InvalidUnitId:
            return None
        coverage, pasal = self._coverage.get(uid.doc), uid.pasal
        if pasal is not None and pasal.kind == "pasal":
            inserted = self._inserted_without_text(uid.doc, pasal.number)
            if inserted:
                return inserted
        if coverage is None or pasal.kind != "pasal" or not pasal.number[:1].isdigit():
            return None
        if not coverage.lacks(pasal.number, uid.is_penjelasan):
            return None
        name = law_name(uid.doc, self._manifest) if uid.doc in self._manifest else uid.doc
        return coverage.missing_note(pasal.number, name, uid.is_penjelasan)

    def _inserted_without_text(self, doc_id: str, number: str) -> str | None:
        """A Pasal an amending law inserted whose text the corpus lacks (manifest ``changes_without_text``)."""
        return status_notes.inserted_without_text(doc_id, number, self._manifest)


def format_unit(unit, by_id: dict, missing: MissingProvisions | None = None) -> str:
    lines = [unit.label, f"({unit.short_label})", f"id: {unit.id}"]
    status = unit.status + (f" — {unit.status_note}" if unit.status_note else "")
    lines.append(f"status: {status}")
    # Revocation and counterpart as the app says them (qa.status_notes), the counterparts with their ids.
    revoked = status_notes.revocation_note(unit, by_id)
    if revoked:
        lines.append(f"perhatian: {revoked}")
    after = status_notes.counterparts(unit, by_id)
    if after:
        lines.append("padanan yang berlaku: " + "; ".join(_label(u.id, by_id) for u in after))
    if unit.pages:
        lines.append("halaman: " + ", ".join(str(p) for p in unit.pages))
    if unit.hierarchy:
        lines.append("letak: " + " > ".join(unit.hierarchy))
    if unit.coverage_note:
        lines.append(f"catatan: {unit.coverage_note}")
    if unit.ocr_note:
        lines.append(f"catatan: {unit.ocr_note}")
    if unit.divergence_note:
        lines.append(f"catatan: {unit.divergence_note}")
    lines += ["", unit.text]
    if unit.penjelasan:
        lines += ["", "Penjelasan:", unit.penjelasan]
    if unit.refs:
        lines += ["", "Merujuk ke:"] + [f"  - {_label(r, by_id, missing)}" for r in unit.refs]
    if unit.history:
        lines += ["", "Riwayat (terlama lebih dahulu):"]
        for v in unit.history:
            lines.append(f"  - {v.change}: {v.source_label}" + (f" ({v.dated})" if v.dated else ""))
            lines.extend(f"      {t}" for t in v.text.splitlines())
    return "\n".join(lines)


def _label(unit_id: str, by_id: dict, missing: MissingProvisions | None = None) -> str:
    target = by_id.get(unit_id)
    if target:
        return f"{target.short_label} [{unit_id}]"
    note = missing.note(unit_id) if missing else None
    return f"{unit_id} — {note}" if note else unit_id
