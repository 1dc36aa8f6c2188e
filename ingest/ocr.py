"""OCR of image-only PDFs: render each page with poppler's ``pdftoppm``, read it with Tesseract.

Both are external programs (Debian ``poppler-utils``, ``tesseract-ocr`` with the Indonesian
model ``tesseract-ocr-ind``). We call the CLIs rather than a Python binding so that nothing
beyond the Debian packages is needed, and a missing program becomes a clear :class:`IngestError`.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from ingest.errors import IngestError

log = logging.getLogger(__name__)

INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-ind poppler-utils"
# Tesseract reads print best at about 300 dpi; an A4 page at 300 dpi is ~3500 px tall. We scale the
# long side to that size rather than fixing a dpi, because phone scans often come as giant pages
# (the Dumai circular is 2261x3200 pt holding 72-ppi images: 300 dpi would mean 13,000 px).
LONG_SIDE_PX = 3500
LANG = "ind"
PAGE_TIMEOUT_S = 300


def ocr_available(lang: str = LANG) -> bool:
    """True when tesseract (with ``lang``) and pdftoppm are installed."""
    try:
        _require_tools(Path("."), lang)
    except IngestError:
        return False
    return True


def ocr_pdf(path: Path | str, lang: str = LANG, long_side_px: int = LONG_SIDE_PX) -> list[str]:
    """Text of every page of the PDF at ``path``, one string per page (1-based order)."""
    path = Path(path)
    _require_tools(path, lang)
    with tempfile.TemporaryDirectory(prefix="rujukan-ocr-") as tmp:
        images = _render_pages(path, Path(tmp), long_side_px)
        return [_read_image(path, image, lang) for image in images]


def _require_tools(path: Path, lang: str) -> None:
    if not shutil.which("tesseract"):
        raise IngestError(
            path,
            f"PDF ini hanya berisi gambar dan perlu OCR, tetapi Tesseract belum terpasang ({INSTALL_HINT})",
            "tesseract not found on PATH",
        )
    if not shutil.which("pdftoppm"):
        raise IngestError(
            path,
            f"PDF ini hanya berisi gambar dan perlu OCR, tetapi pdftoppm belum terpasang ({INSTALL_HINT})",
            "pdftoppm (poppler-utils) not found on PATH",
        )
    langs = _run(path, ["tesseract", "--list-langs"]).split()
    if lang not in langs:
        raise IngestError(
            path,
            f"model bahasa Tesseract '{lang}' belum terpasang ({INSTALL_HINT})",
            f"tesseract languages installed: {', '.join(langs[1:]) or 'none'}",
        )


def _render_pages(path: Path, out_dir: Path, long_side_px: int) -> list[Path]:
    # Grey is enough for OCR and keeps the images small.
    _run(path, ["pdftoppm", "-scale-to", str(long_side_px), "-gray", "-png", str(path), str(out_dir / "page")])
    images = sorted(out_dir.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    if not images:
        raise IngestError(path, "halaman PDF tidak dapat dirender untuk OCR", "pdftoppm produced no images")
    return images


def _read_image(path: Path, image: Path, lang: str) -> str:
    log.info("OCR %s %s", path.name, image.name)
    return _run(path, ["tesseract", str(image), "stdout", "-l", lang, "--psm", "3"])


def _run(path: Path, cmd: list[str]) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=PAGE_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        raise IngestError(path, "OCR terlalu lama dan dihentikan", f"{cmd[0]} timed out") from None
    if done.returncode != 0:
        raise IngestError(
            path, "OCR gagal membaca berkas ini", f"{cmd[0]} exit {done.returncode}: {done.stderr.strip()[:300]}"
        )
    return done.stdout
