"""Kajian golden cases, metrics and `rujukan eval --kajian` (the last on the real index)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from evals import kajian_metrics as m
from evals.golden import GoldenError
from evals.kajian_golden import KAJIAN_DIR, load_cases


def test_metrics_are_micro_averaged_over_cases():
    pairs = [(["a", "b"], ["a"]), ([], ["x"]), (["c"], ["c", "d"])]
    assert m.recall(pairs) == pytest.approx(2 / 3)
    assert m.precision(pairs) == pytest.approx(2 / 4)
    assert m.recall([([], [])]) is None and m.precision([([], [])]) is None
    assert m.accuracy([("pns", "pns"), (None, "pns")]) == 0.5
    assert m.set_accuracy([(["a", "b"], ["b", "a"]), (["a"], [])]) == 0.5
    assert m.percentile([5, 1, 3, 2, 4], 95) == 5 and m.percentile([], 95) is None


def test_shipped_cases_cover_the_kinds_the_issue_names():
    cases = load_cases()
    assert len(cases) >= 40
    assert {c.split for c in cases} == {"tune", "heldout"}
    assert any(c.subject == "kepala_desa" for c in cases)
    assert any(c.election == "pemilu" and "uu-pemilu-larangan" in c.gaps for c in cases)
    assert any(c.asn and not c.provisions for c in cases)  # an ASN who did nothing forbidden


def test_question_loader_does_not_read_the_kajian_cases():
    from evals.golden import load_golden

    assert len(load_golden().questions) > 0
    assert not [q for q in load_golden().questions if KAJIAN_DIR.name in __import__("pathlib").Path(q.source).parent.name]


@pytest.mark.parametrize(
    "text, message",
    [
        ("cases:\n  - {id: a, split: tune, uraian: x, pemilihan: pilkada, sanksi: [bukan id!]}\n", "bukan id unit"),
        ("cases:\n  - {id: a, split: train, uraian: x, pemilihan: pilkada}\n", "split harus salah satu dari"),
        ("cases:\n  - {id: a, split: tune, uraian: x, pemilihan: pilpres}\n", "pemilihan harus salah satu dari"),
        ("cases:\n  - {id: a, split: tune, uraian: x, pemilihan: pemilu, hukuman: []}\n", "kunci tidak dikenal"),
        ("cases:\n  - {id: a, split: tune, uraian: x, pemilihan: pemilu}\n  - {id: a, split: tune, uraian: y, pemilihan: pemilu}\n", "id kasus ganda"),
        ("- {id: a}\n", "harus berupa mapping dengan daftar 'cases'"),
    ],
)
def test_malformed_cases_are_refused_by_name(tmp_path, text, message):
    path = tmp_path / "kasus.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GoldenError, match=message):
        load_cases(path)


def test_eval_kajian_reports_both_splits_and_passes_the_gate(full_data, tmp_path):
    env = {**os.environ, "RUJUKAN_DATA": str(full_data), "PYTHONPATH": os.getcwd()}
    run = subprocess.run(
        [sys.executable, "-c", "import cli, sys; sys.exit(cli.main())", "eval", "--kajian", "--gate", "--out", str(tmp_path)],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    assert "| provision_recall |" in run.stdout and "heldout" in run.stdout
    (report,) = tmp_path.glob("eval-kajian-*.json")
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["summary"]["overall"]["cases"] == len(load_cases(KAJIAN_DIR))
    assert set(data["summary"]["categories"]) == {"tune", "heldout"}
    camat = next(c for c in data["cases"] if c["id"] == "camat-deklarasi-seragam")
    assert camat["provisions"]["missing"] == [] and camat["sanctions"]["missing"] == []
    # A gate that cannot be met fails with the metric named.
    strict = tmp_path / "ketat.yaml"
    strict.write_text("min:\n  provision_precision: 1.01\n", encoding="utf-8")
    failed = subprocess.run(
        [sys.executable, "-c", "import cli, sys; sys.exit(cli.main())", "eval", "--kajian", "--gate",
         "--thresholds", str(strict), "--out", str(tmp_path / "b")],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert failed.returncode == 1 and "provision_precision" in failed.stderr
