"""Fit the answerability decision (``qa.answerability``) on the tune split of the golden set.

Only questions marked ``split: tune`` are read: the held-out part measures the result and is
never fitted on. Questions that name an existing provision are left out, because the engine
answers those whatever the signals say.

The threshold is the highest probability that still answers all but ``max_wrong`` of the
answerable tune questions: wrongly abstaining is the cheaper error (an abstention still lists
the nearest provisions), but a product that abstains too often is not used.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from evals.golden import GoldenQuestion
from qa.answerability import FEATURES, Calibration, DomainModel, Signals, lead_ins_of, signals
from qa.answering import gather
from qa.normalize import clean_question

# Share of answerable tune questions the threshold may abstain on. The threshold is set on
# cross-validated domain scores, and unseen questions abstained about as often as the target, so
# 0.05 left no margin below the gate's 0.05. 5-fold cross-validation of the whole calibration on
# the tune split (2026-11-30, 5 fold draws; held out never read): at 0.05 0.042 wrong abstentions
# and out-of-corpus recall 0.97; at 0.03 with monotone weights 0.023 and 0.94 (with each
# out-of-corpus field left out whole: 0.048 / 0.91 and 0.034 / 0.90).
MAX_WRONG_ABSTENTION = 0.03
L2 = 0.1  # ridge penalty: a few hundred questions, five features
# The domain model has one weight per embedding dimension (384) for a few hundred questions:
# strongly shrunk. Leave-one-field-out cross-validation on the tune split (labour, tax, health...
# each left out in turn) abstained on 0.93 of the unseen fields at 5 % wrong abstentions with
# 0.01; 0.001 and 0.1 did no better.
DOMAIN_L2 = 0.01
# The direction in which each signal speaks for answering.
EXPECTED_SIGN = {"similarity": 1, "coverage": 1, "unknown": -1, "agreement": 1, "domain": 1}
FOLDS = 5  # cross-validation folds for the domain signal the combination is fitted on


@dataclass(frozen=True)
class Example:
    question_id: str
    signals: Signals
    answerable: bool
    vector: tuple[float, ...] | None = None  # the question's embedding (for the domain model)


Measurement = tuple[Signals, Sequence[float] | None]


def examples(
    questions: Iterable[GoldenQuestion], measure: Callable[[str], Measurement | None]
) -> list[Example]:
    """Signals and embedding of each tune question; ``measure`` returns None for a question
    that names an existing provision (answered by reference, not by the model)."""
    out: list[Example] = []
    for q in questions:
        if q.split != "tune":
            continue
        found = measure(q.question)
        if found is not None:
            measured, vector = found
            out.append(Example(q.id, measured, not q.should_abstain, None if vector is None else tuple(vector)))
    return out


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = L2, iterations: int = 50) -> tuple[np.ndarray, float]:
    """Weights and bias of an L2-regularised logistic regression, by Newton's method."""
    n, d = x.shape
    design = np.hstack([x, np.ones((n, 1))])
    theta = np.zeros(d + 1)
    penalty = np.eye(d + 1) * l2
    penalty[d, d] = 0.0  # the bias is not shrunk
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-design @ theta))
        gradient = design.T @ (p - y) + penalty @ theta
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hessian, gradient)
        theta -= step
        if np.max(np.abs(step)) < 1e-10:
            break
    return theta[:d], float(theta[d])


def choose_threshold(probabilities: Sequence[float], answerable: Sequence[bool], max_wrong: float) -> float:
    """The highest threshold under which at most ``max_wrong`` of the answerable abstain."""
    scores = sorted(p for p, a in zip(probabilities, answerable, strict=True) if a)
    if not scores:
        return 0.5
    allowed = int(max_wrong * len(scores))  # answerable questions that may fall below
    return float(scores[allowed])


def calibrate(data: list[Example], max_wrong: float = MAX_WRONG_ABSTENTION, fitted_on: str = "") -> Calibration:
    """The model with the best abstention recall on ``data`` at the allowed wrong-abstention share.

    When every example has its embedding, the domain model is fitted first; the combination
    and its threshold are then fitted on *cross-validated* domain signals (each question scored
    by a domain model that never saw it), as unseen questions will be scored.
    Every subset of the features is fitted (the others get weight 0) and the one that abstains
    on the most questions it should, at its threshold, is kept; on a tie, the smaller subset.
    Only a model whose weights point the way each signal reads (:func:`monotone`) is kept, unless
    none does. Measured on the golden set's tune part before the domain signal existed, similarity
    alone beat every combination of the other three.
    """
    domain = None
    if data and all(e.vector is not None for e in data):
        domain = fit_domain(data)
        held_out = cross_validated_domain(data)
        data = [replace(e, signals=replace(e.signals, domain=d)) for e, d in zip(data, held_out, strict=True)]
    best: tuple[float, int, Calibration] | None = None
    fallback: tuple[float, int, Calibration] | None = None
    names = [i for i, name in enumerate(FEATURES) if name != "domain" or domain is not None]
    for size in range(1, len(names) + 1):
        for subset in itertools.combinations(names, size):
            model = _fit(data, subset, max_wrong, fitted_on)
            recall = _abstention_recall(model, data)
            if fallback is None or recall > fallback[0] + 1e-9:
                fallback = (recall, size, model)
            if monotone(model) and (best is None or recall > best[0] + 1e-9):
                best = (recall, size, model)
    best = best or fallback
    assert best is not None
    model = best[2]
    return replace(model, domain=domain) if model.weights[FEATURES.index("domain")] else model


def monotone(model: Calibration) -> bool:
    """Whether no weight contradicts its signal: more similarity, coverage, agreement or domain,
    or fewer unknown words, never make a question less answerable. Fitted freely, the 2026-11-30
    tune split gave coverage a negative weight beside similarity and the domain (collinear with
    them): a model no one could defend to a user."""
    return all(w * EXPECTED_SIGN[name] >= 0 for name, w in zip(FEATURES, model.weights, strict=True))


def fit_domain(data: list[Example], l2: float = DOMAIN_L2) -> DomainModel:
    """The domain model: logistic regression of answerable against the question embedding."""
    x = np.array([_unit(e.vector) for e in data])
    y = np.array([1.0 if e.answerable else 0.0 for e in data])
    weights, bias = fit_logistic(x, y, l2=l2)
    return DomainModel(tuple(round(float(w), 6) for w in weights), round(bias, 6))


def cross_validated_domain(data: list[Example], folds: int = FOLDS) -> list[float]:
    """Each example's domain signal from a model fitted on the other folds (folds stratified by
    label, assigned in order, so the result does not depend on a random seed)."""
    fold = {}
    for label in (True, False):
        for i, e in enumerate(e for e in data if e.answerable is label):
            fold[e.question_id] = i % folds
    scores = [0.0] * len(data)
    for f in range(folds):
        train = [e for e in data if fold[e.question_id] != f]
        if not train or all(e.answerable for e in train) or not any(e.answerable for e in train):
            continue
        model = fit_domain(train)
        for i, e in enumerate(data):
            if fold[e.question_id] == f:
                scores[i] = model.score(e.vector)
    return scores


def scored(data: list[Example], model: Calibration) -> list[Example]:
    """``data`` with the domain signal of ``model``'s domain model, as the engine measures it."""
    if model.domain is None:
        return data
    return [replace(e, signals=replace(e.signals, domain=model.domain.score(e.vector))) for e in data]


def _unit(vector: Sequence[float]) -> np.ndarray:
    v = np.asarray(vector, dtype=np.float64)
    return v / (np.linalg.norm(v) or 1.0)


def _fit(data: list[Example], subset: tuple[int, ...], max_wrong: float, fitted_on: str) -> Calibration:
    x = np.array([[e.signals.vector()[i] for i in subset] for e in data], dtype=float)
    y = np.array([1.0 if e.answerable else 0.0 for e in data])
    # Fitted on standardized signals so that the penalty treats them alike (similarity spans a
    # few hundredths, the domain logit several units), then written back as weights on the raw
    # signals.
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    fitted, bias = fit_logistic((x - mean) / scale, y)
    fitted = fitted / scale
    bias -= float(fitted @ mean)
    weights = [0.0] * len(FEATURES)
    for i, w in zip(subset, fitted, strict=True):
        weights[i] = round(float(w), 6)
    used = ", ".join(FEATURES[i] for i in subset)
    model = Calibration(tuple(weights), round(bias, 6), 0.5, f"{fitted_on}; features used: {used}")
    probabilities = [model.probability(e.signals) for e in data]
    threshold = choose_threshold(probabilities, [e.answerable for e in data], max_wrong)
    # Rounded down so that the question that set it still passes after rounding.
    return Calibration(model.weights, model.bias, float(np.floor(threshold * 1e6) / 1e6), model.fitted_on)


def _abstention_recall(model: Calibration, data: list[Example]) -> float:
    counts = confusion(model, data)
    should = counts["abstained"] + counts["wrong_answered"]
    return counts["abstained"] / should if should else 0.0


def confusion(model: Calibration, data: list[Example]) -> dict[str, int]:
    """Counts of the decision against the labels: right/wrong answers and abstentions."""
    counts = {"answered": 0, "wrong_answered": 0, "abstained": 0, "wrong_abstained": 0}
    for e in data:
        answers = model.answerable(e.signals)
        if answers:
            counts["answered" if e.answerable else "wrong_answered"] += 1
        else:
            counts["wrong_abstained" if e.answerable else "abstained"] += 1
    return counts



def measurer(retriever) -> Callable[[str], Measurement | None]:
    """Signals and embedding of a question on ``retriever``'s index, as the answer engine
    computes them (the domain signal is left to :func:`calibrate`)."""

    def measure(question: str) -> Measurement | None:
        text, _ = clean_question(question)
        found = gather(text, retriever)
        if found.checked.resolved or found.checked.named_nothing_that_exists:
            return None  # decided by the references it names, not by the model
        measured = signals(found.lexical, found.hits, found.graph.document_frequency, len(found.units),
                           lead_ins=lead_ins_of(found.graph))  # fmt: skip
        return measured, found.vector

    return measure
