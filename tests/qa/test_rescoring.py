"""Fused scores adjusted for the question's subject, revoked provisions and amending instructions,
over the real index of the mirror corpus."""

import pytest

from qa.rescoring import AMENDING, REVOKED, SUBJECT_BOOST, names_subject, rescore, subject_patterns
from qa.retrieval import Retriever


@pytest.fixture(scope="module")
def snapshot(full_data, manifest):
    retriever = Retriever(root=full_data / "index", manifest=manifest)
    return retriever, retriever.snapshot()


def test_subject_is_named_by_the_provision_its_list_or_its_document(snapshot, manifest):
    retriever, snap = snapshot
    rules = snap.kajian_rules(manifest)
    patterns = subject_patterns("pns masuk parpol bisa dipecat?", rules)
    units, graph = snap.units, snap.graph
    # "Pemberhentian ... bagi Pegawai ASN dilakukan apabila:" introduces the huruf; a PNS is an ASN
    assert names_subject(units["uu-20-2023/pasal-52/ayat-3/huruf-j"], patterns, graph, manifest)
    # the requirements for members of polling committees say nothing of civil servants
    assert not names_subject(units["uu-7-2017/pasal-72/huruf-e"], patterns, graph, manifest)
    assert subject_patterns("berapa persen kursi DPRD untuk mengusung pasangan calon?", rules) == []


def test_rescore_multiplies_by_subject_and_status(snapshot, manifest):
    retriever, snap = snapshot
    rules = snap.kajian_rules(manifest)
    fused = {
        "uu-20-2023/pasal-52/ayat-3/huruf-j": (0.01, ["bm25"]),  # names the subject (ASN)
        "uu-7-2017/pasal-72/huruf-e": (0.01, ["dense"]),  # no subject
        "uu-1-2015/pasal-7/ayat-2/huruf-t": (0.01, ["dense"]),  # PNS who run must resign
        "uu-5-2014/pasal-87/ayat-4/huruf-c": (0.01, ["bm25"]),  # revoked; names PNS
        "uu-10-2016/pasal-I/angka-1": (0.01, ["dense"]),  # an amending instruction (Pilkada; rewrites Pasal 7, PNS too)
    }
    got = rescore(fused, "pns masuk parpol bisa dipecat?", snap.units, snap.graph, manifest, rules)
    assert got["uu-20-2023/pasal-52/ayat-3/huruf-j"] == (pytest.approx(0.01 * (1 + SUBJECT_BOOST)), ["bm25"])
    assert got["uu-7-2017/pasal-72/huruf-e"][0] == pytest.approx(0.01)
    assert got["uu-1-2015/pasal-7/ayat-2/huruf-t"][0] == pytest.approx(0.01 * (1 + SUBJECT_BOOST))
    assert got["uu-5-2014/pasal-87/ayat-4/huruf-c"][0] == pytest.approx(0.01 * (1 + SUBJECT_BOOST) * (1 - REVOKED))
    assert got["uu-10-2016/pasal-I/angka-1"][0] == pytest.approx(0.01 * (1 + SUBJECT_BOOST) * (1 - AMENDING))
    # a question naming the revoked law is not turned away from it
    named = rescore(fused, "pns masuk parpol bisa dipecat?", snap.units, snap.graph, manifest, rules,
                    frozenset({"uu-5-2014"}))  # fmt: skip
    assert named["uu-5-2014/pasal-87/ayat-4/huruf-c"][0] == pytest.approx(0.01 * (1 + SUBJECT_BOOST))
    # without rules (they do not fit the index) the subject is left out, the rest holds
    bare = rescore(fused, "pns masuk parpol bisa dipecat?", snap.units, snap.graph, manifest, None)
    assert bare["uu-20-2023/pasal-52/ayat-3/huruf-j"][0] == pytest.approx(0.01)


def test_civil_servant_question_is_answered_from_civil_service_law(snapshot):
    retriever, snap = snapshot
    hits = retriever.retrieve("pns masuk parpol bisa dipecat?", k=5, snapshot=snap)
    first_asn = next(i for i, h in enumerate(hits) if h.unit.doc_id == "uu-20-2023")
    assert hits[first_asn].unit.id == "uu-20-2023/pasal-52/ayat-3/huruf-j"
    assert first_asn <= 1
    assert "dense_statute" in hits[first_asn].retrievers  # found by the question in statute words


def test_an_informal_question_is_measured_in_both_phrasings(snapshot):
    retriever, snap = snapshot
    hits = retriever.retrieve("pns masuk parpol bisa dipecat?", k=10, snapshot=snap)
    assert any("dense_statute" in h.retrievers for h in hits)
    for h in hits:
        assert ("dense" in h.retrievers) <= (h.similarity is not None)
        assert ("dense_statute" in h.retrievers) <= (h.statute_similarity is not None)
        assert h.closeness == max(h.similarity or 0.0, h.statute_similarity or 0.0)
    # the first answer is the civil-service law's, found by the question in statute words
    assert hits[0].unit.id == "uu-20-2023/pasal-52/ayat-3/huruf-j"
    assert hits[0].closeness == hits[0].statute_similarity > 0.86
    # a formal question is searched once: no second phrasing
    formal = retriever.retrieve("Apa sanksi pidana politik uang dalam pilkada?", k=5, snapshot=snap)
    assert all(h.statute_similarity is None and h.closeness == (h.similarity or 0.0) for h in formal)
