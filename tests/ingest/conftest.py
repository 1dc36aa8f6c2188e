"""UU 7/2017 and UU 7/2023 from the mirror, through the real pipeline (read, clean, parse,
consolidate), stored in a temporary units folder. No index: ingest stops at stored units."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def pemilu_mirror(mirror, tmp_path_factory):
    """``(result, {doc_id: ParsedDocument}, data folder)`` of ingesting the UU 7/2017 family from the
    mirror; the data folder holds ``units/`` only."""
    from ingest import store
    from ingest.pipeline import run_ingest

    data = tmp_path_factory.mktemp("pemilu") / "data"
    units = data / "units"
    result = run_ingest(only=["uu-7-2017"], corpus=mirror, units_folder=units, build_index=False, progress=False)
    assert not result.failures, [d.error for d in result.failures]
    return result, {doc_id: store.read_document(doc_id, units) for doc_id in ("uu-7-2017", "uu-7-2023")}, data
