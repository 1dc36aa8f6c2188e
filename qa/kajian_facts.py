"""What an incident report says, read with the kajian rules: subject, election kind, acts.

Each finding keeps the words of the report that support it, so the analyst sees why the kajian
thinks so. The subject of the report is the person named first (later names are the people the
subject acted on: "Camat X ... mengajak para kepala desa").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qa.kajian_rules import Rules

# How far before a match a denial ("tanpa atribut", "tidak memakai seragam") is looked for.
NEGATION_WINDOW = 30


@dataclass
class Finding:
    """A subject, election kind or act found in the report, with the words that support it."""

    id: str
    label: str
    words: list[str] = field(default_factory=list)
    position: int = 0  # first character of the first supporting match


@dataclass
class Facts:
    text: str
    subjects: list[Finding]  # the subject first, then other people named
    election: str  # "pemilu", "pilkada" or "tidak jelas"
    election_words: list[str]
    election_note: str
    acts: list[Finding]
    denied: list[Finding]  # acts the report says did not happen ("tanpa atribut")

    @property
    def subject(self) -> Finding | None:
        return self.subjects[0] if self.subjects else None

    def act_ids(self) -> set[str]:
        return {a.id for a in self.acts}

    def denied_ids(self) -> set[str]:
        return {a.id for a in self.denied}


def _matches(patterns, text: str) -> list[re.Match]:
    found = [m for p in patterns for m in p.finditer(text)]
    return sorted(found, key=lambda m: m.start())


def _words(matches: list[re.Match]) -> list[str]:
    out: list[str] = []
    for m in matches:
        words = " ".join(m.group(0).split())
        if words and words not in out:
            out.append(words)
    return out


def _denied(match: re.Match, text: str, negations: tuple[str, ...]) -> bool:
    if not negations:
        return False
    before = text[max(0, match.start() - NEGATION_WINDOW):match.start()]
    return bool(re.search(rf"\b(?:{'|'.join(negations)})\s+(?:\S+\s+){{0,2}}$", before, re.IGNORECASE))


def read_facts(text: str, rules: Rules) -> Facts:
    """Subject, election kind and acts of one report."""
    subjects = []
    for subject in rules.subjects.values():
        matches = _matches(subject.patterns, text)
        if matches:
            subjects.append(Finding(subject.id, subject.label, _words(matches), matches[0].start()))
    # The first named is the subject; at the same place, the more specific reading wins
    # ("kepala dinas" is a pejabat pimpinan tinggi before it is a PNS).
    subjects.sort(key=lambda f: (f.position, -len(rules.closure([f.id]))))
    election, election_words, note = _election(text, rules)
    acts, denied = [], []
    for act in rules.acts.values():
        matches = _matches(act.patterns, text)
        kept = [m for m in matches if not _denied(m, text, act.negated_by)]
        if kept:
            acts.append(Finding(act.id, act.label, _words(kept), kept[0].start()))
        elif matches:
            denied.append(Finding(act.id, act.label, _words(matches), matches[0].start()))
    acts.sort(key=lambda f: f.position)
    return Facts(text, subjects, election, election_words, note, acts, denied)


def _election(text: str, rules: Rules) -> tuple[str, list[str], str]:
    found = {kind: _words(_matches(e.patterns, text)) for kind, e in rules.elections.items()}
    named = [kind for kind, words in found.items() if words]
    if len(named) == 1:
        return named[0], found[named[0]], ""
    if not named:
        return "tidak jelas", [], "Uraian tidak menyebut Pemilu atau Pilkada: pastikan jenis pemilihannya."
    words = [w for kind in named for w in found[kind]]
    return "tidak jelas", words, "Uraian menyebut Pemilu dan Pilkada sekaligus: pastikan pemilihan mana yang dimaksud."
