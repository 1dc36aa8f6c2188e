"""A kajian exported through the Materi machinery: Markdown, PDF and DOCX carry its quotes and labels."""

from __future__ import annotations

import io

import pytest

from qa import materi
from qa.graph import Graph
from qa.kajian import analyse, load_index_units
from qa.kajian_export import to_materi

CAMAT = ("Camat X hadir di deklarasi pasangan calon bupati memakai seragam dinas dan mengajak para kepala desa "
         "memilih pasangan itu; foto-fotonya beredar di grup WhatsApp")  # fmt: skip


@pytest.fixture(scope="module")
def item(full_data, manifest):
    units = load_index_units(full_data / "index")
    return to_materi(analyse(CAMAT, units, manifest), Graph.build(units.values()))


def test_item_quotes_each_provision_and_sanction_once_with_full_labels(item):
    ids = [k.unit_id for k in item.kutipan]
    assert len(ids) == len(set(ids))
    assert ids[:3] == ["pp-94-2021/pasal-5/huruf-n/angka-2", "pp-94-2021/pasal-7", "pp-94-2021/pasal-13/huruf-g"]
    assert "Subjek: camat/lurah (PNS, Pegawai ASN) (menurut kata “Camat”)" in item.isi
    assert "- Sanksi (pidana): Pasal 188 UU 1/2015" in item.isi


def test_markdown_and_docx_carry_the_kajian(item):
    from docx import Document

    md = materi.to_markdown([item], "Kajian Awal")
    assert "## 1. Pertanyaan: Kajian: Camat X hadir" in md
    # laid out under the lead-ins it completes, as in the statute
    assert f"> {materi.EM * 4}2. menjadi peserta kampanye dengan menggunakan atribut partai atau atribut PNS;" in md
    assert f"> _PNS dilarang:_\n>\n> {materi.EM * 2}_n. memberikan dukungan" in md
    text = "\n".join(p.text for p in Document(io.BytesIO(materi.to_docx([item], "Kajian Awal"))).paragraphs)
    assert "Ketentuan: Pasal 71 ayat (1) UU 1/2015 sebagaimana telah beberapa kali diubah terakhir dengan UU 6/2020" in text
    assert "Sumber: Pasal 13 huruf g Peraturan Pemerintah Nomor 94 Tahun 2021" in text
    assert materi.to_pdf([item], "Kajian Awal").startswith(b"%PDF")
