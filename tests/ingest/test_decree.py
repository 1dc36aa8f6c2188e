"""Keputusan Bersama parsing on a generated PDF that reproduces the structure of SKB 2/2022.

The PDF is written by ``tests/fixtures/skb_pdf.py`` and read back with the real reader (pypdf),
so the tests see what ingest sees: wrapped lines, page numbers, a table whose cells wrap and
that runs over a page break with its heading repeated, and five signature blocks.
"""

from __future__ import annotations

import pytest

from ingest.clean import clean
from ingest.decree import parse_decree
from ingest.errors import IngestError
from ingest.model import Line, SourceText
from ingest.read import read_source
from tests.fixtures.skb_pdf import write_skb_pdf

CITATION = (
    "Keputusan Bersama Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi, Menteri Dalam "
    "Negeri, Kepala Badan Kepegawaian Negara, Ketua Komisi Aparatur Sipil Negara, dan Ketua Badan "
    "Pengawas Pemilihan Umum Nomor 2 Tahun 2022, Nomor 800-5474 Tahun 2022, Nomor 246 Tahun 2022, "
    "Nomor 30 Tahun 2022, Nomor 1447.1/PM.01/K.1/09/2022"
)


@pytest.fixture(scope="module")
def meta(manifest):
    return manifest.get("skb-2-2022")


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> SourceText:
    return read_source(write_skb_pdf(tmp_path_factory.mktemp("skb") / "skb-2-2022.pdf"))


@pytest.fixture(scope="module")
def doc(source, meta):
    return parse_decree(source, meta)


@pytest.fixture(scope="module")
def units(doc):
    return {u.id: u for u in doc.units}


def test_manifest_citation_is_the_one_labels_use(meta):
    assert meta.citation == CITATION
    assert meta.short_name == "SKB 2/2022"


def test_every_diktum_in_order(doc):
    diktum = [u.id for u in doc.units if u.kind == "diktum"]
    assert diktum == [
        "skb-2-2022/diktum-kesatu",
        "skb-2-2022/diktum-kedua",
        "skb-2-2022/diktum-ketiga",
        "skb-2-2022/diktum-keempat",
        "skb-2-2022/diktum-kelima",
        "skb-2-2022/diktum-keenam",
        "skb-2-2022/diktum-ketujuh",
    ]


def test_diktum_ketiga_text_and_labels(units):
    unit = units["skb-2-2022/diktum-ketiga"]
    assert unit.kind == "diktum"
    assert unit.number == "KETIGA"
    assert unit.short_label == "Diktum KETIGA SKB 2/2022"
    assert unit.label == f"Diktum KETIGA {CITATION}"
    assert unit.text == (
        "Pejabat Pembina Kepegawaian wajib menjatuhkan sanksi kepada Pegawai Aparatur Sipil Negara "
        "yang terbukti melanggar netralitas sesuai dengan ketentuan peraturan perundang-undangan."
    )


def test_diktum_keeps_its_points(units):
    kedua = units["skb-2-2022/diktum-kedua"]
    assert kedua.text == (
        "Pedoman sebagaimana dimaksud dalam Diktum KESATU menjadi acuan bagi:\n"
        "a. instansi pemerintah pusat dan instansi pemerintah daerah dalam pembinaan dan pengawasan "
        "netralitas Pegawai Aparatur Sipil Negara; dan\n"
        "b. Badan Pengawas Pemilihan Umum beserta jajarannya dalam pengawasan netralitas Pegawai "
        "Aparatur Sipil Negara."
    )
    huruf_b = units["skb-2-2022/diktum-kedua/huruf-b"]
    assert huruf_b.parent_id == "skb-2-2022/diktum-kedua"
    assert huruf_b.short_label == "Diktum KEDUA huruf b SKB 2/2022"
    assert huruf_b.text == (
        "Badan Pengawas Pemilihan Umum beserta jajarannya dalam pengawasan netralitas Pegawai "
        "Aparatur Sipil Negara."
    )


def test_last_diktum_stops_before_the_signatures(units):
    assert units["skb-2-2022/diktum-ketujuh"].text == "Keputusan Bersama ini mulai berlaku pada tanggal ditetapkan."


def test_menimbang_and_mengingat(units):
    assert units["skb-2-2022/menimbang/huruf-b"].short_label == "Menimbang huruf b SKB 2/2022"
    assert units["skb-2-2022/menimbang/huruf-b"].text == (
        "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan Keputusan "
        "Bersama tentang Pedoman Pembinaan dan Pengawasan Netralitas Pegawai Aparatur Sipil Negara "
        "dalam Penyelenggaraan Pemilihan Umum dan Pemilihan;"
    )
    mengingat = [u.id for u in units.values() if u.kind == "mengingat"]
    assert mengingat == [f"skb-2-2022/mengingat/angka-{n}" for n in (1, 2, 3)]
    assert units["skb-2-2022/mengingat/angka-3"].text == (
        "Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil;"
    )


def test_lampiran_chapters(doc, units):
    babs = [u.id for u in doc.units if u.kind == "bab"]
    assert babs == [f"skb-2-2022/lampiran/bab-{n}" for n in ("i", "ii", "iii", "iv")]
    assert units["skb-2-2022/lampiran/bab-ii"].short_label == "Lampiran SKB 2/2022 Bab II"
    # The closing chapter ends before the five signature blocks.
    assert units["skb-2-2022/lampiran/bab-iv"].text == (
        "PENUTUP\nPedoman ini menjadi acuan bersama dalam menjaga netralitas Pegawai Aparatur Sipil Negara."
    )


def test_lampiran_point_bab_ii_huruf_b_angka_3(units):
    unit = units["skb-2-2022/lampiran/bab-ii/huruf-b/angka-3"]
    assert unit.kind == "angka"
    assert unit.number == "3"
    assert unit.short_label == "Lampiran SKB 2/2022 Bab II huruf B angka 3"
    assert unit.label == f"Lampiran {CITATION} Bab II huruf B angka 3"
    assert unit.parent_id == "skb-2-2022/lampiran/bab-ii/huruf-b"
    assert unit.hierarchy == [
        "LAMPIRAN",
        "BAB II JENIS PELANGGARAN NETRALITAS PEGAWAI ASN DAN SANKSI",
        "B. Jenis Pelanggaran",
    ]
    assert unit.text == (
        "menghadiri deklarasi bakal calon atau calon peserta Pemilihan Umum atau Pemilihan, baik:\n"
        "a. dengan menggunakan atribut partai politik; maupun\n"
        "b. tanpa menggunakan atribut partai politik;"
    )
    assert units["skb-2-2022/lampiran/bab-ii/huruf-b/angka-3/huruf-b"].short_label == (
        "Lampiran SKB 2/2022 Bab II huruf B angka 3 huruf b"
    )


def test_lampiran_section_keeps_its_title(units):
    assert units["skb-2-2022/lampiran/bab-i/huruf-b"].text == (
        "Maksud dan Tujuan\n"
        "1. Maksud Pedoman ini sebagai acuan pembinaan dan pengawasan netralitas.\n"
        "2. Tujuan Pedoman ini mewujudkan Pegawai Aparatur Sipil Negara yang netral dan profesional."
    )


def test_last_point_of_a_section_before_the_next_chapter(units):
    # angka 5 is followed by "BAB II": the chapter heading must not run into the point.
    unit = units["skb-2-2022/lampiran/bab-i/huruf-d/angka-5"]
    assert unit.text == (
        "Pemilihan adalah pelaksanaan kedaulatan rakyat untuk memilih gubernur, bupati, dan wali kota "
        "secara langsung dan demokratis."
    )


def test_deep_points_keep_the_parenthesis_in_labels(units):
    unit = units["skb-2-2022/lampiran/bab-iii/huruf-a/angka-1/huruf-b/angka-2"]
    assert unit.short_label == "Lampiran SKB 2/2022 Bab III huruf A angka 1 huruf b angka 2)"
    assert unit.text == "uraian kejadian; dan"


def test_table_rows_keep_their_columns(doc, units):
    rows = [u for u in doc.units if u.kind == "baris"]
    assert [u.id for u in rows] == [f"skb-2-2022/lampiran/bab-ii/tabel-1/baris-{n}" for n in range(1, 10)]
    row = units["skb-2-2022/lampiran/bab-ii/tabel-1/baris-3"]
    assert row.columns == {
        "No": "3",
        "Jenis Pelanggaran": (
            "Menghadiri deklarasi bakal calon atau calon peserta Pemilihan Umum atau Pemilihan dengan "
            "atau tanpa atribut partai politik."
        ),
        "Sanksi": "Hukuman disiplin sedang berupa pemotongan tunjangan kinerja sebesar 25% selama 6 bulan.",
    }
    assert row.short_label == "Lampiran SKB 2/2022 Bab II tabel 1 baris 3"
    assert row.label == f"Lampiran {CITATION} Bab II tabel 1 baris 3"
    assert row.parent_id == "skb-2-2022/lampiran/bab-ii/tabel-1"
    assert row.text == (
        "Jenis Pelanggaran: Menghadiri deklarasi bakal calon atau calon peserta Pemilihan Umum atau "
        "Pemilihan dengan atau tanpa atribut partai politik.\n"
        "Sanksi: Hukuman disiplin sedang berupa pemotongan tunjangan kinerja sebesar 25% selama 6 bulan."
    )


def test_table_over_a_page_break(units):
    table = units["skb-2-2022/lampiran/bab-ii/tabel-1"]
    assert table.kind == "tabel"
    assert table.parent_id == "skb-2-2022/lampiran/bab-ii/huruf-c"
    assert len(table.pages) == 2  # the fixture's table runs over a page break, heading repeated
    assert table.text.count("No | Jenis Pelanggaran | Sanksi") == 1
    # Each row cites the page it stands on: the first rows before the break, the last after it.
    first, last = table.pages
    assert units["skb-2-2022/lampiran/bab-ii/tabel-1/baris-1"].pages == [first]
    assert units["skb-2-2022/lampiran/bab-ii/tabel-1/baris-9"].pages == [last]
    assert units["skb-2-2022/lampiran/bab-ii/tabel-1/baris-9"].columns == {
        "No": "9",
        "Jenis Pelanggaran": "Mencalonkan diri sebagai calon tanpa mengundurkan diri sebagai Pegawai ASN.",
        "Sanksi": "Pemberhentian dengan hormat tidak atas permintaan sendiri.",
    }


def test_text_after_the_table_is_not_swallowed(units):
    assert units["skb-2-2022/lampiran/bab-iii/huruf-b"].text == (
        "Penjatuhan Sanksi\nPejabat Pembina Kepegawaian menjatuhkan sanksi paling lama 14 (empat belas) "
        "hari kerja setelah menerima rekomendasi."
    )
    assert units["skb-2-2022/lampiran/bab-ii"].text.endswith(
        "9 | Mencalonkan diri sebagai calon tanpa mengundurkan diri sebagai Pegawai ASN. | "
        "Pemberhentian dengan hormat tidak atas permintaan sendiri."
    )


def test_report_counts_and_unique_ids(doc):
    assert doc.report.counts == {
        "menimbang": 2, "mengingat": 3, "diktum": 7, "huruf": 15, "bab": 4, "angka": 19, "tabel": 1, "baris": 9,
    }
    assert doc.report.warnings == []
    assert doc.report.method == "pypdf"
    ids = [u.id for u in doc.units]
    assert len(ids) == len(set(ids))
    assert [u.order for u in doc.units] == list(range(len(ids)))


def test_cleaned_source_parses_the_same(source, meta, doc):
    cleaned, _ = clean(source)
    again = parse_decree(cleaned, meta)
    assert [(u.id, u.text, u.columns) for u in again.units] == [(u.id, u.text, u.columns) for u in doc.units]


def test_without_text_positions_rows_are_kept_whole_with_a_warning(source, meta):
    # An OCR'd SKB has no text positions: rows are found by their numbers, cells stay together.
    ocr_like = SourceText(path="scan.pdf", lines=source.lines, page_count=source.page_count, method="ocr")
    doc = parse_decree(ocr_like, meta)
    row = next(u for u in doc.units if u.id == "skb-2-2022/lampiran/bab-ii/tabel-1/baris-4")
    assert row.columns == {
        "No": "4",
        "Uraian": "Memberikan tanggapan atau dukungan atas unggahan calon di media sosial. Sanksi moral "
        "berupa pernyataan secara tertutup.",
    }
    assert any("kolom tidak dapat dipisahkan" in w for w in doc.report.warnings)


def test_other_kinds_are_refused(source, manifest):
    with pytest.raises(IngestError, match="bukan keputusan atau surat"):
        parse_decree(source, manifest.get("uu-5-2014"))


def test_diktum_word_alone_or_with_a_misread_colon(source, meta, doc):
    # Scans and other producers print "KETIGA" on its own line with ": text" below it, or OCR
    # reads the colon as ";". The units must not change.
    lines = []
    for line in source.lines:
        if line.text.startswith("KETIGA : "):
            lines += [Line("KETIGA", line.page), Line(": " + line.text[len("KETIGA : "):], line.page)]
        elif line.text.startswith("KEEMPAT : "):
            lines.append(Line(line.text.replace("KEEMPAT : ", "KEEMPAT ; "), line.page))
        else:
            lines.append(line)
    varied = SourceText(path=source.path, lines=lines, page_count=source.page_count, method=source.method)
    again = {u.id: u.text for u in parse_decree(varied, meta).units}
    assert again == {u.id: u.text for u in doc.units}


def test_ocr_shapes_of_labels_and_chapters(meta):
    # Shapes Tesseract (--psm 6) gives for the fixture's page images: the colon after a label read
    # as "." or a quote, "BAB I" read as "BAB |", a page number glued before LAMPIRAN.
    text = """Menimbang . a. bahwa netralitas perlu dijaga;
b. bahwa perlu menetapkan Keputusan Bersama;
Mengingat "1. Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara;
MEMUTUSKAN:
Menetapkan : KEPUTUSAN BERSAMA TENTANG PEDOMAN.
KESATU . Menetapkan Pedoman sebagaimana tercantum dalam Lampiran.
KEDUA
: Keputusan Bersama ini mulai berlaku pada tanggal ditetapkan.
Ditetapkan di Jakarta
-4- LAMPIRAN
BAB |
PENDAHULUAN
A. Latar Belakang
Netralitas merupakan asas.
"""
    source = SourceText(path="scan.pdf", lines=[Line(t, 1) for t in text.splitlines()], page_count=1, method="ocr")
    units = {u.id: u.text for u in parse_decree(source, meta).units}
    assert units == {
        "skb-2-2022/menimbang/huruf-a": "bahwa netralitas perlu dijaga;",
        "skb-2-2022/menimbang/huruf-b": "bahwa perlu menetapkan Keputusan Bersama;",
        "skb-2-2022/mengingat/angka-1": "Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara;",
        "skb-2-2022/diktum-kesatu": "Menetapkan Pedoman sebagaimana tercantum dalam Lampiran.",
        "skb-2-2022/diktum-kedua": "Keputusan Bersama ini mulai berlaku pada tanggal ditetapkan.",
        "skb-2-2022/lampiran/bab-i": "PENDAHULUAN\nA. Latar Belakang\nNetralitas merupakan asas.",
        "skb-2-2022/lampiran/bab-i/huruf-a": "Latar Belakang\nNetralitas merupakan asas.",
    }


def test_references_inside_the_decree(units):
    # "Pelanggaran sebagaimana dimaksud pada huruf B dikenai sanksi": huruf B of the same chapter.
    assert units["skb-2-2022/lampiran/bab-ii/huruf-c"].refs == ["skb-2-2022/lampiran/bab-ii/huruf-b"]
    # "Pedoman sebagaimana dimaksud dalam Diktum KESATU"
    assert units["skb-2-2022/diktum-kedua"].refs == ["skb-2-2022/diktum-kesatu"]
    # The chapter holds the reference in its text, but a unit never cites what lies inside it.
    assert units["skb-2-2022/lampiran/bab-ii"].refs == []
    cited = {r for u in units.values() for r in u.refs}
    assert cited == {"skb-2-2022/lampiran/bab-ii/huruf-b", "skb-2-2022/diktum-kesatu"}
