"""The election regime a question is about, read from the words used for each election."""

from __future__ import annotations

import pytest

from corpus.manifest import load_manifest
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


def test_the_mismatch_note_names_both_regimes_with_their_formula():
    """Each election law named as its labels name it (manifest amendment chain), never a third way
    such as "UU 1/2015 dan perubahannya"."""
    label = "Pasal 67 ayat (2) UU 1/2015 sebagaimana telah beberapa kali diubah terakhir dengan UU 6/2020"
    note = mismatch_note("pemilu", label, load_manifest())
    assert note == (
        "Pertanyaan ini tentang Pemilu (UU 7/2017 sebagaimana telah diubah dengan UU 7/2023), tetapi "
        f"{label} berasal dari aturan Pilkada (UU 1/2015 sebagaimana telah beberapa kali diubah terakhir "
        "dengan UU 6/2020); ketentuan untuk Pemilu dapat berbeda."
    )
