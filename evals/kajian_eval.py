"""``rujukan eval --kajian``: run the golden kajian cases and report, per split, the metrics.

Provision recall and precision, sanction recall, subject-status, ASN and election-kind
accuracy, gap-flag accuracy (the set of gaps stated equals the expected set), and latency.
The gate compares the overall numbers with evals/kajian_thresholds.yaml.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from corpus.manifest import Manifest
from evals import kajian_metrics as m
from evals.gate import load_thresholds
from evals.kajian_golden import KajianCase
from ingest.model import Unit
from qa.graph import Graph
from qa.kajian import Kajian, analyse
from qa.kajian_rules import load_rules

THRESHOLDS_PATH = Path(__file__).resolve().parent / "kajian_thresholds.yaml"
METRICS = ("provision_recall", "provision_precision", "sanction_recall", "subject_accuracy",
           "asn_accuracy", "election_accuracy", "gap_accuracy", "p95_ms")  # fmt: skip


@dataclass
class CaseResult:
    case: KajianCase
    kajian: Kajian

    def row(self) -> dict[str, Any]:
        k, c = self.kajian, self.case
        return {
            "id": c.id, "split": c.split,
            "subject": {"expected": c.subject, "found": k.subject.id if k.subject else None},
            "asn": {"expected": c.asn, "found": k.subject_asn},
            "election": {"expected": c.election, "found": k.election},
            "provisions": {"expected": list(c.provisions), "found": k.provision_ids(),
                           "missing": sorted(set(c.provisions) - set(k.provision_ids())),
                           "extra": sorted(set(k.provision_ids()) - set(c.provisions))},
            "sanctions": {"expected": list(c.sanctions), "missing": sorted(set(c.sanctions) - set(k.sanction_ids()))},
            "gaps": {"expected": sorted(c.gaps), "found": sorted(g.id for g in k.gaps)},
            "elapsed_ms": k.elapsed_ms,
        }  # fmt: skip


def run_cases(cases: list[KajianCase], units: Mapping[str, Unit], manifest: Manifest) -> list[CaseResult]:
    # The graph and the checked rules once, outside the timings.
    rules, graph = load_rules(units, manifest), Graph.build(units.values())
    return [CaseResult(c, analyse(c.report, units, manifest, rules, graph)) for c in cases]


def summarise(results: list[CaseResult]) -> dict[str, Any]:
    """Metrics over all cases and per split."""
    def metrics(rs: list[CaseResult]) -> dict[str, Any]:
        prov = [(r.case.provisions, r.kajian.provision_ids()) for r in rs]
        return {
            "cases": len(rs),
            "provision_recall": m.recall(prov),
            "provision_precision": m.precision(prov),
            "sanction_recall": m.recall([(r.case.sanctions, r.kajian.sanction_ids()) for r in rs]),
            "subject_accuracy": m.accuracy([(r.case.subject, r.kajian.subject.id if r.kajian.subject else None) for r in rs]),
            "asn_accuracy": m.accuracy([(r.case.asn, r.kajian.subject_asn) for r in rs]),
            "election_accuracy": m.accuracy([(r.case.election, r.kajian.election) for r in rs]),
            "gap_accuracy": m.set_accuracy([(r.case.gaps, [g.id for g in r.kajian.gaps]) for r in rs]),
            "p95_ms": m.percentile([r.kajian.elapsed_ms for r in rs], 95),
        }

    return {
        "overall": metrics(results),
        "categories": {split: metrics([r for r in results if r.case.split == split])
                       for split in ("tune", "heldout") if any(r.case.split == split for r in results)},
    }  # fmt: skip


def table(summary: dict[str, Any]) -> str:
    scopes = {"semua": summary["overall"], **summary["categories"]}
    lines = ["| metrik | " + " | ".join(scopes) + " |", "|---|" + "---|" * len(scopes)]
    for metric in ("cases", *METRICS):
        cells = []
        for values in scopes.values():
            v = values.get(metric)
            cells.append("-" if v is None else f"{v:.0f}" if metric in ("cases", "p95_ms") else f"{v:.2f}")
        lines.append(f"| {metric} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_report(results: list[CaseResult], summary: dict[str, Any], out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    path = out / f"eval-kajian-{stamp}.json"
    path.write_text(json.dumps({"summary": summary, "cases": [r.row() for r in results]}, ensure_ascii=False, indent=2),
                    encoding="utf-8")  # fmt: skip
    path.with_suffix(".md").write_text(f"# Kajian eval {stamp}\n\n{table(summary)}\n", encoding="utf-8")
    return path


def thresholds(path: str | Path | None = None) -> dict[str, Any]:
    return load_thresholds(path or THRESHOLDS_PATH)


def elapsed_since(started: float) -> float:
    return round(time.perf_counter() - started, 1)
