"""Where Rujukan keeps its data. Everything lives under one data folder.

``RUJUKAN_DATA`` overrides the default ``./data``. Layout::

    data/corpus/            source files fetched from a mirror or the official sites
    data/units/<doc>.json   parsed units and the parse report of each document
    data/index/             the Chroma store and the BM25 index (built beside, swapped in)
    data/cache/             embedding cache keyed by content hash
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MANIFEST_PATH = Path(__file__).resolve().parent / "manifest.toml"


def manifest_path() -> Path:
    """The manifest to load: ``RUJUKAN_MANIFEST`` when set (tests, a private corpus), else the packaged one."""
    value = os.environ.get("RUJUKAN_MANIFEST")
    return Path(value).resolve() if value else MANIFEST_PATH


def data_dir() -> Path:
    return Path(os.environ.get("RUJUKAN_DATA", PROJECT_ROOT / "data")).resolve()


def corpus_dir() -> Path:
    return data_dir() / "corpus"


def units_dir() -> Path:
    return data_dir() / "units"


def index_dir() -> Path:
    return data_dir() / "index"


def cache_dir() -> Path:
    return data_dir() / "cache"


def reports_dir() -> Path:
    return Path(os.environ.get("RUJUKAN_REPORTS", PROJECT_ROOT / "reports")).resolve()


def mirror_dir() -> Path | None:
    """The mirror folder named by ``RUJUKAN_MIRROR``, if any."""
    value = os.environ.get("RUJUKAN_MIRROR")
    return Path(value).resolve() if value else None
