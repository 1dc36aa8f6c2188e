"""The JUnit XML of a run: valid against the JUnit structure CI tools read (tests/evals/junit.xsd),
one test case per question, failures naming expected and cited ids."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree  # installed with python-docx

from evals.citations import resolve_set
from evals.junit import junit_xml, write_junit
from evals.run import run_eval
from evals.sources import load_set
from tests.fixtures.golden_sets import ANSWERS, UNITS, messy_csv_set, scripted_system

SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).with_name("junit.xsd"))))


@pytest.fixture(scope="module")
def report(tmp_path_factory, manifest):
    path = messy_csv_set(tmp_path_factory.mktemp("junit") / "messy.csv", ANSWERS)
    golden = resolve_set(load_set(path), set(UNITS), manifest, unknown_docs="abstain")
    return run_eval(golden, scripted_system(), progress=False)


def test_validates_against_the_junit_schema(report, tmp_path):
    path = write_junit(report, tmp_path / "ci" / "eval.xml")
    doc = etree.parse(str(path))
    SCHEMA.assertValid(doc)
    assert path.read_bytes().startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    # The schema does reject what consumers choke on: a suite without its count, a nameless case.
    assert not SCHEMA.validate(etree.fromstring(b"<testsuites><testsuite name='x'/></testsuites>").getroottree())
    nameless = b"<testsuites><testsuite name='x' tests='1'><testcase/></testsuite></testsuites>"
    assert not SCHEMA.validate(etree.fromstring(nameless).getroottree())


def test_one_case_per_question_with_counts_and_reasons(report):
    root = etree.fromstring(junit_xml(report))
    [suite] = root.findall("testsuite")
    cases = suite.findall("testcase")
    # 7 questions run + 3 rows not run (empty question, repeat, Pasal 999) as skipped cases.
    assert len(cases) == 10
    assert suite.get("tests") == root.get("tests") == "10"
    assert suite.get("skipped") == "3" and suite.get("errors") == "0"
    failures = {c.get("name").split(":")[0]: c.find("failure") for c in cases if c.find("failure") is not None}
    # q-angka cites Pasal 13 huruf g; q-pejabat Pasal 70; q-pajak answers what it should abstain on.
    assert set(failures) == {"row-5", "row-8", "row-10"}
    assert failures["row-8"].get("message") == "diharapkan uu-1-2015/pasal-71/ayat-1; dikutip uu-1-2015/pasal-70/ayat-1"
    assert failures["row-10"].get("type") == "abstain"
    assert suite.get("failures") == "3"
    assert {c.get("classname") for c in cases} >= {"rujukan.eval.lookup", "rujukan.eval.umum", "rujukan.eval.tidak-dinilai"}
    skipped = [c.find("skipped").get("message") for c in cases if c.find("skipped") is not None]
    assert "pertanyaan kosong" in skipped
    assert {p.get("name"): p.get("value") for p in suite.find("properties")}["engine"] == "extractive"


def test_a_failing_call_is_an_error_case(report):
    broken = {**report, "questions": [dict(q) for q in report["questions"]]}
    broken["questions"][0]["answer"] = {**broken["questions"][0]["answer"], "error": "RuntimeError: index exploded"}
    root = etree.fromstring(junit_xml(broken))
    SCHEMA.assertValid(root.getroottree())
    [error] = root.iter("error")
    assert error.get("type") == "RuntimeError" and root.get("errors") == "1"
