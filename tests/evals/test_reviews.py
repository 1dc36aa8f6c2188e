"""The review loop: the per-question sheet is marked by a reviewer and read back; marks apply
to what was reviewed, golden rows marked wrong leave the metrics, and marks carry over."""

from __future__ import annotations

import csv

import pytest

from evals.citations import resolve_set
from evals.golden import GoldenError
from evals.question_sheet import COLUMNS, write_sheet
from evals.run import run_eval
from evals.reviews import ReviewBook, apply_answer_marks, apply_golden_marks, read_reviews
from evals.sources import load_set
from tests.fixtures.golden_sets import ANSWERS, CITES, UNITS, messy_csv_set, scripted_system, yaml_set


def evaluate(path, manifest, reviews=None):
    """What `rujukan eval --reviews` does, on the scripted system."""
    golden = resolve_set(load_set(path), set(UNITS), manifest, unknown_docs="abstain")
    book = ReviewBook(read_reviews(reviews)) if reviews else None
    golden_wrong, stale = [], []
    if book:
        golden, golden_wrong, stale = apply_golden_marks(golden, book)
    report = run_eval(golden, scripted_system(), progress=False)
    if book:
        tally = apply_answer_marks(report, book)
        report["reviews"] = {"files": reviews, "golden_wrong": golden_wrong, **tally, "stale": stale + tally["stale"]}
    return report


def read_sheet(path):
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def mark(sheet_in, sheet_out, marks: dict[str, tuple[str, str]], delimiter=";"):
    """A reviewer's edit in a spreadsheet program, saved with ";" (Indonesian locale)."""
    rows = read_sheet(sheet_in)
    for row in rows:
        if row["id"] in marks:
            row["review"], row["review_note"] = marks[row["id"]]
    with sheet_out.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)
    return sheet_out


def test_sheet_has_every_row_including_those_not_run(tmp_path, manifest):
    report = evaluate(messy_csv_set(tmp_path / "m.csv", ANSWERS), manifest)
    rows = {r["id"] or r["row"]: r for r in read_sheet(write_sheet(report, tmp_path / "q.csv"))}
    assert len(rows) == 10
    assert rows["row-2"]["status"] == "lulus" and rows["row-2"]["exact_match"] == "1"
    assert rows["row-2"]["expected"] == "pp-94-2021/pasal-8/ayat-3"
    assert rows["row-2"]["golden_answer"].startswith("(3) Jenis Hukuman") and "\n" in rows["row-2"]["golden_answer"]
    assert rows["row-8"]["status"] == "gagal" and rows["row-8"]["cited"] == "uu-1-2015/pasal-70/ayat-1"
    assert rows["row-7"]["expected"] == "pp-94-2021/pasal-13/huruf-g; pp-94-2021/pasal-8/ayat-3 / pp-94-2021/pasal-5/huruf-n/angka-2"
    assert rows["row-10"]["expected"] == "(abstain)" and rows["row-10"]["abstained"] == "tidak"
    assert rows["6"]["status"] == rows["row-11"]["status"] == rows["row-4"]["status"] == "tidak-dinilai"
    assert "tidak ada di indeks" in rows["row-11"]["problem"]


def test_marks_round_trip_and_accumulate(tmp_path, manifest):
    golden = yaml_set(tmp_path / "g.yaml", ANSWERS)
    first = evaluate(golden, manifest)
    sheet = write_sheet(first, tmp_path / "run1.csv")
    reviewed = mark(sheet, tmp_path / "run1-reviewed.csv", {
        "q-pejabat": ("correct", "Pasal 70 juga menjawab"),  # the automatic check said wrong
        "q-sedang": ("benar", ""),
        "q-huruf": ("salah", "kurang lengkap"),  # the automatic check said right
        "q-angka": ("golden-wrong", "harusnya Pasal 13 huruf g"),
    })  # fmt: skip

    second = evaluate(golden, manifest, [reviewed])
    reviews = second["reviews"]
    assert [r["id"] for r in reviews["golden_wrong"]] == ["q-angka"]
    assert "q-angka" not in [q["id"] for q in second["questions"]]
    assert second["summary"]["overall"]["questions"] == 6
    # Without q-angka, answer_hit is 3/4 (q-pejabat's automatic miss stays in the metric).
    assert second["summary"]["overall"]["answer_hit"] == pytest.approx(3 / 4)
    assert (reviews["correct"], reviews["wrong"], reviews["accuracy"]) == (2, 1, pytest.approx(2 / 3))
    assert sorted(reviews["overruled"]) == ["q-huruf", "q-pejabat"] and reviews["stale"] == []

    # The next sheet carries every mark, the golden-wrong row included, and reads back the same.
    rows = {r["id"]: r for r in read_sheet(write_sheet(second, tmp_path / "run2.csv"))}
    assert rows["q-pejabat"]["review"] == "correct" and rows["q-pejabat"]["status"] == "lulus"
    assert rows["q-huruf"]["status"] == "gagal" and rows["q-huruf"]["review_note"] == "kurang lengkap"
    assert rows["q-angka"]["status"] == "golden-salah" and rows["q-angka"]["review"] == "golden-wrong"
    third = evaluate(golden, manifest, [tmp_path / "run2.csv"])
    assert {k: v for k, v in third["reviews"].items() if k != "files"} == {
        k: v for k, v in reviews.items() if k != "files"
    }


def test_marks_on_changed_answers_or_golden_rows_are_stale(tmp_path, manifest):
    golden = yaml_set(tmp_path / "g.yaml", ANSWERS)
    sheet = write_sheet(evaluate(golden, manifest), tmp_path / "run1.csv")
    reviewed = mark(sheet, tmp_path / "r.csv", {"q-pejabat": ("correct", ""), "q-angka": ("golden-wrong", "")})
    # The system now cites something else for q-pejabat, and the golden row of q-angka was fixed.
    CITES["q-pejabat"], before = ["uu-1-2015/pasal-71/ayat-1"], CITES["q-pejabat"]
    try:
        golden.write_text(golden.read_text(encoding="utf-8").replace(
            "pp-94-2021/pasal-5/huruf-n/angka-2\n", "pp-94-2021/pasal-13/huruf-g\n", 1), encoding="utf-8")  # fmt: skip
        report = evaluate(golden, manifest, [reviewed])
    finally:
        CITES["q-pejabat"] = before
    stale = {r["where"]: r["reason"] for r in report["reviews"]["stale"]}
    assert stale["q-pejabat"].startswith("jawaban berubah sejak ditinjau")
    assert stale["q-angka"].startswith("golden berubah sejak ditandai salah")
    assert report["reviews"]["golden_wrong"] == [] and report["reviews"]["correct"] == 0


def test_marks_apply_across_formats_by_question_text(tmp_path, manifest):
    sheet = write_sheet(evaluate(yaml_set(tmp_path / "g.yaml", ANSWERS), manifest), tmp_path / "run1.csv")
    reviewed = mark(sheet, tmp_path / "r.csv", {"q-pejabat": ("correct", "")}, delimiter=",")
    report = evaluate(messy_csv_set(tmp_path / "m.csv", ANSWERS), manifest, [reviewed])
    assert report["reviews"]["overruled"] == ["row-8"]  # q-pejabat is row 8 of the spreadsheet


def test_unknown_marks_and_foreign_files_are_refused(tmp_path, manifest):
    sheet = write_sheet(evaluate(yaml_set(tmp_path / "g.yaml", ANSWERS), manifest), tmp_path / "run1.csv")
    bad = mark(sheet, tmp_path / "bad.csv", {"q-huruf": ("mungkin", "")})
    with pytest.raises(GoldenError, match=r"bad.csv: baris 3: tanda tinjauan 'mungkin' tidak dikenal"):
        read_reviews([bad])
    other = tmp_path / "other.csv"
    other.write_text("question,answer\nx,y\n", encoding="utf-8")
    with pytest.raises(GoldenError, match="bukan lembar tinjauan eval"):
        read_reviews([other])
