"""The Kajian page through Streamlit's AppTest over the real index of the mirror (``full_data``)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from pages.view import HALAMAN, KAJIAN

CAMAT = ("Camat X hadir di deklarasi pasangan calon bupati memakai seragam dinas dan mengajak para kepala desa "
         "memilih pasangan itu; foto-fotonya beredar di grup WhatsApp")  # fmt: skip


@pytest.fixture()
def at(open_page) -> AppTest:
    return open_page(KAJIAN)


def kaji(at: AppTest, text: str) -> AppTest:
    at.text_area(key="uraian_kajian").input(text)
    at.form_submit_button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_kajian_is_a_page_of_its_own():
    assert KAJIAN in HALAMAN and KAJIAN.url_path == "kajian"


def test_camat_report_shows_status_provisions_elements_sanctions_and_gaps(at):
    kaji(at, CAMAT)
    markdown = "\n".join(m.value for m in at.markdown)
    assert "camat/lurah (PNS, Pegawai ASN)" in markdown and "Pilkada" in markdown
    assert "**Pasal 5 huruf n angka 2 PP 94/2021**" in markdown
    assert "**Pasal 71 ayat (1) UU 1/2015 sebagaimana telah beberapa kali diubah terakhir dengan UU 6/2020**" in markdown
    assert "terpenuhi menurut uraian" in markdown and "“seragam dinas”" in markdown
    expanders = [e.label for e in at.expander]
    assert "hukuman disiplin: Pasal 13 huruf g PP 94/2021" in expanders
    assert "hukuman disiplin: Pasal 14 huruf i angka 4 PP 94/2021" in expanders
    assert "pidana: Pasal 188 UU 1/2015 sebagaimana telah beberapa kali diubah terakhir dengan UU 6/2020" in expanders
    assert any("SKB 2/2022 tidak ada di korpus" in w.value for w in at.warning)
    labels = [c.value for c in at.code]
    assert any(label.startswith("Pasal 5 huruf n angka 2 Peraturan Pemerintah Nomor 94 Tahun 2021") for label in labels)


def test_kajian_goes_to_materi_and_exports(at):
    kaji(at, CAMAT)
    at.button(key="kajian_ke_materi").click().run()
    (item,) = at.session_state.materi
    assert item.judul.startswith("Kajian: Camat X hadir")
    assert "pp-94-2021/pasal-13/huruf-g" in [k.unit_id for k in item.kutipan]
    at.switch_page(next(h.file for h in HALAMAN if h.title == "Materi")).run()
    assert any("Kajian: Camat X" in m.value for m in at.markdown)


def test_kajian_downloads_carry_the_penjelasan_while_the_box_is_ticked(at):
    """As on the Materi page: the handout prints each provision's Penjelasan ("atribut PNS" is defined
    in the Penjelasan of Pasal 5 huruf n angka 2 PP 94/2021) unless the box is unticked."""
    kaji(at, CAMAT)
    box = at.checkbox(key="kajian_penjelasan")
    assert box.label == "Sertakan Penjelasan" and box.value is True
    preview = at.code[-1].value  # the Markdown download, shown as it is downloaded
    assert "**Penjelasan Pasal 5 huruf n angka 2 PP 94/2021**" in preview
    assert 'Yang dimaksud "menggunakan atribut PNS" adalah menggunakan seragam Korpri' in preview
    box.uncheck().run()
    assert not at.exception, [e.value for e in at.exception]
    preview = at.code[-1].value
    assert "Penjelasan Pasal" not in preview and "seragam Korpri" not in preview
    assert "Pasal 5 huruf n angka 2 PP 94/2021" in preview
    assert [b.label for b in at.get("download_button")] == ["Unduh Markdown", "Unduh PDF", "Unduh DOCX"]


def test_empty_and_quiet_reports_are_said_plainly(at):
    kaji(at, "   ")
    assert any("Uraian kejadian kosong" in e.value for e in at.error)
    kaji(at, "Seorang guru PNS hanya hadir dan mendengarkan orasi kampanye pasangan calon bupati tanpa atribut.")
    assert any("Tidak ada ketentuan larangan dalam korpus" in i.value for i in at.info)
