"""Documents added through the app: validated before anything is written, merged after the manifest."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import user_documents as ud
from corpus.manifest import Manifest, load_manifest
from tests.fixtures.text_pdf import text_pdf

SE_TEXT = [
    "SURAT EDARAN MENTERI DALAM NEGERI",
    "NOMOR 100.2.1/1234/SJ TAHUN 2024",
    "TENTANG NETRALITAS APARATUR SIPIL NEGARA DALAM PEMILIHAN KEPALA DAERAH",
    "1. Aparatur sipil negara dilarang memberikan dukungan kepada pasangan calon.",
    "2. Aparatur sipil negara dapat menghadiri kampanye tanpa atribut dan tanpa ikut berkampanye.",
]
UPLOAD = ud.Upload(
    kind="Surat Edaran",
    number="100.2.1/1234/SJ",
    year=2024,
    title="Netralitas Aparatur Sipil Negara dalam Pemilihan Kepala Daerah",
)


BASE = load_manifest()


@pytest.fixture
def data(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def user(data) -> Path:
    """The folder of added documents (``Settings.user_dir`` of the data folder)."""
    return data / "user"


def _nothing_written(data: Path) -> bool:
    return not (data / "user").exists() or not any((data / "user").rglob("*"))


def test_added_document_is_kept_and_listed(data, user):
    content = text_pdf(SE_TEXT)
    meta = ud.add_user_document(user, UPLOAD, content, original_name="se mendagri netralitas.pdf", existing=BASE)
    assert meta.id == "se-100-2-1-1234-sj-2024"
    assert meta.kind == "Surat Edaran"
    assert meta.citation == (
        "Surat Edaran Nomor 100.2.1/1234/SJ Tahun 2024 tentang "
        "Netralitas Aparatur Sipil Negara dalam Pemilihan Kepala Daerah"
    )
    assert meta.short_name == "SE 100.2.1/1234/SJ Tahun 2024"
    stored = Path(meta.sources[0].file)
    assert stored == data / "user" / "files" / "se-100-2-1-1234-sj-2024.pdf"
    assert stored.read_bytes() == content
    assert ud.user_manifest(user) == [meta]
    assert ud.user_file(user, meta.id) == stored


def test_issuer_enters_the_citation_and_plain_numbers_the_short_name():
    upload = ud.Upload(kind="Surat Edaran", number="100.2.1/1234/SJ", year=2024, title="Netralitas ASN",
                       issuer="Menteri Dalam Negeri")  # fmt: skip
    assert ud.compose_names(upload) == (
        "Surat Edaran Menteri Dalam Negeri Nomor 100.2.1/1234/SJ Tahun 2024 tentang Netralitas ASN",
        "SE 100.2.1/1234/SJ Tahun 2024",
    )
    pp = ud.Upload(kind="PP", number="99", year=2025, title="Netralitas Pegawai")
    assert ud.compose_names(pp) == (
        "Peraturan Pemerintah Nomor 99 Tahun 2025 tentang Netralitas Pegawai",
        "PP 99/2025",
    )


def test_given_names_win_and_a_full_title_is_not_repeated():
    upload = ud.Upload(kind="Surat Edaran", number="800/873/BKPSDM", year=2023,
                       title="Surat Edaran Wali Kota Dumai Nomor 800/873/BKPSDM tentang Netralitas PPNPN",
                       short_name="SE Wali Kota Dumai 800/873/BKPSDM")  # fmt: skip
    citation, short = ud.compose_names(upload)
    assert citation == "Surat Edaran Wali Kota Dumai Nomor 800/873/BKPSDM tentang Netralitas PPNPN"
    assert short == "SE Wali Kota Dumai 800/873/BKPSDM"


def test_merged_manifest_puts_user_documents_after_the_main_ones(user):
    base = load_manifest()
    meta = ud.add_user_document(user, UPLOAD, text_pdf(SE_TEXT), existing=BASE)
    merged = ud.merged_manifest(base, user)
    assert merged.ids() == [*base.ids(), meta.id]
    assert merged.get(meta.id).sources[0].file.endswith(".pdf")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Berkas kosong"),
        (b"Nomor 1 Tahun 2024\nini teks biasa, bukan PDF", "bukan PDF"),
        (b"%PDF-1.4\n%garbage without objects or trailer", "PDF rusak"),
    ],
)
def test_bad_file_is_refused_and_changes_nothing(data, content, message, user):
    with pytest.raises(ud.UserDocumentError, match=message):
        ud.add_user_document(user, UPLOAD, content, existing=BASE)
    assert ud.user_manifest(user) == []
    assert _nothing_written(data)


def test_missing_fields_are_refused_before_the_file_is_read(data, user):
    with pytest.raises(ud.UserDocumentError, match="Nomor dokumen wajib diisi"):
        ud.add_user_document(user, ud.Upload(kind="Surat Edaran", number=" ", year=2024, title="x"), text_pdf(SE_TEXT), BASE)
    with pytest.raises(ud.UserDocumentError, match="Jenis dokumen tidak dikenal"):
        ud.add_user_document(user, ud.Upload(kind="Memo", number="1", year=2024, title="x"), text_pdf(SE_TEXT), BASE)
    with pytest.raises(ud.UserDocumentError, match="Tahun 1800"):
        ud.add_user_document(user, ud.Upload(kind="PP", number="1", year=1800, title="x"), text_pdf(SE_TEXT), BASE)
    assert _nothing_written(data)


def test_a_document_already_in_the_corpus_is_refused(data, user):
    existing = Manifest(documents=[load_manifest().get("pp-94-2021")])
    with pytest.raises(ud.UserDocumentError, match="pp-94-2021 sudah ada"):
        ud.add_user_document(user, ud.Upload(kind="PP", number="94", year=2021, title="Disiplin PNS"),
                             text_pdf(SE_TEXT), existing=existing)  # fmt: skip
    ud.add_user_document(user, UPLOAD, text_pdf(SE_TEXT), existing=BASE)
    with pytest.raises(ud.UserDocumentError, match="sudah ada"):
        ud.add_user_document(user, UPLOAD, text_pdf(SE_TEXT), existing=BASE)
    assert len(ud.user_manifest(user)) == 1


def test_remove_undoes_an_addition(data, user):
    meta = ud.add_user_document(user, UPLOAD, text_pdf(SE_TEXT), existing=BASE)
    assert ud.remove_user_document(user, meta.id) is True
    assert ud.user_manifest(user) == []
    assert not Path(meta.sources[0].file).exists()
    assert ud.remove_user_document(user, meta.id) is False


def test_the_upload_form_offers_every_registered_kind():
    from corpus import kinds

    assert ud.KINDS == kinds.NAMES
    assert {"Peraturan Bawaslu", "Peraturan KPU", "Permen", "Perpres"} <= set(ud.KINDS)


def test_a_keputusan_bersama_is_named_skb_like_the_manifest():
    upload = ud.Upload(kind="Keputusan Bersama", number="3", year=2024, title="Netralitas Pegawai")
    assert ud.document_id(upload.kind, upload.number, upload.year) == "skb-3-2024"
    assert ud.compose_names(upload) == ("Keputusan Bersama Nomor 3 Tahun 2024 tentang Netralitas Pegawai", "SKB 3/2024")


def test_a_peraturan_bawaslu_upload_is_stored_and_cited_as_peraturan_bawaslu(data, user):
    upload = ud.Upload(kind="Peraturan Bawaslu", number="6", year=2018,
                       title="Pengawasan Netralitas Pegawai Aparatur Sipil Negara")  # fmt: skip
    meta = ud.add_user_document(user, upload, text_pdf(SE_TEXT), existing=BASE)
    assert meta.id == "perbawaslu-6-2018"
    assert meta.kind == "Peraturan Bawaslu" and not meta.is_decree
    assert meta.citation == (
        "Peraturan Bawaslu Nomor 6 Tahun 2018 tentang "
        "Pengawasan Netralitas Pegawai Aparatur Sipil Negara"
    )
    assert meta.short_name == "Perbawaslu 6/2018"
    assert ud.user_manifest(user) == [meta]


def test_the_manifest_stamp_changes_when_a_document_is_added_or_removed(data, user):
    from corpus.settings import Settings

    settings = Settings(data_dir=data)
    empty = ud.manifest_stamp(settings)
    assert empty[0] == str(data)
    meta = ud.add_user_document(user, UPLOAD, text_pdf(SE_TEXT), BASE)
    added = ud.manifest_stamp(settings)
    assert added != empty
    assert ud.remove_user_document(user, meta.id)
    assert ud.manifest_stamp(settings) != added


@pytest.mark.parametrize("year", [ud.YEAR_MIN, 2099, ud.YEAR_MAX])
def test_every_year_the_form_offers_is_accepted(year):
    assert ud.YEAR_MAX == 2100
    ud.check_form(ud.Upload(kind="PP", number="1", year=year, title="Uji"))


@pytest.mark.parametrize(
    ("number", "year", "message"),
    [
        ("1", ud.YEAR_MAX + 1, "Tahun 2101 di luar rentang 1945–2100"),
        ("1", ud.YEAR_MIN - 1, "Tahun 1944 di luar rentang 1945–2100"),
        ("nomor satu", 2024, "tidak dikenali sebagai nomor dokumen"),
        ("1;DROP", 2024, "tidak dikenali sebagai nomor dokumen"),
        ("9" * (ud.NUMBER_MAX + 1), 2024, "tidak dikenali sebagai nomor dokumen"),
    ],
)
def test_numbers_and_years_outside_the_rules_are_refused(data, user, number, year, message):
    with pytest.raises(ud.UserDocumentError, match=message):
        ud.add_user_document(user, ud.Upload(kind="PP", number=number, year=year, title="x"), text_pdf(SE_TEXT), BASE)
    assert _nothing_written(data)


@pytest.mark.parametrize("number", ["6", "100.2.1/1234/SJ", "B-123/Bawaslu/PM.00.00/07/2023", "800/873 BKPSDM"])
def test_numbers_as_documents_print_them_pass(number):
    ud.check_form(ud.Upload(kind="Surat Edaran", number=number, year=2023, title="Uji"))


def test_the_same_file_under_another_number_is_refused_naming_the_document(data, user):
    content = text_pdf(SE_TEXT)
    meta = ud.add_user_document(user, UPLOAD, content, BASE)
    merged = ud.merged_manifest(BASE, user)
    other = ud.Upload(kind="Surat Edaran", number="999/1/SJ", year=2025, title="Salinan lain")
    with pytest.raises(ud.UserDocumentError) as refused:
        ud.add_user_document(user, other, content, merged)
    assert str(refused.value) == (
        f"Berkas yang sama persis sudah ada di korpus sebagai SE 100.2.1/1234/SJ Tahun 2024 ({meta.citation}). "
        "Berkas ini tidak ditambahkan lagi."
    )
    assert [d.id for d in ud.user_manifest(user)] == [meta.id]


def test_a_mirror_file_without_checksum_is_found_by_hashing_it(data, user):
    corpus = data / "corpus"
    corpus.mkdir(parents=True)
    src = BASE.get("uu-7-2023").sources[0]
    assert src.file.endswith(".pdf") and not src.sha256  # the manifest records no checksum for it
    content = text_pdf(["UNDANG-UNDANG NOMOR 7 TAHUN 2023", "salinan uji"])
    (corpus / src.file).write_bytes(content)
    with pytest.raises(ud.UserDocumentError, match=r"sudah ada di korpus sebagai UU 7/2023 \(Undang-Undang Nomor 7"):
        ud.add_user_document(user, ud.Upload(kind="UU", number="70", year=2023, title="x"), content, BASE,
                             corpus_dir=corpus)  # fmt: skip
    assert _nothing_written(data)
