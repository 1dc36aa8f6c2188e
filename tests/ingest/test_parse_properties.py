"""Properties of ``ingest.parse.parse_document`` on arbitrary and perturbed text.

Whatever the text (garbage, shuffled real lines, lines with OCR-like damage), parsing must not
raise, unit ids must be unique, every parent must exist, and the same input must give the
same units twice. Examples stay few so that the suite stays fast.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus.manifest import DocumentMeta, Manifest
from ingest.clean import clean
from ingest.model import Line, SourceText
from ingest.parse import parse_document
from ingest.read import read_source

META = DocumentMeta(
    id="uu-98-2098", kind="UU", number="98", year=2098, title="Undang-Undang Nomor 98 Tahun 2098 tentang Contoh",
    citation="Undang-Undang Nomor 98 Tahun 2098 tentang Contoh", short_name="UU 98/2098",
)  # fmt: skip
MANIFEST = Manifest(documents=[META])
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Words the parser reacts to, so that random text often looks like structure.
MARKERS = [
    "Pasal 1", "Pasal 2", "Pasal 2A", "Pasal 10", "Pasal I", "Pasal II", "(1)", "(2)", "(3)", "a.", "b.", "c.",
    "1.", "2.", "BAB I", "BAB II", "Bagian Kesatu", "Paragraf 1", "PENJELASAN", "ATAS", "I. UMUM",
    "II. PASAL DEMI PASAL", "Cukup jelas.", "Ayat (1)", "Huruf a", "Menimbang :", "Mengingat :", "MEMUTUSKAN:",
    "Menetapkan :", "sebagaimana dimaksud dalam Pasal 2 ayat (1) huruf a", "Undang-Undang Nomor 5 Tahun 2014",
    "diubah sebagai berikut:", "Di antara Pasal 7 dan Pasal 8 disisipkan 1 (satu) pasal, yakni Pasal 7A",
    "Ketentuan Pasal 1 dihapus.", "dihapus.", "1 .", "(21", "Pasal 1 1", "2Ol4",
]  # fmt: skip
WORDS = ["pengawas", "dilarang", "wajib", "partai", "politik", "dan", "atau", ";", ":", ".", "ASN", "netral"]
line_text = st.lists(st.sampled_from(MARKERS + WORDS) | st.text(max_size=12), min_size=0, max_size=8).map(" ".join)


def parse(lines: list[str]):
    source = SourceText(path="contoh.md", lines=[Line(t) for t in lines], page_count=None, method="text")
    return parse_document(source, META, manifest=MANIFEST)


def check(lines: list[str]) -> None:
    first = parse(lines)
    ids = [u.id for u in first.units]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    known = set(ids)
    for unit in first.units:
        assert unit.id.startswith(f"{META.id}/")
        assert unit.parent_id is None or unit.parent_id in known, unit.id
        assert not unit.explains or unit.explains.startswith(f"{META.id}/")
    again = parse(lines)
    assert [u.to_dict() for u in again.units] == [u.to_dict() for u in first.units]


@SETTINGS
@given(st.lists(line_text, max_size=40))
def test_arbitrary_lines(lines):
    check(lines)


@SETTINGS
@given(st.lists(st.text(max_size=80), max_size=30))
def test_arbitrary_unicode(lines):
    check(lines)


@pytest.fixture(scope="module")
def real_lines(mirror) -> list[str]:
    lines = [ln.text for ln in clean(read_source(mirror / "uu-5-2014.md"))[0].lines if ln.text.strip()]
    end = next(i for i, ln in enumerate(lines) if ln.strip() == "Pasal 9")
    return lines[:end]  # the opening of UU 5/2014 up to Pasal 8, with its ayat, huruf and angka


def test_real_window_parses_to_its_pasal(real_lines):
    numbers = [u.number for u in parse(real_lines).units if u.kind == "pasal"]
    assert numbers == [str(n) for n in range(1, 9)]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.randoms(use_true_random=False), st.sampled_from(["shuffle", "drop", "duplicate", "splice", "damage"]))
def test_perturbed_real_lines(real_lines, rnd: random.Random, how: str):
    lines = list(real_lines)
    if how == "shuffle":
        rnd.shuffle(lines)
    elif how == "drop":
        lines = [ln for ln in lines if rnd.random() > 0.3]
    elif how == "duplicate":
        for _ in range(10):
            i = rnd.randrange(len(lines))
            lines.insert(i, lines[i])
    elif how == "splice":  # a block moved elsewhere, like a misplaced page
        i, j = sorted(rnd.sample(range(len(lines)), 2))
        block, lines = lines[i:j], lines[:i] + lines[j:]
        k = rnd.randrange(len(lines) + 1)
        lines = lines[:k] + block + lines[k:]
    else:  # OCR-like damage to characters
        swaps = {"1": "l", "0": "O", "(": "", ")": "1", ".": ",", "a": "", " ": ""}
        lines = [
            "".join(swaps.get(ch, ch) if rnd.random() < 0.05 else ch for ch in ln) for ln in lines
        ]
    check(lines)
