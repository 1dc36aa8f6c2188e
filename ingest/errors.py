"""Errors a user can act on. The message names the file and the cause, in Indonesian for
people (CLI and app); ``detail`` keeps the technical cause in English for logs."""

from __future__ import annotations

from pathlib import Path


class IngestError(Exception):
    """A document could not be ingested. Other documents and the working index are untouched."""

    def __init__(self, path: Path | str | None, pesan: str, detail: str = ""):
        self.path = str(path) if path else ""
        self.pesan = pesan  # Indonesian, for people: "berkas PDF rusak atau terpotong"
        self.detail = detail  # English, for logs: "pypdf: EOF marker not found"
        where = f"{self.path}: " if self.path else ""
        super().__init__(f"{where}{pesan}" + (f" ({detail})" if detail else ""))
