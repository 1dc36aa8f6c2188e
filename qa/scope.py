"""Which election regime a question is about: Pemilu (UU 7/2017) or Pilkada (UU 1/2015 as amended).

The two laws regulate similar things differently (campaign periods, sanctions, who supervises),
so a question about one must not be answered from the other without saying so. The regime of
each document is manifest data (``regime``); the regime of a question is read from the words
people use for each election. A question with cues for both, or none, has no regime.
"""

from __future__ import annotations

import re

_CUES = {
    "pemilu": re.compile(
        r"\b(pemilu|pemilihan umum|pileg|pilpres|caleg|capres|cawapres|calon presiden|calon wakil presiden|"
        r"calon anggota (?:dpr|dpd|dprd|legislatif)|peserta pemilu|partai politik peserta)\b",
        re.IGNORECASE,
    ),
    "pilkada": re.compile(
        r"\b(pilkada|pemilihan kepala daerah|pemilihan (?:gubernur|bupati|wali ?kota)|cakada|"
        r"calon (?:kepala daerah|gubernur|bupati|wali ?kota)|paslon (?:gubernur|bupati|wali ?kota)|petahana)\b",
        re.IGNORECASE,
    ),
}
NAMES = {"pemilu": "Pemilu (UU 7/2017)", "pilkada": "Pilkada (UU 1/2015 dan perubahannya)"}


def question_regime(question: str) -> str:
    """"pemilu", "pilkada", or "" when the question names neither or both."""
    found = [regime for regime, cue in _CUES.items() if cue.search(question)]
    return found[0] if len(found) == 1 else ""


def mismatch_note(question_regime_: str, label: str) -> str:
    """The warning for a provision of the other regime quoted in an answer."""
    other = "pilkada" if question_regime_ == "pemilu" else "pemilu"
    return (
        f"Pertanyaan ini tentang {NAMES[question_regime_]}, tetapi {label} berasal dari aturan "
        f"{NAMES[other]}; ketentuan untuk {NAMES[question_regime_].split(' ')[0]} dapat berbeda."
    )
