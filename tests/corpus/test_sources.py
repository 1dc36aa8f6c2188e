"""A document's source PDF, and one page of it as a PDF."""

from __future__ import annotations

import io
from pathlib import Path

from corpus.manifest import DocumentMeta, SourceFile
from corpus.sources import page_pdf, source_pdf


def _meta(*sources: SourceFile) -> DocumentMeta:
    return DocumentMeta("pp-1-2020", "PP", "1", 2020, "Uji", "Peraturan Pemerintah Nomor 1 Tahun 2020", "PP 1/2020",
                        sources=sources)  # fmt: skip


def test_the_pdf_source_present_in_the_folder_is_found(tmp_path):
    (tmp_path / "pp-1-2020.md").write_text("teks")
    (tmp_path / "pp-1-2020.pdf").write_bytes(b"%PDF-1.4")
    meta = _meta(SourceFile("pp-1-2020.md", format="text"), SourceFile("lain.pdf"), SourceFile("pp-1-2020.pdf"))
    assert source_pdf(meta, tmp_path) == tmp_path / "pp-1-2020.pdf"
    assert source_pdf(_meta(SourceFile("pp-1-2020.md", format="text")), tmp_path) is None


def test_an_uploaded_source_is_found_by_its_absolute_path(tmp_path):
    upload = tmp_path / "user" / "files" / "se.pdf"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"%PDF-1.4")
    assert source_pdf(_meta(SourceFile(str(upload))), tmp_path / "corpus") == upload


def test_one_page_is_cut_out_of_the_source(tmp_path):
    from fpdf import FPDF
    from pypdf import PdfReader

    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    for n in (1, 2, 3):
        pdf.add_page()
        pdf.cell(0, 10, f"Halaman nomor {n}")
    path = tmp_path / "tiga.pdf"
    pdf.output(str(path))
    page = PdfReader(io.BytesIO(page_pdf(path, 2))).pages
    assert [p.extract_text().strip() for p in page] == ["Halaman nomor 2"]
