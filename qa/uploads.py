"""A document a user added, made searchable: ingested and indexed, or the addition undone.

:func:`corpus.user_documents.add_user_document` keeps the file once its form and bytes pass
the checks; :func:`ingest_added` then runs the real pipeline over it (with its family of
amending laws) and rebuilds the index. A document the parsers cannot read leaves nothing
behind: its stored units, its file and its metadata are removed, and the serving index stays.
"""

from __future__ import annotations

from corpus.settings import Settings
from corpus.user_documents import UserDocumentError, corpus_manifest, remove_user_document
from ingest.pipeline import IngestResult
from qa.build import ingest_and_index


def ingest_added(settings: Settings, doc_id: str) -> IngestResult:
    """Ingest the added document ``doc_id`` into the data folder of ``settings`` and rebuild the index.

    Raises :class:`UserDocumentError` with the reason in Indonesian, for the person who
    uploaded it, after undoing the addition.
    """
    try:
        result = ingest_and_index(settings, corpus_manifest(settings), only=[doc_id], progress=False)
    except Exception as exc:  # noqa: BLE001 - reported to the person uploading
        error = f"{type(exc).__name__}: {exc}"
    else:
        failed = [d for d in result.documents if d.doc_id == doc_id and (d.failed or not d.ok)]
        error = (failed[0].error or failed[0].skipped) if failed else result.index_error
    if not error:
        return result
    (settings.units_dir / f"{doc_id}.json").unlink(missing_ok=True)
    remove_user_document(settings.user_dir, doc_id)
    # The pipeline names the stored copy ("<doc_id>.pdf: ..."); the person knows their own file.
    error = error.removeprefix(f"{doc_id}.pdf: ")
    raise UserDocumentError(
        f"{error[:1].upper()}{error[1:]}. Periksa apakah berkas ini memang peraturan atau surat "
        "yang dimaksud dan jenisnya benar."
    )
