"""Shared test fixtures: the corpus mirror beside the repository, the manifest, and the two tiers.

Unit tests never skip. Corpus tests (marker ``corpus``: they need the mirror or an index built
from it) and tests of Debian tools (marker ``tools``: Tesseract, Poppler, Chromium) may skip
outside CI with a loud reason, and fail under ``CI=true`` when what they need is missing.
``pytest -m "not corpus and not tools"`` runs the unit tier alone.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NoReturn

import pytest

REPO = Path(__file__).resolve().parents[1]
MIRROR = Path(os.environ.get("RUJUKAN_MIRROR", REPO.parent / "shared" / "corpus"))
CI = os.environ.get("CI", "").strip().lower() in ("true", "1")
CHROMIUM = Path("/usr/bin/chromium")

# Tests using these fixtures are corpus tests (marked automatically).
CORPUS_FIXTURES = frozenset({"mirror", "full_data", "app_data"})
# Tests using these fixtures need Debian tools (marked automatically).
TOOL_FIXTURES = frozenset({"ocr", "pdftoppm", "chromium"})


def unavailable(reason: str) -> NoReturn:
    """What a corpus or tool test needs is missing: fail under CI=true, else skip saying so."""
    if CI:
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(f"NOT RUN, {reason} (this fails under CI=true)")


def pytest_collection_modifyitems(items):
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & CORPUS_FIXTURES:
            item.add_marker(pytest.mark.corpus)
        if names & TOOL_FIXTURES:
            item.add_marker(pytest.mark.tools)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A skipped unit test is a failure: only corpus and tool tests may skip."""
    outcome = yield
    report = outcome.get_result()
    if not report.skipped or hasattr(report, "wasxfail"):
        return
    if item.get_closest_marker("corpus") or item.get_closest_marker("tools"):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    report.outcome = "failed"
    report.longrepr = f"a unit test must not skip (only corpus and tools tests may): {reason}"


@pytest.fixture(scope="session")
def mirror() -> Path:
    """The read-only corpus mirror (../shared/corpus, or RUJUKAN_MIRROR)."""
    if not MIRROR.is_dir():
        unavailable(f"the corpus mirror is not at {MIRROR} (set RUJUKAN_MIRROR or put shared/corpus beside the repository)")
    return MIRROR


@pytest.fixture(scope="session")
def pdftoppm() -> str:
    """Poppler's renderer, which turns generated PDFs into scans."""
    path = shutil.which("pdftoppm")
    if not path:
        unavailable("pdftoppm is not installed (Debian package poppler-utils)")
    return path


@pytest.fixture(scope="session")
def ocr(pdftoppm) -> None:
    """Tesseract with its Indonesian model."""
    from ingest.ocr import INSTALL_HINT, ocr_available

    if not ocr_available():
        unavailable(f"Tesseract with the 'ind' model is not installed ({INSTALL_HINT})")


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Headless Chromium and Playwright's Python package, for the browser tests."""
    if not CHROMIUM.exists():
        unavailable(f"Chromium is not at {CHROMIUM} (Debian package chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        unavailable("Playwright's Python package is not installed (pip install -e '.[test]')")
    return CHROMIUM


@pytest.fixture(scope="session")
def manifest():
    from corpus.manifest import load_manifest

    return load_manifest()


# A small real index for the app tests: real pipeline over seven mirror documents, then only
# the Pasal below are kept (stored and indexed) so that embedding stays quick.
APP_PASAL = {
    "uu-5-2014": ("pasal-2", "pasal-87", "penjelasan/pasal-2"),
    "uu-20-2023": ("pasal-2", "pasal-9", "pasal-52", "pasal-76"),
    "pp-94-2021": ("pasal-5", "pasal-7", "penjelasan/pasal-5"),
    "uu-1-2015": ("pasal-70", "pasal-71", "pasal-189"),
    "uu-8-2015": ("pasal-I/angka-48",),
    "uu-10-2016": ("pasal-I/angka-26", "pasal-I/angka-27"),
    "pp-42-2004": ("pasal-6", "pasal-11"),
}
APP_FILES = {
    "uu-5-2014": "uu-5-2014.md", "uu-20-2023": "uu-20-2023.md", "pp-94-2021": "pp-94-2021.pdf",
    "uu-1-2015": "uu-1-2015.md", "uu-8-2015": "uu-8-2015.md", "uu-10-2016": "uu-10-2016.md",
    "pp-42-2004": "pp-42-2004.md",
}  # fmt: skip
# Vectors survive between sessions here (gitignored), so a re-run embeds nothing new.
EMBEDDING_CACHE = REPO / "tests" / "artifacts" / "app-embeddings.sqlite"


@pytest.fixture(scope="session")
def app_data(mirror, tmp_path_factory) -> Path:
    """A data folder with a real index, as the app reads it; RUJUKAN_DATA must point at it."""
    from corpus.manifest import load_manifest
    from corpus.settings import Settings
    from ingest import store
    from ingest.model import ParsedDocument
    from ingest.pipeline import run_ingest
    from qa.index import build_in

    data = tmp_path_factory.mktemp("app") / "data"
    (data / "corpus").mkdir(parents=True)
    for name in APP_FILES.values():
        (data / "corpus" / name).symlink_to(mirror / name)
    # Seed the embedding cache: from an earlier run, or from the full ingest `make test` made
    # (the same provisions give the same indexed texts, so nothing is embedded twice).
    full_cache = Path(os.environ.get("RUJUKAN_TEST_DATA", "/nonexistent")) / "cache" / "embeddings.sqlite"
    for seed in (EMBEDDING_CACHE, full_cache):
        if seed.is_file():
            (data / "cache").mkdir(exist_ok=True)
            shutil.copyfile(seed, data / "cache" / "embeddings.sqlite")
            break
    settings = Settings(data_dir=data)
    manifest = load_manifest()
    result = run_ingest(settings, manifest, only=list(APP_FILES), progress=False)
    assert not result.failures, [d.error for d in result.failures]
    for doc in store.load_documents(settings.units_dir, list(APP_FILES)):
        keep = tuple(f"{doc.doc_id}/{p}" for p in APP_PASAL[doc.doc_id])
        units = [u for u in doc.units if any(u.id == k or u.id.startswith(k + "/") for k in keep)]
        store.write_document(ParsedDocument(doc.doc_id, units, doc.report), settings.units_dir)
    build_in(settings, store.load_units(settings.units_dir), manifest, progress=False)
    EMBEDDING_CACHE.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(data / "cache" / "embeddings.sqlite", EMBEDDING_CACHE)
    return data


# The whole mirror corpus, ingested and indexed once per test session. `make test` ingests it
# with the real CLI first and passes the folder in RUJUKAN_TEST_DATA, so the suite reuses it.
FULL_EMBEDDING_CACHE = REPO / "tests" / "artifacts" / "full-embeddings.sqlite"


@pytest.fixture(scope="session")
def full_data(mirror, tmp_path_factory) -> Path:
    """A data folder holding the real index over every document in the mirror."""
    given = os.environ.get("RUJUKAN_TEST_DATA")
    if given:
        path = Path(given).resolve()
        if not (path / "index" / "CURRENT").is_file():
            pytest.fail(f"RUJUKAN_TEST_DATA={path} has no index; run 'rujukan ingest' there first")
        return path

    from corpus.fetch import fetch_corpus
    from corpus.manifest import load_manifest
    from corpus.settings import Settings
    from qa.build import ingest_and_index

    data = tmp_path_factory.mktemp("full") / "data"
    (data / "cache").mkdir(parents=True)
    if FULL_EMBEDDING_CACHE.is_file():
        shutil.copyfile(FULL_EMBEDDING_CACHE, data / "cache" / "embeddings.sqlite")
    settings = Settings(data_dir=data)
    manifest = load_manifest()
    fetch_corpus(manifest, settings.corpus_dir, mirror=mirror, progress=False)
    result = ingest_and_index(settings, manifest, progress=False)
    assert not result.failures, [d.error for d in result.failures]
    FULL_EMBEDDING_CACHE.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(data / "cache" / "embeddings.sqlite", FULL_EMBEDDING_CACHE)
    return data
