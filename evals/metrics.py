"""Evaluation metrics as small pure functions.

Vocabulary shared by every function here:

- An *expected* list is what a golden question names: a list of requirements, each
  either one unit id or a list of alternative unit ids (any one satisfies it).
  ``["uu-5-2014/pasal-87/ayat-4/huruf-c", ["pp-94-2021/pasal-5/huruf-n", "pp-94-2021/pasal-5/huruf-n/angka-1"]]``
  holds two requirements.
- A retrieved or cited unit *matches* an expected id when it is that id, an ancestor of it
  or a descendant of it along the id path (``uu-5-2014/pasal-87`` and
  ``uu-5-2014/pasal-87/ayat-4/huruf-c/...`` both match ``uu-5-2014/pasal-87/ayat-4/huruf-c``).
  Units are nested (a Pasal's text holds its ayat), so a unit that contains the provision,
  or a part of it, leads the reader to it. Penjelasan ids live under ``<doc>/penjelasan/...``
  and therefore never match body ids by accident.

Functions return ``None`` when a metric is undefined for the input (no requirements,
no citations, no abstentions); aggregation skips ``None`` rather than counting it as 0 or 1.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

from corpus import ids
from corpus.ids import InvalidUnitId, UnitId

Requirement = str | Sequence[str]


def requirements(expected: Iterable[Requirement]) -> list[tuple[str, ...]]:
    """Normalise an expected list to tuples of alternatives."""
    out = []
    for req in expected:
        alternatives = (req,) if isinstance(req, str) else tuple(req)
        if not alternatives:
            raise ValueError("a requirement needs at least one unit id")
        out.append(alternatives)
    return out


def id_matches(unit_id: str, expected_id: str) -> bool:
    """Same unit, or one is an ancestor of the other along the id path."""
    return ids.nested(unit_id, expected_id)


def satisfies(unit_id: str, requirement: Sequence[str]) -> bool:
    return any(id_matches(unit_id, alt) for alt in requirement)


def _first_new_requirement(unit_id: str, reqs: list[tuple[str, ...]], done: set[int]) -> int | None:
    for i, req in enumerate(reqs):
        if i not in done and satisfies(unit_id, req):
            return i
    return None


def hit_at_k(expected: Iterable[Requirement], retrieved: Sequence[str], k: int) -> float | None:
    """1.0 if any of the first ``k`` retrieved units satisfies any requirement, else 0.0."""
    reqs = requirements(expected)
    if not reqs:
        return None
    return 1.0 if any(satisfies(u, r) for u in retrieved[:k] for r in reqs) else 0.0


def recall_at_k(expected: Iterable[Requirement], retrieved: Sequence[str], k: int) -> float | None:
    """Share of requirements satisfied by the first ``k`` retrieved units."""
    reqs = requirements(expected)
    if not reqs:
        return None
    met = sum(1 for r in reqs if any(satisfies(u, r) for u in retrieved[:k]))
    return met / len(reqs)


def all_at_k(expected: Iterable[Requirement], retrieved: Sequence[str], k: int) -> float | None:
    """1.0 if every requirement is satisfied within the first ``k`` (questions that need several units)."""
    r = recall_at_k(expected, retrieved, k)
    return None if r is None else (1.0 if r == 1.0 else 0.0)


def mrr(expected: Iterable[Requirement], retrieved: Sequence[str]) -> float | None:
    """Reciprocal rank of the first retrieved unit that satisfies any requirement."""
    reqs = requirements(expected)
    if not reqs:
        return None
    for rank, unit_id in enumerate(retrieved, start=1):
        if any(satisfies(unit_id, r) for r in reqs):
            return 1.0 / rank
    return 0.0


def ndcg_at_k(expected: Iterable[Requirement], retrieved: Sequence[str], k: int = 10) -> float | None:
    """Binary-relevance nDCG over requirements.

    A retrieved unit gains 1 when it satisfies a requirement that no earlier unit satisfied
    (so a Pasal and its own ayat do not both count for one requirement). The ideal DCG puts
    one relevant unit per requirement at the top: ``min(#requirements, k)`` gains of 1.
    """
    reqs = requirements(expected)
    if not reqs:
        return None
    done: set[int] = set()
    dcg = 0.0
    for rank, unit_id in enumerate(retrieved[:k], start=1):
        i = _first_new_requirement(unit_id, reqs, done)
        if i is not None:
            done.add(i)
            dcg += 1.0 / math.log2(rank + 1)
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(len(reqs), k) + 1))
    return dcg / ideal if ideal else None


def citation_precision(expected: Iterable[Requirement], cited: Sequence[str]) -> float | None:
    """Share of cited units that match some expected id (same, parent or child)."""
    reqs = requirements(expected)
    if not cited or not reqs:
        return None
    good = sum(1 for c in cited if any(satisfies(c, r) for r in reqs))
    return good / len(cited)


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _normalise(text: str) -> str:
    return _collapse(text).casefold()


def must_include_coverage(phrases: Sequence[str], answer_text: str) -> float | None:
    """Share of phrases found in the answer, ignoring case and runs of whitespace."""
    if not phrases:
        return None
    haystack = _normalise(answer_text)
    return sum(1 for p in phrases if _normalise(p) in haystack) / len(phrases)


def abstention_precision_recall(
    pairs: Iterable[tuple[bool, bool]],
) -> tuple[float | None, float | None]:
    """``pairs`` are (should_abstain, abstained). Precision: abstentions that were right;
    recall: questions that needed an abstention and got one."""
    tp = fp = fn = 0
    for should, did in pairs:
        if did and should:
            tp += 1
        elif did:
            fp += 1
        elif should:
            fn += 1
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall


def wrong_abstention_rate(pairs: Iterable[tuple[bool, bool]]) -> float | None:
    """``pairs`` are (should_abstain, abstained): the share of answerable questions abstained on."""
    answerable = [did for should, did in pairs if not should]
    return sum(answerable) / len(answerable) if answerable else None


def percentile(values: Sequence[float], p: float) -> float | None:
    """The p-th percentile (0-100) with linear interpolation between ranks (numpy's default)."""
    if not values:
        return None
    if not 0 <= p <= 100:
        raise ValueError("p must be within 0..100")
    ordered = sorted(values)
    pos = (len(ordered) - 1) * p / 100
    low = math.floor(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def mean(values: Iterable[float | None]) -> float | None:
    """Average of the defined values; ``None`` when none is defined."""
    defined = [v for v in values if v is not None]
    return sum(defined) / len(defined) if defined else None


# ------------------------------------------------------------------ answer text

# A leading enumerator ("(3)", "a.", "1.") belongs to the layout, not to the provision's words:
# a golden answer copied with it and a quote without it are the same answer.
_ENUMERATOR = re.compile(r"^\s*(?:\(\s*\w{1,3}\s*\)|\w{1,2}\.)\s+")
_NON_WORD = re.compile(r"[^\w]+")


def normalize_answer(text: str) -> str:
    """The form both sides of answer exact match and token F1 are compared in: Unicode NFKC,
    case folded, leading enumerator dropped, punctuation as space, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _ENUMERATOR.sub("", text)
    return " ".join(_NON_WORD.sub(" ", text.casefold()).replace("_", " ").split())


def exact_match(predicted: str, golden: str) -> float | None:
    """1.0 if both texts are equal after :func:`normalize_answer`; None without a golden text."""
    gold = normalize_answer(golden)
    if not gold:
        return None
    return 1.0 if normalize_answer(predicted) == gold else 0.0


def token_f1(predicted: str, golden: str) -> float | None:
    """Harmonic mean of token precision and recall, tokens counted with multiplicity
    (SQuAD's definition) after :func:`normalize_answer`; None without a golden text."""
    gold = normalize_answer(golden).split()
    if not gold:
        return None
    pred = normalize_answer(predicted).split()
    common = sum((Counter(pred) & Counter(gold)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(pred), common / len(gold)
    return 2 * precision * recall / (precision + recall)


# ------------------------------------------------------------------ granularity

GRANULARITIES = ("pasal", "ayat", "huruf/angka")
_LEVEL_OF_STEP = {"pasal": "pasal", "ayat": "ayat", "huruf": "huruf/angka", "angka": "huruf/angka"}


def granularity(unit_id: str) -> str:
    """The level a unit id stands at: its deepest step's kind, with huruf and angka one level
    (published Indonesian legal QA counts them together); "lainnya" for anything else
    (a whole document, a Bab)."""
    try:
        kind = UnitId.parse(unit_id).kind
    except InvalidUnitId:
        return "lainnya"
    return _LEVEL_OF_STEP.get(kind, "lainnya")


def granularity_match(golden_id: str, cited_id: str | None) -> float | None:
    """1.0 if the first citation stands at the golden level (not necessarily on the same
    provision); None when nothing was cited."""
    if cited_id is None:
        return None
    return 1.0 if granularity(cited_id) == granularity(golden_id) else 0.0


def invalid_citations(cited: Iterable[tuple[str, str]], unit_texts: dict[str, str]) -> list[str]:
    """Citations (unit id, quoted text) that name no loaded unit or misquote it.

    Returns one human-readable reason per bad citation; an empty list is the only passing value.
    """
    problems = []
    for unit_id, text in cited:
        if unit_id not in unit_texts:
            problems.append(f"{unit_id}: no such unit in the index")
        elif _collapse(text) != _collapse(unit_texts[unit_id]):  # case matters, line breaks do not
            problems.append(f"{unit_id}: quoted text differs from the unit's text")
    return problems
