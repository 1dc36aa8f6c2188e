"""Documents users add through the app (a new Surat Edaran, say), kept apart from the manifest.

``manifest.toml`` is edited by hand and versioned; an upload must not rewrite it. Each added
document keeps its file and its metadata in the user folder (``Settings.user_dir``)::

    data/user/documents.json      metadata of every added document, in the order added
    data/user/files/<doc_id>.pdf  the uploaded file, byte for byte
    data/user/removing.json       journal of a removal in progress (see :func:`begin_removal`)

:func:`user_manifest` turns them into :class:`DocumentMeta` so the pipeline can merge them with
the main manifest (:func:`merged_manifest`). A source's ``file`` is an absolute path, so
``corpus folder / src.file`` finds the upload without copying it into the corpus folder.
Every check runs before anything is written: a refused upload changes nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from corpus import kinds
from corpus.fetch import sha256_of
from corpus.manifest import DocumentMeta, Manifest, SourceFile, load_manifest
from corpus.settings import Settings

MAX_BYTES = 60 * 1024 * 1024
KINDS = kinds.NAMES  # what the upload form offers, in the registry's order

# The rules of the upload form, read by the form's widgets (limits, hints) and checked by
# :func:`check_form`: one rule set, so the form never offers what the check refuses.
YEAR_MIN, YEAR_MAX = 1945, 2100
NUMBER_MAX = 60  # characters
TITLE_MAX = 300
# "6", "100.2.1/1234/SJ", "B-123/Bawaslu/PM.00.00/07/2023": starts with a letter or digit,
# holds a digit, then letters, digits and . / - or single spaces.
NUMBER_RULE = re.compile(r"[0-9A-Za-z](?:[0-9A-Za-z./\-]| (?! ))*")
NUMBER_HINT = "Angka, huruf, titik, garis miring atau tanda hubung, misalnya 6 atau 100.2.1/1234/SJ."


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
    # Why the document was added although its title page names another one (the person chose
    # to go on); kept with the document and shown in its note.
    title_mismatch: str = ""


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
        note="; ".join(filter(None, ["ditambahkan pengguna", entry.get("title_mismatch", "")])),
    )


def entry_meta(folder: Path, entry: dict) -> DocumentMeta:
    """The document a metadata entry of ``folder`` describes."""
    return _meta(folder, entry)


def user_manifest(folder: Path) -> list[DocumentMeta]:
    """The documents users added (kept in ``folder``), in the order they were added.

    A removal or replacement whose index swap is done but whose files are not yet tidied (a
    crash in between) already counts: see :func:`begin_change`."""
    return [_meta(folder, entry) for entry in _entries_after(folder)]


def _entries_after(folder: Path) -> list[dict]:
    entries = _read_entries(folder)
    change = pending_change(folder)
    if change is None or not change.get("committed"):
        return entries
    return _changed(entries, change)


def _changed(entries: list[dict], change: dict) -> list[dict]:
    new = change.get("entry")
    return [new if entry["id"] == change["id"] and new else entry for entry in entries
            if entry["id"] != change["id"] or new]  # fmt: skip


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
    user = settings.user_dir
    return (str(settings.data_dir), str(main), stamp(main), stamp(metadata_path(user)), stamp(journal_path(user)))


def corpus_manifest(settings: Settings) -> Manifest:
    """The manifest ``settings`` name, followed by the documents users added (they are ingested
    and indexed like the others)."""
    return merged_manifest(load_manifest(settings.manifest_path), settings.user_dir)


def user_file(folder: Path, doc_id: str) -> Path | None:
    for entry in _entries_after(folder):
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


def check_form(upload: Upload) -> None:
    """The form's rules (:data:`YEAR_MIN` ...): raises UserDocumentError naming the first broken one."""
    if upload.kind not in KINDS:
        raise UserDocumentError(f"Jenis dokumen tidak dikenal: {upload.kind!r}. Pilih salah satu: {', '.join(KINDS)}.")
    number = upload.number.strip()
    if not number:
        raise UserDocumentError("Nomor dokumen wajib diisi.")
    if len(number) > NUMBER_MAX or not NUMBER_RULE.fullmatch(number) or not re.search(r"\d", number):
        raise UserDocumentError(f"Nomor {number!r} tidak dikenali sebagai nomor dokumen. {NUMBER_HINT}")
    if not upload.title.strip():
        raise UserDocumentError("Judul dokumen wajib diisi.")
    if len(upload.title.strip()) > TITLE_MAX:
        raise UserDocumentError(f"Judul terlalu panjang (lebih dari {TITLE_MAX} huruf).")
    if not YEAR_MIN <= int(upload.year) <= YEAR_MAX:
        raise UserDocumentError(f"Tahun {upload.year} di luar rentang {YEAR_MIN}–{YEAR_MAX}.")
    if upload.enacted and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", upload.enacted):
        raise UserDocumentError("Tanggal penetapan harus berbentuk TTTT-BB-HH, misalnya 2024-07-09.")


def validate(
    folder: Path, upload: Upload, data: bytes, existing: Manifest, corpus_dir: Path | None = None,
    replacing: str = "",
) -> str:
    """Check the form and the file; returns the new document id or raises UserDocumentError.

    ``replacing``: the id of an added document this upload replaces (its id and file do not
    count as already present)."""
    check_form(upload)
    _check_pdf(data)
    doc_id = document_id(upload.kind, upload.number, int(upload.year))
    known = set(existing.ids())
    known |= {entry["id"] for entry in _read_entries(folder)}
    if doc_id in known - {replacing}:
        raise UserDocumentError(
            f"Dokumen {doc_id} sudah ada di korpus. Periksa nomor dan tahunnya, atau hapus dokumen lama lebih dulu."
        )
    same = identical_document(data, existing, corpus_dir, exclude=replacing)
    if same is not None:
        raise UserDocumentError(
            f"Berkas yang sama persis sudah ada di korpus sebagai {same.short_name} ({same.citation}). "
            "Berkas ini tidak ditambahkan lagi."
        )
    return doc_id


def identical_document(
    data: bytes, existing: Manifest, corpus_dir: Path | None, exclude: str = ""
) -> DocumentMeta | None:
    """The document of ``existing`` one of whose sources holds exactly these bytes (sha256):
    by the checksum the manifest or the upload recorded, else by hashing a source file of the
    same size in ``corpus_dir`` (most PDFs of the manifest carry no checksum)."""
    digest = hashlib.sha256(data).hexdigest()
    for doc in existing.documents:
        if doc.id == exclude:
            continue
        for src in doc.sources:
            if src.sha256 == digest:
                return doc
            path = Path(src.file) if Path(src.file).is_absolute() or corpus_dir is None else corpus_dir / src.file
            try:
                if path.is_file() and path.stat().st_size == len(data) and sha256_of(path) == digest:
                    return doc
            except OSError:
                continue
    return None


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
    folder: Path, upload: Upload, data: bytes, existing: Manifest, original_name: str = "",
    corpus_dir: Path | None = None,
) -> DocumentMeta:
    """Validate, then keep the file and its metadata; returns the new document's meta."""
    doc_id = validate(folder, upload, data, existing, corpus_dir)
    entry = new_entry(folder, doc_id, upload, data, original_name, f"{doc_id}.pdf")
    _write_entries(folder, [*_read_entries(folder), entry])
    return _meta(folder, entry)


def new_entry(folder: Path, doc_id: str, upload: Upload, data: bytes, original_name: str, name: str) -> dict:
    """Write the file as ``files/<name>`` and return its metadata entry (not yet listed)."""
    citation, short_name = compose_names(upload)
    target = files_dir(folder) / name
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".pdf.tmp")
    tmp.write_bytes(data)
    tmp.replace(target)
    return {
        "id": doc_id,
        "kind": upload.kind,
        "number": upload.number.strip(),
        "year": int(upload.year),
        "title": " ".join(upload.title.split()),
        **({"issuer": " ".join(upload.issuer.split())} if upload.issuer.strip() else {}),
        "citation": citation,
        "short_name": short_name,
        "enacted": upload.enacted,
        "file": name,
        "original_name": original_name or name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "added": date.today().isoformat(),
        **({"title_mismatch": upload.title_mismatch} if upload.title_mismatch else {}),
    }


# ----------------------------------------------------------------- removing and replacing
#
# Removing or replacing an added document changes four things: the serving index, the stored
# units, the file and the metadata. Only the first can be switched atomically (the index's
# CURRENT pointer), so it is the commit point, and a journal (``removing.json``) written before
# it says what is being changed and which build served before. Whoever next holds the ingest
# lock settles the journal (:func:`qa.uploads.settle`): if the build has changed since, the
# change is finished (metadata, units, files); if not, it is rolled back. A crash at any point
# thus leaves either the previous state serving or the new one.


def journal_path(folder: Path) -> Path:
    return folder / "removing.json"


def pending_change(folder: Path) -> dict | None:
    """The journal of a removal or replacement not yet finished, or None."""
    path = journal_path(folder)
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def begin_change(folder: Path, doc_id: str, before: str, entry: dict | None = None) -> None:
    """Journal the removal (``entry`` None) or replacement (by ``entry``) of ``doc_id``, while the
    index build named ``before`` serves."""
    _write_json(journal_path(folder), {"id": doc_id, "before": before, "entry": entry, "committed": False})


def commit_change(folder: Path) -> None:
    """The index swap is done: from now on :func:`user_manifest` shows the document changed."""
    change = pending_change(folder)
    if change is not None:
        _write_json(journal_path(folder), {**change, "committed": True})


def finish_change(folder: Path) -> dict | None:
    """Write the journaled change into the metadata, delete the files it leaves behind and
    the journal; returns the change (None when there was none)."""
    change = pending_change(folder)
    if change is None:
        return None
    entries = _read_entries(folder)
    keep = {e["file"] for e in _changed(entries, change)}
    _write_entries(folder, _changed(entries, change))
    for entry in entries:
        if entry["id"] == change["id"] and entry["file"] not in keep:
            (files_dir(folder) / entry["file"]).unlink(missing_ok=True)
    journal_path(folder).unlink(missing_ok=True)
    return change


def abandon_change(folder: Path) -> dict | None:
    """Roll a journaled change back: the metadata was not touched; a new file is deleted."""
    change = pending_change(folder)
    if change is None:
        return None
    new = change.get("entry")
    if new and new["file"] not in {e["file"] for e in _read_entries(folder)}:
        (files_dir(folder) / new["file"]).unlink(missing_ok=True)
    journal_path(folder).unlink(missing_ok=True)
    return change


def entry_of(folder: Path, doc_id: str) -> dict | None:
    return next((dict(e) for e in _read_entries(folder) if e["id"] == doc_id), None)


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tmp.replace(path)


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
