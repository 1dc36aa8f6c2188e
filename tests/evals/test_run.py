"""The runner, reports, gate and CLI on a tiny system written here (plain functions over
three units); the real index is exercised by ``rujukan eval`` in .ci/run."""

from __future__ import annotations

import json

import pytest

from evals.gate import check_gate, load_thresholds
from evals.golden import load_golden
from evals.report import compare, markdown, terminal_summary, write_reports
from evals.run import System, run_eval
from ingest.model import Unit
from qa.model import Answer, Citation, Hit

UNITS = {
    "pp-94-2021/pasal-5/huruf-n": "memberikan dukungan kepada calon ... dengan cara: 1. ikut kampanye;",
    "pp-94-2021/pasal-13/huruf-g": "memberikan dukungan ... dengan cara menjadi peserta kampanye dengan atribut partai",
    "uu-1-2015/pasal-71/ayat-1": "Pejabat negara, pejabat daerah, pejabat aparatur sipil negara ... dilarang",
}

GOLDEN = """
- id: q-hit
  question: pns ikut kampanye boleh?
  category: informal
  expected: [pp-94-2021/pasal-5/huruf-n]
  must_include: [ikut kampanye]
- id: q-two
  question: sanksi atribut partai
  category: sanction
  expected: [pp-94-2021/pasal-13/huruf-g, pp-94-2021/pasal-5/huruf-n]
  must_include: [atribut partai, hukuman disiplin sedang]
- id: q-miss
  question: camat bikin program untuk calon
  category: informal
  expected: [uu-1-2015/pasal-71/ayat-1]
- id: q-oos
  question: pajak kendaraan
  category: out-of-scope
  should_abstain: true
- id: q-oos-answered
  question: visa jepang
  category: out-of-scope
  should_abstain: true
"""

# What the tiny system returns per question: ranked ids, the cited ids, abstained?
SCRIPT = {
    "pns ikut kampanye boleh?": (["pp-94-2021/pasal-5/huruf-n", "uu-1-2015/pasal-71/ayat-1"], ["pp-94-2021/pasal-5/huruf-n"], False),
    "sanksi atribut partai": (["x/pasal-1", "pp-94-2021/pasal-13/huruf-g", "pp-94-2021/pasal-5"], ["pp-94-2021/pasal-13/huruf-g", "x/pasal-1"], False),
    "camat bikin program untuk calon": (["x/pasal-1"], [], True),
    "pajak kendaraan": ([], [], True),
    "visa jepang": (["x/pasal-1"], ["x/pasal-1"], False),
}


def unit(uid: str) -> Unit:
    return Unit(id=uid, doc_id=uid.split("/")[0], kind="pasal", number="1", label=uid, short_label=uid,
                text=UNITS.get(uid, "teks lain"))  # fmt: skip


def tiny_system(bad_quote: bool = False, fail_on: str | None = None) -> System:
    def retrieve(question: str, k: int, mode: str) -> list[Hit]:
        if question == fail_on:
            raise RuntimeError("index exploded")
        ids = SCRIPT[question][0]
        if mode == "bm25":
            ids = list(reversed(ids))
        return [Hit(unit=unit(i), score=1.0) for i in ids][:k]

    def answer(question: str, engine: str) -> Answer:
        _, cited, abstained = SCRIPT[question]
        citations = [Citation.of(unit(i)) for i in cited]
        if bad_quote and citations:
            citations[0].text = "teks yang dikarang"
        text = " ".join(c.text for c in citations)
        return Answer(question=question, answer=text, abstained=abstained, citations=citations, engine=engine)

    units = {**UNITS, "x/pasal-1": "teks lain"}
    return System(retrieve=retrieve, answer=answer, units=units)


@pytest.fixture()
def golden(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text(GOLDEN, encoding="utf-8")
    return load_golden(path)


def test_overall_and_category_metrics(golden):
    report = run_eval(golden, tiny_system(), ["hybrid"], progress=False)
    overall = report["summary"]["overall"]
    assert overall["questions"] == 5
    # hit@1 over the three answerable questions: q-hit 1, q-two 0 (x first), q-miss 0.
    assert overall["hit@1"] == pytest.approx(1 / 3)
    assert overall["hit@5"] == pytest.approx(2 / 3)
    # recall@10: q-hit 1, q-two 1 (Pasal 5 is an ancestor of huruf n), q-miss 0.
    assert overall["recall@10"] == pytest.approx(2 / 3)
    assert overall["mrr"] == pytest.approx((1 + 1 / 2 + 0) / 3)
    # Citation precision over answered, answerable questions: q-hit 1, q-two 1/2.
    assert overall["citation_precision"] == pytest.approx(0.75)
    # must_include: q-hit 1, q-two 1/2 (no "hukuman disiplin sedang"); q-miss has none.
    assert overall["must_include"] == pytest.approx(0.75)
    assert overall["answer_hit"] == pytest.approx(2 / 3)
    # Abstained on q-miss (wrong) and q-oos (right); answered q-oos-answered (wrong).
    assert overall["abstention_precision"] == pytest.approx(0.5)
    assert overall["abstention_recall"] == pytest.approx(0.5)
    assert overall["invalid_citations"] == 0 and overall["errors"] == 0
    assert overall["retrieve_p50_ms"] is not None
    cats = report["summary"]["categories"]
    assert cats["informal"]["hit@1"] == pytest.approx(0.5)
    assert cats["out-of-scope"]["hit@1"] is None  # nothing to rank against
    assert cats["out-of-scope"]["abstention_recall"] == pytest.approx(0.5)
    q = {r["id"]: r for r in report["questions"]}
    assert q["q-two"]["retrieval"]["hybrid"]["retrieved"][:2] == ["x/pasal-1", "pp-94-2021/pasal-13/huruf-g"]
    assert q["q-miss"]["answer"]["abstained"] is True


def test_several_retrievers_are_compared(golden):
    report = run_eval(golden, tiny_system(), ["hybrid", "bm25"], progress=False)
    modes = report["summary"]["retrievers"]
    assert set(modes) == {"hybrid", "bm25"}
    # bm25 (reversed lists) puts Pasal 5 first for q-two and Pasal 71 first for q-hit.
    assert modes["bm25"]["overall"]["hit@1"] == pytest.approx(1 / 3)
    assert modes["bm25"]["categories"]["informal"]["hit@1"] == 0.0
    assert modes["hybrid"]["categories"]["informal"]["hit@1"] == 0.5
    assert "bm25" in terminal_summary(report)


def test_invalid_citations_and_errors_are_counted(golden):
    report = run_eval(golden, tiny_system(bad_quote=True, fail_on="camat bikin program untuk calon"), progress=False)
    overall = report["summary"]["overall"]
    assert overall["invalid_citations"] == 3  # first citation of q-hit, q-two, q-oos-answered
    assert overall["errors"] == 1
    rec = {r["id"]: r for r in report["questions"]}
    assert rec["q-miss"]["retrieval"]["hybrid"]["error"].startswith("RuntimeError")
    assert "differs" in rec["q-hit"]["answer"]["invalid_citations"][0]


def test_gate_lists_each_failing_metric(golden, tmp_path):
    report = run_eval(golden, tiny_system(bad_quote=True), progress=False)
    path = tmp_path / "t.yaml"
    path.write_text(
        "min: {hit@1: 0.3, hit@5: 0.9, abstention_recall: 0.5}\nmax: {invalid_citations: 0}\n"
        "categories:\n  out-of-scope: {min: {abstention_recall: 0.9}}\n  missing: {min: {hit@1: 0}}\n",
        encoding="utf-8",
    )
    failures = check_gate(report["summary"], load_thresholds(path))
    assert len(failures) == 4
    assert failures[0].startswith("semua hit@5 = 0.667, harus >= 0.9")
    assert any(f.startswith("semua invalid_citations = 3") for f in failures)
    assert any(f.startswith("kategori out-of-scope abstention_recall") for f in failures)
    assert any("kategori missing" in f for f in failures)
    assert check_gate(report["summary"], {"min": {"hit@1": 0.3}}) == []
    assert check_gate(report["summary"], {"min": {"citation_precison": 0.3}}) == [
        "semua citation_precison: metrik tidak dikenal"
    ]


def test_shipped_thresholds_file_is_valid():
    thresholds = load_thresholds()
    assert thresholds["max"]["invalid_citations"] == 0
    assert thresholds["min"]


def test_reports_written_and_compared(golden, tmp_path):
    before = run_eval(golden, tiny_system(), progress=False)
    before["created"] = "2026-11-23T10:00:00Z"
    paths = write_reports(before, tmp_path)
    assert paths["json"].name == "eval-20261123T100000Z.json"
    assert paths["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    saved = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert saved["summary"]["overall"]["hit@5"] == pytest.approx(2 / 3)
    assert len(saved["questions"]) == 5

    after = run_eval(golden, tiny_system(fail_on="pns ikut kampanye boleh?"), progress=False)
    deltas = compare(after, saved)
    assert deltas["overall"]["hit@5"]["delta"] == pytest.approx(-1 / 3)
    assert deltas["categories"]["informal"]["hit@1"] == pytest.approx(-0.5)
    assert deltas["broken"] == [] and deltas["fixed"] == []  # the answer did not change
    after["compare"] = deltas
    md = markdown(after, "chart.png")
    assert "## Perubahan dibanding run 2026-11-23T10:00:00Z" in md
    assert "| q-miss | informal |" in md  # failed questions are listed
    assert "![metrik per kategori](chart.png)" in md
    assert "Δhit@5" in terminal_summary(after, deltas)


def test_cli_eval_refuses_a_bad_golden_file(tmp_path, capsys):
    from cli import main

    bad = tmp_path / "bad.yaml"
    bad.write_text("- {id: a, question: x, category: c}\n", encoding="utf-8")
    assert main(["eval", "--golden", str(bad)]) == 2
    assert "golden tidak valid" in capsys.readouterr().err


def test_cli_eval_rejects_unknown_retriever(capsys):
    from cli import main

    with pytest.raises(SystemExit):
        main(["eval", "--retriever", "hybrid,fuzzy"])
    assert "fuzzy" in capsys.readouterr().err


def test_ranking_only_run_leaves_answer_metrics_unmeasured(golden, tmp_path):
    system = tiny_system()
    system.answer = None
    report = run_eval(golden, system, ["hybrid", "bm25"], progress=False)
    overall = report["summary"]["overall"]
    assert overall["hit@5"] == pytest.approx(2 / 3)
    assert overall["answer_hit"] is None and overall["abstention_recall"] is None
    assert report["engine"] is None and report["questions"][0]["answer"] is None
    assert check_gate(report["summary"], {"min": {"answer_hit": 0.1}}) == [
        "semua answer_hit: tidak terukur (harus >= 0.1)"
    ]
    paths = write_reports(report, tmp_path)
    assert "| q-miss |" in paths["md"].read_text(encoding="utf-8")


def test_answer_text_granularity_and_groups(tmp_path):
    """EM/F1 compare the first citation's text with the golden answer; every metric is also
    reported per split, per document and per golden granularity."""
    path = tmp_path / "g.yaml"
    path.write_text(GOLDEN.replace(
        "  category: informal\n  expected: [pp-94-2021/pasal-5/huruf-n]\n",
        "  category: informal\n  split: heldout\n  expected: [pp-94-2021/pasal-5/huruf-n]\n"
        "  answer: 'n. memberikan dukungan kepada calon ... dengan cara: 1. ikut kampanye;'\n",
    ).replace(
        "  category: sanction\n", "  category: sanction\n  split: tune\n  answer: dengan cara menjadi peserta kampanye\n"
    ), encoding="utf-8")  # fmt: skip
    report = run_eval(load_golden(path), tiny_system(), progress=False)
    q = {r["id"]: r for r in report["questions"]}
    assert q["q-hit"]["answer"]["metrics"]["exact_match"] == 1.0  # "n." enumerator and punctuation aside
    assert q["q-two"]["answer"]["metrics"]["exact_match"] == 0.0
    # q-two's span has 10 tokens ("..." is no token), the golden 5, all found: P = 1/2, R = 1.
    assert q["q-two"]["answer"]["metrics"]["token_f1"] == pytest.approx(2 / 3)
    assert q["q-miss"]["answer"]["metrics"]["exact_match"] is None  # no golden text
    # First citations: q-hit huruf n (golden huruf) ok; q-two huruf g (golden huruf g) ok.
    assert q["q-hit"]["answer"]["metrics"]["granularity"] == 1.0
    assert q["q-miss"]["answer"]["metrics"]["granularity"] is None  # abstained: nothing cited
    summary = report["summary"]
    assert summary["overall"]["exact_match"] == pytest.approx(0.5)
    assert summary["overall"]["granularity"] == 1.0
    assert set(summary["splits"]) == {"tune", "heldout"}
    assert summary["splits"]["heldout"]["questions"] == 1 and summary["splits"]["heldout"]["exact_match"] == 1.0
    # q-two spans one document; q-hit and q-two both name pp-94-2021.
    assert summary["documents"]["pp-94-2021"]["questions"] == 2
    assert summary["documents"]["uu-1-2015"]["answer_hit"] == 0.0
    assert summary["granularities"]["huruf/angka"]["questions"] == 2
    assert summary["granularities"]["ayat"]["questions"] == 1
    text = terminal_summary(report)
    assert "Per bagian (tune / heldout)" in text and "Per dokumen" in text and "heldout" in text
    assert "## Per tingkat granularitas jawaban golden" in markdown(report)


def test_gate_checks_the_held_out_split_and_its_categories(golden, tmp_path):
    unsplit = run_eval(golden, tiny_system(), progress=False)["summary"]
    assert check_gate(unsplit, {"heldout": {"min": {"hit@1": 0.0}}}) == ["heldout: tidak ada pertanyaan heldout dalam putaran ini"]
    path = tmp_path / "g.yaml"
    path.write_text(GOLDEN.replace(
        "  category: informal\n", "  category: informal\n  split: heldout\n"
    ), encoding="utf-8")  # fmt: skip
    summary = run_eval(load_golden(path), tiny_system(), progress=False)["summary"]
    assert set(summary["heldout_categories"]) == {"informal"}
    rules = {"min": {"hit@1": 1.1}, "categories": {"informal": {"min": {"hit@1": 0}}, "nope": {"min": {"hit@1": 0}}}}
    assert check_gate(summary, {"heldout": rules}) == [
        "heldout hit@1 = 0.5, harus >= 1.1",
        "heldout kategori nope: tidak ada pertanyaan dalam putaran ini",
    ]


def test_wrong_abstentions_are_a_share_of_the_answerable_questions():
    from evals import metrics as m

    assert m.wrong_abstention_rate([(False, True), (False, False), (True, True), (False, False)]) == 1 / 3
    assert m.wrong_abstention_rate([(True, True)]) is None
