"""A document's source PDF on disk, and a page of it as a PDF of its own."""

from __future__ import annotations

import io
from pathlib import Path

from corpus.manifest import DocumentMeta
from corpus.status import source_path


def source_pdf(meta: DocumentMeta, folder: Path) -> Path | None:
    """The PDF ``meta`` was published as, when it is in ``folder`` (or was uploaded)."""
    for src in meta.sources:
        if src.format == "pdf":
            path = source_path(src, folder)
            if path.is_file():
                return path
    return None


def page_pdf(path: Path, page: int) -> bytes:
    """Page ``page`` (1-based) of the PDF at ``path``, as a PDF of one page."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(path)
    writer = PdfWriter()
    writer.add_page(reader.pages[page - 1])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
