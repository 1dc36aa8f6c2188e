"""An added document ingested and indexed, or the addition undone when it cannot be read."""

from __future__ import annotations


import pytest

from corpus import user_documents as ud
from corpus.manifest import load_manifest
from corpus.settings import Settings
from qa.index import current_build
from qa.retrieval import Retriever
from qa.uploads import ingest_added

SE = [
    "MENTERI DALAM NEGERI", "REPUBLIK INDONESIA", "Jakarta, 9 Juli 2024", "Nomor : 100.2.1/1234/SJ",
    "Sifat : Penting", "Lampiran : -", "Hal : Netralitas Aparatur Sipil Negara",
    "Yth. Gubernur dan Bupati/Wali Kota", "di -", "Seluruh Indonesia", "SURAT EDARAN",
    "Dalam rangka menjaga netralitas Aparatur Sipil Negara, bersama ini disampaikan hal-hal sebagai berikut:",
    "1. Aparatur Sipil Negara dilarang memberikan tanda suka pada unggahan media sosial pasangan calon.",
    "2. Aparatur Sipil Negara dapat menghadiri kampanye tanpa atribut dan tanpa ikut berkampanye.",
    "Demikian disampaikan untuk dilaksanakan.", "MENTERI DALAM NEGERI,", "TITO KARNAVIAN",
]  # fmt: skip
FORM = ud.Upload(kind="Surat Edaran", number="100.2.1/1234/SJ", year=2024, title="Netralitas Aparatur Sipil Negara",
                 issuer="Menteri Dalam Negeri")  # fmt: skip


def pdf(lines: list[str]) -> bytes:
    from fpdf import FPDF

    doc = FPDF()
    doc.add_page()
    doc.set_font("Helvetica", size=11)
    for line in lines:
        doc.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(doc.output())


@pytest.fixture()
def settings(tmp_path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


def test_a_pdf_no_parser_can_read_is_refused_and_the_addition_undone(settings):
    data = settings.data_dir
    form = ud.Upload(kind="PP", number="77", year=2025, title="Belanja Kantor")
    lines = ["DAFTAR BELANJA KANTOR", "Kertas HVS dua rim.", "Tinta printer."]
    meta = ud.add_user_document(settings.user_dir, form, pdf(lines), load_manifest())
    with pytest.raises(ud.UserDocumentError) as refused:
        ingest_added(settings, meta.id)
    assert str(refused.value) == (
        "Tidak ada satu pun pasal atau butir yang dikenali. "
        "Periksa apakah berkas ini memang peraturan atau surat yang dimaksud dan jenisnya benar."
    )
    assert ud.user_manifest(settings.user_dir) == []
    assert not any((data / "user" / "files").iterdir())
    assert not (data / "units" / f"{meta.id}.json").exists()
    assert current_build(settings.index_dir) is None


def test_an_added_circular_is_ingested_indexed_and_found(settings):
    meta = ud.add_user_document(settings.user_dir, FORM, pdf(SE), load_manifest())
    result = ingest_added(settings, meta.id)
    assert result.index["units_indexed"] == 3
    assert current_build(settings.index_dir) is not None
    retriever = Retriever.from_settings(settings, ud.corpus_manifest(settings))
    hits = retriever.retrieve("tanda suka unggahan media sosial", k=1)
    assert hits[0].unit.id == f"{meta.id}/angka-1"
    assert hits[0].unit.short_label == "angka 1 SE 100.2.1/1234/SJ Tahun 2024"
