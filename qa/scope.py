"""Which election regime a question is about: Pemilu (UU 7/2017) or Pilkada (UU 1/2015 as amended).

The two laws regulate similar things differently (campaign periods, sanctions, who supervises),
so a question about one must not be answered from the other without saying so. The regime of
each document is manifest data (``regime``); the regime of a question is read from the words
people use for each election. A question with cues for both, or none, has no regime.
"""

from __future__ import annotations

import re

from corpus.manifest import Manifest
from ingest.labels import law_name

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
NAMES = {"pemilu": "Pemilu", "pilkada": "Pilkada"}


def question_regime(question: str) -> str:
    """"pemilu", "pilkada", or "" when the question names neither or both."""
    found = [regime for regime, cue in _CUES.items() if cue.search(question)]
    return found[0] if len(found) == 1 else ""


def regime_name(regime: str, manifest: Manifest) -> str:
    """"Pilkada (UU 1/2015 sebagaimana telah beberapa kali diubah terakhir dengan UU 6/2020)": the
    election and its law (the manifest document of that regime that amends none), named as its labels
    name it."""
    laws = [law_name(d.id, manifest) for d in manifest.documents if d.regime == regime and not d.amends]
    return f"{NAMES[regime]} ({', '.join(laws)})" if laws else NAMES[regime]


def mismatch_note(question_regime_: str, label: str, manifest: Manifest) -> str:
    """The warning for a provision of the other regime quoted in an answer."""
    other = "pilkada" if question_regime_ == "pemilu" else "pemilu"
    return (
        f"Pertanyaan ini tentang {regime_name(question_regime_, manifest)}, tetapi {label} berasal dari aturan "
        f"{regime_name(other, manifest)}; ketentuan untuk {NAMES[question_regime_]} dapat berbeda."
    )
