"""The golden file format (loader) and the shipped golden set (coverage of corpus and categories)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from evals.golden import CATEGORIES, GoldenError, load_golden, missing_units


@pytest.fixture(scope="module")
def golden():
    return load_golden()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------ the format


def test_reads_requirements_alternatives_and_defaults(tmp_path):
    path = write(
        tmp_path,
        "mine.yaml",
        """
- id: q1
  question: pns ikut kampanye sanksinya apa
  category: informal
  expected: [pp-94-2021/pasal-5/huruf-n, [pp-94-2021/pasal-13/huruf-g, pp-94-2021/pasal-14/huruf-i]]
  must_include: [Hukuman Disiplin]
- id: q2
  question: pajak kendaraan?
  category: out-of-scope
  should_abstain: true
""",
    )
    qs = load_golden(path).questions
    assert [q.id for q in qs] == ["q1", "q2"]
    assert qs[0].expected == (
        ("pp-94-2021/pasal-5/huruf-n",),
        ("pp-94-2021/pasal-13/huruf-g", "pp-94-2021/pasal-14/huruf-i"),
    )
    assert qs[0].must_include == ("Hukuman Disiplin",)
    assert qs[0].should_abstain is False and qs[0].doc_ids == {"pp-94-2021"}
    assert qs[1].should_abstain is True and qs[1].expected == ()


def test_accepts_a_mapping_with_questions(tmp_path):
    path = write(tmp_path, "m.yaml", "questions:\n- {id: a, question: x, category: lookup, expected: [d/pasal-1]}\n")
    assert load_golden(path).questions[0].id == "a"


@pytest.mark.parametrize(
    "body, complaint",
    [
        ("- {id: a, question: x, category: c, expected: [d/pasal-1], expect: []}", "kunci tidak dikenal"),
        ("- {id: a, question: x, category: c, expected: [d/pasal-1], should_abstain: true}", "tidak boleh mengharapkan unit"),
        ("- {id: a, question: x, category: c}", "should_abstain: true"),
        ("- {id: a, question: x, category: c, expected: [Pasal 5 PP 94]}", "bukan id unit"),
        ("- {id: a, question: x, category: c, expected: [[]]}", "harapan tidak sah"),
        ("- {id: a, question: '', category: c, expected: [d/pasal-1]}", "'question'"),
        ("- {id: a, question: x, category: c, expected: [d/pasal-1], must_include: x}", "must_include"),
        ("id: a", "daftar pertanyaan"),
    ],
)
def test_rejects_what_it_would_have_to_guess(tmp_path, body, complaint):
    path = write(tmp_path, "bad.yaml", body + "\n")
    with pytest.raises(GoldenError, match=re.escape(complaint)) as info:
        load_golden(path)
    assert str(path) in str(info.value)


def test_ids_must_be_unique_across_files(tmp_path):
    write(tmp_path, "a.yaml", "- {id: same, question: x, category: c, expected: [d/pasal-1]}\n")
    write(tmp_path, "b.yaml", "- {id: same, question: y, category: c, expected: [d/pasal-2]}\n")
    with pytest.raises(GoldenError, match="sudah dipakai"):
        load_golden(tmp_path)


def test_missing_units_names_the_question_and_ids(tmp_path):
    path = write(tmp_path, "a.yaml", "- {id: q, question: x, category: c, expected: [[d/pasal-1, d/pasal-2]]}\n")
    assert missing_units(load_golden(path), {"d/pasal-1"}) == {"q": ["d/pasal-2"]}


# ------------------------------------------------------------------ the shipped set


def test_shipped_set_size_and_abstentions(golden):
    assert len(golden.questions) >= 120
    abstain = [q for q in golden.questions if q.should_abstain]
    assert len(abstain) >= 15
    assert all(q.category == "out-of-scope" for q in abstain)


def test_every_category_has_questions(golden):
    counts = {c: len(qs) for c, qs in golden.by_category().items()}
    for category in CATEGORIES:
        assert counts.get(category, 0) >= 5, f"category {category} has {counts.get(category, 0)} questions"
    assert set(counts) <= set(CATEGORIES), f"unknown categories {set(counts) - set(CATEGORIES)}"


def test_sanction_questions_need_the_cross_reference(golden):
    # A sanction provision only points at the prohibition; most sanction questions name both.
    sanctions = golden.by_category()["sanction"]
    assert sum(1 for q in sanctions if len(q.expected) >= 2) >= len(sanctions) * 0.7


def test_every_document_in_the_mirror_is_covered(golden, manifest, mirror):
    present = {
        doc.id for doc in manifest.documents if any((mirror / s.file).is_file() for s in doc.sources)
    }
    assert {"uu-5-2014", "pp-94-2021"} <= present  # the mirror really was read
    covered = set().union(*(q.doc_ids for q in golden.questions))
    assert present - covered == set(), f"documents without golden questions: {present - covered}"


def test_expected_ids_name_known_documents(golden, manifest):
    known = {doc.id for doc in manifest.documents}
    unknown = {d for q in golden.questions for d in q.doc_ids} - known
    assert unknown == set()


def test_questions_are_not_copied_from_the_provisions(golden, mirror):
    # Users paraphrase; a question sharing 8 consecutive words with a text copy was copied.
    def words(text: str) -> list[str]:
        return re.findall(r"\w+", text.casefold())

    shingles: set[tuple[str, ...]] = set()
    for path in mirror.glob("*.md"):
        w = words(path.read_text(encoding="utf-8"))
        shingles.update(tuple(w[i : i + 8]) for i in range(len(w) - 7))
    copied = [
        q.id
        for q in golden.questions
        if any(tuple(words(q.question)[i : i + 8]) in shingles for i in range(len(words(q.question)) - 7))
    ]
    assert copied == []


def test_shipped_set_is_split_by_category_into_tune_and_heldout(golden):
    """Every question is in one part; each category has both, about 30% held out."""
    assert {q.split for q in golden.questions} == {"tune", "heldout"}
    for category, questions in golden.by_category().items():
        held = sum(q.split == "heldout" for q in questions)
        assert held == round(len(questions) * 0.3), category
    assert sum(q.split == "heldout" for q in golden.questions) == 118  # 62 + 34 out-of-corpus + 13 realistic + 9 informal situations


def test_split_answer_and_citations_fields(tmp_path):
    path = write(tmp_path, "g.yaml", """
- id: a
  question: hukuman disiplin sedang apa saja
  category: lookup
  split: heldout
  answer: Jenis Hukuman Disiplin sedang terdiri atas ...
  citations: ["Pasal 8 ayat (3) PP 94/2021", ["Pasal 13 huruf g PP 94/2021", "Pasal 5 huruf n angka 2 PP 94/2021"]]
""")
    [q] = load_golden(path).questions
    assert q.split == "heldout" and q.expected == ()
    assert q.answer.startswith("Jenis Hukuman")
    assert q.citations == (("Pasal 8 ayat (3) PP 94/2021",), ("Pasal 13 huruf g PP 94/2021", "Pasal 5 huruf n angka 2 PP 94/2021"))
    bad = write(tmp_path, "bad.yaml", "- {id: a, question: x, category: c, split: test, expected: [a-1/pasal-1]}\n")
    with pytest.raises(GoldenError, match="split"):
        load_golden(bad)
