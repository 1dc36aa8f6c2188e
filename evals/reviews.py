"""The review loop: a reviewer's marks on the per-question sheet, applied to the next run.

A reviewer opens ``eval-<timestamp>-questions.csv`` (``evals/question_sheet.py``), writes in
its ``review`` column

- ``correct`` (``benar``): the system's answer is right, whatever the automatic check says;
- ``wrong`` (``salah``): the answer is wrong, whatever the automatic check says;
- ``golden-wrong`` (``golden-salah``): the golden row itself is wrong; it is left out of the
  metrics and listed until it is fixed,

and passes the file to ``rujukan eval --reviews FILE``. A mark applies only to what was
reviewed: an answer mark while the answer cites the same units for the same expectation,
a golden mark while the question and its expected ids are unchanged. A mark that no longer
applies is reported as stale, never applied to something nobody looked at. Rows are matched
by id and question text, or by question text alone, so a sheet from a YAML run applies to the
same questions read from a CSV set.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from evals.golden import GoldenError, GoldenQuestion, GoldenSet, set_aside_row
from evals.question_sheet import cited_cell, expected_cell
from evals.report import question_ok
from evals.sources import read_csv_table, same_question

CORRECT, WRONG, GOLDEN_WRONG = "correct", "wrong", "golden-wrong"
MARKS = {
    "correct": CORRECT, "benar": CORRECT,
    "wrong": WRONG, "salah": WRONG,
    "golden-wrong": GOLDEN_WRONG, "golden-salah": GOLDEN_WRONG, "golden salah": GOLDEN_WRONG,
}  # fmt: skip
REQUIRED_COLUMNS = ("id", "question", "expected", "cited", "review")


@dataclass(frozen=True)
class Review:
    id: str
    question: str
    expected: str  # the sheet's expected cell when the mark was made
    cited: str  # the sheet's cited cell when the mark was made
    mark: str
    note: str
    where: str  # file and row, for messages


def read_reviews(paths: list[str | Path]) -> list[Review]:
    """Marked rows of one or more review sheets; a later file's mark wins for the same question."""
    reviews: list[Review] = []
    for path in map(Path, paths):
        if not path.is_file():
            raise GoldenError(f"{path}: berkas tinjauan tidak ditemukan")
        header, rows = read_csv_table(path)
        absent = [c for c in REQUIRED_COLUMNS if c not in header]
        if absent:
            raise GoldenError(
                f"{path}: bukan lembar tinjauan eval (kolom {', '.join(absent)} tidak ada); "
                "pakai berkas eval-<waktu>-questions.csv dari laporan"
            )
        for row, cells in rows:
            word = " ".join((cells.get("review") or "").casefold().split())
            if not word:
                continue
            if word not in MARKS:
                raise GoldenError(
                    f"{path}: baris {row}: tanda tinjauan {cells['review']!r} tidak dikenal "
                    "(pakai correct/benar, wrong/salah atau golden-wrong/golden-salah)"
                )
            reviews.append(Review(
                id=(cells.get("id") or "").strip(),
                question=(cells.get("question") or "").strip(),
                expected=(cells.get("expected") or "").strip(),
                cited=(cells.get("cited") or "").strip(),
                mark=MARKS[word],
                note=(cells.get("review_note") or "").strip(),
                where=f"{path.name} baris {row}",
            ))  # fmt: skip
    return reviews


class ReviewBook:
    """Marks looked up by question: same id and text, else same text."""

    def __init__(self, reviews: list[Review]):
        self.by_text: dict[str, Review] = {}
        self.by_id: dict[str, Review] = {}
        for r in reviews:
            self.by_text[same_question(r.question)] = r
            self.by_id[r.id] = r

    def find(self, qid: str, question: str) -> Review | None:
        key = same_question(question)
        r = self.by_id.get(qid)
        if r is not None and same_question(r.question) == key:
            return r
        return self.by_text.get(key)


def expected_fingerprint(should_abstain: bool, expected: Any) -> str:
    return "(abstain)" if should_abstain else expected_cell([list(r) for r in expected])


def apply_golden_marks(golden: GoldenSet, book: ReviewBook) -> tuple[GoldenSet, list[dict], list[dict]]:
    """The set without rows whose golden answer a reviewer marked wrong; those rows, and the
    golden marks that no longer apply (the row was changed since)."""
    kept: list[GoldenQuestion] = []
    excluded, stale = [], []
    for q in golden.questions:
        r = book.find(q.id, q.question)
        if r is None or r.mark != GOLDEN_WRONG:
            kept.append(q)
            continue
        if r.expected == expected_fingerprint(q.should_abstain, q.expected):
            reason = "golden ditandai salah oleh reviewer" + (f": {r.note}" if r.note else "")
            excluded.append({**set_aside_row(q, reason), "note": r.note,
                             "expected": expected_fingerprint(q.should_abstain, q.expected)})  # fmt: skip
        else:
            kept.append(q)
            stale.append({"where": q.where, "reason": f"golden berubah sejak ditandai salah ({r.where}); dinilai lagi"})
    return replace(golden, questions=kept), excluded, stale


def apply_answer_marks(report: dict[str, Any], book: ReviewBook) -> dict[str, Any]:
    """Attach each applicable correct/wrong mark to its question record (``q["review"]``) and
    return the tally: counts, stale marks, and the questions where the reviewer overrules
    the automatic check."""
    primary = report["primary_retriever"]
    correct = wrong = 0
    stale, overruled = [], []
    for q in report["questions"]:
        r = book.find(q["id"], q["question"])
        if r is None or r.mark == GOLDEN_WRONG or q["answer"] is None:
            continue
        same_answer = r.cited == cited_cell(q["answer"]["cited"])
        same_golden = r.expected == expected_fingerprint(q["should_abstain"], q["expected"])
        if not (same_answer and same_golden):
            what = "jawaban" if not same_answer else "golden"
            stale.append({"where": q["id"], "reason": f"{what} berubah sejak ditinjau ({r.where}); perlu ditinjau lagi"})
            continue
        automatic = question_ok(q, primary)
        q["review"] = {"mark": r.mark, "note": r.note}
        if r.mark == CORRECT:
            correct += 1
        else:
            wrong += 1
        if automatic != (r.mark == CORRECT):
            overruled.append(q["id"])
    reviewed = correct + wrong
    return {
        "correct": correct,
        "wrong": wrong,
        "accuracy": correct / reviewed if reviewed else None,
        "unreviewed": sum(1 for q in report["questions"] if q["answer"] is not None and not q.get("review")),
        "overruled": overruled,
        "stale": stale,
    }
