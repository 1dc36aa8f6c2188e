"""Metric functions against hand-computed values and edge cases."""

from __future__ import annotations

import math

import pytest

from evals import metrics as m

A = "uu-5-2014/pasal-87/ayat-4/huruf-c"
B = "pp-94-2021/pasal-5/huruf-n"
B1 = "pp-94-2021/pasal-5/huruf-n/angka-1"


def test_id_matching_is_exact_ancestor_or_descendant_on_path_boundaries():
    assert m.id_matches(A, A)
    assert m.id_matches("uu-5-2014/pasal-87", A)  # ancestor
    assert m.id_matches(A + "/angka-1", A)  # descendant
    assert not m.id_matches("uu-5-2014/pasal-8", "uu-5-2014/pasal-87")  # prefix but not a path step
    assert not m.id_matches("uu-5-2014/pasal-87/ayat-4/huruf-d", A)  # sibling
    assert not m.id_matches("uu-5-2014/penjelasan/pasal-87", "uu-5-2014/pasal-87")


def test_requirements_normalise_and_reject_empty_alternatives():
    assert m.requirements([A, [B, B1]]) == [(A,), (B, B1)]
    with pytest.raises(ValueError):
        m.requirements([[]])


def test_hit_at_k_counts_only_the_first_k():
    retrieved = ["x/pasal-1", "x/pasal-2", A]
    assert m.hit_at_k([A], retrieved, 1) == 0.0
    assert m.hit_at_k([A], retrieved, 3) == 1.0
    assert m.hit_at_k([A], retrieved, 50) == 1.0  # k beyond the list
    assert m.hit_at_k([A], [], 5) == 0.0
    assert m.hit_at_k([], retrieved, 5) is None


def test_alternatives_satisfy_a_requirement():
    assert m.hit_at_k([[B, "zz/pasal-1"]], ["zz/pasal-1"], 1) == 1.0
    assert m.hit_at_k([[B, "zz/pasal-1"]], ["pp-94-2021/pasal-5"], 1) == 1.0  # ancestor of B


def test_recall_and_all_at_k_with_two_requirements():
    retrieved = ["x/pasal-1", B1, "x/pasal-3", A]
    assert m.recall_at_k([A, [B, B1]], retrieved, 3) == 0.5
    assert m.recall_at_k([A, [B, B1]], retrieved, 4) == 1.0
    assert m.all_at_k([A, [B, B1]], retrieved, 3) == 0.0
    assert m.all_at_k([A, [B, B1]], retrieved, 4) == 1.0


def test_mrr_uses_first_relevant_rank():
    assert m.mrr([A], ["x", "y", A]) == pytest.approx(1 / 3)
    assert m.mrr([A], ["x", "y"]) == 0.0
    assert m.mrr([A, B], [B1, A]) == 1.0


def test_ndcg_hand_computed_with_correct_ideal():
    # Two requirements, found at ranks 2 and 4: DCG = 1/log2(3) + 1/log2(5);
    # ideal puts two relevant items at ranks 1 and 2: 1 + 1/log2(3).
    got = m.ndcg_at_k([A, B], ["x", A, "y", B1], 10)
    want = (1 / math.log2(3) + 1 / math.log2(5)) / (1 + 1 / math.log2(3))
    assert got == pytest.approx(want)


def test_ndcg_does_not_count_one_requirement_twice():
    # The Pasal and its huruf both satisfy A; only the first gains.
    got = m.ndcg_at_k([A, B], ["uu-5-2014/pasal-87", A], 10)
    assert got == pytest.approx(1 / (1 + 1 / math.log2(3)))


def test_ndcg_ideal_is_capped_by_k():
    # Three requirements, k=2: ideal has two gains; the top two being relevant is perfect.
    assert m.ndcg_at_k(["a/pasal-1", "a/pasal-2", "a/pasal-3"], ["a/pasal-1", "a/pasal-2"], 2) == pytest.approx(1.0)
    assert m.ndcg_at_k(["a/pasal-1"], ["a/pasal-1"], 10) == pytest.approx(1.0)
    assert m.ndcg_at_k(["a/pasal-1"], [], 10) == 0.0
    assert m.ndcg_at_k([], ["a/pasal-1"], 10) is None


def test_citation_precision_counts_parent_and_child_as_correct():
    cited = ["uu-5-2014/pasal-87", A + "/angka-1", "uu-5-2014/pasal-88"]
    assert m.citation_precision([A], cited) == pytest.approx(2 / 3)
    assert m.citation_precision([A], []) is None
    assert m.citation_precision([], [A]) is None


def test_must_include_is_case_and_whitespace_insensitive():
    text = "PNS dilarang\n  memberikan   dukungan kepada calon"
    assert m.must_include_coverage(["memberikan dukungan", "Calon"], text) == 1.0
    assert m.must_include_coverage(["memberikan dukungan", "hukuman disiplin"], text) == 0.5
    assert m.must_include_coverage([], text) is None
    assert m.must_include_coverage(["apa saja"], "") == 0.0


def test_abstention_precision_and_recall():
    pairs = [(True, True), (True, False), (False, True), (False, False), (True, True)]
    precision, recall = m.abstention_precision_recall(pairs)
    assert precision == pytest.approx(2 / 3)
    assert recall == pytest.approx(2 / 3)
    assert m.abstention_precision_recall([(False, False)]) == (None, None)
    assert m.abstention_precision_recall([]) == (None, None)


def test_percentile_interpolates_like_numpy():
    values = [10.0, 20.0, 30.0, 40.0]
    assert m.percentile(values, 50) == pytest.approx(25.0)
    assert m.percentile(values, 95) == pytest.approx(38.5)
    assert m.percentile(values, 0) == 10.0
    assert m.percentile(values, 100) == 40.0
    assert m.percentile([7.0], 95) == 7.0
    assert m.percentile([], 50) is None
    with pytest.raises(ValueError):
        m.percentile(values, 101)


def test_mean_skips_undefined():
    assert m.mean([1.0, None, 0.0]) == 0.5
    assert m.mean([None]) is None


def test_invalid_citations_unknown_id_and_misquote():
    units = {A: "memberikan dukungan\nkepada calon"}
    assert m.invalid_citations([(A, "memberikan dukungan kepada calon")], units) == []
    problems = m.invalid_citations([("uu-5-2014/pasal-999", "x"), (A, "Memberikan dukungan")], units)
    assert len(problems) == 2
    assert problems[0].startswith("uu-5-2014/pasal-999")
    assert "differs" in problems[1]


def test_answer_normalisation_is_the_same_for_both_sides():
    assert m.normalize_answer("(3) Jenis  Hukuman Disiplin sedang,\nterdiri atas:") == (
        "jenis hukuman disiplin sedang terdiri atas"
    )
    assert m.normalize_answer("a. pemotongan tunjangan kinerja;") == "pemotongan tunjangan kinerja"
    assert m.normalize_answer("Rp6.000.000,00") == "rp6 000 000 00"
    assert m.normalize_answer("") == ""


def test_exact_match_after_normalisation_only():
    gold = "(4) Pegawai ASN diberhentikan tidak dengan hormat."
    assert m.exact_match("Pegawai ASN diberhentikan tidak dengan hormat", gold) == 1.0
    assert m.exact_match("Pegawai ASN diberhentikan dengan hormat", gold) == 0.0
    assert m.exact_match("anything", "") is None
    assert m.exact_match("", gold) == 0.0


def test_token_f1_hand_computed():
    # predicted 4 tokens, golden 3, overlap 2 ("hukuman", "sedang"): P = 1/2, R = 2/3, F1 = 4/7.
    assert m.token_f1("hukuman disiplin ringan sedang", "hukuman berat sedang") == pytest.approx(4 / 7)
    # Multiplicity counts: "a a b" vs "a b b": overlap a:1 + b:1 = 2; P = R = 2/3.
    assert m.token_f1("a a b", "a b b") == pytest.approx(2 / 3)
    assert m.token_f1("x y", "z") == 0.0
    assert m.token_f1("", "z") == 0.0
    assert m.token_f1("x", "  ") is None


def test_granularity_levels():
    assert m.granularity("uu-5-2014/pasal-87") == "pasal"
    assert m.granularity("uu-5-2014/pasal-87/ayat-4") == "ayat"
    assert m.granularity(A) == "huruf/angka"
    assert m.granularity(B1) == "huruf/angka"
    assert m.granularity("uu-10-2016/pasal-I/angka-27") == "huruf/angka"
    assert m.granularity("pp-94-2021/penjelasan/pasal-5") == "pasal"
    assert m.granularity("uu-5-2014") == "lainnya"


def test_granularity_match_compares_levels_not_provisions():
    assert m.granularity_match("pp-94-2021/pasal-8/ayat-3", "uu-5-2014/pasal-87/ayat-4") == 1.0
    assert m.granularity_match("pp-94-2021/pasal-8/ayat-3", "pp-94-2021/pasal-8") == 0.0
    assert m.granularity_match(A, B1) == 1.0  # huruf and angka are one level
    assert m.granularity_match(A, None) is None
