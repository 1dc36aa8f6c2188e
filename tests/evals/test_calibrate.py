"""Fitting the answer-or-abstain model: tune split only, threshold from the answerable side."""

from __future__ import annotations

import numpy as np

from evals.calibrate import Example, calibrate, choose_threshold, confusion, examples, fit_logistic
from evals.golden import GoldenQuestion
from qa.answerability import Signals


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
        return None if question.startswith("Pasal") else Signals(0.9, 1.0, 1.0, 1.0)

    found = examples(questions, measure)
    assert asked == ["tanya a", "tanya c", "Pasal 5 UU 91/2091"]
    assert [(e.question_id, e.answerable) for e in found] == [("a", True), ("c", False)]


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
