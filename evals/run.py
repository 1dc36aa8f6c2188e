"""Run a golden set against the system and aggregate the metrics.

For each question the runner

1. asks each retriever under test (``Retriever.retrieve(question, k, mode=...)``) for its top ``k``
   units: the ranking metrics (hit@k, recall@k, MRR, nDCG@10) come from these ids;
2. asks the answer engine once (``qa.answering.answer(question, engine=...)``; the answer does not
   depend on the retriever mode): citation precision, must-include coverage, abstention;
3. checks every citation against the units the index holds (an unknown id or a quote that
   differs from the unit's text is an invalid citation);
4. times both calls on the wall clock.

The system is passed in as plain callables (:class:`System`), so a test can run the runner
on a small function of its own and the CLI runs it on the real index.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from tqdm import tqdm

from evals import metrics as m
from evals.golden import GoldenQuestion, GoldenSet, missing_units
from qa.answering import answer as answer_fn
from qa.model import Answer, Hit

log = logging.getLogger(__name__)

K = 10
RETRIEVERS = ("hybrid", "dense", "bm25")
ENGINES = ("extractive", "llm")

# Metric names as they appear in reports and in thresholds.yaml.
RANKING_METRICS = ("hit@1", "hit@3", "hit@5", "recall@5", "recall@10", "all@10", "mrr", "ndcg@10")
ANSWER_METRICS = (
    "answer_hit",  # answered (not abstained) with at least one citation matching an expected id
    "citation_precision",
    "must_include",
    "exact_match",  # first citation's text against the golden answer text
    "token_f1",
    "granularity",  # first citation at the golden level (pasal, ayat, huruf/angka)
    "abstention_precision",
    "abstention_recall",
    "wrong_abstention",  # answerable questions abstained on
)
# Per-question answer metrics averaged over the questions where they are defined.
_MEAN_ANSWER_METRICS = ANSWER_METRICS[:6]
COUNT_METRICS = ("questions", "invalid_citations", "errors")
LATENCY_METRICS = ("retrieve_p50_ms", "retrieve_p95_ms", "answer_p50_ms", "answer_p95_ms")


@dataclass
class System:
    """The system under test, as callables.

    ``retrieve(question, k, mode) -> list[Hit]``; ``answer(question, engine) -> Answer``;
    ``units``: unit id -> text of every unit the index holds (to validate citations).
    """

    retrieve: Callable[[str, int, str], list[Hit]]
    answer: Callable[[str, str], Answer] | None  # None: rank only (no answer metrics)
    units: Mapping[str, str]
    description: dict[str, Any] = field(default_factory=dict)


@dataclass
class Retrieval:
    retrieved: list[str]
    elapsed_ms: float
    error: str | None = None

    def metrics(self, q: GoldenQuestion) -> dict[str, float | None]:
        exp, got = q.expected, self.retrieved
        return {
            "hit@1": m.hit_at_k(exp, got, 1),
            "hit@3": m.hit_at_k(exp, got, 3),
            "hit@5": m.hit_at_k(exp, got, 5),
            "recall@5": m.recall_at_k(exp, got, 5),
            "recall@10": m.recall_at_k(exp, got, 10),
            "all@10": m.all_at_k(exp, got, 10),
            "mrr": m.mrr(exp, got),
            "ndcg@10": m.ndcg_at_k(exp, got, 10),
        }


@dataclass
class AnswerOutcome:
    abstained: bool
    text: str
    cited: list[str]
    invalid: list[str]
    warnings: list[str]
    elapsed_ms: float
    error: str | None = None
    span: str = ""  # the first citation's quoted text: the answer compared with the golden text

    def metrics(self, q: GoldenQuestion) -> dict[str, float | None]:
        answerable = not q.should_abstain
        answered = not self.abstained and self.error is None
        hit = None
        if answerable:
            hit = 1.0 if answered and any(m.satisfies(c, r) for c in self.cited for r in q.expected) else 0.0
        # An abstention on an answerable question covers none of its phrases and matches no text.
        span = self.span if answered else ""
        first = self.cited[0] if answered and self.cited else None
        return {
            "answer_hit": hit,
            "citation_precision": m.citation_precision(q.expected, self.cited) if answered else None,
            "must_include": m.must_include_coverage(q.must_include, self.text if answered else "")
            if answerable
            else None,
            "exact_match": m.exact_match(span, q.answer) if answerable else None,
            "token_f1": m.token_f1(span, q.answer) if answerable else None,
            "granularity": m.granularity_match(q.expected[0][0], first) if answerable and q.expected else None,
        }


def _error(exc: BaseException) -> str:
    log.debug("".join(traceback.format_exception(exc)))
    return f"{type(exc).__name__}: {exc}"


def run_retrieval(system: System, question: str, mode: str, k: int) -> Retrieval:
    started = time.perf_counter()
    try:
        hits = system.retrieve(question, k, mode)
        ids = [h.unit.id for h in hits][:k]
        error = None
    except Exception as exc:  # one failing question must not stop the run; it is counted
        ids, error = [], _error(exc)
    return Retrieval(ids, (time.perf_counter() - started) * 1000, error)


def run_answer(system: System, question: str, engine: str) -> AnswerOutcome:
    started = time.perf_counter()
    try:
        ans = system.answer(question, engine)
    except Exception as exc:
        return AnswerOutcome(False, "", [], [], [], (time.perf_counter() - started) * 1000, _error(exc))
    elapsed = (time.perf_counter() - started) * 1000
    cited = [c.unit_id for c in ans.citations]
    invalid = m.invalid_citations(
        [(c.unit_id, c.text) for c in [*ans.citations, *ans.related]], system.units
    )
    span = ans.citations[0].text if ans.citations else ""
    return AnswerOutcome(ans.abstained, ans.answer or "", cited, invalid, list(ans.warnings), elapsed, span=span)


def _by_category(questions: list[GoldenQuestion]) -> dict[str, list[GoldenQuestion]]:
    out: dict[str, list[GoldenQuestion]] = {}
    for q in questions:
        out.setdefault(q.category, []).append(q)
    return out


def summarise(
    questions: list[GoldenQuestion],
    retrievals: dict[str, dict[str, Retrieval]],  # mode -> question id -> Retrieval
    answers: dict[str, AnswerOutcome],
    mode: str,
) -> dict[str, float | int | None]:
    """Aggregate metrics over ``questions`` (all, or one category), ranking by ``mode``."""
    out: dict[str, float | int | None] = {"questions": len(questions)}
    by_mode = retrievals.get(mode, {})
    per_q = [by_mode[q.id].metrics(q) for q in questions if q.id in by_mode]
    for name in RANKING_METRICS:
        out[name] = m.mean(p[name] for p in per_q)
    outcomes = [(q, answers[q.id]) for q in questions if q.id in answers]
    per_a = [a.metrics(q) for q, a in outcomes]
    for name in _MEAN_ANSWER_METRICS:
        out[name] = m.mean(p[name] for p in per_a)
    precision, recall = m.abstention_precision_recall(
        (q.should_abstain, a.abstained) for q, a in outcomes
    )
    out["abstention_precision"], out["abstention_recall"] = precision, recall
    out["wrong_abstention"] = m.wrong_abstention_rate((q.should_abstain, a.abstained) for q, a in outcomes)
    out["invalid_citations"] = sum(len(a.invalid) for _, a in outcomes)
    out["errors"] = sum(1 for _, a in outcomes if a.error) + sum(
        1 for q in questions if q.id in by_mode and by_mode[q.id].error
    )
    ms_r = [by_mode[q.id].elapsed_ms for q in questions if q.id in by_mode]
    ms_a = [a.elapsed_ms for _, a in outcomes]
    out["retrieve_p50_ms"], out["retrieve_p95_ms"] = m.percentile(ms_r, 50), m.percentile(ms_r, 95)
    out["answer_p50_ms"], out["answer_p95_ms"] = m.percentile(ms_a, 50), m.percentile(ms_a, 95)
    return out


def _progress(total: int, enabled: bool):
    return tqdm(total=total, desc="eval", unit="langkah", disable=not enabled, leave=False)


def run_eval(
    golden: GoldenSet,
    system: System,
    retrievers: Iterable[str] = ("hybrid",),
    engine: str = "extractive",
    k: int = K,
    progress: bool = True,
) -> dict[str, Any]:
    """Run every question and return the report as a JSON-ready dict (see evals/README.md)."""
    retrievers = list(dict.fromkeys(retrievers))
    for mode in retrievers:
        if mode not in RETRIEVERS:
            raise ValueError(f"unknown retriever {mode!r} (expected {', '.join(RETRIEVERS)})")
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r} (expected {', '.join(ENGINES)})")
    started = datetime.now(UTC)
    questions = golden.questions
    retrievals: dict[str, dict[str, Retrieval]] = {mode: {} for mode in retrievers}
    answers: dict[str, AnswerOutcome] = {}
    steps = len(retrievers) + (system.answer is not None)
    with _progress(len(questions) * steps, progress) as bar:
        for q in questions:
            for mode in retrievers:
                retrievals[mode][q.id] = run_retrieval(system, q.question, mode, k)
                bar.update()
            if system.answer is not None:
                answers[q.id] = run_answer(system, q.question, engine)
                bar.update()

    primary = retrievers[0]
    categories = golden.by_category()

    def grouped(groups: dict[str, list[GoldenQuestion]]) -> dict[str, Any]:
        return {name: summarise(qs, retrievals, answers, primary) for name, qs in sorted(groups.items())}

    summary = {
        "overall": summarise(questions, retrievals, answers, primary),
        "categories": grouped(categories),
        "documents": grouped(by_document(questions)),
        "granularities": grouped(by_granularity(questions)),
        "splits": grouped(by_split(questions)),
        # The gate reads the held-out part per category: nothing was tuned on it.
        "heldout_categories": grouped(_by_category([q for q in questions if q.split == "heldout"])),
        "retrievers": {
            mode: {
                "overall": summarise(questions, retrievals, answers, mode),
                "categories": {c: summarise(qs, retrievals, answers, mode) for c, qs in sorted(categories.items())},
            }
            for mode in retrievers
        },
    }
    return {
        "created": started.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "duration_s": round((datetime.now(UTC) - started).total_seconds(), 2),
        "golden": golden.files,
        "set_aside": golden.set_aside,
        "golden_problems": golden.problems,
        "engine": engine if system.answer is not None else None,
        "retrievers": retrievers,
        "primary_retriever": primary,
        "k": k,
        "system": system.description,
        "index": {
            "units": len(system.units),
            "missing_expected": missing_units(golden, set(system.units)),
        },
        "summary": summary,
        "questions": [_question_record(q, retrievals, answers) for q in questions],
    }


def by_document(questions: Iterable[GoldenQuestion]) -> dict[str, list[GoldenQuestion]]:
    """Questions per document they are about; one that spans two documents counts in both."""
    out: dict[str, list[GoldenQuestion]] = {}
    for q in questions:
        for doc in q.documents:
            out.setdefault(doc, []).append(q)
    return out


def golden_granularity(q: GoldenQuestion) -> str | None:
    """The level the golden answer stands at: that of its first expected id."""
    return m.granularity(q.expected[0][0]) if q.expected else None


def by_granularity(questions: Iterable[GoldenQuestion]) -> dict[str, list[GoldenQuestion]]:
    out: dict[str, list[GoldenQuestion]] = {}
    for q in questions:
        level = golden_granularity(q)
        if level:
            out.setdefault(level, []).append(q)
    return out


def by_split(questions: Iterable[GoldenQuestion]) -> dict[str, list[GoldenQuestion]]:
    """Tuning and held-out parts; empty when the set is not split."""
    out: dict[str, list[GoldenQuestion]] = {}
    for q in questions:
        if q.split:
            out.setdefault(q.split, []).append(q)
    return out


def _question_record(q: GoldenQuestion, retrievals, answers) -> dict[str, Any]:
    a = answers.get(q.id)
    return {
        "id": q.id,
        "row": q.row,
        "category": q.category,
        "split": q.split,
        "documents": q.documents,
        "granularity": golden_granularity(q),
        "question": q.question,
        "should_abstain": q.should_abstain,
        "expected": [list(r) for r in q.expected],
        "citations": [list(c) for c in q.citations],
        "golden_answer": q.answer,
        "must_include": list(q.must_include),
        "notes": q.notes,
        "answer": None if a is None else {
            "abstained": a.abstained,
            "text": a.text,
            "span": a.span,
            "cited": a.cited,
            "invalid_citations": a.invalid,
            "warnings": a.warnings,
            "elapsed_ms": round(a.elapsed_ms, 1),
            "error": a.error,
            "metrics": a.metrics(q),
        },
        "retrieval": {
            mode: {
                "retrieved": r[q.id].retrieved,
                "elapsed_ms": round(r[q.id].elapsed_ms, 1),
                "error": r[q.id].error,
                "metrics": r[q.id].metrics(q),
            }
            for mode, r in retrievals.items()
        },
    }


def real_system(retriever, answers: bool = True, llm=None) -> System:
    """The installed system over ``retriever``'s index (``Retriever.retrieve``, ``qa.answering.answer``);
    ``llm`` serves the "llm" engine (see :func:`qa.llm.get_llm`)."""
    units = retriever.units()
    answer: Callable[[str, str], Answer] | None = None
    if answers:
        def answer(question: str, engine: str) -> Answer:
            return answer_fn(question, engine=engine, retriever=retriever, llm=llm)

    return System(
        retrieve=lambda question, k, mode: retriever.retrieve(question, k=k, mode=mode),
        answer=answer,
        units={uid: u.text for uid, u in units.items()},
        description={"units": len(units)},
    )
