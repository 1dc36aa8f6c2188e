"""An added document ingested and indexed, or the addition undone when it cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import user_documents as ud
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
def data(tmp_path, monkeypatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv("RUJUKAN_DATA", str(data))
    return data


def test_a_pdf_no_parser_can_read_is_refused_and_the_addition_undone(data):
    form = ud.Upload(kind="PP", number="77", year=2025, title="Belanja Kantor")
    meta = ud.add_user_document(form, pdf(["DAFTAR BELANJA KANTOR", "Kertas HVS dua rim.", "Tinta printer."]))
    with pytest.raises(ud.UserDocumentError) as refused:
        ingest_added(meta.id)
    assert str(refused.value) == (
        "Tidak ada satu pun pasal atau butir yang dikenali. "
        "Periksa apakah berkas ini memang peraturan atau surat yang dimaksud dan jenisnya benar."
    )
    assert ud.user_manifest() == []
    assert not any((data / "user" / "files").iterdir())
    assert not (data / "units" / f"{meta.id}.json").exists()
    assert current_build() is None


def test_an_added_circular_is_ingested_indexed_and_found(data):
    meta = ud.add_user_document(FORM, pdf(SE))
    result = ingest_added(meta.id)
    assert result.index["units_indexed"] == 3
    assert current_build() is not None
    hits = Retriever(manifest=ud.merged_manifest()).retrieve("tanda suka unggahan media sosial", k=1)
    assert hits[0].unit.id == f"{meta.id}/angka-1"
    assert hits[0].unit.short_label == "angka 1 SE 100.2.1/1234/SJ Tahun 2024"
