"""read_source: PDFs via pypdf with pages, text copies, and every kind of bad input as IngestError."""

from __future__ import annotations

import pypdf
import pytest

from ingest.errors import IngestError
from ingest.model import Line
from ingest.read import read_source, strip_markdown_emphasis
from tests.fixtures.official_pdf import OFFICIAL_BLOCKS, body_pages, make_official_pdf


@pytest.fixture
def official_pdf(tmp_path):
    return make_official_pdf(tmp_path / "uu-99-2099.pdf")


# --- PDFs with a text layer --------------------------------------------------------------------


def test_pdf_lines_keep_their_page(official_pdf):
    source = read_source(official_pdf)

    assert source.method == "pypdf"
    assert source.page_count == len(body_pages()) == 4
    assert source.path == str(official_pdf)
    by_text = {line.text: line.page for line in source.lines}
    assert by_text["SALINAN"] == 1
    assert by_text["- 2 -"] == 2
    assert by_text["(1) Pengawas wajib bersikap netral dalam setiap"] == 2
    assert by_text["(2) Pengawas dilarang:"] == 3
    assert by_text["Yang dimaksud dengan netral adalah tidak berpihak."] == 4
    assert all(line.text.strip() for line in source.lines), "no blank lines from a PDF"


def test_pdf_reads_every_body_line_in_order(official_pdf):
    texts = [line.text for line in read_source(official_pdf).lines]
    body = [b for b in OFFICIAL_BLOCKS if b != "\f"]
    # Every body line appears, in order (furniture may stand between them).
    remaining = iter(texts)
    missing = [line for line in body if line not in remaining]
    assert missing == []


def test_pdf_encrypted_with_empty_password_is_read(official_pdf, tmp_path):
    # Official PDFs are often "encrypted" only to restrict printing: the empty password opens them.
    writer = pypdf.PdfWriter(clone_from=str(official_pdf))
    writer.encrypt(user_password="", owner_password="pemilik", algorithm="RC4-128")
    path = tmp_path / "restricted.pdf"
    writer.write(path)

    source = read_source(path)
    assert source.method == "pypdf"
    assert "Pasal 2" in [line.text for line in source.lines]


def test_mirror_pp_94_2021_text_layer(mirror):
    source = read_source(mirror / "pp-94-2021.pdf")

    assert source.method == "pypdf"
    assert source.page_count == 51
    pages_of = {}
    for line in source.lines:
        pages_of.setdefault(line.text, line.page)
    assert pages_of["SALINAN"] == 1
    assert pages_of["Pasal 1 1"] == 12  # the OCR layer as published; clean() repairs it
    assert pages_of["PENJELASAN"] == 35
    assert source.lines[-2] == Line("TAMBAHAN LEMBARAN NEGARA REPUBLIK INDONESIA NOMOR 6718", 51)
    assert source.lines[-1] == Line("SK No 023649 A", 51)


# --- text copies -------------------------------------------------------------------------------


def test_text_copy_has_lines_without_pages(tmp_path):
    path = tmp_path / "copy.md"
    path.write_text("Pasal 1\n\n(1) Ayat satu.\r\n", encoding="utf-8")

    source = read_source(path)

    assert source.method == "text"
    assert source.page_count is None
    assert [(line.text, line.page) for line in source.lines] == [("Pasal 1", None), ("", None), ("(1) Ayat satu.", None)]


def test_mirror_uu_5_2014_text_copy(mirror):
    source = read_source(mirror / "uu-5-2014.md")

    assert source.method == "text"
    raw = (mirror / "uu-5-2014.md").read_text(encoding="utf-8").splitlines()
    assert len(source.lines) == len(raw)
    penjelasan = next(line.text for line in source.lines if "cultural" in line.text)
    assert "pembangunan bangsa (cultural and political development) serta" in penjelasan
    assert "(economic and social development)" in penjelasan


def test_markdown_emphasis_is_stripped_only_around_words():
    assert strip_markdown_emphasis("bangsa ( _cultural_ _and political_ _development_ ) serta") == (
        "bangsa (cultural and political development) serta"
    )
    assert strip_markdown_emphasis("disebut _black campaign_ .") == "disebut black campaign ."
    # OCR page numbers and identifiers with underscores stay as they are.
    assert strip_markdown_emphasis("_25_") == "_25_"
    assert strip_markdown_emphasis("_ 10_") == "_ 10_"
    assert strip_markdown_emphasis("file_name_v2") == "file_name_v2"


# --- bad input ---------------------------------------------------------------------------------


def _error(path) -> IngestError:
    with pytest.raises(IngestError) as info:
        read_source(path)
    error = info.value
    assert error.path == str(path)
    assert str(path) in str(error)
    return error


def test_missing_file(tmp_path):
    error = _error(tmp_path / "tidak-ada.pdf")
    assert "tidak ditemukan" in error.pesan


def test_zero_byte_file(tmp_path):
    path = tmp_path / "kosong.pdf"
    path.write_bytes(b"")
    assert "kosong" in _error(path).pesan


def test_zero_byte_text_copy(tmp_path):
    path = tmp_path / "kosong.md"
    path.write_bytes(b"")
    assert "kosong" in _error(path).pesan


def test_whitespace_only_text_copy(tmp_path):
    path = tmp_path / "spasi.txt"
    path.write_text("\n   \n\n", encoding="utf-8")
    assert "tidak berisi teks" in _error(path).pesan


@pytest.mark.parametrize("fraction", [0.3, 0.9])
def test_truncated_pdf(official_pdf, tmp_path, fraction):
    data = official_pdf.read_bytes()
    path = tmp_path / "terpotong.pdf"
    path.write_bytes(data[: int(len(data) * fraction)])

    error = _error(path)
    assert error.pesan == "berkas PDF rusak atau terpotong"
    assert error.detail.startswith("pypdf:")


def test_not_a_pdf_at_all(tmp_path):
    path = tmp_path / "palsu.pdf"
    path.write_text("<html>bukan PDF</html>", encoding="utf-8")
    assert _error(path).pesan == "berkas PDF rusak atau terpotong"


def test_password_protected_pdf(official_pdf, tmp_path):
    writer = pypdf.PdfWriter(clone_from=str(official_pdf))
    writer.encrypt(user_password="rahasia", owner_password="pemilik", algorithm="RC4-128")
    path = tmp_path / "terkunci.pdf"
    writer.write(path)

    error = _error(path)
    assert "kata sandi" in error.pesan
    assert "encrypted" in error.detail


def test_unsupported_extension(tmp_path):
    path = tmp_path / "uu.docx"
    path.write_bytes(b"PK\x03\x04 not really a docx")
    error = _error(path)
    assert "tidak didukung" in error.pesan and ".docx" in error.pesan


def test_folder_is_not_a_file(tmp_path):
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    assert "bukan berkas" in _error(folder).pesan


def test_text_copy_not_utf8(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Pasal 1\nketentuan \xe9".encode("utf-16"))
    assert "UTF-8" in _error(path).pesan
