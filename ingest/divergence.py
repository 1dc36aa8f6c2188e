"""Possible gaps in a source: a clause of a law that matches a clause of the law it replaced
except for a few missing words.

Pasal 2 UU 20/2023 reads "Penyelenggaraan kebijakan dan berdasarkan pada asas:" in the OCR copy;
Pasal 2 UU 5/2014, which UU 20/2023 revoked, reads "Penyelenggaraan kebijakan dan Manajemen ASN
berdasarkan pada asas:". A new law rarely keeps a sentence word for word yet drops two words from
its middle; a copy that lost them is the likelier cause, so the unit says so and the parse report
lists it for review. The check pairs each law with the laws it revokes (manifest ``revokes``):
amending laws change wording on purpose, so their differences are not gaps.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from corpus.manifest import Manifest
from ingest.model import ParsedDocument, Unit

MAX_MISSING = 3  # words; more than this is a different sentence, not a lost fragment
MIN_WORDS = 4  # clauses shorter than this match by chance
_CLAUSE_END = re.compile(r"(?<=[;:.])\s+")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Words whose loss is often a real change of wording, not a damaged copy.
_FUNCTION_WORDS = frozenset({"dan", "atau", "yang", "di", "ke", "dari", "pada", "untuk", "dalam", "oleh", "serta"})


def check_divergence(parsed: dict[str, ParsedDocument], manifest: Manifest) -> None:
    """Mark units of each law whose clause lacks words its counterpart in a revoked law has."""
    for doc_id, doc in parsed.items():
        if doc_id not in manifest:
            continue
        for old_id in manifest.get(doc_id).revokes:
            if old_id in parsed:
                _compare(doc, parsed[old_id], manifest)


def _compare(new: ParsedDocument, old: ParsedDocument, manifest: Manifest) -> None:
    index: dict[tuple[str, ...], tuple[Unit, list[str], tuple[str, ...]]] = {}
    for unit, words in _clauses(old.units):
        for start in range(1, len(words) - 1):  # a lost fragment inside the clause, not at its ends
            for size in range(1, MAX_MISSING + 1):
                if start + size >= len(words):
                    break
                rest = tuple(w.lower() for w in words[:start] + words[start + size:])
                if len(rest) >= MIN_WORDS:
                    index.setdefault(rest, (unit, words, tuple(words[start:start + size])))
    found = []
    seen: set[tuple[str, str]] = set()
    for unit, words in _clauses(new.units):
        hit = index.get(tuple(w.lower() for w in words))
        if hit is None:
            continue
        counterpart, old_words, missing = hit
        if all(w.lower() in _FUNCTION_WORDS for w in missing) or (unit.id, " ".join(missing)) in seen:
            continue
        seen.add((unit.id, " ".join(missing)))
        position = _position(old_words, missing)
        before = " ".join(old_words[max(0, position - 3):position])
        note = (
            f"kemungkinan ada kata yang hilang dari sumber: {counterpart.short_label} memuat "
            f"\"{' '.join(missing)}\" setelah \"{before}\" pada kalimat yang sama; periksa dengan salinan resmi"
        )
        unit.divergence_note = note if not unit.divergence_note else unit.divergence_note + "; " + note
        found.append({"unit": unit.id, "counterpart": counterpart.id, "missing": " ".join(missing), "after": before})
    new.report.divergences = [*new.report.divergences, *found]
    new.report.divergence_checked = sorted({*new.report.divergence_checked, old.doc_id})


def _position(words: list[str], missing: tuple[str, ...]) -> int:
    for i in range(1, len(words)):
        if tuple(words[i:i + len(missing)]) == missing:
            return i
    return 0


def _clauses(units: list[Unit]) -> Iterator[tuple[Unit, list[str]]]:
    """Each unit's own clauses (its text without its children's), as lists of words."""
    children: dict[str, list[Unit]] = {}
    for unit in units:
        if unit.parent_id:
            children.setdefault(unit.parent_id, []).append(unit)
    for unit in units:
        text = unit.text
        kids = children.get(unit.id)
        if kids:
            first = min(kids, key=lambda u: u.order)
            cut = text.find(first.text)
            text = text[:cut] if cut > 0 else ""
            text = re.sub(r"\s*(\(\w{1,3}\)|\w{1,3}\.)\s*$", "", text)  # the first child's marker
        for clause in _CLAUSE_END.split(text):
            words = _WORD.findall(clause)
            if len(words) >= MIN_WORDS:
                yield unit, words
