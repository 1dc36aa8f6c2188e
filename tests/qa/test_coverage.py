"""Named provisions outside the part of a law the corpus holds: the note that replaces an answer."""

from __future__ import annotations

import shutil

from ingest import store
from ingest.model import ParsedDocument, ParseReport, Unit
from qa.coverage import missing_notes, regime_note

PARTIAL = {"pasal_first": 1, "pasal_last": 214, "pasal_total": 573, "penjelasan": False}
NOTE_280 = (
    "Pasal 280 UU 7/2017 sebagaimana telah diubah dengan UU 7/2023 belum ada di korpus: berkas yang tersedia hanya memuat Pasal 1\u2013214; "
    "tambahkan PDF resmi lewat Tambah Dokumen"
)


def _store(data, coverage):
    unit = Unit(id="uu-7-2017/pasal-93", doc_id="uu-7-2017", kind="pasal", number="93", label="Pasal 93",
                short_label="Pasal 93 UU 7/2017", text="Bawaslu bertugas: ...")
    report = ParseReport(doc_id="uu-7-2017", coverage=coverage)
    store.write_document(ParsedDocument("uu-7-2017", [unit], report), data / "units")
    return {unit.id}


def test_a_pasal_beyond_the_ingested_copy_gets_the_coverage_note(tmp_path, manifest):
    ids = _store(tmp_path, PARTIAL)
    assert missing_notes("Apa bunyi Pasal 280 ayat (2) UU 7/2017?", ids, manifest, tmp_path) == [NOTE_280]
    # "UU Pemilu" names the same law; a Penjelasan is missing even for a Pasal that is held.
    assert missing_notes("pasal 280 uu pemilu", ids, manifest, tmp_path) == [NOTE_280]
    assert missing_notes("Penjelasan Pasal 93 UU 7/2017", ids, manifest, tmp_path) == [
        "Penjelasan Pasal 93 UU 7/2017 sebagaimana telah diubah dengan UU 7/2023 belum ada di korpus: berkas yang tersedia hanya memuat Pasal 1\u2013214 "
        "(tanpa Penjelasan); tambahkan PDF resmi lewat Tambah Dokumen"
    ]
    # A Pasal held, a provision of another law, a Pasal of a whole law: no note.
    assert missing_notes("Pasal 93 UU 7/2017", ids, manifest, tmp_path) == []
    assert missing_notes("Pasal 71 UU Pilkada", ids, manifest, tmp_path) == []
    assert missing_notes("Pasal 999 UU 5/2014", ids, manifest, tmp_path) == []
    # Asked of the amending law, a Pasal of the amended law is looked up there.
    assert missing_notes("Pasal 280 UU 7/2023", ids, manifest, tmp_path) == [NOTE_280]


def test_an_ingest_of_the_whole_law_has_no_gap(tmp_path, manifest):
    ids = _store(tmp_path, None)  # e.g. ingested from the official PDF
    assert missing_notes("Apa bunyi Pasal 280 ayat (2) UU 7/2017?", ids, manifest, tmp_path) == []


def test_before_any_ingest_the_file_ingest_would_read_decides(tmp_path, manifest, mirror):
    (tmp_path / "corpus").mkdir()
    shutil.copy(mirror / "uu-7-2017-pasal-1-214.txt", tmp_path / "corpus")
    assert missing_notes("Pasal 280 UU 7/2017", set(), manifest, tmp_path) == [NOTE_280]


REGIME_NOTE = (
    "Aturan Pemilu di korpus tidak lengkap: UU 7/2017 sebagaimana telah diubah dengan UU 7/2023 hanya memuat "
    "Pasal 1\u2013214 dari 573 pasal (tidak ada Pasal 215\u2013573 dan Penjelasan); ketentuan yang menjawab "
    "pertanyaan ini bisa ada di bagian itu. Periksa teks resminya, atau tambahkan PDF resmi lewat Tambah Dokumen."
)


def test_a_regime_whose_law_is_held_in_part_gets_a_note(tmp_path, manifest):
    _store(tmp_path, PARTIAL)
    assert regime_note("pemilu", manifest, tmp_path) == REGIME_NOTE
    assert regime_note("pilkada", manifest, tmp_path) is None  # UU 1/2015 is held whole


def test_a_regime_whose_law_is_held_whole_gets_none(tmp_path, manifest):
    _store(tmp_path, None)
    assert regime_note("pemilu", manifest, tmp_path) is None
