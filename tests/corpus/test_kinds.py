"""The registry of document kinds: every kind the manifest uses is there, and its names are consistent."""

from __future__ import annotations

import re

import pytest

from corpus import kinds
from corpus.manifest import load_manifest


def test_required_kinds_are_registered_with_distinct_ids_and_short_forms():
    for name in ("UU", "Perppu", "PP", "Perpres", "Permen", "Peraturan Bawaslu", "Peraturan KPU",
                 "Keputusan Bersama", "Surat Edaran", "Surat"):  # fmt: skip
        assert name in kinds.NAMES
    assert len({k.prefix for k in kinds.KINDS}) == len(kinds.KINDS)
    assert len({k.short for k in kinds.KINDS}) == len(kinds.KINDS)
    for kind in kinds.KINDS:
        assert re.fullmatch(r"[a-z]+", kind.prefix), kind.prefix
        assert " " not in kind.short  # a short name is "<short> <number>/<year>"
        assert kind.parser in kinds.PARSERS


def test_every_manifest_document_has_a_registered_kind():
    assert {doc.kind for doc in load_manifest().documents} <= set(kinds.NAMES)


def test_peraturan_bawaslu_entry():
    kind = kinds.get("Peraturan Bawaslu")
    assert (kind.prefix, kind.long_name, kind.short) == (
        "perbawaslu", "Peraturan Bawaslu", "Perbawaslu"
    )
    assert not kind.is_decree and kind.implements_laws
    assert kinds.get("Keputusan Bersama").short == "SKB"
    assert kinds.get("Keputusan Bersama").is_decree and kinds.get("Surat").is_decree


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Undang-undang", "UU"),
        ("Undang- Undang", "UU"),
        ("Peraturan Bawaslu", "Peraturan Bawaslu"),
        ("Peraturan  Badan Pengawas\nPemilihan Umum", "Peraturan Bawaslu"),
        ("PKPU", "Peraturan KPU"),
        ("Surat Keputusan Bersama", "Keputusan Bersama"),
    ],
)
def test_a_name_in_text_gives_its_kind(text, name):
    assert kinds.by_text(text).name == name


def test_unknown_kind_names_the_choices():
    assert kinds.by_text("Memo") is None
    with pytest.raises(KeyError, match="Peraturan Bawaslu"):
        kinds.get("Memo")


def test_short_form_pattern_finds_the_document_in_a_short_label():
    pattern = kinds.short_form_pattern()
    assert pattern.search("Pasal 5 ayat (1) Perbawaslu 6/2018").group(0) == "Perbawaslu 6/2018"
    assert pattern.search("Diktum KESATU SKB 3/2024").group(0) == "SKB 3/2024"
    assert pattern.search("Pasal 87 ayat (4) huruf c UU 5/2014").group(0) == "UU 5/2014"


def test_self_reference_names_the_document_itself():
    pattern = re.compile(kinds.self_reference_pattern())
    assert pattern.match("Peraturan Badan ini mulai berlaku")
    assert pattern.match("Undang-Undang ini mulai berlaku")
    assert not pattern.match("Undang-Undang Nomor 5 Tahun 2014")


def test_no_library_module_names_a_kind_outside_the_registry():
    """A kind spelled out as a string elsewhere is a second definition that the next kind would miss."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    words = set(kinds.NAMES) | {k.short for k in kinds.KINDS} | {k.long_name for k in kinds.KINDS}
    found = []
    for package in ("corpus", "ingest", "qa", "evals"):
        for path in sorted((root / package).rglob("*.py")):
            if path == root / "corpus" / "kinds.py":
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and node.value in words:
                    found.append(f"{path.relative_to(root)}:{node.lineno} {node.value!r}")
    assert found == []


def test_a_reference_to_a_uu_may_mean_the_perppu_it_enacted():
    assert kinds.read_as("UU") == ("Perppu",)
    assert kinds.read_as("PP") == ()
