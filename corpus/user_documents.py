"""Documents users add through the app (a new Surat Edaran, say), kept apart from the manifest.

``manifest.toml`` is edited by hand and versioned; an upload must not rewrite it. Each added
document keeps its file and its metadata in the user folder (``Settings.user_dir``)::

    data/user/documents.json      metadata of every added document, in the order added
    data/user/files/<doc_id>.pdf  the uploaded file, byte for byte

:func:`user_manifest` turns them into :class:`DocumentMeta` so the pipeline can merge them with
the main manifest (:func:`merged_manifest`). A source's ``file`` is an absolute path, so
``corpus folder / src.file`` finds the upload without copying it into the corpus folder.
Every check runs before anything is written: a refused upload changes nothing.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from corpus import kinds
from corpus.manifest import DocumentMeta, Manifest, SourceFile, load_manifest
from corpus.settings import Settings

MAX_BYTES = 60 * 1024 * 1024
KINDS = kinds.NAMES  # what the upload form offers, in the registry's order


class UserDocumentError(ValueError):
    """An upload was refused; the message says why, in Indonesian, for the person uploading."""


@dataclass(frozen=True)
class Upload:
    """What the person filled in beside the file."""

    kind: str
    number: str
    year: int
    title: str
    issuer: str = ""  # who issued it, for letters and circulars: "Menteri Dalam Negeri"
    citation: str = ""  # optional override of the composed full name
    short_name: str = ""  # optional override of the composed short name
    enacted: str = ""


def files_dir(folder: Path) -> Path:
    return folder / "files"


def metadata_path(folder: Path) -> Path:
    return folder / "documents.json"


def _read_entries(folder: Path) -> list[dict]:
    path = metadata_path(folder)
    if not path.is_file():
        return []
    return json.loads(path.read_text(encoding="utf-8"))


def _write_entries(folder: Path, entries: list[dict]) -> None:
    path = metadata_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(entries, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tmp.replace(path)


def _meta(folder: Path, entry: dict) -> DocumentMeta:
    source = SourceFile(
        file=str(files_dir(folder) / entry["file"]),
        sha256=entry.get("sha256", ""),
        format="pdf",
        note=f"diunggah sebagai {entry.get('original_name', entry['file'])}",
    )
    return DocumentMeta(
        id=entry["id"],
        kind=entry["kind"],
        number=entry["number"],
        year=int(entry["year"]),
        title=entry["title"],
        citation=entry["citation"],
        short_name=entry["short_name"],
        enacted=entry.get("enacted", ""),
        sources=(source,),
        note="ditambahkan pengguna",
    )


def user_manifest(folder: Path) -> list[DocumentMeta]:
    """The documents users added (kept in ``folder``), in the order they were added."""
    return [_meta(folder, entry) for entry in _read_entries(folder)]


def merged_manifest(base: Manifest, folder: Path) -> Manifest:
    """The main manifest followed by the documents users added."""
    known = set(base.ids())
    extra = [doc for doc in user_manifest(folder) if doc.id not in known]
    return dataclasses.replace(base, documents=[*base.documents, *extra])


def manifest_stamp(settings: Settings) -> tuple:
    """What the merged manifest depends on (data folder, manifest file, added documents), to
    key a cached manifest: it changes whenever :func:`corpus_manifest` would."""

    def stamp(path: Path) -> tuple[int, int]:
        # The size too: two writes within the file system's clock tick share an mtime.
        return (path.stat().st_mtime_ns, path.stat().st_size) if path.is_file() else (0, 0)

    main = settings.manifest_path
    return (str(settings.data_dir), str(main), stamp(main), stamp(metadata_path(settings.user_dir)))


def corpus_manifest(settings: Settings) -> Manifest:
    """The manifest ``settings`` name, followed by the documents users added (they are ingested
    and indexed like the others)."""
    return merged_manifest(load_manifest(settings.manifest_path), settings.user_dir)


def user_file(folder: Path, doc_id: str) -> Path | None:
    for entry in _read_entries(folder):
        if entry["id"] == doc_id:
            return files_dir(folder) / entry["file"]
    return None


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def document_id(kind: str, number: str, year: int) -> str:
    """``se-800-873-bkpsdm-2023``: kind prefix, number and year, as in the main manifest."""
    prefix = kinds.get(kind).prefix
    number_slug = slug(number)
    tail = f"-{year}" if not number_slug.endswith(str(year)) else ""
    return f"{prefix}-{number_slug}{tail}"


def compose_names(upload: Upload) -> tuple[str, str]:
    """Full citation name and short name, unless the person gave them."""
    kind = kinds.get(upload.kind)
    long_name, short = kind.long_name, kind.short
    title = " ".join(upload.title.split())
    number = upload.number.strip()
    issuer = " ".join(upload.issuer.split())
    name = f"{long_name} {issuer}" if issuer else long_name
    if upload.citation.strip():
        citation = " ".join(upload.citation.split())
    elif title.lower().startswith(long_name.lower()):
        citation = title  # the title already names the document in full
    else:
        citation = f"{name} Nomor {number} Tahun {upload.year} tentang {title}"
    # "PP 94/2021" for plain numbers; a letter's number has its own slashes: "SE 100.2.1/1234/SJ Tahun 2024".
    default_short = f"{short} {number}/{upload.year}" if number.isdigit() else f"{short} {number} Tahun {upload.year}"
    short_name = " ".join(upload.short_name.split()) or default_short
    return citation, short_name


def validate(folder: Path, upload: Upload, data: bytes, existing: Manifest) -> str:
    """Check the form and the file; returns the new document id or raises UserDocumentError."""
    if upload.kind not in KINDS:
        raise UserDocumentError(f"Jenis dokumen tidak dikenal: {upload.kind!r}. Pilih salah satu: {', '.join(KINDS)}.")
    if not upload.number.strip():
        raise UserDocumentError("Nomor dokumen wajib diisi.")
    if not upload.title.strip():
        raise UserDocumentError("Judul dokumen wajib diisi.")
    if not 1945 <= int(upload.year) <= date.today().year + 1:
        raise UserDocumentError(f"Tahun {upload.year} tidak masuk akal untuk dokumen ini.")
    if upload.enacted and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", upload.enacted):
        raise UserDocumentError("Tanggal penetapan harus berbentuk TTTT-BB-HH, misalnya 2024-07-09.")
    _check_pdf(data)
    doc_id = document_id(upload.kind, upload.number, int(upload.year))
    known = set(existing.ids())
    known |= {entry["id"] for entry in _read_entries(folder)}
    if doc_id in known:
        raise UserDocumentError(
            f"Dokumen {doc_id} sudah ada di korpus. Periksa nomor dan tahunnya, atau hapus dokumen lama lebih dulu."
        )
    return doc_id


def _check_pdf(data: bytes) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not data:
        raise UserDocumentError("Berkas kosong.")
    if len(data) > MAX_BYTES:
        raise UserDocumentError(f"Berkas terlalu besar (lebih dari {MAX_BYTES // (1024 * 1024)} MB).")
    if not data.lstrip()[:5] == b"%PDF-":
        raise UserDocumentError("Berkas ini bukan PDF. Unggah dokumen dalam format PDF.")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UserDocumentError("PDF ini terkunci dengan kata sandi. Unggah salinan yang tidak terkunci.")
        pages = len(reader.pages)
    except UserDocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UserDocumentError(f"PDF rusak atau terpotong dan tidak bisa dibaca ({exc}).") from None
    if pages == 0:
        raise UserDocumentError("PDF ini tidak berisi halaman.")


def add_user_document(
    folder: Path, upload: Upload, data: bytes, existing: Manifest, original_name: str = ""
) -> DocumentMeta:
    """Validate, then keep the file and its metadata; returns the new document's meta."""
    import hashlib

    doc_id = validate(folder, upload, data, existing)
    citation, short_name = compose_names(upload)
    name = f"{doc_id}.pdf"
    target = files_dir(folder) / name
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".pdf.tmp")
    tmp.write_bytes(data)
    tmp.replace(target)
    entry = {
        "id": doc_id,
        "kind": upload.kind,
        "number": upload.number.strip(),
        "year": int(upload.year),
        "title": " ".join(upload.title.split()),
        "citation": citation,
        "short_name": short_name,
        "enacted": upload.enacted,
        "file": name,
        "original_name": original_name or name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "added": date.today().isoformat(),
    }
    _write_entries(folder, [*_read_entries(folder), entry])
    return _meta(folder, entry)


def remove_user_document(folder: Path, doc_id: str) -> bool:
    """Forget an added document and delete its file (used to undo a failed ingest)."""
    entries = _read_entries(folder)
    kept = [entry for entry in entries if entry["id"] != doc_id]
    if len(kept) == len(entries):
        return False
    for entry in entries:
        if entry["id"] == doc_id:
            (files_dir(folder) / entry["file"]).unlink(missing_ok=True)
    _write_entries(folder, kept)
    return True
