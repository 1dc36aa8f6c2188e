"""Fused scores adjusted by what the question says about itself and by the status of provisions.

Dense and BM25 rank text by likeness; they cannot tell that "pns masuk parpol bisa dipecat?" is
about a civil servant, not about the members of a polling committee whose requirements use the
same words. Multiplicative factors on the fused score (:func:`rescore`) say so:

- a provision that names the question's subject (the kajian rules' subjects: PNS, ASN, kepala
  desa, camat ...) in its text, the words introducing its list, its headings or its document's
  title ranks higher (:data:`SUBJECT_BOOST`);
- a revoked provision ranks lower than those in force (:data:`REVOKED`), and an amending
  instruction lower than the consolidated provisions it wrote (:data:`AMENDING`: the answer
  cites the provision, the instruction stays in its history), unless the question names the
  document.

Measured on the tune split of the golden set (270 questions, retrieval; nothing was measured
on the held-out split), each added to the others: revoked hit@1 0.74 -> 0.75 (any value from 0.2
to 0.7 gave the same numbers: it sits in a flat range rather than on a fitted optimum), amending
hit@5 0.92 -> 0.93 (x0.5 the same), subject hit@1 0.75 -> 0.76 and informal questions 0.50 ->
0.56 (x1.3 and x1.5: 0.50, x1.75: 0.53, x2: 0.56, x3: 0.53).

Not done: ranking the other election regime's provisions lower. It lifted retrieval hit@1 on the
tune split (realistic questions 0.59 -> 0.66) without changing one answer there (the answer step
already prefers the question's regime, :func:`qa.answering.compose`), and made "mutasi pejabat
menjelang pemilu" quote an unrelated Pemilu article instead of the Pilkada ban with its scope
note: the Pemilu law in the corpus stops at Pasal 214, so its best match can be no match.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from corpus.ids import UnitId
from corpus.manifest import Manifest
from ingest.model import Unit
from qa.graph import Graph
from qa.kajian_facts import read_facts
from qa.kajian_rules import Rules

SUBJECT_BOOST = 1.0  # a provision naming the question's subject: score x 2
REVOKED = 0.3  # a revoked provision of a document the question does not name: score x 0.7
AMENDING = 0.3  # an amending instruction ("Pasal I angka 28 UU 10/2016"): score x 0.7


def subject_patterns(question: str, rules: Rules) -> list[re.Pattern]:
    """The words that name the question's subject and what it implies (a camat is a PNS):
    the kajian rules' subject patterns, which match the statutes' words too ("PNS",
    "Kepala Desa"). Empty when the question names no subject."""
    subject = read_facts(question, rules).subject
    if subject is None:
        return []
    return [p for sid in sorted(rules.closure([subject.id])) if sid in rules.subjects for p in rules.subjects[sid].patterns]


def names_subject(unit: Unit, patterns: list[re.Pattern], graph: Graph, manifest: Manifest) -> bool:
    """Whether the provision, the words introducing its list, its headings or its document's
    title name the subject ("PNS dilarang:" above "ikut kampanye")."""
    title = manifest.get(unit.doc_id).title if unit.doc_id in manifest else ""
    context = " ".join([unit.text, graph.lead_in(unit), *unit.hierarchy, title])
    return any(p.search(context) for p in patterns)


def rescore(
    fused: Mapping[str, tuple[float, list[str]]],
    question: str,
    units: Mapping[str, Unit],
    graph: Graph,
    manifest: Manifest,
    rules: Rules | None,
    named_documents: frozenset[str] = frozenset(),
) -> dict[str, tuple[float, list[str]]]:
    """``fused`` (id -> (score, retrievers)) with each score multiplied by the factors above.
    ``rules`` None (kajian rules that do not fit the index) leaves the subject out;
    ``named_documents`` are the documents the question names."""
    patterns = subject_patterns(question, rules) if rules is not None else []
    out: dict[str, tuple[float, list[str]]] = {}
    for unit_id, (score, found_by) in fused.items():
        unit = units[unit_id]
        factor = 1.0
        if patterns and names_subject(unit, patterns, graph, manifest):
            factor *= 1 + SUBJECT_BOOST
        if unit.status == "dicabut" and unit.doc_id not in named_documents:
            factor *= 1 - REVOKED
        if unit.doc_id not in named_documents and UnitId.parse(unit_id).in_amending_change:
            factor *= 1 - AMENDING
        out[unit_id] = (score * factor, found_by)
    return out
