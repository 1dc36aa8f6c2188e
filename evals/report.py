"""Present an eval run: terminal tables, JSON, Markdown, PNG chart, deltas against a previous run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

# Columns of the per-category table: (metric, header).
CATEGORY_COLUMNS = (
    ("questions", "n"),
    ("hit@1", "hit@1"),
    ("hit@5", "hit@5"),
    ("recall@10", "rec@10"),
    ("mrr", "MRR"),
    ("ndcg@10", "nDCG@10"),
    ("answer_hit", "jawab"),
    ("citation_precision", "presisi sitasi"),
    ("must_include", "frasa"),
    ("abstention_precision", "abstain P"),
    ("abstention_recall", "abstain R"),
    ("invalid_citations", "sitasi invalid"),
)
RETRIEVER_COLUMNS = (
    ("hit@1", "hit@1"),
    ("hit@3", "hit@3"),
    ("hit@5", "hit@5"),
    ("recall@10", "rec@10"),
    ("all@10", "semua@10"),
    ("mrr", "MRR"),
    ("ndcg@10", "nDCG@10"),
    ("retrieve_p50_ms", "p50 ms"),
    ("retrieve_p95_ms", "p95 ms"),
)
# Columns of the per-split, per-document and per-granularity tables.
GROUP_COLUMNS = (
    ("questions", "n"),
    ("hit@5", "hit@5"),
    ("answer_hit", "jawab"),
    ("citation_precision", "presisi sitasi"),
    ("exact_match", "EM"),
    ("token_f1", "F1"),
    ("granularity", "granularitas"),
    ("abstention_recall", "abstain R"),
)
# Summary groups beside the categories: (key in the summary, first column header, section title).
GROUPS = (
    ("splits", "bagian", "Per bagian (tune / heldout)"),
    ("documents", "dokumen", "Per dokumen"),
    ("granularities", "tingkat", "Per tingkat granularitas jawaban golden"),
)
DELTA_METRICS = (
    "hit@1", "hit@5", "recall@10", "mrr", "ndcg@10", "answer_hit", "citation_precision",
    "must_include", "exact_match", "token_f1", "granularity", "abstention_precision",
    "abstention_recall", "invalid_citations", "errors", "retrieve_p50_ms", "answer_p50_ms",
)  # fmt: skip
CHART_METRICS = ("hit@5", "recall@10", "answer_hit", "must_include", "abstention_recall")


def fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, int):
        return str(value)
    if abs(value) >= 10:
        return f"{value:.0f}"
    return f"{value:.2f}"


def fmt_delta(value: float | None) -> str:
    if value is None:
        return "–"
    if value == 0:
        return "0"
    return f"{value:+.0f}" if abs(value) >= 10 else f"{value:+.2f}"


# ------------------------------------------------------------------ comparison


def _delta(now: Any, before: Any) -> float | None:
    if isinstance(now, (int, float)) and isinstance(before, (int, float)):
        return now - before
    return None


def compare(current: dict[str, Any], previous: dict[str, Any]) -> dict[str, Any]:
    """Deltas (current - previous) of the overall and per-category metrics, and questions that flipped."""
    cur, prev = current["summary"], previous["summary"]
    overall = {
        metric: {"before": prev["overall"].get(metric), "now": cur["overall"].get(metric),
                 "delta": _delta(cur["overall"].get(metric), prev["overall"].get(metric))}
        for metric in DELTA_METRICS
    }  # fmt: skip
    categories = {
        cat: {
            metric: _delta(values.get(metric), prev["categories"].get(cat, {}).get(metric))
            for metric in DELTA_METRICS
        }
        for cat, values in cur["categories"].items()
    }
    before = previous.get("questions", [])
    before_ok_by_id = {q["id"]: question_ok(q, previous["primary_retriever"]) for q in before}
    before_ok_by_text = {_same_question(q["question"]): question_ok(q, previous["primary_retriever"]) for q in before}
    fixed, broken = [], []
    for q in current.get("questions", []):
        ok = question_ok(q, current["primary_retriever"])
        # The same id, or else the same question text: a CSV set and the YAML set it was
        # converted from number their questions differently.
        was = before_ok_by_id.get(q["id"], before_ok_by_text.get(_same_question(q["question"])))
        if ok and was is False:
            fixed.append(q["id"])
        elif not ok and was is True:
            broken.append(q["id"])
    return {
        "previous": previous.get("created"),
        "overall": overall,
        "categories": categories,
        "fixed": sorted(fixed),
        "broken": sorted(broken),
    }


def _same_question(text: str) -> str:
    return " ".join(text.casefold().split())


def question_ok(q: dict[str, Any], mode: str) -> bool:
    """A question passes when it is abstained on exactly when it should be and, if answerable,
    the answer cites an expected unit; a reviewer's mark on this very answer overrides that."""
    review = q.get("review") or {}
    if review.get("mark") in ("correct", "wrong"):
        return review["mark"] == "correct"
    a = q["answer"]
    if a is None:  # a ranking-only run: judge by the primary retriever's hit@5
        return not q["should_abstain"] and q["retrieval"][mode]["metrics"].get("hit@5") == 1.0
    if q["should_abstain"]:
        return bool(a["abstained"]) and not a["error"]
    return a["metrics"].get("answer_hit") == 1.0


# ------------------------------------------------------------------ tables


def table(headers_rows: tuple[list[str], list[list[str]]]) -> str:
    """Plain-text table: first column left-aligned, numbers right-aligned."""
    headers, rows = headers_rows
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    def line(cells):  # noqa: E306
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))
    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def category_rows(report: dict[str, Any], deltas: dict[str, Any] | None = None) -> tuple[list[str], list[list[str]]]:
    summary = report["summary"]
    headers = ["kategori", *(h for _, h in CATEGORY_COLUMNS)]
    if deltas:
        headers += ["Δhit@5", "Δjawab"]
    rows = []
    for cat, values in [*summary["categories"].items(), ("SEMUA", summary["overall"])]:
        row = [cat, *(fmt(values.get(metric)) for metric, _ in CATEGORY_COLUMNS)]
        if deltas:
            d = deltas["categories"].get(cat) if cat != "SEMUA" else {
                k: v["delta"] for k, v in deltas["overall"].items()
            }
            d = d or {}
            row += [fmt_delta(d.get("hit@5")), fmt_delta(d.get("answer_hit"))]
        rows.append(row)
    return headers, rows


def retriever_rows(report: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    rows = [
        [mode, *(fmt(values["overall"].get(metric)) for metric, _ in RETRIEVER_COLUMNS)]
        for mode, values in report["summary"]["retrievers"].items()
    ]
    return ["retriever", *(h for _, h in RETRIEVER_COLUMNS)], rows


def retriever_category_rows(report: dict[str, Any], metric: str = "hit@5") -> tuple[list[str], list[list[str]]]:
    modes = list(report["summary"]["retrievers"])
    cats = list(report["summary"]["categories"])
    rows = [
        [cat, *(fmt(report["summary"]["retrievers"][mode]["categories"][cat].get(metric)) for mode in modes)]
        for cat in cats
    ]
    return [f"{metric} per kategori", *modes], rows


def group_rows(report: dict[str, Any], key: str, header: str) -> tuple[list[str], list[list[str]]]:
    """One row per split, document or granularity (reports before these groups have none)."""
    groups = report["summary"].get(key) or {}
    rows = [[name, *(fmt(values.get(metric)) for metric, _ in GROUP_COLUMNS)] for name, values in groups.items()]
    return [header, *(h for _, h in GROUP_COLUMNS)], rows


def delta_rows(deltas: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    rows = [
        [metric, fmt(v["before"]), fmt(v["now"]), fmt_delta(v["delta"])] for metric, v in deltas["overall"].items()
    ]
    return ["metrik", "sebelum", "sekarang", "Δ"], rows


def terminal_summary(report: dict[str, Any], deltas: dict[str, Any] | None = None) -> str:
    parts = [
        f"Evaluasi {report['created']}: {report['summary']['overall']['questions']} pertanyaan, "
        f"engine {report['engine'] or '(tanpa jawaban)'}, retriever {', '.join(report['retrievers'])} "
        f"(metrik peringkat dari {report['primary_retriever']}), {report['duration_s']} s",
        "",
        table(category_rows(report, deltas)),
    ]
    for key, header, title in GROUPS:
        if report["summary"].get(key):
            parts += ["", f"{title}:", table(group_rows(report, key, header))]
    if len(report["retrievers"]) > 1:
        parts += ["", table(retriever_rows(report)), "", table(retriever_category_rows(report))]
    if deltas:
        parts += ["", f"Dibanding run {deltas['previous']}:", table(delta_rows(deltas))]
        if deltas["broken"]:
            parts.append("Kini gagal: " + ", ".join(deltas["broken"]))
        if deltas["fixed"]:
            parts.append("Kini lulus: " + ", ".join(deltas["fixed"]))
    missing = report["index"]["missing_expected"]
    if missing:
        parts += ["", f"{len(missing)} pertanyaan mengharapkan unit yang tidak ada di indeks (lihat laporan)."]
    parts += golden_notes(report)
    return "\n".join(parts)


def golden_notes(report: dict[str, Any]) -> list[str]:
    """Rows set aside, per-row citation problems and review marks, one line each: never
    dropped silently."""
    out = []
    reviews = report.get("reviews")
    if reviews:
        out += ["", f"Tinjauan ({', '.join(Path(f).name for f in reviews['files'])}): {reviews['correct']} benar, "
                f"{reviews['wrong']} salah, {reviews['unreviewed']} belum ditinjau; "
                f"akurasi menurut reviewer {fmt(reviews['accuracy'])}"]  # fmt: skip
        if reviews["overruled"]:
            out.append("  Reviewer mengoreksi penilaian otomatis: " + ", ".join(reviews["overruled"]))
        if reviews["golden_wrong"]:
            out.append(f"  {len(reviews['golden_wrong'])} golden ditandai salah, tidak dinilai:")
            out += [f"    - {r['where']}: {r['question']}" for r in reviews["golden_wrong"]]
        if reviews["stale"]:
            out.append(f"  {len(reviews['stale'])} tanda tinjauan tidak berlaku lagi:")
            out += [f"    - {r['where']}: {r['reason']}" for r in reviews["stale"]]
    set_aside = report.get("set_aside") or []
    if set_aside:
        out += ["", f"{len(set_aside)} baris golden tidak dinilai:"]
        out += [f"  - {r['where']}: {r['reason']}" for r in set_aside]
    problems = report.get("golden_problems") or []
    if problems:
        out += ["", f"{len(problems)} catatan pada baris golden:"]
        out += [f"  - {r['where']}: {r['reason']}" for r in problems]
    return out


# ------------------------------------------------------------------ Markdown


def md_table(headers_rows: tuple[list[str], list[list[str]]]) -> str:
    headers, rows = headers_rows
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def markdown(report: dict[str, Any], chart_name: str | None = None) -> str:
    deltas = report.get("compare")
    out = [
        f"# Evaluasi Rujukan {report['created']}",
        "",
        f"- Golden: {', '.join(Path(g).name for g in report['golden'])} "
        f"({report['summary']['overall']['questions']} pertanyaan)",
        f"- Engine jawaban: `{report['engine'] or 'tanpa jawaban'}`; retriever: {', '.join(f'`{r}`' for r in report['retrievers'])} "
        f"(metrik peringkat per kategori dari `{report['primary_retriever']}`), k = {report['k']}",
        f"- Unit di indeks: {report['index']['units']}; durasi {report['duration_s']} s",
        "",
        "Definisi metrik: `evals/README.md`. Kolom *jawab* = tidak abstain dan mengutip unit yang diharapkan; "
        "*frasa* = cakupan `must_include`.",
        "",
        "## Per kategori",
        "",
        md_table(category_rows(report, deltas)),
    ]
    if chart_name:
        out += ["", f"![metrik per kategori]({chart_name})"]
    for key, header, title in GROUPS:
        if report["summary"].get(key):
            out += ["", f"## {title}", "", md_table(group_rows(report, key, header))]
    if len(report["retrievers"]) > 1:
        out += ["", "## Per retriever", "", md_table(retriever_rows(report)), "",
                md_table(retriever_category_rows(report))]  # fmt: skip
    if deltas:
        out += ["", f"## Perubahan dibanding run {deltas['previous']}", "", md_table(delta_rows(deltas))]
        out += ["", f"Kini gagal: {', '.join(deltas['broken']) or '–'}", "",
                f"Kini lulus: {', '.join(deltas['fixed']) or '–'}"]  # fmt: skip
    if "gate" in report:
        gate = report["gate"]
        out += ["", "## Gate", "", "LULUS" if not gate["failures"] else "GAGAL:"]
        out += [f"- {f}" for f in gate["failures"]]
    failed = [q for q in report["questions"] if not question_ok(q, report["primary_retriever"])]
    out += ["", f"## Pertanyaan yang gagal ({len(failed)})", ""]
    if failed:
        out += ["| id | kategori | pertanyaan | diharapkan | dikutip | diambil (top 5) |", "|---|---|---|---|---|---|"]
        for q in failed:
            a = q["answer"]
            if a is None:
                cited = "(tanpa jawaban)"
            else:
                cited = "abstain" if a["abstained"] else ", ".join(a["cited"]) or "–"
                if a["error"]:
                    cited = f"error: {a['error']}".replace("|", "/")
            top = q["retrieval"][report["primary_retriever"]]["retrieved"][:5]
            expected = "; ".join(" / ".join(r) for r in q["expected"]) or "(abstain)"
            out.append(f"| {q['id']} | {q['category']} | {q['question']} | {expected} | {cited} | {', '.join(top)} |")
    missing = report["index"]["missing_expected"]
    if missing:
        out += ["", f"## Unit yang diharapkan tetapi tidak ada di indeks ({len(missing)} pertanyaan)", ""]
        out += [f"- {qid}: {', '.join(ids)}" for qid, ids in sorted(missing.items())]
    invalid = [(q["id"], bad) for q in report["questions"] if q["answer"] for bad in q["answer"]["invalid_citations"]]
    if invalid:
        out += ["", "## Sitasi tidak valid", ""] + [f"- {qid}: {bad}" for qid, bad in invalid]
    if report.get("reviews"):
        out += ["", "## Tinjauan", "", "```", *golden_notes({"reviews": report["reviews"]})[1:], "```"]
    for key, title in (("set_aside", "Baris golden yang tidak dinilai"), ("golden_problems", "Catatan pada baris golden")):
        rows = report.get(key) or []
        if rows:
            out += ["", f"## {title} ({len(rows)})", ""] + [f"- {r['where']}: {r['reason']}" for r in rows]
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------ chart


def chart(report: dict[str, Any], path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    cats = list(report["summary"]["categories"])
    modes = list(report["summary"]["retrievers"])
    panels = 2 if len(modes) > 1 else 1
    fig, axes = plt.subplots(panels, 1, figsize=(max(10, len(cats) * 1.1), 4.5 * panels), squeeze=False)
    x = np.arange(len(cats))

    def bars(ax, series: dict[str, list[float | None]], title: str):
        width = 0.8 / max(1, len(series))
        for i, (name, values) in enumerate(series.items()):
            heights = [np.nan if v is None else v for v in values]
            ax.bar(x + (i - (len(series) - 1) / 2) * width, heights, width, label=name)
        ax.set_xticks(x, cats, rotation=30, ha="right")
        ax.set_ylim(0, 1.05)
        ax.set_title(title)
        ax.legend(fontsize="small", ncols=len(series))
        ax.grid(axis="y", alpha=0.3)

    by_cat = report["summary"]["categories"]
    bars(
        axes[0][0],
        {metric: [by_cat[c].get(metric) for c in cats] for metric in CHART_METRICS},
        f"Metrik per kategori (retriever {report['primary_retriever']}, engine {report['engine']})",
    )
    if panels == 2:
        per_mode = report["summary"]["retrievers"]
        bars(
            axes[1][0],
            {mode: [per_mode[mode]["categories"][c].get("hit@5") for c in cats] for mode in modes},
            "hit@5 per kategori dan retriever",
        )
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


# ------------------------------------------------------------------ files


def report_stem(report: dict[str, Any]) -> str:
    return "eval-" + report["created"].replace("-", "").replace(":", "")


def write_reports(report: dict[str, Any], out_dir: Path) -> dict[str, Path]:
    """Write ``eval-<timestamp>.json``, ``.md`` and ``.png`` under ``out_dir``; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = report_stem(report)
    paths = {"json": out_dir / f"{stem}.json", "md": out_dir / f"{stem}.md", "png": out_dir / f"{stem}.png"}
    chart(report, paths["png"])
    paths["md"].write_text(markdown(report, paths["png"].name), encoding="utf-8")
    paths["json"].write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return paths


def load_report(path: str | Path) -> dict[str, Any]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if "summary" not in data or "overall" not in data["summary"]:
        raise ValueError(f"{path}: not an eval report (no summary)")
    return data
