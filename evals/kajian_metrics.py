"""Kajian metrics: small pure functions over expected and found ids.

Set metrics are summed over cases (micro average): a case that expects no provision adds
nothing to recall, and every provision a kajian names where none is expected counts against
precision, so a report without a violation that still lists prohibitions is penalised.
"""

from __future__ import annotations

from collections.abc import Iterable


def hits(expected: Iterable[str], found: Iterable[str]) -> int:
    return len(set(expected) & set(found))


def recall(pairs: list[tuple[Iterable[str], Iterable[str]]]) -> float | None:
    """Share of expected ids found, over all cases; None when nothing is expected."""
    expected = sum(len(set(e)) for e, _ in pairs)
    return sum(hits(e, f) for e, f in pairs) / expected if expected else None


def precision(pairs: list[tuple[Iterable[str], Iterable[str]]]) -> float | None:
    """Share of found ids that were expected, over all cases; None when nothing is found."""
    found = sum(len(set(f)) for _, f in pairs)
    return sum(hits(e, f) for e, f in pairs) / found if found else None


def accuracy(pairs: list[tuple[object, object]]) -> float | None:
    """Share of cases whose value equals the expected one."""
    return sum(1 for e, f in pairs if e == f) / len(pairs) if pairs else None


def set_accuracy(pairs: list[tuple[Iterable[str], Iterable[str]]]) -> float | None:
    """Share of cases whose found set is exactly the expected set (gap flags)."""
    return accuracy([(frozenset(e), frozenset(f)) for e, f in pairs])


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (0-100) by nearest rank."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]
