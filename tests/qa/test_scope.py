"""The election regime a question is about, read from the words used for each election."""

from __future__ import annotations

import pytest

from qa.scope import mismatch_note, question_regime


@pytest.mark.parametrize(
    ("question", "regime"),
    [
        ("Berapa lama masa kampanye Pemilu?", "pemilu"),
        ("caleg boleh pasang baliho di kantor desa?", "pemilu"),
        ("Apakah ASN boleh hadir di deklarasi calon bupati?", "pilkada"),
        ("petahana mengganti pejabat menjelang pilkada", "pilkada"),
        ("Apakah ASN boleh ikut kampanye?", ""),
        ("Bedanya sanksi ASN di pemilu dan pilkada?", ""),
    ],
)
def test_question_regime(question, regime):
    assert question_regime(question) == regime


def test_the_mismatch_note_names_both_regimes():
    note = mismatch_note("pemilu", "Pasal 67 ayat (2) UU 1/2015")
    assert note == (
        "Pertanyaan ini tentang Pemilu (UU 7/2017), tetapi Pasal 67 ayat (2) UU 1/2015 berasal dari aturan "
        "Pilkada (UU 1/2015 dan perubahannya); ketentuan untuk Pemilu dapat berbeda."
    )
