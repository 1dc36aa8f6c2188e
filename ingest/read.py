"""Read a source file into a :class:`SourceText`: its lines, each with the page it stands on.

- PDF with a text layer: pypdf, page by page (``method="pypdf"``).
- PDF without a usable text layer (a scan): OCR with Tesseract (``method="ocr"``).
- Text copies (.md, .txt): lines as published, no pages (``method="text"``).

Every failure a user can meet (missing, empty, corrupt, encrypted, unsupported) is an
:class:`IngestError` naming the file; nothing here returns an empty document silently.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from pathlib import Path

from ingest.errors import IngestError
from ingest.model import Line, SourceText
from ingest.ocr import ocr_pdf

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".md", ".txt")
PDF_SUFFIXES = (".pdf",)
# Below this many letters per page on average the text layer is a scanner's stub, not the text.
MIN_LETTERS_PER_PAGE = 40


def read_source(path: Path | str) -> SourceText:
    """Read ``path`` (PDF or text copy) into lines with pages; raise :class:`IngestError` on bad input."""
    path = Path(path)
    _check_file(path)
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return _read_text(path)
    if suffix in PDF_SUFFIXES:
        return _read_pdf(path)
    raise IngestError(
        path,
        f"format berkas '{suffix or '(tanpa ekstensi)'}' tidak didukung; gunakan PDF, .md atau .txt",
        f"unsupported extension {suffix!r}",
    )


def _check_file(path: Path) -> None:
    if not path.exists():
        raise IngestError(path, "berkas tidak ditemukan", "file does not exist")
    if not path.is_file():
        raise IngestError(path, "bukan berkas biasa (mungkin folder)", "not a regular file")
    if path.stat().st_size == 0:
        raise IngestError(path, "berkas kosong (0 byte)", "zero-byte file")


# --- text copies -------------------------------------------------------------------------------


def _read_text(path: Path) -> SourceText:
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(path, "berkas teks tidak berenkode UTF-8", f"decode error: {exc}") from None
    lines = [Line(strip_markdown_emphasis(_normalise(text))) for text in raw.splitlines()]
    if not any(line.text.strip() for line in lines):
        raise IngestError(path, "berkas teks tidak berisi teks", "only whitespace")
    return SourceText(path=str(path), lines=lines, page_count=None, method="text")


_EMPHASIS_GROUP = re.compile(r"\(\s*((?:_[^_()\n]+_\s*)+)\)")  # "( _cultural_ _and political_ )"
# "_economic_"; a letter must follow the underscore, so OCR page numbers like "_25_" stay.
_EMPHASIS_WORD = re.compile(r"(?<![\w_])_([^\W\d_][^_\n]*?)_(?![\w_])")


def strip_markdown_emphasis(text: str) -> str:
    """Drop markdown underscores around foreign words: ``( _cultural_ _and political_ )`` -> ``(cultural and political)``.

    Only underscore pairs hugging words are touched, so the wording stays as published.
    """
    if "_" not in text:
        return text

    def group(match: re.Match[str]) -> str:
        inner = _EMPHASIS_WORD.sub(r"\1", match.group(1))
        return "(" + " ".join(inner.split()) + ")"

    return _EMPHASIS_WORD.sub(r"\1", _EMPHASIS_GROUP.sub(group, text))


def _normalise(text: str) -> str:
    # NFC and plain spaces, so that later patterns need not know about U+00A0 or combining marks.
    return unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\t", " ").rstrip()


# --- PDF ---------------------------------------------------------------------------------------


def _read_pdf(path: Path) -> SourceText:
    reader = _open_pdf(path)
    page_texts = _text_layer(path, reader)
    method = "pypdf"
    if _letters(page_texts) < MIN_LETTERS_PER_PAGE * max(1, len(page_texts)):
        log.info("%s: text layer nearly empty, using OCR", path)
        page_texts = ocr_pdf(path)
        method = "ocr"
    lines = [
        Line(_normalise(text), page)
        for page, page_text in enumerate(page_texts, start=1)
        for text in page_text.splitlines()
        if text.strip()
    ]
    if not lines:
        how = "OCR" if method == "ocr" else "lapisan teks"
        raise IngestError(path, f"PDF tidak menghasilkan teks apa pun (melalui {how})", f"empty text after {method}")
    return SourceText(path=str(path), lines=lines, page_count=len(page_texts), method=method)


def pdf_head(data: bytes, pages: int = 2) -> SourceText:
    """The text layer of the first ``pages`` pages of a PDF held in memory (an upload not yet
    stored), enough to read its title. A scan gives no lines: it is not OCRed for this."""
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        texts = [page.extract_text() or "" for page in reader.pages[:pages]]
    except Exception as exc:  # noqa: BLE001 - an unreadable head just has no title to compare
        log.info("upload head unreadable: %s: %s", type(exc).__name__, exc)
        texts = []
    lines = [Line(_normalise(t), n) for n, text in enumerate(texts, start=1) for t in text.splitlines() if t.strip()]
    return SourceText(path="", lines=lines, page_count=len(texts), method="pypdf")


def _open_pdf(path: Path):
    import pypdf

    try:
        reader = pypdf.PdfReader(path)
    except Exception as exc:  # pypdf raises many types for broken files; all mean the same to a user
        raise IngestError(path, "berkas PDF rusak atau terpotong", f"pypdf: {type(exc).__name__}: {exc}") from None
    if reader.is_encrypted:
        _decrypt(path, reader)
    try:
        if len(reader.pages) == 0:
            raise IngestError(path, "PDF tidak memiliki halaman", "zero pages")
    except IngestError:
        raise
    except Exception as exc:
        raise IngestError(path, "berkas PDF rusak atau terpotong", f"pypdf: {type(exc).__name__}: {exc}") from None
    return reader


def _decrypt(path: Path, reader) -> None:
    # Many official PDFs are "encrypted" with an empty user password only to restrict printing.
    from pypdf import PasswordType

    try:
        result = reader.decrypt("")
    except Exception as exc:  # e.g. AES without the cryptography package
        raise IngestError(
            path, "PDF terenkripsi dan tidak dapat dibuka", f"pypdf decrypt failed: {type(exc).__name__}: {exc}"
        ) from None
    if result == PasswordType.NOT_DECRYPTED:
        raise IngestError(
            path,
            "PDF dilindungi kata sandi; simpan salinan tanpa kata sandi lalu ulangi",
            "encrypted PDF: empty password rejected",
        )


def _text_layer(path: Path, reader) -> list[str]:
    texts = []
    for number, page in enumerate(reader.pages, start=1):
        try:
            texts.append(page.extract_text() or "")
        except Exception as exc:
            raise IngestError(
                path, f"halaman {number} PDF rusak dan tidak dapat dibaca", f"pypdf: {type(exc).__name__}: {exc}"
            ) from None
    return texts


def _letters(texts: list[str]) -> int:
    return sum(ch.isalpha() for text in texts for ch in text)
