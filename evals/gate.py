"""The regression gate: compare a run's summary with the thresholds in ``evals/thresholds.yaml``.

Thresholds file::

    min:                      # overall metric must be >= value
      hit@5: 0.6
    max:                      # overall metric must be <= value
      invalid_citations: 0
    categories:               # optional, per category, same shape
      out-of-scope:
        min: {abstention_recall: 0.8}
    heldout:                  # optional: the held-out split, overall and per category, same shape
      min: {citation_precision: 0.3}
      categories:
        informal:
          min: {hit@1: 0.5}

A metric that is undefined in the run (no question to measure it on) fails a threshold: a
gate that passes because nothing was measured would let a regression through.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

THRESHOLDS_PATH = Path(__file__).resolve().parent / "thresholds.yaml"


class ThresholdsError(ValueError):
    pass


def load_thresholds(path: str | Path | None = None) -> dict[str, Any]:
    path = Path(path) if path else THRESHOLDS_PATH
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ThresholdsError(f"{path}: {exc}") from exc
    unknown = set(data) - {"min", "max", "categories", "heldout"}
    if unknown:
        raise ThresholdsError(f"{path}: bagian tidak dikenal {sorted(unknown)} (yang boleh: min, max, categories, heldout)")
    return data


def _check(scope: str, values: dict[str, Any], rules: dict[str, Any]) -> list[str]:
    failures = []
    for bound, ok in (("min", lambda v, t: v >= t), ("max", lambda v, t: v <= t)):
        for metric, threshold in (rules.get(bound) or {}).items():
            if metric not in values:
                failures.append(f"{scope} {metric}: metrik tidak dikenal")
                continue
            value = values[metric]
            sign = ">=" if bound == "min" else "<="
            if value is None:
                failures.append(f"{scope} {metric}: tidak terukur (harus {sign} {threshold})")
            elif not ok(value, threshold):
                failures.append(f"{scope} {metric} = {value:.3g}, harus {sign} {threshold}")
    return failures


def check_gate(summary: dict[str, Any], thresholds: dict[str, Any]) -> list[str]:
    """Every threshold the run misses, one readable line each; empty when the gate passes."""
    failures = _check("semua", summary["overall"], thresholds)
    failures += _check_categories("", summary.get("categories", {}), thresholds)
    held = thresholds.get("heldout")
    if held:
        values = summary.get("splits", {}).get("heldout")
        if values is None:
            return failures + ["heldout: tidak ada pertanyaan heldout dalam putaran ini"]
        failures += _check("heldout", values, held)
        failures += _check_categories("heldout ", summary.get("heldout_categories", {}), held)
    return failures


def _check_categories(prefix: str, categories: dict[str, Any], thresholds: dict[str, Any]) -> list[str]:
    failures = []
    for category, rules in (thresholds.get("categories") or {}).items():
        values = categories.get(category)
        if values is None:
            failures.append(f"{prefix}kategori {category}: tidak ada pertanyaan dalam putaran ini")
            continue
        failures += _check(f"{prefix}kategori {category}", values, rules)
    return failures
