"""Citation strings -> unit ids with the answers' reference parser and the real manifest,
over a fixed set of unit ids (no index needed)."""

from __future__ import annotations

import pytest

from evals.citations import corpus_documents, resolve_citation, resolve_set
from evals.golden import GoldenQuestion, GoldenSet

UNIT_IDS = {
    "pp-94-2021/pasal-8", "pp-94-2021/pasal-8/ayat-3", "pp-94-2021/pasal-5/huruf-n/angka-2",
    "pp-94-2021/pasal-13/huruf-g", "pp-94-2021/pasal-1/angka-6", "uu-1-2015/pasal-71/ayat-1",
    "uu-1-2015/pasal-187A/ayat-1", "uu-10-2016/pasal-I/angka-59", "uu-5-2014/pasal-87/ayat-4/huruf-c",
}  # fmt: skip


def resolved(text: str, manifest, default_docs=()):
    return resolve_citation(text, UNIT_IDS, manifest, corpus_documents(UNIT_IDS), default_docs)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Pasal 8 ayat (3) PP 94/2021", [("pp-94-2021/pasal-8/ayat-3",)]),
        ("PP 94/2021; Bab III; Pasal 8; ayat 3", [("pp-94-2021/pasal-8/ayat-3",)]),
        ("Peraturan Pemerintah Nomor 94 Tahun 2021 Pasal 5 huruf n angka 2", [("pp-94-2021/pasal-5/huruf-n/angka-2",)]),
        ("Pasal 87 ayat (4) huruf c UU ASN 2014", [("uu-5-2014/pasal-87/ayat-4/huruf-c",)]),
        ("Pasal 1 angka 6 PP Disiplin PNS", [("pp-94-2021/pasal-1/angka-6",)]),
        # Two provisions, two requirements; "atau" makes alternatives of one requirement.
        ("Pasal 13 huruf g PP 94/2021; Pasal 8 ayat (3) PP 94/2021",
         [("pp-94-2021/pasal-13/huruf-g",), ("pp-94-2021/pasal-8/ayat-3",)]),
        ("Pasal 13 huruf g PP 94/2021; Pasal 8 ayat (3) atau Pasal 5 huruf n angka 2 PP 94/2021",
         [("pp-94-2021/pasal-13/huruf-g",), ("pp-94-2021/pasal-8/ayat-3", "pp-94-2021/pasal-5/huruf-n/angka-2")]),
        ("Pasal 187A ayat (1) UU 1/2015 atau Pasal I angka 59 UU 10/2016",
         [("uu-1-2015/pasal-187A/ayat-1", "uu-10-2016/pasal-I/angka-59")]),
        # An amending law's Pasal is the consolidated Pasal of the law it amends.
        ("Pasal 71 ayat (1) UU 10/2016", [("uu-1-2015/pasal-71/ayat-1",)]),
        # Golden sets written with the formula, new or old, read the same provision.
        ("Pasal 71 ayat (1) UU 1/2015 sebagaimana telah beberapa kali diubah terakhir dengan UU 6/2020",
         [("uu-1-2015/pasal-71/ayat-1",)]),
        ("Pasal 71 ayat (1) UU 1/2015 sebagaimana telah diubah terakhir dengan UU 10/2016",
         [("uu-1-2015/pasal-71/ayat-1",)]),
        ("Pasal 187A ayat (1) UU 1/2015 sebagaimana telah diubah dengan UU 10/2016 atau Pasal I angka 59 UU 10/2016",
         [("uu-1-2015/pasal-187A/ayat-1", "uu-10-2016/pasal-I/angka-59")]),
    ],
)  # fmt: skip
def test_citation_forms_resolve_to_unit_ids(text, expected, manifest):
    out = resolved(text, manifest)
    assert out.requirements == expected
    assert out.unknown_docs == [] and out.problems == []


def test_documents_the_corpus_lacks_are_named(manifest):
    # In the manifest but not in the index.
    assert resolved("Pasal 280 ayat (1) huruf h UU 7/2017", manifest).unknown_docs == ["UU 7/2017"]
    assert resolved("UU Pemilu", manifest).unknown_docs == ["UU 7/2017"]
    # Not in the manifest at all.
    assert resolved("Pasal 2 ayat (1) Perbawaslu Nomor 6 Tahun 2018", manifest).unknown_docs == ["perbawaslu 6 2018"]


def test_provisions_that_do_not_resolve_are_problems_not_guesses(manifest):
    out = resolved("Pasal 8 ayat (9) PP 94/2021", manifest)
    assert out.requirements == []
    assert out.problems == ["'Pasal 8 ayat (9) PP 94/2021': Pasal 8 ayat (9) PP 94/2021 tidak ada di indeks "
                            "(pp-94-2021/pasal-8/ayat-9)"]  # fmt: skip
    assert "tanpa nama dokumen" in resolved("Pasal 8 ayat 3", manifest).problems[0]
    assert "menyebut dokumen tanpa Pasal" in resolved("PP 94/2021", manifest).problems[0]
    assert "tidak dapat dibaca" in resolved("lihat di atas", manifest).problems[0]


def test_a_law_column_serves_citations_without_a_document(manifest):
    out = resolved("Pasal 8 ayat 3", manifest, default_docs=("pp-94-2021",))
    assert out.requirements == [("pp-94-2021/pasal-8/ayat-3",)]


def question(qid: str, *citations, **kw) -> GoldenQuestion:
    return GoldenQuestion(id=qid, question=qid, category="c", citations=tuple((c,) for c in citations), **kw)


def test_resolve_set_keeps_sets_aside_or_abstains(manifest):
    golden = GoldenSet([
        question("ok", "Pasal 8 ayat (3) PP 94/2021"),
        question("partly", "Pasal 8 ayat (3) PP 94/2021; Pasal 280 UU 7/2017"),
        question("law", "Pasal 8 ayat 3", law="Peraturan Pemerintah Nomor 94 Tahun 2021"),
        question("pemilu", "Pasal 280 ayat (1) UU 7/2017"),
        question("typo", "Pasal 8 ayat (9) PP 94/2021"),
        question("mixed", "Pasal 8 ayat (9) PP 94/2021; Pasal 280 UU 7/2017"),
        GoldenQuestion(id="nothing", question="nothing", category="c"),
        question("abstain-known", "Pasal 8 ayat (3) PP 94/2021", should_abstain=True),
    ])  # fmt: skip
    reported = resolve_set(golden, UNIT_IDS, manifest)
    assert [q.id for q in reported.questions] == ["ok", "partly", "law", "abstain-known"]
    assert {r["id"] for r in reported.set_aside} == {"pemilu", "typo", "mixed", "nothing"}
    by_id = {q.id: q for q in reported.questions}
    assert by_id["partly"].expected == (("pp-94-2021/pasal-8/ayat-3",),)
    assert by_id["partly"].out_of_corpus == ("UU 7/2017",)
    assert by_id["law"].expected == (("pp-94-2021/pasal-8/ayat-3",),)
    assert by_id["abstain-known"].expected == ()  # an abstention expects no unit
    problems = {r["where"]: r["reason"] for r in reported.problems}
    assert problems["partly"] == "dokumen tidak ada di korpus: UU 7/2017"
    assert "dinilai sebagai abstain" in problems["abstain-known"]

    abstaining = resolve_set(golden, UNIT_IDS, manifest, unknown_docs="abstain")
    by_id = {q.id: q for q in abstaining.questions}
    assert by_id["pemilu"].should_abstain and by_id["pemilu"].out_of_corpus == ("UU 7/2017",)
    # A row with an unresolvable provision in a corpus document is a golden error, not out of corpus.
    assert {r["id"] for r in abstaining.set_aside} == {"typo", "mixed", "nothing"}
    with pytest.raises(ValueError):
        resolve_set(golden, UNIT_IDS, manifest, unknown_docs="ignore")


def test_a_provision_given_twice_is_one_requirement(manifest):
    golden = GoldenSet([question("twice", "Pasal 8 ayat (3) PP 94/2021", "Pasal 8 ayat (3) PP 94/2021")])
    [q] = resolve_set(golden, UNIT_IDS, manifest).questions
    assert q.expected == (("pp-94-2021/pasal-8/ayat-3",),)
