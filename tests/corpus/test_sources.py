"""A document's source PDF, and the copy placed for the web server."""

from __future__ import annotations

import os
from pathlib import Path

from corpus.manifest import DocumentMeta, SourceFile
from corpus.sources import publish, source_pdf


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


def test_publish_links_the_file_and_replaces_a_changed_one(tmp_path):
    source = tmp_path / "a.pdf"
    source.write_bytes(b"%PDF-1.4 satu")
    target = tmp_path / "static" / "pdf" / "a.pdf"
    assert publish(source, target)
    assert target.read_bytes() == source.read_bytes()
    assert not target.is_symlink()  # Streamlit would refuse a link out of static/
    assert os.path.samefile(source, target)  # a hard link: no second copy on the same disk
    other = tmp_path / "b.pdf"
    other.write_bytes(b"%PDF-1.4 dua, lebih panjang")
    assert publish(other, target)
    assert target.read_bytes() == other.read_bytes()
    assert [p.name for p in target.parent.iterdir()] == ["a.pdf"]  # no temporary file left


def test_publish_reports_a_folder_it_cannot_write(tmp_path):
    source = tmp_path / "a.pdf"
    source.write_bytes(b"%PDF-1.4")
    blocked = tmp_path / "static"
    blocked.write_text("a file where the folder should be")
    assert not publish(source, blocked / "pdf" / "a.pdf")
    assert blocked.read_text() == "a file where the folder should be"
