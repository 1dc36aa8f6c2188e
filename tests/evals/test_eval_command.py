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
    assert "GATE GAGAL" in printed.err and "overall hit@1" in printed.err
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
