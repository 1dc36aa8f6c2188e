"""Derived lines of a unit and its versions: the date of a version, and the OCR note."""

from __future__ import annotations

from ingest.model import Unit, Version


def _unit(**kw) -> Unit:
    return Unit("uu-1-2015/pasal-71/ayat-1", "uu-1-2015", "ayat", "1", "l", "Pasal 71 ayat (1) UU 1/2015", "t", **kw)


def test_a_version_is_dated_by_its_law():
    asli = Version("lama", "uu-1-2015", "uu-1-2015/pasal-71/ayat-1", "Pasal 71 ayat (1) UU 1/2015",
                   enacted="2015-02-02", promulgated="2015-02-02")  # fmt: skip
    assert asli.dated == "disahkan 2 Februari 2015"
    # UU 7/2023 has no date of enactment (sah under Pasal 20 ayat (5) UUD 1945), only of promulgation.
    perppu = Version("t", "uu-7-2023", "uu-7-2023/pasal-I/angka-6", "Pasal I angka 6 UU 7/2023", "diubah",
                     promulgated="2023-05-04")  # fmt: skip
    assert perppu.dated == "diundangkan 4 Mei 2023"
    assert Version("t", "x", "x/pasal-1", "Pasal 1 X").dated == ""
    # Units stored before versions had dates still load.
    old = _unit(history=[Version("t", "x", "x/pasal-1", "Pasal 1 X")]).to_dict()
    for v in old["history"]:
        del v["enacted"], v["promulgated"]
    assert Unit.from_dict(old).history[0].dated == ""


def test_ocr_note_only_with_suspect_words():
    assert _unit().ocr_note is None
    assert _unit(ocr_suspect=["danx", "S5"]).ocr_note == (
        "teks hasil OCR; periksa dengan salinan resmi (kata meragukan: danx, S5)"
    )
