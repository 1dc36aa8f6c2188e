"""The corpus manifest: which documents exist, what they are called, where their files come from."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from corpus.paths import MANIFEST_PATH

KINDS = ("UU", "Perppu", "PP", "Keputusan Bersama", "Surat Edaran", "Surat")


class ManifestError(ValueError):
    """The manifest cannot be used; the message names the file and the cause."""


@dataclass(frozen=True)
class SourceFile:
    file: str  # name inside the corpus folder
    url: str = ""  # official download URL; empty when unknown
    sha256: str = ""  # empty when unknown
    format: str = "pdf"  # "pdf" or "text"
    note: str = ""


@dataclass(frozen=True)
class DocumentMeta:
    id: str
    kind: str
    number: str
    year: int
    title: str
    citation: str  # full name used in citation labels
    short_name: str  # short name used in short labels ("UU 5/2014")
    aliases: tuple[str, ...] = ()
    enacted: str = ""
    amends: tuple[str, ...] = ()
    revokes: tuple[str, ...] = ()
    sources: tuple[SourceFile, ...] = ()
    note: str = ""


@dataclass
class Manifest:
    documents: list[DocumentMeta] = field(default_factory=list)
    path: Path | None = None

    def get(self, doc_id: str) -> DocumentMeta:
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        raise KeyError(doc_id)

    def __contains__(self, doc_id: str) -> bool:
        return any(doc.id == doc_id for doc in self.documents)

    def ids(self) -> list[str]:
        return [doc.id for doc in self.documents]


def load_manifest(path: Path | str | None = None) -> Manifest:
    """Read and validate a manifest; raise :class:`ManifestError` with a readable cause."""
    path = Path(path) if path else MANIFEST_PATH
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError(f"{path}: manifest not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise ManifestError(f"{path}: TOML syntax error: {exc}") from None

    documents: list[DocumentMeta] = []
    seen: set[str] = set()
    for i, entry in enumerate(raw.get("document", []), start=1):
        where = f"{path}: document #{i}"
        doc_id = entry.get("id")
        if not doc_id:
            raise ManifestError(f"{where}: missing 'id'")
        where = f"{path}: document '{doc_id}'"
        if doc_id in seen:
            raise ManifestError(f"{where}: duplicate id")
        seen.add(doc_id)
        kind = entry.get("kind", "")
        if kind not in KINDS:
            raise ManifestError(f"{where}: unknown kind {kind!r} (expected one of {', '.join(KINDS)})")
        for key in ("number", "year", "title", "citation", "short_name"):
            if entry.get(key) in (None, ""):
                raise ManifestError(f"{where}: missing '{key}'")
        sources = []
        for src in entry.get("source", []):
            if not src.get("file"):
                raise ManifestError(f"{where}: a source has no 'file'")
            sources.append(
                SourceFile(
                    file=src["file"],
                    url=src.get("url", ""),
                    sha256=src.get("sha256", "").lower(),
                    format=src.get("format", "pdf"),
                    note=src.get("note", ""),
                )
            )
        documents.append(
            DocumentMeta(
                id=doc_id,
                kind=kind,
                number=str(entry["number"]),
                year=int(entry["year"]),
                title=entry["title"],
                citation=entry["citation"],
                short_name=entry["short_name"],
                aliases=tuple(entry.get("aliases", [])),
                enacted=entry.get("enacted", ""),
                amends=tuple(entry.get("amends", [])),
                revokes=tuple(entry.get("revokes", [])),
                sources=tuple(sources),
                note=entry.get("note", ""),
            )
        )
    for doc in documents:
        for other in (*doc.amends, *doc.revokes):
            if other not in seen:
                raise ManifestError(f"{path}: document '{doc.id}' relates to unknown id '{other}'")
    return Manifest(documents=documents, path=path)
