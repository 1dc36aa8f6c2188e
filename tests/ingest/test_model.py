"""Derived lines of a unit: which law last changed it, and the OCR note."""

from __future__ import annotations

from ingest.model import Unit, Version


def _unit(**kw) -> Unit:
    return Unit("uu-1-2015/pasal-71/ayat-1", "uu-1-2015", "ayat", "1", "l", "Pasal 71 ayat (1) UU 1/2015", "t", **kw)


def test_last_change_names_the_amending_provision():
    asli = Version("lama", "uu-1-2015", "uu-1-2015/pasal-71/ayat-1", "Pasal 71 ayat (1) UU 1/2015")
    baru = Version("t", "uu-10-2016", "uu-10-2016/pasal-I/angka-27", "Pasal I angka 27 UU 10/2016", change="diubah")
    assert _unit(history=[asli, baru]).last_change == "diubah terakhir oleh Pasal I angka 27 UU 10/2016"
    sisip = Version("t", "uu-8-2015", "uu-8-2015/pasal-I/angka-3", "Pasal I angka 3 UU 8/2015", change="disisipkan")
    assert _unit(history=[asli, sisip]).last_change == "disisipkan terakhir oleh Pasal I angka 3 UU 8/2015"
    assert _unit(history=[asli]).last_change is None and _unit().last_change is None


def test_ocr_note_only_with_suspect_words():
    assert _unit().ocr_note is None
    assert _unit(ocr_suspect=["danx", "S5"]).ocr_note == (
        "teks hasil OCR; periksa dengan salinan resmi (kata meragukan: danx, S5)"
    )
