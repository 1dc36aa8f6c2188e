"""A PDF in the official Setneg layout reads and cleans to the same body as its text copy,
and parses to the same units, with the pages of the PDF."""

from __future__ import annotations


import pytest

from corpus.manifest import DocumentMeta
from ingest.clean import clean
from ingest.read import read_source
from tests.fixtures.official_pdf import OFFICIAL_BLOCKS, PAGE_BREAK, body_pages, make_official_pdf, write_text_copy

META = DocumentMeta(
    id="uu-99-2099",
    kind="UU",
    number="99",
    year=2099,
    title="Pengawasan Contoh",
    citation="Undang-Undang Nomor 99 Tahun 2099 tentang Pengawasan Contoh",
    short_name="UU 99/2099",
)


@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    folder = tmp_path_factory.mktemp("official")
    pdf = clean(read_source(make_official_pdf(folder / "uu-99-2099.pdf")))
    text = clean(read_source(write_text_copy(folder / "uu-99-2099.txt")))
    return pdf, text


def test_pdf_cleans_to_the_text_copy(copies):
    (pdf, pdf_report), (text, text_report) = copies

    assert [line.text for line in pdf.lines] == [line.text for line in text.lines]
    assert [line.text for line in text.lines] == [b for b in OFFICIAL_BLOCKS if b != PAGE_BREAK]
    assert text_report.removed == {} and text_report.repaired == {}
    pages = body_pages()
    assert pdf_report.removed == {
        "running_head": 1 + 2 * len(pages),  # SALINAN, then PRESIDEN / REPUBLIK INDONESIA on every page
        "page_number": len(pages) - 1,
        "setneg_footer": len(pages),
        "catchword": len(pages) - 1,
    }


def test_pdf_lines_keep_their_pages(copies):
    (pdf, _), _ = copies
    expected = [(text, number) for number, lines in enumerate(body_pages(), start=1) for text in lines]
    assert [(line.text, line.page) for line in pdf.lines] == expected
    assert pdf.page_count == 4


def test_pdf_parses_to_the_same_units_as_the_text_copy(copies):
    from ingest.parse import parse_document

    (pdf, _), (text, _) = copies
    from_pdf = parse_document(pdf, META)
    from_text = parse_document(text, META)

    assert [(u.id, u.text) for u in from_pdf.units] == [(u.id, u.text) for u in from_text.units]
    assert from_pdf.report.counts["pasal"] == 3
    pages = {u.id: u.pages for u in from_pdf.units}
    assert pages["uu-99-2099/pasal-1"] == [2]
    assert pages["uu-99-2099/pasal-2"] == [2, 3]  # split over the page break
    assert pages["uu-99-2099/pasal-2/ayat-1"] == [2]
    assert pages["uu-99-2099/pasal-2/ayat-2/huruf-b"] == [3]
    assert pages["uu-99-2099/penjelasan/pasal-2/ayat-1"] == [4]
    assert all(u.pages == [] for u in from_text.units)
    texts = {u.id: u.text for u in from_pdf.units}
    assert texts["uu-99-2099/pasal-2/ayat-1"] == "Pengawas wajib bersikap netral dalam setiap tahapan pengawasan."
    # No furniture leaked into any unit.
    leaked = [u.id for u in from_pdf.units if any(w in u.text for w in ("SK No", ". . .", "- 3 -", "SALINAN"))]
    assert leaked == []
