"""The OCR correction pass: unit tests on a small vocabulary, then the real OCR'd sources of the
mirror through the real pipeline (corrections in `rujukan show`, the report, clean units untouched)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ingest.model import Line, SourceText, Unit
from ingest.ocr_correct import build_vocabulary, correct, mark_units, suspicious_words

CLEAN = """Setiap PNS dilarang menyalahgunakan wewenang dan/atau menjadi perantara.
Dewan Perwakilan Rakyat, Dewan Perwakilan Rakyat Daerah, dan lain-lain sesuai dengan peraturan perundang-undangan.
Yang dimaksud dengan "asas netralitas" adalah bebas dari intervensi semua golongan oleh siapa pun.
sebagaimana dimaksud pada ayat (1) dan ayat (2) Tahun 2022 kewajiban negara tinggi izin dalam instansi."""


@pytest.fixture(scope="module")
def vocab():
    return build_vocabulary([CLEAN, CLEAN])  # twice: a word must be used more than once


def fixed(text: str, vocab, page: int = 4) -> tuple[str, list]:
    out, changes = correct(SourceText("x.pdf", [Line(text, page)], 1, "ocr"), vocab)
    return out.lines[0].text, changes


@pytest.mark.parametrize("ocr, expected", [
    ("Dewan Perwakilan Ralryat dan Ralcyat", "Dewan Perwakilan Rakyat dan Rakyat"),
    ("kendaraan dinas, dan lain-Iain.", "kendaraan dinas, dan lain-lain."),
    ("menyalahgunakanwewenang;", "menyalahgunakan wewenang;"),
    ("pribadi, seseorang, danf atau golongan;", "pribadi, seseorang, dan/atau golongan;"),
    ("ketentuan peraturan perLlndang-undangan.", "ketentuan peraturan perundang-undangan."),
    ('Yang dimaksud dengan oasas netralitas" adalah', 'Yang dimaksud dengan "asas netralitas" adalah'),
    ("pada ayat (1) dan ayat l2l yang mengangkat", "pada ayat (1) dan ayat (2) yang mengangkat"),
    ("dimaksud pada ayat (21 huruf a", "dimaksud pada ayat (2) huruf a"),
    ("Pasal 8 ayat (21dan ayat (3).", "Pasal 8 ayat (2) dan ayat (3)."),
    ("bebas dari intervensig! semua golongan", "bebas dari intervensi semua golongan"),
    ("Nomor 246 Tatun 2022, Nomor 30", "Nomor 246 Tahun 2022, Nomor 30"),
    ("kewaj iban ne gara", "kewajiban negara"),
    ("ditetapkan cleh Menteri", "ditetapkan oleh Menteri"),
])  # fmt: skip
def test_typical_scan_errors_are_corrected(vocab, ocr, expected):
    assert fixed(ocr, vocab)[0] == expected


def test_each_change_is_recorded_with_page_and_rule(vocab):
    text, changes = fixed("Dewan Perwakilan Ralryat dan lain-Iain", vocab, page=41)
    assert [(c.before, c.after, c.rule, c.page) for c in changes] == [
        ("Ralryat", "Rakyat", "pola_ocr", 41), ("lain-Iain", "lain-lain", "huruf_mirip", 41),
    ]
    assert changes[0].context == "Dewan Perwakilan Ralryat dan lain-Iain"


def test_known_words_and_names_stand(vocab):
    # Every word of the clean text, and capitalised names the clean texts do not use ("Dumai",
    # "Riau" would become "Durnai", "Rian" by a look-alike swap).
    for line in [*CLEAN.splitlines(), "Wali Kota Dumai, Provinsi Riau, kontestasi"]:
        assert fixed(line, vocab) == (line, [])


def test_damaged_words_left_are_suspicious(vocab):
    assert suspicious_words("PNS T\\rnjangan menJrusun 2Ol0 dan Pasal 7A ayat (2a) danx", vocab) == [
        "T\\rnjangan", "menJrusun", "2Ol0", "danx",
    ]
    assert suspicious_words(CLEAN, vocab) == []


def test_units_are_marked_and_changes_placed_in_the_smallest_unit(vocab):
    out, changes = correct(SourceText("x.pdf", [Line("PNS dilarang Ralryat menJrusun", 3)], 1, "ocr"), vocab)
    pasal = Unit("d/pasal-1", "d", "pasal", "1", "Pasal 1", "Pasal 1", out.lines[0].text, pages=[3])
    huruf = Unit("d/pasal-1/huruf-a", "d", "huruf", "a", "Pasal 1 huruf a", "Pasal 1 huruf a",
                 "Rakyat menJrusun", parent_id="d/pasal-1", pages=[3])  # fmt: skip
    suspect = mark_units([pasal, huruf], changes, vocab)
    assert changes[0].unit == "d/pasal-1/huruf-a"
    assert suspect == [{"word": "menJrusun", "unit": "d/pasal-1/huruf-a", "page": 3}]
    assert huruf.ocr_note == "teks hasil OCR; periksa dengan salinan resmi (kata meragukan: menJrusun)"


# --- the real mirror ---------------------------------------------------------------------------

OCR_DOCS = ["pp-94-2021", "uu-20-2023", "se-walikota-dumai-800-873-bkpsdm-2023"]


def _ingest(mirror, data: Path, monkeypatch=None):
    from corpus.manifest import load_manifest
    from corpus.settings import Settings
    from ingest.pipeline import run_ingest

    given = os.environ.get("RUJUKAN_TEST_DATA", "/work/main/build/test-data")
    seed = Path(given) / "cache" / "read"  # OCR text of the scan, keyed by file and reader code
    if seed.is_dir() and not (data / "cache" / "read").exists():
        shutil.copytree(seed, data / "cache" / "read")
    settings = Settings(data_dir=data)  # the OCR cache is read under the data folder
    data.mkdir(parents=True, exist_ok=True)
    if not settings.corpus_dir.exists():
        settings.corpus_dir.symlink_to(mirror)  # read straight from the mirror
    result = run_ingest(settings, load_manifest(), only=OCR_DOCS, progress=False)
    assert not result.failures, [d.error for d in result.failures]


@pytest.fixture(scope="module")
def ocr_data(mirror, ocr, tmp_path_factory):
    data = tmp_path_factory.mktemp("ocrfix") / "data"
    _ingest(mirror, data)
    return data


def _show(data: Path, unit_id: str, monkeypatch, capsys) -> str:
    import cli

    monkeypatch.setenv("RUJUKAN_DATA", str(data))
    assert cli.main(["show", unit_id]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("unit_id, wrong, right", [
    ("pp-94-2021/pasal-5/huruf-n", "Ralryat", "Dewan Perwakilan Rakyat,"),
    ("pp-94-2021/penjelasan/pasal-5/huruf-n/angka-2", "Ralcyat", "Dewan Perwakilan Rakyat Daerah"),
    ("pp-94-2021/penjelasan/pasal-5/huruf-n/angka-3", "lain-Iain", "dan lain-lain."),
    ("pp-94-2021/pasal-5/huruf-a", "menyalahgunakanwewenang", "menyalahgunakan wewenang;"),
    ("pp-94-2021/pasal-4/huruf-c", "danf atau", "seseorang, dan/atau golongan;"),
    ("pp-94-2021/pasal-4/huruf-e", "perLlndang", "peraturan perundang-undangan;"),
    ("pp-94-2021/pasal-24/ayat-4", "(21", "pada ayat (2) dan ayat (3)"),
    ("uu-20-2023/penjelasan/pasal-2/huruf-f", "oasas", 'Yang dimaksud dengan "asas netralitas"'),
    ("uu-20-2023/pasal-65/ayat-3", "l2l", "pada ayat (1) dan ayat (2) yang mengangkat"),
    ("uu-20-2023/pasal-21/ayat-3", "(21", "pada ayat (2) huruf a"),
    ("se-walikota-dumai-800-873-bkpsdm-2023/huruf-e/angka-1", "intervensig!", "dan/atau intervensi semua golongan"),
    ("se-walikota-dumai-800-873-bkpsdm-2023/huruf-e/angka-3", "Tatun", "Nomor 246 Tahun 2022"),
])  # fmt: skip
def test_listed_errors_come_out_corrected_in_show(ocr_data, monkeypatch, capsys, unit_id, wrong, right):
    out = _show(ocr_data, unit_id, monkeypatch, capsys)
    assert right in out
    assert wrong not in out


def test_cross_reference_of_pasal_65_ayat_3_reaches_ayat_2(ocr_data):
    from ingest import store

    units = {u.id: u for u in store.read_document("uu-20-2023", ocr_data / "units").units}
    assert units["uu-20-2023/pasal-65/ayat-3"].refs == ["uu-20-2023/pasal-65/ayat-1", "uu-20-2023/pasal-65/ayat-2"]


def test_correction_report_of_pp_94_lists_each_change_with_its_page(ocr_data, monkeypatch, capsys):
    from ingest.corpus_status import ocr_corrections

    found = ocr_corrections("pp-94-2021", ocr_data / "units")
    changes = {(c["page"], c["before"], c["after"], c["label"]) for c in found["corrections"]}
    assert {
        (4, "danf atau", "dan/atau", "Pasal 4 huruf c PP 94/2021"),
        (4, "perLlndang-undangan", "perundang-undangan", "Pasal 4 huruf e PP 94/2021"),
        (4, "menyalahgunakanwewenang", "menyalahgunakan wewenang", "Pasal 5 huruf a PP 94/2021"),
        (5, "Ralryat", "Rakyat", "Pasal 5 huruf n PP 94/2021"),
        (41, "Ralcyat", "Rakyat", "Penjelasan Pasal 5 huruf n angka 2 PP 94/2021"),
        (41, "lain-Iain", "lain-lain", "Penjelasan Pasal 5 huruf n angka 3 PP 94/2021"),
    } <= changes
    assert all(c["page"] and c["rule"] and c["unit"] for c in found["corrections"])

    import cli

    monkeypatch.setenv("RUJUKAN_DATA", str(ocr_data))
    assert cli.main(["corpus", "status", "--corrections", "pp-94-2021"]) == 0
    out = capsys.readouterr().out
    assert f"Koreksi OCR PP 94/2021 (pp-94-2021.pdf): {len(found['corrections'])} perubahan" in out
    assert "hlm. 41  huruf_mirip    'lain-Iain' -> 'lain-lain'  [Penjelasan Pasal 5 huruf n angka 3 PP 94/2021]" in out


def test_suspicious_units_say_the_text_is_ocr(ocr_data, monkeypatch, capsys):
    from ingest import store

    units = store.read_document("se-walikota-dumai-800-873-bkpsdm-2023", ocr_data / "units").units
    marked = [u for u in units if u.ocr_suspect]
    assert marked, "the Dumai scan keeps doubtful words (e.g. 'danx')"
    out = _show(ocr_data, marked[0].id, monkeypatch, capsys)
    assert "catatan: teks hasil OCR; periksa dengan salinan resmi (kata meragukan:" in out


def test_clean_sources_are_not_changed_by_the_pass(ocr_data, mirror, tmp_path, monkeypatch):
    """UU 5/2014 (clean, ingested with UU 20/2023) has no corrections, and its units are the same
    as when the pass is switched off."""
    from ingest import pipeline, store

    clean = store.read_document("uu-5-2014", ocr_data / "units")
    assert clean.report.corrections == [] and clean.report.ocr_suspect == []
    assert not any(u.ocr_suspect for u in clean.units)
    monkeypatch.setattr(pipeline, "correct", lambda source, vocab: (source, []))
    _ingest(mirror, tmp_path)
    without = store.read_document("uu-5-2014", tmp_path / "units")
    assert [(u.id, u.text, u.penjelasan, u.label) for u in clean.units] == [
        (u.id, u.text, u.penjelasan, u.label) for u in without.units
    ]
    # And the corrected OCR document did change.
    assert store.read_document("pp-94-2021", tmp_path / "units").units != store.read_document(
        "pp-94-2021", ocr_data / "units").units
