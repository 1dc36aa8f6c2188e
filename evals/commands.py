"""``rujukan eval`` and ``rujukan calibrate`` (``rujukan bench`` registers itself: ``evals/bench.py``).

Each subcommand lives in one ``_register_<name>`` function; :func:`register` calls them.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import replace
from pathlib import Path

from corpus.manifest import ManifestError, load_manifest
from corpus.settings import Settings
from corpus.user_documents import corpus_manifest, merged_manifest
from evals import bench
from evals.calibrate import MAX_WRONG_ABSTENTION, calibrate, confusion, examples, measurer, scored
from evals.citations import resolve_set
from evals.gate import ThresholdsError, check_gate, load_thresholds
from evals.golden import GoldenError, load_golden
from evals.junit import write_junit
from evals.kajian_eval import run_cases, summarise, table, write_report
from evals.kajian_eval import thresholds as kajian_thresholds
from evals.kajian_golden import load_cases
from evals.question_sheet import sheet_path, write_sheet
from evals.report import compare, load_report, terminal_summary, write_reports
from evals.reviews import ReviewBook, apply_answer_marks, apply_golden_marks, read_reviews
from evals.run import RETRIEVERS, real_system, run_eval
from evals.sources import load_set, parse_mapping
from qa.answerability import CALIBRATION_FILE
from qa.kajian import load_index_units
from qa.kajian_rules import RulesError
from qa.llm import get_llm
from qa.retrieval import IndexNotBuilt, Retriever

log = logging.getLogger(__name__)

def register(subparsers) -> None:
    _register_eval(subparsers)
    _register_calibrate(subparsers)
    bench.register(subparsers)


def _retrievers(value: str) -> list[str]:
    modes = [v.strip() for v in value.split(",") if v.strip()]
    bad = [m for m in modes if m not in RETRIEVERS]
    if not modes or bad:
        raise argparse.ArgumentTypeError(f"retriever tidak dikenal: {', '.join(bad) or value!r} (pilih: {', '.join(RETRIEVERS)})")
    return modes


def _register_eval(subparsers) -> None:
    p = subparsers.add_parser(
        "eval",
        help="jalankan set pertanyaan golden dan laporkan metrik pencarian, rujukan dan penolakan menjawab",
        description=(
            "Menjalankan setiap pertanyaan set golden (default: evals/golden/; YAML, CSV atau JSONL) "
            "terhadap indeks, mencetak tabel per kategori, bagian (tune/heldout), dokumen dan "
            "tingkat ketentuan, lalu menulis reports/eval-<waktu>.json, .md, .png dan -questions.csv "
            "(lembar untuk peninjau). Contoh: rujukan eval --retriever dense,bm25,hybrid --compare reports/eval-OLD.json --gate; "
            "rujukan eval --golden soal.csv --map question=Pertanyaan,citation=Dasar --junit junit.xml"
        ),
    )
    p.add_argument(
        "--golden",
        metavar="BERKAS",
        help="set golden: berkas atau folder YAML (default: evals/golden), berkas .csv/.tsv atau .jsonl",
    )
    p.add_argument(
        "--map",
        metavar="MEDAN=KOLOM[,...]",
        help="kolom CSV/JSONL mana berisi medan apa, mis. question=Pertanyaan,answer=Jawaban,law=Peraturan,"
        "pasal=Pasal,ayat=Ayat,item=Huruf; menggantikan BERKAS.map.yaml di sampingnya (lihat evals/README.md)",
    )
    p.add_argument("--map-file", metavar="BERKAS",
                   help="berkas pemetaan kolom (default: BERKAS.map.yaml di samping set)")  # fmt: skip
    p.add_argument(
        "--unknown-docs",
        choices=("report", "abstain"),
        default="report",
        help="baris yang rujukannya hanya menyebut dokumen yang tidak ada di korpus: laporkan dan "
        "lewati (default), atau hitung sebagai pertanyaan yang harus ditolak",
    )
    p.add_argument("--engine", choices=("extractive", "llm"), default="extractive", help="mesin jawaban (default: extractive)")
    p.add_argument(
        "--retriever",
        type=_retrievers,
        default=["hybrid"],
        metavar="MODE[,MODE...]",
        help="hybrid, dense atau bm25; daftar berkoma membandingkan beberapa (yang pertama mengisi tabel kategori)",
    )
    p.add_argument(
        "--retrieval-only",
        action="store_true",
        help="hanya peringkat (tanpa menyusun jawaban): perbandingan pencari lebih cepat; metrik jawaban kosong",
    )
    p.add_argument(
        "--reviews",
        action="append",
        metavar="BERKAS",
        help="lembar per pertanyaan yang sudah ditinjau (eval-*-questions.csv), kolom review berisi correct, "
        "wrong atau golden-wrong; diterapkan pada putaran ini (boleh diulang; berkas terakhir menang)",
    )
    p.add_argument("--junit", metavar="BERKAS", help="tulis juga hasilnya sebagai JUnit XML (satu test case per pertanyaan)")
    p.add_argument(
        "--compare",
        metavar="SEBELUMNYA.json",
        help="tampilkan selisih terhadap laporan sebelumnya (format golden apa pun: pertanyaan dicocokkan menurut id atau teks)",
    )
    p.add_argument(
        "--kajian",
        action="store_true",
        help="jalankan kasus kajian golden (evals/golden/kajian/, atau --golden BERKAS): recall dan presisi "
        "ketentuan, recall sanksi, ketepatan status subjek, ASN, jenis pemilihan dan penanda celah, latensi p95; "
        "--gate memeriksa evals/kajian_thresholds.yaml",
    )
    p.add_argument("--gate", action="store_true", help="keluar dengan kode 1 bila ada metrik di bawah evals/thresholds.yaml")
    p.add_argument("--thresholds", metavar="BERKAS", help="berkas ambang untuk --gate (default: evals/thresholds.yaml)")
    p.add_argument("--category", action="append", metavar="NAMA", help="hanya kategori ini (boleh diulang)")
    p.add_argument(
        "--split",
        choices=("tune", "heldout"),
        help="hanya bagian tune atau heldout (setiap putaran melaporkan kedua bagian terpisah)",
    )
    p.add_argument("--limit", type=int, metavar="N", help="hanya N pertanyaan pertama (untuk melihat sekilas)")
    p.add_argument("--out", metavar="FOLDER", help="folder laporan (default: reports/, atau RUJUKAN_REPORTS)")
    p.add_argument("--no-progress", action="store_true", help="tanpa bilah kemajuan")
    p.set_defaults(func=run_eval_command)


def run_eval_command(args: argparse.Namespace, settings: Settings) -> int:
    if args.kajian:
        return run_kajian_eval(args, settings)
    try:
        mapping = parse_mapping(args.map) if args.map else None
        golden = load_set(args.golden, mapping, args.map_file)
    except GoldenError as exc:
        print(f"berkas golden tidak valid: {exc}", file=sys.stderr)
        return 2
    book = None
    if args.reviews:
        try:
            book = ReviewBook(read_reviews(args.reviews))
        except GoldenError as exc:
            print(f"berkas tinjauan tidak valid: {exc}", file=sys.stderr)
            return 2
    questions = golden.questions
    if args.category:
        questions = [q for q in questions if q.category in set(args.category)]
    if args.split:
        questions = [q for q in questions if q.split == args.split]
    if args.limit:
        questions = questions[: args.limit]
    if not questions:
        print("tidak ada pertanyaan yang cocok dengan pilihan --category/--split/--limit", file=sys.stderr)
        return 2
    golden = replace(golden, questions=questions)

    previous = thresholds = None
    if args.compare:
        try:
            previous = load_report(args.compare)
        except (OSError, ValueError) as exc:
            print(f"tidak dapat membaca laporan pembanding {args.compare}: {exc}", file=sys.stderr)
            return 2
    if args.gate:
        try:
            thresholds = load_thresholds(args.thresholds)
        except ThresholdsError as exc:
            print(f"berkas ambang gate tidak valid: {exc}", file=sys.stderr)
            return 2

    try:
        manifest = load_manifest(settings.manifest_path)
    except ManifestError as exc:
        print(f"manifest tidak dapat dipakai: {exc}", file=sys.stderr)
        return 2

    try:
        retriever = Retriever.from_settings(settings, merged_manifest(manifest, settings.user_dir))
        llm = get_llm(settings.llm) if args.engine == "llm" else None
        system = real_system(retriever, answers=not args.retrieval_only, llm=llm)
    except Exception as exc:  # no index yet, or the QA stack is not importable
        print(f"sistem belum siap untuk dievaluasi: {exc}\njalankan 'rujukan ingest' terlebih dahulu", file=sys.stderr)
        return 2
    golden = resolve_set(golden, set(system.units), manifest, args.unknown_docs)
    golden_wrong: list[dict] = []
    golden_stale: list[dict] = []
    if book is not None:
        golden, golden_wrong, golden_stale = apply_golden_marks(golden, book)
    if not golden.questions:
        print("tidak ada pertanyaan yang dapat dinilai:", file=sys.stderr)
        for row in golden.set_aside:
            print(f"  - {row['where']}: {row['reason']}", file=sys.stderr)
        return 2

    report = run_eval(golden, system, args.retriever, args.engine, progress=not args.no_progress)
    if book is not None:
        tally = apply_answer_marks(report, book)
        report["reviews"] = {
            "files": args.reviews,
            "golden_wrong": golden_wrong,
            **tally,
            "stale": golden_stale + tally["stale"],
        }
    deltas = compare(report, previous) if previous else None
    if deltas:
        report["compare"] = deltas
    failures = None
    if thresholds is not None:
        failures = check_gate(report["summary"], thresholds)
        report["gate"] = {"thresholds": args.thresholds or "evals/thresholds.yaml", "failures": failures}

    paths = write_reports(report, Path(args.out) if args.out else settings.reports_dir)
    paths["csv"] = write_sheet(report, sheet_path(paths["json"]))
    if args.junit:
        paths["junit"] = write_junit(report, Path(args.junit))
    print(terminal_summary(report, deltas))
    print()
    print("Laporan: " + ", ".join(str(p) for p in paths.values()))
    if failures is None:
        return 0
    if failures:
        print(f"\nGATE GAGAL ({len(failures)} ambang tidak terpenuhi):", file=sys.stderr)
        for f in failures:
            print(f"  - {f}", file=sys.stderr)
        return 1
    print("\nGate lulus.")
    return 0


def run_kajian_eval(args: argparse.Namespace, settings: Settings) -> int:
    """``rujukan eval --kajian``: the golden kajian cases, per split, with the gate."""
    try:
        cases = load_cases(args.golden)
    except GoldenError as exc:
        print(f"berkas golden kajian tidak valid: {exc}", file=sys.stderr)
        return 2
    if args.split:
        cases = [c for c in cases if c.split == args.split]
    if args.limit:
        cases = cases[: args.limit]
    if not cases:
        print("tidak ada kasus yang cocok dengan pilihan --split/--limit", file=sys.stderr)
        return 2
    try:
        results = run_cases(cases, load_index_units(settings.index_dir), load_manifest(settings.manifest_path))
    except (IndexNotBuilt, RulesError, ManifestError) as exc:
        print(f"gagal: {exc}", file=sys.stderr)
        return 1
    summary = summarise(results)
    print(table(summary))
    path = write_report(results, summary, Path(args.out) if args.out else settings.reports_dir)
    print(f"laporan: {path}")
    if not args.gate:
        return 0
    try:
        failures = check_gate(summary, kajian_thresholds(args.thresholds))
    except ThresholdsError as exc:
        print(f"berkas ambang tidak valid: {exc}", file=sys.stderr)
        return 2
    for failure in failures:
        print(f"GATE GAGAL: {failure}", file=sys.stderr)
    return 1 if failures else 0


def _register_calibrate(subparsers) -> None:
    p = subparsers.add_parser(
        "calibrate",
        help="sesuaikan keputusan menjawab-atau-menolak pada bagian tune set golden",
        description=(
            "Mengukur sinyal keterjawaban (kemiripan, cakupan kata pertanyaan, kesepakatan para "
            "pencari) setiap pertanyaan golden bertanda 'split: tune' pada indeks yang dipakai, "
            "mencocokkan model logistik dan ambang yang salah menolak paling banyak "
            "--max-wrong-abstention dari pertanyaan yang terjawab, lalu menulis qa/answerability.json. "
            "Bagian heldout tidak pernah dibaca: `rujukan eval --split heldout` mengukur hasilnya."
        ),
    )
    p.add_argument("--golden", metavar="BERKAS", help="berkas atau folder golden YAML (default: evals/golden)")
    p.add_argument(
        "--max-wrong-abstention",
        type=float,
        default=MAX_WRONG_ABSTENTION,
        metavar="PORSI",
        help=f"porsi pertanyaan tune yang terjawab yang boleh ditolak (default: {MAX_WRONG_ABSTENTION})",
    )
    p.add_argument("--out", metavar="BERKAS", default=str(CALIBRATION_FILE), help="tempat model ditulis")
    p.set_defaults(func=run_calibrate_command)


def run_calibrate_command(args: argparse.Namespace, settings: Settings) -> int:

    try:
        golden = load_golden(args.golden)
    except GoldenError as exc:
        print(f"berkas golden tidak valid: {exc}", file=sys.stderr)
        return 2
    try:
        retriever = Retriever.from_settings(settings, corpus_manifest(settings))
    except ManifestError as exc:
        print(f"manifest tidak dapat dipakai: {exc}", file=sys.stderr)
        return 2
    tune = [q for q in golden.questions if q.split == "tune"]
    data = examples(tune, measurer(retriever))
    if not any(e.answerable for e in data) or all(e.answerable for e in data):
        print("bagian tune harus memuat pertanyaan yang terjawab dan yang harus ditolak", file=sys.stderr)
        return 2
    n_abstain = sum(not e.answerable for e in data)
    fitted_on = (
        f"{len(data)} tune questions ({n_abstain} to abstain on) of {args.golden or 'evals/golden'}; "
        f"{len(tune) - len(data)} naming a provision left out"
    )
    model = calibrate(data, args.max_wrong_abstention, fitted_on)
    Path(args.out).write_text(json.dumps(model.to_dict(), indent=2) + "\n", encoding="utf-8")
    counts = confusion(model, scored(data, model))
    print(f"model ditulis ke {args.out}: {len(data)} pertanyaan tune ({n_abstain} harus ditolak), "
          f"{len(tune) - len(data)} yang menyebut ketentuan tidak diikutkan")  # fmt: skip
    print(
        "pada bagian tune: {answered} dijawab benar, {wrong_abstained} salah ditolak, "
        "{abstained} ditolak benar, {wrong_answered} salah dijawab".format(**counts)
    )
    return 0
