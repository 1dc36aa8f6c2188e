"""`rujukan eval` end to end on a real (small) index: PP 42/2004 from the mirror, ingested
and indexed in a private data folder, then evaluated with a golden file written here."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from cli import main

GOLDEN = """
- id: kode-etik-sanksi
  question: sanksi moral bagi PNS yang melanggar kode etik
  category: sanction
  expected: [[pp-42-2004/pasal-15/ayat-3, pp-42-2004/pasal-15/ayat-1]]
  must_include: [sanksi moral]
- id: majelis
  question: berapa anggota majelis kode etik
  category: lookup
  expected: [pp-42-2004/pasal-18]
- id: pajak
  question: tarif pajak kendaraan bermotor di Jakarta
  category: out-of-scope
  should_abstain: true
"""


@pytest.fixture(scope="module")
def pp42_index(mirror, tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    # Reuse embeddings of a full ingest made earlier in the run (make test), if any.
    seed = Path(os.environ.get("RUJUKAN_TEST_DATA", "/nonexistent")) / "cache" / "embeddings.sqlite"
    if seed.is_file():
        (data / "cache").mkdir()
        shutil.copyfile(seed, data / "cache" / "embeddings.sqlite")
    mp = pytest.MonkeyPatch()
    mp.setenv("RUJUKAN_DATA", str(data))
    mp.setenv("RUJUKAN_REPORTS", str(data / "reports"))
    assert main(["corpus", "fetch", "--mirror", str(mirror)]) == 0
    assert main(["ingest", "--only", "pp-42-2004", "--no-progress"]) == 0
    yield data
    mp.undo()


@pytest.mark.slow
def test_eval_writes_reports_and_gates(pp42_index, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("RUJUKAN_DATA", str(pp42_index))
    golden = tmp_path / "g.yaml"
    golden.write_text(GOLDEN, encoding="utf-8")
    lenient = tmp_path / "lenient.yaml"
    lenient.write_text("min: {hit@5: 0.5}\nmax: {invalid_citations: 0}\n", encoding="utf-8")
    out = tmp_path / "reports"

    code = main(["eval", "--golden", str(golden), "--retriever", "bm25,hybrid", "--gate",
                 "--thresholds", str(lenient), "--out", str(out), "--no-progress"])  # fmt: skip
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert "SEMUA" in printed.out and "Gate lulus" in printed.out
    [report_path] = out.glob("eval-*.json")
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["summary"]["overall"]["invalid_citations"] == 0
    assert report["index"]["missing_expected"] == {}
    assert set(report["summary"]["retrievers"]) == {"bm25", "hybrid"}
    assert report["summary"]["retrievers"]["bm25"]["overall"]["hit@5"] >= 0.5
    assert (out / report_path.name.replace(".json", ".png")).is_file()
    assert (out / report_path.name.replace(".json", ".md")).is_file()

    strict = tmp_path / "strict.yaml"
    strict.write_text("min: {hit@1: 1.01}\n", encoding="utf-8")
    code = main(["eval", "--golden", str(golden), "--gate", "--thresholds", str(strict), "--out", str(out),
                 "--no-progress", "--compare", str(report_path)])  # fmt: skip
    printed = capsys.readouterr()
    assert code == 1
    assert "GATE GAGAL" in printed.err and "semua hit@1" in printed.err
    assert "Dibanding run" in printed.out


# ------------------------------------------------------------------ bad input, before any index is read


def test_bad_column_mapping_is_refused_with_exit_2(tmp_path, capsys):
    path = tmp_path / "s.csv"
    path.write_text("Soal,Jawaban\nx,y\n", encoding="utf-8")
    assert main(["eval", "--golden", str(path), "--map", "question=Pertanyaan"]) == 2
    err = capsys.readouterr().err
    assert "berkas golden tidak valid" in err and "question=Pertanyaan" in err and "Soal, Jawaban" in err


def test_bad_review_file_is_refused_with_exit_2(tmp_path, capsys):
    path = tmp_path / "s.csv"
    path.write_text("question,citation\nx,Pasal 8 PP 94/2021\n", encoding="utf-8")
    reviews = tmp_path / "r.csv"
    reviews.write_text("id,question\nrow-2,x\n", encoding="utf-8")
    assert main(["eval", "--golden", str(path), "--reviews", str(reviews)]) == 2
    assert "bukan lembar tinjauan eval" in capsys.readouterr().err


# ------------------------------------------------------------------ a user's CSV set on the real index


@pytest.mark.slow
def test_csv_set_end_to_end_junit_sheet_reviews_and_compare(full_data, tmp_path, capsys, monkeypatch):
    """`rujukan eval` on the messy CSV set over the full mirror index: same metrics as the
    YAML run (--compare shows no change), JUnit and the review sheet written, and a golden
    row marked wrong in the sheet is left out of the next run and listed."""
    import csv

    from lxml import etree

    from tests.fixtures.golden_sets import write_all

    monkeypatch.setenv("RUJUKAN_DATA", str(full_data))
    sets = write_all(tmp_path, {})
    assert main(["eval", "--golden", str(sets["yaml"]), "--out", str(tmp_path / "yaml"), "--no-progress"]) == 0
    [yaml_json] = (tmp_path / "yaml").glob("eval-*.json")
    capsys.readouterr()

    junit = tmp_path / "ci" / "junit.xml"
    code = main(["eval", "--golden", str(sets["messy"]), "--unknown-docs", "abstain", "--junit", str(junit),
                 "--compare", str(yaml_json), "--out", str(tmp_path / "csv"), "--no-progress"])  # fmt: skip
    printed = capsys.readouterr().out
    assert code == 0
    assert "3 baris golden tidak dinilai" in printed and "pertanyaan ganda dari baris 2" in printed
    assert "Per bagian (tune / heldout)" in printed and "Per dokumen" in printed
    [csv_json] = (tmp_path / "csv").glob("eval-*.json")
    report = json.loads(csv_json.read_text(encoding="utf-8"))
    before = json.loads(yaml_json.read_text(encoding="utf-8"))
    deltas = report["compare"]
    assert deltas["fixed"] == [] and deltas["broken"] == []
    assert all(v["delta"] in (0, None) for k, v in deltas["overall"].items() if not k.endswith("_ms"))
    assert report["summary"]["splits"]["heldout"]["answer_hit"] == before["summary"]["splits"]["heldout"]["answer_hit"]
    root = etree.parse(str(junit)).getroot()
    assert root.get("tests") == "10" and root.get("skipped") == "3"

    sheet = csv_json.with_name(csv_json.stem + "-questions.csv")
    with sheet.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row["id"] == "row-7":  # the sanction question
            row["review"], row["review_note"] = "golden-salah", "Pasal 8 ayat (3) bukan sanksinya"
    with sheet.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    code = main(["eval", "--golden", str(sets["messy"]), "--unknown-docs", "abstain", "--reviews", str(sheet),
                 "--out", str(tmp_path / "reviewed"), "--no-progress"])  # fmt: skip
    printed = capsys.readouterr().out
    assert code == 0
    assert "1 golden ditandai salah, tidak dinilai" in printed and "baris 7 (row-7)" in printed
    [reviewed_json] = (tmp_path / "reviewed").glob("eval-*.json")
    reviewed = json.loads(reviewed_json.read_text(encoding="utf-8"))
    assert reviewed["summary"]["overall"]["questions"] == 6
    assert [r["id"] for r in reviewed["reviews"]["golden_wrong"]] == ["row-7"]
