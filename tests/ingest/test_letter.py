"""Surat and Surat Edaran parsing: generated Mendagri letters (via pypdf) and the real scanned
Dumai circular from the mirror (via OCR)."""

from __future__ import annotations


import pytest

from corpus.manifest import DocumentMeta
from ingest.clean import clean
from ingest.decree import parse_decree
from ingest.read import read_source
from tests.fixtures.letter_pdf import write_se_mendagri_pdf, write_surat_mendagri_pdf

SE_META = DocumentMeta(
    id="se-mendagri-fixture",
    kind="Surat Edaran",
    number="800.1.12.5/0000/SJ",
    year=2023,
    title="Surat Edaran Menteri Dalam Negeri (fixture)",
    citation="Surat Edaran Menteri Dalam Negeri Nomor 800.1.12.5/0000/SJ",
    short_name="SE Mendagri 800.1.12.5/0000/SJ",
)
SURAT_META = DocumentMeta(
    id="surat-mendagri-fixture",
    kind="Surat",
    number="100.2.1.3/0000/SJ",
    year=2024,
    title="Surat Menteri Dalam Negeri (fixture)",
    citation="Surat Menteri Dalam Negeri Nomor 100.2.1.3/0000/SJ",
    short_name="Surat Mendagri 100.2.1.3/0000/SJ",
)
DUMAI = "se-walikota-dumai-800-873-bkpsdm-2023"


@pytest.fixture(scope="module")
def se(tmp_path_factory):
    source = read_source(write_se_mendagri_pdf(tmp_path_factory.mktemp("se") / "se.pdf"))
    doc = parse_decree(clean(source)[0], SE_META)
    return doc, {u.id: u for u in doc.units}


@pytest.fixture(scope="module")
def surat(tmp_path_factory):
    source = read_source(write_surat_mendagri_pdf(tmp_path_factory.mktemp("surat") / "surat.pdf"))
    doc = parse_decree(clean(source)[0], SURAT_META)
    return doc, {u.id: u for u in doc.units}


def test_surat_edaran_head(se):
    _, units = se
    head = units["se-mendagri-fixture/kepala"]
    assert head.kind == "kepala"
    assert head.label == "Surat Edaran Menteri Dalam Negeri Nomor 800.1.12.5/0000/SJ"
    assert head.columns == {
        "Nomor": "800.1.12.5/0000/SJ",
        "Tanggal": "10 Oktober 2023",
        "Hal": "NETRALITAS PEGAWAI APARATUR SIPIL NEGARA DALAM PENYELENGGARAAN PEMILIHAN UMUM DAN PEMILIHAN",
        "Kepada": "1. Gubernur; 2. Bupati/Wali Kota;",
        "Tembusan": "1. Presiden Republik Indonesia; 2. Wakil Presiden Republik Indonesia.",
    }
    assert head.text.endswith(
        "Dalam rangka menjaga netralitas Pegawai Aparatur Sipil Negara pada penyelenggaraan Pemilihan "
        "Umum dan Pemilihan, bersama ini disampaikan hal-hal sebagai berikut:"
    )


def test_surat_edaran_points(se):
    doc, units = se
    assert [u.id for u in doc.units] == [
        "se-mendagri-fixture/kepala",
        "se-mendagri-fixture/angka-1",
        "se-mendagri-fixture/angka-2",
        "se-mendagri-fixture/angka-2/huruf-a",
        "se-mendagri-fixture/angka-2/huruf-b",
        "se-mendagri-fixture/angka-2/huruf-b/angka-1",
        "se-mendagri-fixture/angka-2/huruf-b/angka-2",
        "se-mendagri-fixture/angka-2/huruf-b/angka-3",
        "se-mendagri-fixture/angka-2/huruf-c",
        "se-mendagri-fixture/angka-3",
    ]
    assert doc.report.warnings == []
    point = units["se-mendagri-fixture/angka-2/huruf-b"]
    assert point.label == "angka 2 huruf b Surat Edaran Menteri Dalam Negeri Nomor 800.1.12.5/0000/SJ"
    assert point.short_label == "angka 2 huruf b SE Mendagri 800.1.12.5/0000/SJ"
    assert point.parent_id == "se-mendagri-fixture/angka-2"
    assert point.text == (
        "melarang penggunaan fasilitas pemerintah daerah untuk kegiatan kampanye, antara lain:\n"
        "1) kendaraan dinas;\n2) gedung kantor; dan\n3) anggaran kegiatan;"
    )
    assert units["se-mendagri-fixture/angka-2/huruf-b/angka-3"].short_label == (
        "angka 2 huruf b angka 3) SE Mendagri 800.1.12.5/0000/SJ"
    )


def test_surat_edaran_last_point_stops_at_the_closing(se):
    _, units = se
    assert units["se-mendagri-fixture/angka-3"].text == (
        "Pelaksanaan Surat Edaran ini dilaporkan kepada Menteri Dalam Negeri melalui Sekretaris Jenderal "
        "paling lambat tanggal 31 Desember 2023."
    )


def test_surat_head_beside_the_addressees(surat):
    _, units = surat
    assert units["surat-mendagri-fixture/kepala"].columns == {
        "Nomor": "100.2.1.3/0000/SJ",
        "Tanggal": "2 Januari 2024",
        "Sifat": "Segera",
        "Lampiran": "-",
        "Hal": "Penegasan Netralitas Kepala Daerah dan Aparatur Sipil Negara",
        "Kepada": "1. Para Gubernur; 2. Para Bupati/Wali Kota",
        "Tembusan": "1. Presiden Republik Indonesia.",
    }


def test_surat_points(surat):
    doc, units = surat
    assert [u.id for u in doc.units if u.kind != "kepala"] == [
        "surat-mendagri-fixture/angka-1",
        "surat-mendagri-fixture/angka-2",
        "surat-mendagri-fixture/angka-2/huruf-a",
        "surat-mendagri-fixture/angka-2/huruf-b",
    ]
    point = units["surat-mendagri-fixture/angka-2/huruf-b"]
    assert point.label == "angka 2 huruf b Surat Menteri Dalam Negeri Nomor 100.2.1.3/0000/SJ"
    assert point.text == (
        "tidak melakukan penggantian pejabat tanpa persetujuan tertulis dari Menteri Dalam Negeri."
    )


def test_wrong_number_is_reported(tmp_path):
    source = read_source(write_se_mendagri_pdf(tmp_path / "se.pdf"))
    other = DocumentMeta(**{**SE_META.__dict__, "number": "800.1.12.5/9999/SJ"})
    doc = parse_decree(source, other)
    assert doc.report.warnings == [
        "nomor surat terbaca '800.1.12.5/0000/SJ', manifest menyebut '800.1.12.5/9999/SJ'"
    ]


# --- the real scanned circular (OCR) ----------------------------------------------------------------


@pytest.fixture(scope="module")
def dumai(mirror, manifest, ocr):
    """The Dumai circular read once per session through OCR (about a minute or two on a busy machine)."""
    meta = manifest.get(DUMAI)
    source = read_source(mirror / meta.sources[0].file)
    assert source.method == "ocr"
    doc = parse_decree(clean(source)[0], meta)
    return doc, {u.id: u for u in doc.units}


@pytest.mark.slow
def test_dumai_head(dumai):
    doc, units = dumai
    head = units[f"{DUMAI}/kepala"]
    assert head.columns["Nomor"] == "800/873/BKPSDM"
    assert head.columns["Tanggal"] == "24 Mei 2023"
    assert head.columns["Sifat"] == "Penting"
    assert head.columns["Hal"] == (
        "Pedoman Pembinaan dan Pengawasan Netralitas Pegawai Pemerintah Non Pegawai Negeri Dalam "
        "Penyelenggaraan Pemilihan Umum dan Pemilihan"
    )
    assert head.short_label == "SE Wali Kota Dumai 800/873/BKPSDM"
    assert "nomor surat (Nomor) tidak ditemukan" not in doc.report.warnings


@pytest.mark.slow
def test_dumai_points_a_to_f(dumai):
    doc, units = dumai
    top = [u.id for u in doc.units if u.parent_id is None and u.kind != "kepala"]
    assert top == [f"{DUMAI}/huruf-{x}" for x in "abcdef"]
    assert units[f"{DUMAI}/huruf-a"].text.startswith("Latar Belakang\nDalam rangka menjaga Netralitas")
    # E.2 runs over the page break into its lettered points a-f.
    letters = [u.id for u in doc.units if u.parent_id == f"{DUMAI}/huruf-e/angka-2"]
    assert letters == [f"{DUMAI}/huruf-e/angka-2/huruf-{x}" for x in "abcdef"]
    assert units[f"{DUMAI}/huruf-d/angka-1"].text.startswith(
        "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintah Daerah"
    )


@pytest.mark.slow
def test_dumai_point_citing_the_skb(dumai):
    _, units = dumai
    point = units[f"{DUMAI}/huruf-e/angka-3"]
    assert point.short_label == "huruf E angka 3 SE Wali Kota Dumai 800/873/BKPSDM"
    assert point.label == "huruf E angka 3 Surat Edaran Wali Kota Dumai Nomor 800/873/BKPSDM"
    for number in ("Nomor 2 Tahun 2022", "800-5474", "Nomor 30 Tahun 2022", "1447.1/PM.01/K.1/09/2022"):
        assert number in point.text
    # The closing sentence and the signature are not part of the last point.
    assert "Demikian" not in units[f"{DUMAI}/huruf-f"].text
    assert "Scanned by" not in units[f"{DUMAI}/huruf-e/angka-2"].text
