"""An eval report as JUnit XML, so any CI shows the golden set as a test suite.

One ``<testcase>`` per question (classname ``rujukan.eval.<category>``); a question that
fails carries a ``<failure>`` naming the expected and the cited unit ids, a call that raised
an ``<error>``, and golden rows that were not run (set aside, or marked wrong by a reviewer)
a ``<skipped>`` with the reason. The shape is the one JUnit consumers read (Jenkins'
junit-10.xsd, GitLab, GitHub test reporters): ``testsuites > testsuite > testcase >
failure|error|skipped`` with the counts on the suites.
"""

from __future__ import annotations

import socket
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from evals.report import question_ok


def _seconds(ms: float | None) -> str:
    return f"{(ms or 0) / 1000:.3f}"


def _failure_message(q: dict[str, Any], primary: str) -> str:
    expected = "; ".join(" / ".join(r) for r in q["expected"]) or "(abstain)"
    a = q["answer"]
    if a is None:
        top = q["retrieval"][primary]["retrieved"][:5]
        return f"diharapkan {expected}; diambil (top 5) {', '.join(top) or '-'}"
    got = "abstain" if a["abstained"] else ", ".join(a["cited"]) or "-"
    return f"diharapkan {expected}; dikutip {got}"


def _testcase(suite: ET.Element, q: dict[str, Any], primary: str) -> str:
    """Append one question; return its outcome: "passed", "failure" or "error"."""
    a = q["answer"]
    elapsed = (a or {}).get("elapsed_ms") or q["retrieval"][primary]["elapsed_ms"]
    case = ET.SubElement(
        suite,
        "testcase",
        name=f"{q['id']}: {q['question']}",
        classname=f"rujukan.eval.{q['category']}",
        time=_seconds(elapsed),
    )
    error = (a or {}).get("error") or q["retrieval"][primary].get("error")
    if error:
        el = ET.SubElement(case, "error", message=error.split("\n", 1)[0], type=error.split(":", 1)[0])
        el.text = error
        return "error"
    if question_ok(q, primary):
        return "passed"
    message = _failure_message(q, primary)
    el = ET.SubElement(case, "failure", message=message, type="abstain" if q["should_abstain"] else "citation")
    lines = [f"pertanyaan: {q['question']}", message]
    if a is not None and a.get("warnings"):
        lines.append("peringatan: " + " | ".join(a["warnings"]))
    el.text = "\n".join(lines)
    return "failure"


def junit_xml(report: dict[str, Any]) -> bytes:
    """The report as a JUnit XML document (UTF-8 bytes with an XML declaration)."""
    primary = report["primary_retriever"]
    files = [Path(g) for g in report["golden"]]
    # A folder of YAML files is named by its folder, not by a dozen file names.
    where = f"{files[0].parent.name}/" if len(files) > 2 else ", ".join(f.name for f in files)
    name = f"rujukan eval: {where}"
    suites = ET.Element("testsuites", name=name)
    suite = ET.SubElement(
        suites,
        "testsuite",
        name=name,
        timestamp=report["created"].removesuffix("Z"),
        hostname=socket.gethostname() or "localhost",
    )
    props = ET.SubElement(suite, "properties")
    for key, value in (
        ("engine", report["engine"] or "(tanpa jawaban)"),
        ("retrievers", ",".join(report["retrievers"])),
        ("k", report["k"]),
        ("index_units", report["index"]["units"]),
    ):
        ET.SubElement(props, "property", name=key, value=str(value))
    counts = {"passed": 0, "failure": 0, "error": 0}
    total_ms = 0.0
    for q in report["questions"]:
        counts[_testcase(suite, q, primary)] += 1
        total_ms += ((q["answer"] or {}).get("elapsed_ms") or 0) + q["retrieval"][primary]["elapsed_ms"]
    skipped = [*report.get("set_aside", []), *((report.get("reviews") or {}).get("golden_wrong") or [])]
    for row in skipped:
        case = ET.SubElement(suite, "testcase", name=f"{row['where']}", classname="rujukan.eval.tidak-dinilai", time="0.000")
        ET.SubElement(case, "skipped", message=row["reason"])
    tests = len(report["questions"]) + len(skipped)
    attrs = {
        "tests": str(tests),
        "failures": str(counts["failure"]),
        "errors": str(counts["error"]),
        "skipped": str(len(skipped)),
        "time": _seconds(total_ms),
    }
    for element in (suites, suite):
        for key, value in attrs.items():
            element.set(key, value)
    ET.indent(suites)
    return ET.tostring(suites, encoding="utf-8", xml_declaration=True)


def write_junit(report: dict[str, Any], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(junit_xml(report) + b"\n")
    return path
