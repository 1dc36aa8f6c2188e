"""Settings from the environment: defaults, every variable, and clear errors."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from corpus.settings import MANIFEST_PATH, PROJECT_ROOT, LlmSettings, Settings, SettingsError


def test_an_empty_environment_gives_the_defaults():
    settings = Settings.from_env({})

    assert settings == Settings()
    assert settings.data_dir == PROJECT_ROOT / "data"
    assert settings.corpus_dir == PROJECT_ROOT / "data" / "corpus"
    assert settings.units_dir == PROJECT_ROOT / "data" / "units"
    assert settings.index_dir == PROJECT_ROOT / "data" / "index"
    assert settings.cache_dir == PROJECT_ROOT / "data" / "cache"
    assert settings.user_dir == PROJECT_ROOT / "data" / "user"
    assert settings.reports_dir == PROJECT_ROOT / "reports"
    assert settings.manifest_path == MANIFEST_PATH
    assert settings.mirror_dir is None
    assert settings.chroma_server is None
    assert settings.chroma_timeout == 5.0
    assert settings.embed_threads is None
    assert settings.llm == LlmSettings() and not settings.llm.configured


def test_every_variable_is_read(tmp_path):
    env = {
        "RUJUKAN_DATA": str(tmp_path / "data"),
        "RUJUKAN_REPORTS": str(tmp_path / "reports"),
        "RUJUKAN_MANIFEST": str(tmp_path / "manifest.toml"),
        "RUJUKAN_MIRROR": str(tmp_path / "mirror"),
        "RUJUKAN_CHROMA_HOST": "127.0.0.1",
        "RUJUKAN_CHROMA_PORT": "8123",
        "RUJUKAN_CHROMA_TIMEOUT": "5",
        "RUJUKAN_EMBED_THREADS": "1",
        "RUJUKAN_LLM": "Ollama",
        "RUJUKAN_LLM_MODEL": "qwen2.5:7b-instruct",
        "RUJUKAN_LLM_BASE_URL": "http://127.0.0.1:11434",
        "RUJUKAN_LLM_API_KEY": "rahasia",
        "RUJUKAN_LLM_TIMEOUT": "12.5",
        "PATH": "/usr/bin",  # anything else is ignored
    }
    settings = Settings.from_env(env)

    assert settings.data_dir == tmp_path / "data"
    assert settings.units_dir == tmp_path / "data" / "units"
    assert settings.reports_dir == tmp_path / "reports"
    assert settings.manifest_path == tmp_path / "manifest.toml"
    assert settings.mirror_dir == tmp_path / "mirror"
    assert settings.chroma_server == ("127.0.0.1", 8123)
    assert settings.chroma_timeout == 5.0
    assert settings.embed_threads == 1
    assert settings.llm == LlmSettings("ollama", "qwen2.5:7b-instruct", "http://127.0.0.1:11434", "rahasia", 12.5)
    assert settings.llm.configured
    assert "rahasia" not in repr(settings)  # settings may be logged; the key is not


def test_relative_folders_are_resolved_where_the_edge_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = Settings.from_env({"RUJUKAN_DATA": "data", "RUJUKAN_MIRROR": "../shared/corpus"})

    assert settings.data_dir == tmp_path / "data"
    assert settings.mirror_dir == (tmp_path.parent / "shared" / "corpus").resolve()


def test_a_chroma_server_needs_host_and_port():
    assert Settings.from_env({"RUJUKAN_CHROMA_HOST": "127.0.0.1"}).chroma_server is None
    assert Settings.from_env({"RUJUKAN_CHROMA_PORT": "8000"}).chroma_server is None
    assert Settings.from_env({"RUJUKAN_CHROMA_HOST": "h", "RUJUKAN_CHROMA_PORT": "8000"}).chroma_server == ("h", 8000)


def test_empty_values_keep_the_defaults():
    env = {"RUJUKAN_DATA": "", "RUJUKAN_EMBED_THREADS": " ", "RUJUKAN_LLM": "", "RUJUKAN_MIRROR": ""}
    assert Settings.from_env(env) == Settings()


@pytest.mark.parametrize("name", ["RUJUKAN_CHROMA_PORT", "RUJUKAN_CHROMA_TIMEOUT", "RUJUKAN_EMBED_THREADS",
                                  "RUJUKAN_LLM_TIMEOUT"])  # fmt: skip
def test_a_number_that_is_not_one_is_named(name):
    with pytest.raises(SettingsError) as info:
        Settings.from_env({name: "satu", "RUJUKAN_CHROMA_HOST": "h"})
    assert str(info.value) == f"{name}='satu' bukan angka"


def test_settings_are_frozen_and_hashable():
    settings = Settings(data_dir=Path("/tmp/x"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.data_dir = Path("/tmp/y")  # type: ignore[misc]
    assert hash(settings) == hash(Settings(data_dir=Path("/tmp/x")))  # usable as a cache key
