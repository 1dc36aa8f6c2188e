"""A document's source PDF on disk, and the copy a web server may serve of it."""

from __future__ import annotations

import os
import shutil
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


def publish(source: Path, target: Path) -> bool:
    """Place ``source`` at ``target`` (a hard link when the disk allows, else a copy).

    An existing target of the same size is kept. Streamlit refuses to serve a symlink that
    leads out of its static folder, hence a link or a real copy. Returns False when the
    folder cannot be written.
    """
    source = source.resolve()
    try:
        if target.is_symlink() or not target.is_file() or target.stat().st_size != source.stat().st_size:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            tmp.unlink(missing_ok=True)
            try:
                os.link(source, tmp)  # no second copy when the data folder shares the disk
            except OSError:
                shutil.copyfile(source, tmp)
            os.replace(tmp, target)
    except OSError:
        return False
    return True
