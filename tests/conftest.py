"""Shared test fixtures: the corpus mirror beside the repository, and the manifest."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
MIRROR = Path(__import__("os").environ.get("RUJUKAN_MIRROR", REPO.parent / "shared" / "corpus"))


@pytest.fixture(scope="session")
def mirror() -> Path:
    """The read-only corpus mirror (../shared/corpus); tests that need it skip without it."""
    if not MIRROR.is_dir():
        pytest.skip(f"corpus mirror not found at {MIRROR}")
    return MIRROR


@pytest.fixture(scope="session")
def manifest():
    from corpus.manifest import load_manifest

    return load_manifest()
