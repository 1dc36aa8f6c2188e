"""Coverage: which Pasal a partial source holds, and the words used when one is missing."""

from __future__ import annotations

from corpus.coverage import Coverage, combined

PARTIAL = Coverage(1, 214, 573, penjelasan=False)


def test_holds_by_number_inserted_pasal_included():
    assert PARTIAL.holds("1") and PARTIAL.holds("214") and PARTIAL.holds("92A")
    assert not PARTIAL.holds("215") and not PARTIAL.holds("568A") and not PARTIAL.holds("I")


def test_descriptions():
    assert PARTIAL.describe() == "sebagian: Pasal 1\u2013214 dari 573, tanpa Penjelasan"
    assert Coverage(1, 100, 100).describe() == "lengkap"
    assert Coverage(1, 100, 100).complete and not PARTIAL.complete
    assert PARTIAL.gap_text() == "Pasal 215\u2013573 dan Penjelasan"
    assert Coverage(5, 100, 100).gap_text() == "Pasal 1\u20134"
    assert Coverage(1, 100, 100).gap_text() == ""
    assert PARTIAL.missing_note("280", "UU 7/2017", penjelasan=True).startswith(
        "Penjelasan Pasal 280 UU 7/2017 belum ada di korpus: berkas yang tersedia hanya memuat Pasal 1\u2013214 "
        "(tanpa Penjelasan); tambahkan PDF resmi"
    )
    assert PARTIAL.lacks("280") and PARTIAL.lacks("93", penjelasan=True) and not PARTIAL.lacks("93")


def test_round_trip_and_combined_parts():
    assert Coverage.from_dict(PARTIAL.to_dict()) == PARTIAL
    assert Coverage.from_dict(None) is None
    assert combined([None, None]) is None
    assert combined([PARTIAL]) == PARTIAL
    assert combined([PARTIAL, Coverage(215, 573, 573, penjelasan=True)]) == Coverage(1, 573, 573, True)
