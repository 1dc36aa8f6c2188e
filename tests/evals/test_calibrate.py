"""Fitting the answer-or-abstain model: tune split only, threshold from the answerable side."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from evals.calibrate import (
    Example,
    calibrate,
    choose_threshold,
    confusion,
    cross_validated_domain,
    examples,
    fit_logistic,
    monotone,
    scored,
)
from evals.golden import GoldenQuestion
from qa.answerability import FEATURES, Calibration, Signals


def test_logistic_fit_separates_by_the_informative_feature():
    x = np.array([[0.9, 0.5], [0.88, 0.1], [0.8, 0.5], [0.78, 0.1]])
    y = np.array([1.0, 1.0, 0.0, 0.0])
    weights, bias = fit_logistic(x, y)
    assert weights[0] > 0
    assert abs(weights[1]) < weights[0]


def test_threshold_abstains_on_at_most_the_allowed_share_of_answerable_questions():
    probabilities = [0.1, 0.3, 0.5, 0.7, 0.9, 0.2, 0.4]
    answerable = [True, True, True, True, True, False, False]
    assert choose_threshold(probabilities, answerable, 0.0) == 0.1  # answer every answerable one
    assert choose_threshold(probabilities, answerable, 0.2) == 0.3  # one of five may abstain
    assert choose_threshold(probabilities, answerable, 0.4) == 0.5


def test_only_the_tune_split_is_measured():
    questions = [
        GoldenQuestion("a", "tanya a", "lookup", split="tune"),
        GoldenQuestion("b", "tanya b", "lookup", split="heldout"),
        GoldenQuestion("c", "tanya c", "out-of-scope", should_abstain=True, split="tune"),
        GoldenQuestion("d", "Pasal 5 UU 91/2091", "lookup", split="tune"),
    ]
    asked: list[str] = []

    def measure(question: str):
        asked.append(question)
        return None if question.startswith("Pasal") else (Signals(0.9, 1.0, 1.0, 1.0), [0.5, 0.5])

    found = examples(questions, measure)
    assert asked == ["tanya a", "tanya c", "Pasal 5 UU 91/2091"]
    assert [(e.question_id, e.answerable) for e in found] == [("a", True), ("c", False)]
    assert found[0].vector == (0.5, 0.5)


def test_calibration_keeps_wrong_abstentions_within_the_limit():
    rng = np.random.default_rng(0)
    data = [
        Example(f"a{i}", Signals(float(rng.normal(0.87, 0.02)), float(rng.uniform(0.4, 1)), 1.0, 1.0), True)
        for i in range(60)
    ] + [
        Example(f"o{i}", Signals(float(rng.normal(0.83, 0.02)), float(rng.uniform(0, 0.5)), 0.0, 1.0), False)
        for i in range(40)
    ]
    model = calibrate(data, max_wrong=0.05, fitted_on="synthetic")
    counts = confusion(model, data)
    assert counts["wrong_abstained"] <= 3  # 5 % of 60
    assert counts["abstained"] >= 30  # the two groups are mostly separable
    assert sum(counts.values()) == 100


def _embedded(rng, n: int, answerable: bool, prefix: str) -> list[Example]:
    """Questions whose similarity says nothing (same distribution on both sides) but whose
    embedding points one way for the corpus's fields and another way for other fields."""
    axis = np.array([1.0, 0.0, 0.0]) if answerable else np.array([0.0, 1.0, 0.0])
    out = []
    for i in range(n):
        vector = axis + rng.normal(0, 0.25, 3)
        out.append(Example(f"{prefix}{i}", Signals(float(rng.normal(0.86, 0.02)), 0.5, 0.0, 0.5), answerable,
                           tuple(float(v) for v in vector)))  # fmt: skip
    return out


def test_the_domain_model_separates_what_similarity_cannot():
    rng = np.random.default_rng(1)
    data = _embedded(rng, 60, True, "a") + _embedded(rng, 40, False, "o")
    model = calibrate(data, max_wrong=0.05, fitted_on="synthetic")
    assert model.domain is not None and model.weights[FEATURES.index("domain")] > 0
    counts = confusion(model, scored(data, model))
    assert counts["wrong_abstained"] <= 3
    assert counts["abstained"] >= 36
    # New questions of the two kinds, never seen in fitting, fall on the same sides.
    fresh = scored(_embedded(rng, 20, True, "fa") + _embedded(rng, 20, False, "fo"), model)
    assert sum(model.answerable(e.signals) for e in fresh[:20]) >= 18
    assert sum(not model.answerable(e.signals) for e in fresh[20:]) >= 18


def test_without_embeddings_no_domain_model_is_fitted():
    rng = np.random.default_rng(2)
    data = [replace(e, vector=None) for e in _embedded(rng, 30, True, "a") + _embedded(rng, 20, False, "o")]
    model = calibrate(data, max_wrong=0.1)
    assert model.domain is None and model.weights[FEATURES.index("domain")] == 0.0


def test_cross_validated_domain_scores_each_question_with_a_model_that_never_saw_it():
    rng = np.random.default_rng(3)
    data = _embedded(rng, 40, True, "a") + _embedded(rng, 40, False, "o")
    # One mislabelled question: a model fitted with it would pull it toward its label; the
    # cross-validated score still places it with its neighbours.
    data[0] = replace(data[0], answerable=False)
    scores = cross_validated_domain(data)
    assert scores[0] > 0
    assert scores == cross_validated_domain(data)  # no random seed involved


def test_a_weight_against_its_signal_is_not_kept():
    assert monotone(Calibration((40.0, 0.0, -2.0, 0.0, 1.5), -30.0, 0.5))
    assert not monotone(Calibration((40.0, -1.7, 0.0, 0.0, 1.9), -30.0, 0.5))  # more coverage, less answerable
    assert not monotone(Calibration((0.0, 0.0, 2.0, 0.0, 0.0), 0.0, 0.5))  # more unknown words, more answerable
    # Similarity is the real signal blurred by something coverage measures: similarity minus
    # coverage separates perfectly (a negative coverage weight), but no model that says "the more
    # of the question's words the hit holds, the less it answers" is kept.
    rng = np.random.default_rng(4)
    data = []
    for i in range(80):
        answerable = i < 50
        nuisance = float(rng.uniform(0.0, 1.0))
        similarity = 0.8 + (0.05 if answerable else 0.0) + 0.1 * nuisance + float(rng.normal(0, 0.003))
        data.append(Example(f"q{i}", Signals(similarity, nuisance, 0.0, 1.0), answerable))
    model = calibrate(data, max_wrong=0.05)
    assert monotone(model) and model.weights[0] > 0 and model.weights[1] == 0.0
