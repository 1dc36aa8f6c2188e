"""Expected citations written as Indonesian documents write them -> unit ids of the index.

"Pasal 8 ayat (3) PP 94/2021" and "PP 94/2021; Bab III; Pasal 8; ayat 3" are read by the
reference parser the answers use (:mod:`qa.references`), so a golden set and a question are
understood alike, and resolved only to units the index holds: nothing is guessed.

Each provision named is one requirement; provisions joined by "atau" (or "or") are
alternatives of one requirement ("Pasal 187A ayat (1) UU 1/2015 atau Pasal I angka 59 UU
10/2016"). A citation that resolves to nothing is reported on its row: a document the corpus
does not hold ("Pasal 280 UU 7/2017" while UU 7/2017 is not ingested, or a regulation the
manifest does not know), or a provision the document does not have. A row left with no
requirement is set aside, or, with ``unknown_docs="abstain"`` and only unknown documents to
blame, counted as a question the system must abstain on.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace

from corpus.ids import UnitId
from corpus.manifest import Manifest
from evals.golden import GoldenQuestion, GoldenSet, set_aside_row
from qa.references import Reference, find_documents, normalize, parse_references, resolve

UNKNOWN_DOCS = ("report", "abstain")
_ALTERNATIVE = re.compile(r"\s+(?:atau|or)\s+", re.IGNORECASE)
# What is left of a citation once its provision markers are gone names a document, if anything.
_MARKERS = re.compile(
    r"\b(?:penjelasan\s+)?(?:pasal|ayat|huruf|angka|bab|bagian|paragraf)\s*\(?\s*[0-9a-z]{1,4}\s*\)?(?=\s|$)"
)


@dataclass
class Resolved:
    """What the citations of one row resolved to."""

    requirements: list[tuple[str, ...]] = field(default_factory=list)
    unknown_docs: list[str] = field(default_factory=list)  # documents named that the index lacks
    problems: list[str] = field(default_factory=list)  # other citations that resolved to nothing


def corpus_documents(unit_ids: Iterable[str]) -> set[str]:
    return {UnitId.parse(u).doc for u in unit_ids}


def _doc_name(doc_id: str, manifest: Manifest) -> str:
    return manifest.get(doc_id).short_name or doc_id if doc_id in manifest else doc_id


def _leftover_name(text: str) -> str:
    """A citation without its provision markers: the name of a document the manifest does not
    know ("perbawaslu 6 2018"), or "" if the citation names no document at all."""
    rest = " ".join(_MARKERS.sub(" ", normalize(text)).split())
    return rest if re.search(r"[a-z]{2,}", rest) else ""


def resolve_citation(
    text: str,
    unit_ids: Collection[str],
    manifest: Manifest,
    corpus_docs: Collection[str],
    default_docs: tuple[str, ...] = (),
    out: Resolved | None = None,
) -> Resolved:
    """Resolve one citation string into ``out`` (a new :class:`Resolved` by default)."""
    out = out if out is not None else Resolved()
    refs = parse_references(text, manifest)
    if not refs:
        docs = [d for _, _, ids in find_documents(text, manifest) for d in ids[:1]]
        if docs and not any(d in corpus_docs for d in docs):
            out.unknown_docs += [_doc_name(d, manifest) for d in docs]
        elif docs:
            out.problems.append(f"'{text}' menyebut dokumen tanpa Pasal")
        elif re.search(r"\d", _leftover_name(text)):  # a name and a number: "Perbawaslu 6/2018"
            out.unknown_docs.append(_leftover_name(text))
        else:
            out.problems.append(f"'{text}' tidak dapat dibaca sebagai sitasi")
        return out
    # Provisions joined by "atau" are alternatives: the first of each later segment joins
    # the requirement before it. Segments are parsed alone only to count their provisions;
    # the documents come from the whole text (a shared "PP 94/2021" at the end).
    starts, count = set(), 0
    for i, segment in enumerate(_ALTERNATIVE.split(text)):
        if i and count < len(refs):
            starts.add(count)
        count += len(parse_references(segment, manifest))
    if count != len(refs):
        starts = set()
    groups: list[list[Reference]] = []
    for i, ref in enumerate(refs):
        if i in starts and groups:
            groups[-1].append(ref)
        else:
            groups.append([ref])
    for group in groups:
        alternatives = []
        for ref in group:
            unit_id = resolve(ref, unit_ids, manifest, default_docs)
            if unit_id:
                alternatives.append(unit_id)
                continue
            docs = ref.doc_ids or default_docs
            bases = {b for d in docs if d in manifest for b in manifest.get(d).amends}
            if not docs:
                name = _leftover_name(text)
                if name:
                    out.unknown_docs.append(name)
                else:
                    out.problems.append(f"'{text}': {ref.label()} tanpa nama dokumen (isi kolom law/peraturan)")
            elif not any(d in corpus_docs for d in (*docs, *bases)):
                out.unknown_docs.append(_doc_name(docs[0], manifest))
            else:
                path = ref.unit_id(docs[0])
                out.problems.append(f"'{text}': {ref.label()} {_doc_name(docs[0], manifest)} tidak ada di indeks ({path})")
        if alternatives:
            out.requirements.append(tuple(dict.fromkeys(alternatives)))
    return out


def resolve_question(
    q: GoldenQuestion, unit_ids: Collection[str], manifest: Manifest, corpus_docs: Collection[str]
) -> Resolved:
    """Every citation of a row; the row's law (if any) serves citations that name no document."""
    default_docs: tuple[str, ...] = ()
    if q.law:
        mentions = find_documents(q.law, manifest)
        default_docs = mentions[0][2] if mentions else ()
    out = Resolved()
    for entry in q.citations:
        if len(entry) == 1:
            resolve_citation(entry[0], unit_ids, manifest, corpus_docs, default_docs, out)
            continue
        # A list of alternatives (YAML, JSONL): everything it resolves to is one requirement.
        part = Resolved()
        for text in entry:
            resolve_citation(text, unit_ids, manifest, corpus_docs, default_docs, part)
        if part.requirements:
            out.requirements.append(tuple(dict.fromkeys(a for req in part.requirements for a in req)))
        out.unknown_docs += part.unknown_docs
        out.problems += part.problems
    out.unknown_docs = list(dict.fromkeys(out.unknown_docs))
    return out


def resolve_set(
    golden: GoldenSet, unit_ids: Collection[str], manifest: Manifest, unknown_docs: str = "report"
) -> GoldenSet:
    """The set with citation strings turned into expected unit ids.

    Problems are listed per row in ``golden.problems``; a row with nothing left to measure
    goes to ``golden.set_aside`` with the reason, except that with ``unknown_docs="abstain"``
    a row whose citations only name documents the corpus lacks becomes a question to abstain on.
    """
    if unknown_docs not in UNKNOWN_DOCS:
        raise ValueError(f"unknown_docs must be one of {UNKNOWN_DOCS}")
    corpus_docs = corpus_documents(unit_ids)
    questions, set_aside, problems = [], list(golden.set_aside), list(golden.problems)
    for q in golden.questions:
        if not q.citations:
            if not q.expected and not q.should_abstain:
                set_aside.append(set_aside_row(q, "tidak ada sitasi yang diharapkan"))
                continue
            questions.append(q)
            continue
        found = resolve_question(q, unit_ids, manifest, corpus_docs)
        # Problems of a row that is run are notes; a row set aside carries them as its reason.
        notes = [{"where": q.where, "reason": p} for p in found.problems]
        missing_docs = ", ".join(found.unknown_docs)
        if q.should_abstain:
            if found.requirements:
                problems.append({"where": q.where, "reason": "ditandai abstain, padahal sitasinya ada di korpus; "
                                 "dinilai sebagai abstain"})  # fmt: skip
            problems += notes
            questions.append(replace(q, out_of_corpus=tuple(found.unknown_docs)))
            continue
        # The same provision given twice (a citation string and citation columns) is one requirement.
        expected = tuple(dict.fromkeys((*q.expected, *found.requirements)))
        if expected:
            problems += notes
            if found.unknown_docs:
                problems.append({"where": q.where, "reason": f"dokumen tidak ada di korpus: {missing_docs}"})
            questions.append(replace(q, expected=expected, out_of_corpus=tuple(found.unknown_docs)))
        elif found.unknown_docs and not found.problems and unknown_docs == "abstain":
            problems.append({"where": q.where, "reason": f"dokumen tidak ada di korpus: {missing_docs}; "
                             "dinilai sebagai pertanyaan di luar korpus (harus abstain)"})  # fmt: skip
            questions.append(replace(q, should_abstain=True, out_of_corpus=tuple(found.unknown_docs)))
        else:
            reasons = list(found.problems)
            if found.unknown_docs:
                reasons.append(f"dokumen tidak ada di korpus: {missing_docs} "
                               "(--unknown-docs abstain menilainya sebagai pertanyaan di luar korpus)")  # fmt: skip
            set_aside.append(set_aside_row(q, "; ".join(reasons) or "tidak ada sitasi yang diharapkan"))
    return replace(golden, questions=questions, set_aside=set_aside, problems=problems)
