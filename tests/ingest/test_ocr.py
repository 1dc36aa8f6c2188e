"""OCR of image-only PDFs with Tesseract: a generated scan, the real Dumai circular, and the errors."""

from __future__ import annotations

import re
import time

import pytest
from fpdf import FPDF

from ingest.clean import clean
from ingest.errors import IngestError
from ingest.read import read_source
from tests.fixtures.official_pdf import OFFICIAL_BLOCKS, PAGE_BREAK, make_image_only_pdf

# Two pages of the official layout: Pasal 2 runs from page 1 onto page 2.
SCAN_BLOCKS = OFFICIAL_BLOCKS[OFFICIAL_BLOCKS.index("Dengan Persetujuan Bersama") : OFFICIAL_BLOCKS.index("Pasal 3")]


@pytest.fixture(scope="module")
def scanned_pdf(tmp_path_factory, pdftoppm):
    return make_image_only_pdf(tmp_path_factory.mktemp("scan") / "scan.pdf", SCAN_BLOCKS, dpi=200)


@pytest.fixture(scope="module")
def scanned_source(scanned_pdf, ocr):
    return read_source(scanned_pdf)  # ~10 s: read once for the tests below


def test_image_only_pdf_is_read_by_ocr_page_by_page(scanned_source):
    source = scanned_source

    assert source.method == "ocr"
    assert source.page_count == 2
    pages = {line.text: line.page for line in source.lines}
    assert pages["Pasal 2"] == 1
    assert pages["(2) Pengawas dilarang:"] == 2
    assert pages["b. memberikan dukungan kepada peserta pemilihan."] == 2


def test_ocr_text_cleans_to_the_body(scanned_source):
    cleaned, report = clean(scanned_source)

    texts = [line.text for line in cleaned.lines]
    body = [b for b in SCAN_BLOCKS if b != PAGE_BREAK]
    assert len(texts) == len(body)
    # OCR may still confuse punctuation ("politik, dan"); the structure markers must be exact.
    marker = re.compile(r"^(Pasal \d+|BAB [IVX]+|\(\d+\)|[a-z]\.|\d+\.)(?= |$)")
    assert [marker.match(t) and marker.match(t).group(1) for t in texts] == [
        marker.match(b) and marker.match(b).group(1) for b in body
    ]
    assert report.removed["running_head"] == 5  # SALINAN + PRESIDEN/REPUBLIK INDONESIA twice
    assert report.removed["setneg_footer"] == 2
    assert report.removed["catchword"] == 1
    assert {line.page for line in cleaned.lines if line.text.startswith("(2) Pengawas")} == {2}


def test_blank_scan_is_an_error_not_an_empty_document(tmp_path, ocr):
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(0, 0, 210, 297, style="F")  # a page with no text layer and nothing to read
    path = tmp_path / "kosong.pdf"
    pdf.output(str(path))

    with pytest.raises(IngestError) as info:
        read_source(path)
    assert "tidak menghasilkan teks" in info.value.pesan
    assert info.value.detail == "empty text after ocr"


def test_missing_tesseract_names_the_file_and_the_install(scanned_pdf, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no tesseract, no pdftoppm

    with pytest.raises(IngestError) as info:
        read_source(scanned_pdf)
    error = info.value
    assert error.path == str(scanned_pdf)
    assert "apt-get install tesseract-ocr tesseract-ocr-ind" in error.pesan
    assert "tesseract" in error.detail


@pytest.mark.slow
def test_mirror_dumai_circular_is_read_by_ocr(mirror, ocr):
    """The real phone scan (3 pages, no text layer). About 35 s of CPU; ~65 s on a busy machine."""
    started = time.monotonic()
    source = read_source(mirror / "se-walikota-dumai-800-873-bkpsdm-2023.pdf")
    elapsed = time.monotonic() - started

    assert source.method == "ocr"
    assert source.page_count == 3
    text_of = {page: " ".join(l.text for l in source.lines if l.page == page) for page in (1, 2, 3)}
    # Page 1 is the handwritten disposition sheet of Kecamatan Sungai Sembilan; the SE is pp. 2-3.
    assert "DUMAI" in text_of[1].upper()
    assert re.search(r"800\s*/\s*873\s*/\s*BKPSDM", text_of[2])
    assert "SURAT EDARAN" in text_of[2]
    assert "Netralitas" in text_of[2] and "Netralitas" in text_of[3]
    assert "TKPK" in text_of[3]
    print(f"OCR of 3 pages took {elapsed:.1f} s")
