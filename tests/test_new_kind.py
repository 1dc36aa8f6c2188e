"""A new kind of document is one entry in corpus/kinds.py: two generated Peraturan Bawaslu PDFs are
ingested by the Pasal parser, cited by their names, found by an exact reference in a question, and
the later one revokes the earlier through the same status machinery as UU 20/2023 and UU 5/2014."""

from __future__ import annotations

import pytest

from corpus.settings import Settings
from ingest import store
from ingest.pipeline import run_ingest
from qa.references import resolve_all
from tests.fixtures.perbawaslu_pdf import perbawaslu_manifest, write_perbawaslu_corpus

OLD, NEW = "perbawaslu-6-2018", "perbawaslu-4-2099"
AYAT = "Pegawai Contoh dilarang memberikan dukungan kepada peserta pemilihan umum dalam bentuk apa pun."


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    settings = Settings(data_dir=tmp_path_factory.mktemp("perbawaslu"))
    write_perbawaslu_corpus(settings.corpus_dir)
    manifest = perbawaslu_manifest()
    result = run_ingest(settings, manifest, progress=False)
    units = {u.id: u for doc_id in (OLD, NEW) for u in store.read_document(doc_id, settings.units_dir).units}
    return settings.data_dir, manifest, result, units


def test_both_are_read_by_the_pasal_parser_with_their_pages(ingested):
    _, _, result, units = ingested
    assert result.ok and result.failures == []
    assert [(d.doc_id, d.pasal) for d in result.documents] == [(OLD, 6), (NEW, 7)]
    ayat = units[f"{OLD}/pasal-5/ayat-1"]
    assert ayat.text == AYAT
    assert ayat.pages == [3]
    assert units[f"{OLD}/pasal-5/ayat-2"].refs == [f"{OLD}/pasal-5/ayat-1"]
    # No furniture and no signature block inside a provision.
    assert units[f"{OLD}/pasal-6"].text == "Peraturan Badan ini mulai berlaku pada tanggal diundangkan."


def test_cited_as_peraturan_bawaslu(ingested):
    units = ingested[3]
    ayat = units[f"{OLD}/pasal-5/ayat-1"]
    assert ayat.label == (
        "Pasal 5 ayat (1) Peraturan Bawaslu Nomor 6 Tahun 2018 tentang Pengawasan Netralitas Pegawai Contoh"
    )
    assert ayat.short_label == "Pasal 5 ayat (1) Perbawaslu 6/2018"


def test_revoked_by_the_later_one_as_its_text_says(ingested):
    units = ingested[3]
    old = [u for u in units.values() if u.doc_id == OLD]
    assert len(old) == 14
    assert {(u.status, u.status_note, u.status_source) for u in old} == {
        ("dicabut", "dicabut oleh Pasal 6 Perbawaslu 4/2099", f"{NEW}/pasal-6")
    }
    assert {u.status for u in units.values() if u.doc_id == NEW} == {"berlaku"}
    # The near-identical ayat of the later one takes over.
    assert units[f"{OLD}/pasal-5/ayat-1"].successors == [f"{NEW}/pasal-5/ayat-1"]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Pasal 5 ayat (1) Perbawaslu 6/2018", f"{OLD}/pasal-5/ayat-1"),
        ("bunyi pasal 5 ayat 1 Peraturan Bawaslu Nomor 6 Tahun 2018", f"{OLD}/pasal-5/ayat-1"),
        ("Pasal 5 (1) Peraturan Badan Pengawas Pemilihan Umum Nomor 6 Tahun 2018", f"{OLD}/pasal-5/ayat-1"),
        ("Pasal 5 ayat (2) perbawaslu 4 2099", f"{NEW}/pasal-5/ayat-2"),
    ],
)
def test_found_by_an_exact_reference(ingested, question, expected):
    _, manifest, _, units = ingested
    assert resolve_all(question, units.keys(), manifest) == [expected]


def test_answered_with_its_citation_and_the_revocation(ingested, tmp_path):
    from qa.answering import answer
    from qa.index import build_index
    from qa.retrieval import Retriever

    _, manifest, _, units = ingested
    root = tmp_path / "index"
    build_index(list(units.values()), manifest, progress=False, root=root, cache_path=tmp_path / "emb.sqlite")
    result = answer("Pasal 5 ayat (1) Perbawaslu 6/2018", retriever=Retriever(root=root, manifest=manifest))
    assert not result.abstained
    cited = {c.unit_id: c for c in result.citations}
    assert cited[f"{OLD}/pasal-5/ayat-1"].short_label == "Pasal 5 ayat (1) Perbawaslu 6/2018"
    assert cited[f"{OLD}/pasal-5/ayat-1"].text == AYAT
    assert cited[f"{OLD}/pasal-5/ayat-1"].page == 3
    assert "Perbawaslu 6/2018 telah dicabut oleh Pasal 6 Perbawaslu 4/2099." in result.warnings
    assert ("Padanan Pasal 5 ayat (1) Perbawaslu 6/2018 yang berlaku: Pasal 5 ayat (1) Perbawaslu 4/2099."
            in result.warnings)  # fmt: skip
