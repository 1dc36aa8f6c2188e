"""The ``rujukan`` entry point: every command registered, settings read once from the environment."""

from __future__ import annotations

import argparse

import pytest

import cli


def test_every_command_is_registered():
    sub = next(a for a in cli.build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert {"corpus", "ingest", "show", "search", "ask", "eval", "bench"} <= set(sub.choices)


def test_commands_get_the_settings_of_the_environment(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("RUJUKAN_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("RUJUKAN_MIRROR", str(tmp_path / "mirror"))
    assert cli.main(["corpus", "fetch", "--only", "pp-42-2004", "--no-progress"]) == 2
    assert capsys.readouterr().err == f"folder mirror tidak ditemukan: {tmp_path / 'mirror'}\n"


@pytest.mark.parametrize("name", ["RUJUKAN_EMBED_THREADS", "RUJUKAN_CHROMA_TIMEOUT"])
def test_an_unusable_setting_is_a_clear_error(tmp_path, monkeypatch, capsys, name):
    monkeypatch.setenv("RUJUKAN_DATA", str(tmp_path))
    monkeypatch.setenv(name, "dua")
    assert cli.main(["corpus", "status"]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"pengaturan tidak dapat dipakai: {name}='dua' bukan angka\n"
    assert captured.out == "" and not (tmp_path / "corpus").exists()
