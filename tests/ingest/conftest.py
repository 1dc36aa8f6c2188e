"""UU 7/2017 and UU 7/2023 from the mirror, through the real pipeline (read, clean, parse,
consolidate), stored in a temporary units folder. No index: ingest stops at stored units."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def pemilu_mirror(mirror, tmp_path_factory):
    """``(result, {doc_id: ParsedDocument}, data folder)`` of ingesting the UU 7/2017 family from the
    mirror; the data folder's corpus is the mirror itself."""
    from corpus.manifest import load_manifest
    from corpus.settings import Settings
    from ingest import store
    from ingest.pipeline import run_ingest

    settings = Settings(data_dir=tmp_path_factory.mktemp("pemilu") / "data")
    settings.data_dir.mkdir()
    settings.corpus_dir.symlink_to(mirror)  # read straight from the mirror
    result = run_ingest(settings, load_manifest(), only=["uu-7-2017"], progress=False)
    assert not result.failures, [d.error for d in result.failures]
    docs = {doc_id: store.read_document(doc_id, settings.units_dir) for doc_id in ("uu-7-2017", "uu-7-2023")}
    return result, docs, settings.data_dir
