"""A question read as a situation: who did what, and the prohibitions of the kajian rules it meets.

"camat jadi timses paslon" names no provision and reads, to dense search, like an article on
election equipment; kajian's fact reader (qa.kajian_facts) finds its subject (camat) and act
(taking part in a campaign), and the rules (qa/kajian_rules.yaml) map them to the prohibitions
they meet. The retriever ranks those first (marked "situation"); the answer engine quotes them.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import replace

from corpus.manifest import Manifest
from ingest.model import Unit
from qa.graph import Graph
from qa.kajian import TERPENUHI, Provision, gap_notes, prohibitions
from qa.kajian_facts import read_facts
from qa.kajian_rules import Rules
from qa.model import Reading


def read_situation(text: str, rules: Rules, units: Mapping[str, Unit], graph: Graph) -> list[tuple[str, Reading]]:
    """The prohibitions a question describing a situation meets, as (unit id, reading): empty
    unless the reader finds a subject and an act that maps to a prohibition. Most elements met
    first ("pns ikut kampanye pake atribut partai" meets the ban on campaigning with party
    attributes before the one on campaigning), then in the rules' order: the same on every run.
    A subject with a narrower everyday reading (``read_as``: "asn" for a PNS) also meets that
    subject's prohibitions, after its own at equal elements, each reading saying whom it binds."""
    facts = read_facts(text, rules)
    if facts.subject is None or not facts.acts:
        return []
    found = [(p, facts.subject.label) for p in prohibitions(facts, rules, units, graph) if _act_met(p)]
    narrower = rules.subjects[facts.subject.id].read_as
    if narrower:
        # "asn ikut kampanye": few rules bind every ASN; the PNS discipline rules bind the PNS
        # that everyday speech usually means: after those of every ASN, saying whom they bind.
        read_as = rules.subjects[narrower]
        as_narrower = replace(facts, subjects=[replace(facts.subject, id=read_as.id, label=read_as.label)])
        subject = f"{facts.subject.label}, dibaca sebagai {read_as.label}"
        broad = {p.unit_id for p, _ in found}
        found += [(p, subject) for p in prohibitions(as_narrower, rules, units, graph)
                  if _act_met(p) and p.unit_id not in broad]  # fmt: skip
    found.sort(key=lambda pair: -_met(pair[0]))  # stable: ties keep the order above
    readings: dict[str, Reading] = {}
    acts = tuple(a.label for a in facts.acts)
    for p, subject in found:
        sanctions = tuple(dict.fromkeys(s.quoted.citation.unit_id for s in p.sanctions))
        readings.setdefault(p.unit_id, Reading(subject, acts, _met(p), sanctions))
    return list(readings.items())


def _act_met(provision: Provision) -> bool:
    """A prohibition of an act the question names (a principle without an act element, like
    "harus bebas dari pengaruh ... partai politik", is not the answer to a situation)."""
    return any(e.unsur == "perbuatan" and e.status == TERPENUHI for e in provision.elements)


def _met(provision: Provision) -> int:
    """Elements the question meets, not counting those the provision makes hold at any time."""
    return sum(1 for e in provision.elements if e.status == TERPENUHI and not e.always)


def absent_rules(text: str, rules: Rules, indexed: AbstractSet[str], manifest: Manifest) -> list[str]:
    """What binds the question's subject in a law outside the corpus and its manifest, said by
    name: the discipline of PPPK (PP 94/2021 binds PNS only), the village law for a kepala desa,
    the TNI and Polri laws. The kajian rules' gaps without a manifest document, whose conditions
    the question meets; gaps of documents the manifest knows are said where they are found.
    ``indexed`` are the documents of the build (``Snapshot.doc_ids``)."""
    facts = read_facts(text, rules)
    if facts.subject is None:
        return []
    outside = {g.id for g in rules.gaps if not g.document}
    notes = gap_notes(rules, facts, rules.closure([facts.subject.id]), indexed, manifest)
    return [n.text[:1].upper() + n.text[1:] for n in notes if n.id in outside]
