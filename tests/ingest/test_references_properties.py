"""Properties of the reference parsers on arbitrary strings: never raise, deterministic, sane ids.

``ingest.references`` reads references inside statute text; ``qa.references`` reads them in
questions. Both meet whatever people and OCR produce.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus.manifest import load_manifest
from ingest.references import document_index, find_references
from qa.references import parse_references, resolve_all

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MANIFEST = load_manifest()
DOCS = document_index(MANIFEST)
PIECES = [
    "Pasal", "pasal", "psl", "ayat", "huruf", "angka", "Penjelasan", "(1)", "(2)", "1", "2", "71", "7A", "a", "b",
    "c", "dan", "atau", "sampai dengan", "s.d.", "-", ",", ";", "UU", "Undang-Undang Nomor 5 Tahun 2014",
    "UU 10/2016", "UU Pilkada", "UU ASN", "PP 94/2021", "Peraturan Pemerintah Nomor 94 Tahun 2021", "tentang",
    "sebagaimana dimaksud dalam", "sebagaimana telah diubah terakhir dengan", "Pasal 71 ayat (2) huruf b angka 3",
    "Pasal I angka 26", "Pasal 5 sampai dengan Pasal 9", "ayat (1) sampai dengan ayat (3)", "99999999999",
]  # fmt: skip
text = st.lists(st.sampled_from(PIECES) | st.text(max_size=10), max_size=25).map(" ".join) | st.text(max_size=300)
UNIT_IDS = {
    "uu-5-2014/pasal-87/ayat-4/huruf-c", "uu-1-2015/pasal-71/ayat-2", "pp-94-2021/pasal-5/huruf-n/angka-1",
    "uu-20-2023/pasal-9", "uu-10-2016/pasal-I/angka-26",
}  # fmt: skip


@SETTINGS
@given(text)
def test_ingest_references_never_raise_and_are_deterministic(s):
    first = find_references(s, "uu-5-2014", DOCS)
    assert find_references(s, "uu-5-2014", DOCS) == first
    for ref in first:
        assert ref.steps, ref
        assert all(level in ("pasal", "ayat", "huruf", "angka") and number for level, number in ref.steps)
        assert ref.doc_id is None or ref.doc_id in MANIFEST or ref.external


@SETTINGS
@given(text)
def test_question_references_never_raise_and_resolve_only_to_known_ids(s):
    refs = parse_references(s, MANIFEST)
    assert parse_references(s, MANIFEST) == refs
    for ref in refs:
        assert all(d in MANIFEST for d in ref.doc_ids)
        assert "/" not in ref.pasal and ref.pasal
    found = resolve_all(s, UNIT_IDS, MANIFEST, default_docs=["uu-1-2015"])
    assert resolve_all(s, UNIT_IDS, MANIFEST, default_docs=["uu-1-2015"]) == found
    assert len(found) == len(set(found)) and set(found) <= UNIT_IDS


def test_the_strategy_reaches_real_references():
    """Control: the pieces above do produce references, so the properties are not vacuous."""
    assert resolve_all("Pasal 71 ayat (2) UU Pilkada", UNIT_IDS, MANIFEST) == ["uu-1-2015/pasal-71/ayat-2"]
    assert [r.text for r in find_references("sebagaimana dimaksud dalam Pasal 87 ayat (4) huruf c", "uu-5-2014", DOCS)]
