"""The per-question CSV of a run: one row per golden question, for a reviewer's spreadsheet.

Besides what was expected and what the system cited, each row has a ``review`` cell the
reviewer fills with ``correct``, ``wrong`` or ``golden-wrong`` (``benar``, ``salah``,
``golden-salah``) and a ``review_note``. ``rujukan eval --reviews FILE`` reads the marks back
(``evals/reviews.py``); the next sheet carries every mark that still applies, so marks
accumulate from run to run. Rows that were not run (set aside, golden marked wrong) are in
the sheet too, so their marks are not lost either.

The file is UTF-8 with a byte-order mark, which spreadsheet programs need to show
Indonesian text correctly; the reader accepts it with or without, with "," or ";".
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from evals.report import question_ok

COLUMNS = (
    "id", "row", "category", "split", "question", "expected", "golden_answer", "status", "cited",
    "abstained", "answer_span", "answer_hit", "exact_match", "token_f1", "granularity",
    "must_include", "problem", "review", "review_note",
)  # fmt: skip
# Values of the status column.
PASSED, FAILED, ERROR, NOT_RUN, GOLDEN_WRONG = "lulus", "gagal", "error", "tidak-dinilai", "golden-salah"


def expected_cell(expected: list[list[str]]) -> str:
    """Requirements joined by "; ", alternatives by " / " (also the review fingerprint)."""
    return "; ".join(" / ".join(r) for r in expected)


def cited_cell(cited: list[str]) -> str:
    return ", ".join(cited)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}".rstrip("0").rstrip(".")


def rows(report: dict[str, Any]) -> list[dict[str, str]]:
    primary = report["primary_retriever"]
    out = []
    for q in report["questions"]:
        a = q["answer"]
        metrics = (a or {}).get("metrics") or {}
        error = (a or {}).get("error") or q["retrieval"][primary].get("error")
        review = q.get("review") or {}
        out.append({
            "id": q["id"],
            "row": "" if q.get("row") is None else str(q["row"]),
            "category": q["category"],
            "split": q.get("split", ""),
            "question": q["question"],
            "expected": expected_cell(q["expected"]) if not q["should_abstain"] else "(abstain)",
            "golden_answer": q.get("golden_answer", ""),
            "status": ERROR if error else PASSED if question_ok(q, primary) else FAILED,
            "cited": "" if a is None else cited_cell(a["cited"]),
            "abstained": "" if a is None else ("ya" if a["abstained"] else "tidak"),
            "answer_span": "" if a is None else a.get("span", ""),
            "answer_hit": _number(metrics.get("answer_hit")),
            "exact_match": _number(metrics.get("exact_match")),
            "token_f1": _number(metrics.get("token_f1")),
            "granularity": _number(metrics.get("granularity")),
            "must_include": _number(metrics.get("must_include")),
            "problem": error or "",
            "review": review.get("mark", ""),
            "review_note": review.get("note", ""),
        })  # fmt: skip
    # Rows not run keep what identifies them (id, row, question, expected) and, for a golden
    # marked wrong, the mark itself.
    reviews = report.get("reviews") or {}
    for row in reviews.get("golden_wrong", []):
        out.append(_not_run(row, GOLDEN_WRONG) | {"review": "golden-wrong", "review_note": row.get("note", "")})
    for row in report.get("set_aside", []):
        out.append(_not_run(row, NOT_RUN))
    return out


def _not_run(row: dict[str, Any], status: str) -> dict[str, str]:
    known = {k: "" if v is None else str(v) for k, v in row.items() if k in COLUMNS}
    return {**dict.fromkeys(COLUMNS, ""), **known, "status": status, "problem": row["reason"]}


def write_sheet(report: dict[str, Any], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows(report))
    return path


def sheet_path(json_path: Path) -> Path:
    """``eval-<timestamp>.json`` -> ``eval-<timestamp>-questions.csv``."""
    return json_path.with_name(json_path.stem + "-questions.csv")
