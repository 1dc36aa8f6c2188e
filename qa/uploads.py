"""Documents users add, replace and remove in the app, kept consistent with the serving index.

- :func:`title_mismatch` reads the title page of an upload before anything is stored and
  says, in Indonesian, where it disagrees with the form (kind, number, year).
- :func:`ingest_added`: :func:`corpus.user_documents.add_user_document` keeps the file once
  its form and bytes pass the checks; this runs the real pipeline over it (with its family of
  amending laws) and rebuilds the index. A document the parsers cannot read leaves nothing
  behind: its stored units, its file and its metadata are removed, and the serving index stays.
- :func:`remove_added` and :func:`replace_added` change an added document under the ingest
  lock, with the index swap as the commit point (journal in :mod:`corpus.user_documents`):
  an interrupted change is finished or rolled back by :func:`settle`, never left half done.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import shutil

from corpus import kinds
from corpus.lock import IngestBusy, ingest_lock
from corpus.settings import Settings
from corpus.user_documents import (
    Upload,
    UserDocumentError,
    abandon_change,
    begin_change,
    commit_change,
    corpus_manifest,
    document_id,
    entry_meta,
    entry_of,
    finish_change,
    new_entry,
    pending_change,
    remove_user_document,
    user_manifest,
    validate,
)
from ingest import store
from ingest.checks import title_identity
from ingest.letter import letter_number, same_number
from ingest.pipeline import IngestResult
from ingest.read import pdf_head
from qa import index
from qa.build import ingest_and_index, rebuild_index

BUSY = "Indeks sedang diperbarui oleh proses lain. Coba lagi sebentar lagi."


def title_mismatch(upload: Upload, data: bytes) -> str:
    """Where the title page of ``data`` names another document than the form, in Indonesian;
    "" when it names the same one, or names none that can be read (a scan). A letter's head
    gives its number only: that is compared."""
    head = pdf_head(data)
    found = title_identity(head)
    if found is None and kinds.get(upload.kind).parser == kinds.LETTER:
        number = letter_number(head)  # a letter names its number in its head, not in a title
        if number and not same_number(number, upload.number):
            return (
                f"Kepala surat pada berkas menyebut Nomor {number}, sedangkan formulir mengisi "
                f"Nomor {upload.number.strip()} (berbeda: nomor)."
            )
        return ""
    if found is None:
        return ""
    kind, number, year = found
    wanted = (upload.kind, upload.number.strip().lower(), int(upload.year))
    differ = [name for name, a, b in zip(("jenis", "nomor", "tahun"), (kind, number.lower(), year), wanted) if a != b]
    if not differ:
        return ""
    return (
        f"Halaman judul berkas menyebut {kind} Nomor {number} Tahun {year}, sedangkan formulir mengisi "
        f"{upload.kind} Nomor {upload.number.strip()} Tahun {upload.year} (berbeda: {', '.join(differ)})."
    )


def ingest_added(settings: Settings, doc_id: str) -> IngestResult:
    """Ingest the added document ``doc_id`` into the data folder of ``settings`` and rebuild the index.

    Raises :class:`UserDocumentError` with the reason in Indonesian, for the person who
    uploaded it, after undoing the addition.
    """
    try:
        with ingest_lock(settings.index_dir):
            settle(settings)
            result = ingest_and_index(settings, corpus_manifest(settings), only=[doc_id], progress=False)
    except Exception as exc:  # noqa: BLE001 - reported to the person uploading
        error = BUSY if isinstance(exc, IngestBusy) else f"{type(exc).__name__}: {exc}"
    else:
        error = _failure(result, doc_id)
    if not error:
        return result
    (settings.units_dir / f"{doc_id}.json").unlink(missing_ok=True)
    remove_user_document(settings.user_dir, doc_id)
    raise UserDocumentError(_reason(error, doc_id))


def _failure(result: IngestResult, doc_id: str) -> str:
    failed = [d for d in result.documents if d.doc_id == doc_id and (d.failed or not d.ok)]
    return (failed[0].error or failed[0].skipped) if failed else (result.index_error or "")


def _reason(error: str, doc_id: str) -> str:
    # The pipeline names the stored copy ("<doc_id>.pdf: ..."); the person knows their own file.
    error = re.sub(rf"^{re.escape(doc_id)}(-[0-9a-f]+)?\.pdf: ", "", error)
    return (
        f"{error[:1].upper()}{error[1:]}. Periksa apakah berkas ini memang peraturan atau surat "
        "yang dimaksud dan jenisnya benar."
    )


def added_documents(settings: Settings):
    """The documents users added to the data folder of ``settings``, in the order added."""
    return user_manifest(settings.user_dir)


def remove_added(settings: Settings, doc_id: str) -> None:
    """Remove the added document ``doc_id``: from the index first (the commit point), then its
    stored units, metadata and file. Raises :class:`UserDocumentError` (Indonesian) when it
    cannot; then nothing changed."""
    folder = settings.user_dir
    with _locked(settings):
        settle(settings)
        if entry_of(folder, doc_id) is None:
            raise UserDocumentError(
                f"{doc_id} bukan dokumen tambahan pengguna. Hanya dokumen yang ditambahkan lewat aplikasi "
                "yang bisa dihapus di sini."
            )
        begin_change(folder, doc_id, _serving(settings))
        manifest = corpus_manifest(settings)
        kept = dataclasses.replace(manifest, documents=[d for d in manifest.documents if d.id != doc_id])
        try:
            if any(d in kept for d in store.stored_ids(settings.units_dir)):
                rebuild_index(settings, kept)
            else:  # the last document goes: no index serves (as before the first ingest)
                (settings.index_dir / index.CURRENT_FILE).unlink(missing_ok=True)
        except Exception as exc:  # noqa: BLE001
            settle(settings)  # nothing was swapped: rolled back
            raise UserDocumentError(
                f"Dokumen tidak dihapus: indeks gagal dibangun ulang ({type(exc).__name__}: {exc})."
            ) from None
        commit_change(folder)
        settle(settings)


def replace_added(settings: Settings, doc_id: str, upload: Upload, data: bytes, original_name: str = "") -> None:
    """Replace the file (and title) of the added document ``doc_id`` by ``data``; kind, number
    and year stay. The new file is ingested and indexed before anything of the old one goes;
    when it cannot be read, the old document stays as it was and UserDocumentError says why."""
    folder = settings.user_dir
    with _locked(settings):
        settle(settings)
        old = entry_of(folder, doc_id)
        if old is None:
            raise UserDocumentError(f"{doc_id} bukan dokumen tambahan pengguna; tidak ada yang bisa diganti.")
        if document_id(upload.kind, upload.number, int(upload.year)) != doc_id:
            raise UserDocumentError(
                f"Pengganti harus dokumen yang sama ({old['kind']} Nomor {old['number']} Tahun {old['year']}). "
                "Dokumen lain ditambahkan sebagai dokumen baru."
            )
        digest = hashlib.sha256(data).hexdigest()
        if digest == old.get("sha256"):
            raise UserDocumentError("Berkas pengganti sama persis dengan berkas yang sudah ada; tidak ada yang diganti.")
        manifest = corpus_manifest(settings)
        validate(folder, upload, data, manifest, settings.corpus_dir, replacing=doc_id)
        entry = new_entry(folder, doc_id, upload, data, original_name, f"{doc_id}-{digest[:12]}.pdf")
        entry["added"] = old.get("added", entry["added"])
        units = store.document_path(doc_id, settings.units_dir)
        if units.is_file():
            shutil.copyfile(units, _backup(settings))
        before = _serving(settings)
        begin_change(folder, doc_id, before, entry)
        changed = dataclasses.replace(
            manifest, documents=[entry_meta(folder, entry) if d.id == doc_id else d for d in manifest.documents]
        )
        try:
            result = ingest_and_index(settings, changed, only=[doc_id], progress=False)
            error = _failure(result, doc_id)
        except Exception as exc:  # noqa: BLE001 - reported to the person uploading
            error = f"{type(exc).__name__}: {exc}"
        if error and _serving(settings) == before:  # nothing swapped in: the old document stays
            _roll_back(settings)
            raise UserDocumentError(f"Dokumen lama tetap dipakai. {_reason(error, doc_id)}")
        commit_change(folder)
        settle(settings)


def settle(settings: Settings, wait: bool = False) -> str:
    """Finish or roll back a change of an added document that was interrupted; returns
    "selesai", "dibatalkan" or "" (none pending). Takes the ingest lock (``wait`` as for
    :func:`corpus.lock.ingest_lock`)."""
    folder = settings.user_dir
    if pending_change(folder) is None:
        return ""
    with ingest_lock(settings.index_dir, wait=wait):
        change = pending_change(folder)
        if change is None:
            return ""
        if change.get("committed") or _serving(settings) != change["before"]:
            if not change.get("entry"):  # a removal: its stored units go too
                store.document_path(change["id"], settings.units_dir).unlink(missing_ok=True)
            finish_change(folder)
            _backup(settings).unlink(missing_ok=True)
            return "selesai"
        _roll_back(settings)
        return "dibatalkan"


def _roll_back(settings: Settings) -> None:
    change = pending_change(settings.user_dir)
    backup = _backup(settings)
    if change and change.get("entry") and backup.is_file():
        store.atomic_write_text(store.document_path(change["id"], settings.units_dir), backup.read_text("utf-8"))
    backup.unlink(missing_ok=True)
    abandon_change(settings.user_dir)


def _backup(settings: Settings):
    return settings.user_dir / "removing-units.json"


def _serving(settings: Settings) -> str:
    build = index.current_build(settings.index_dir)
    return build.name if build else ""


class _locked:
    """The ingest lock, with "busy" as a UserDocumentError for the person in the app."""

    def __init__(self, settings: Settings):
        self._lock = ingest_lock(settings.index_dir)

    def __enter__(self):
        try:
            self._lock.__enter__()
        except IngestBusy:
            raise UserDocumentError(BUSY) from None

    def __exit__(self, *exc):
        return self._lock.__exit__(*exc)
