"""Named references checked against the corpus before anything is retrieved.

A question that names a provision the corpus does not hold must not be answered with the
provision most similar to it: "Pasal 150 UU 5/2014" is not Pasal 77 UU 20/2023, and
"Pasal 15 PP 11/2017" is not in any document Rujukan has. :func:`check_references` reads
the documents and provisions a question names and says, in Indonesian, what is missing:

- a document the manifest does not know ("PP 11/2017 tidak ada di korpus Rujukan");
- a document the manifest knows whose text is not in the index;
- a provision that does not exist, with the range that does ("UU 5/2014 memuat Pasal 1–141",
  "Pasal 5 PP 94/2021 memuat huruf a–n"), or a Penjelasan Umum the document's text lacks.

The caller decides what to do with the findings (the answer engine abstains when nothing the
question names exists, and warns otherwise).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Set
from dataclasses import dataclass

from corpus import ids, kinds
from corpus.ids import UnitId
from corpus.manifest import Manifest
from ingest.model import Unit
from qa import status_notes
from qa.references import (
    Reference,
    find_documents,
    general_explanations,
    normalize,
    parse_references,
    resolve,
    resolve_general,
)

# The kinds by the token normalize() gives them ("perbawaslu"). A kind whose short form is its
# plain name ("Surat") is an ordinary word in a question, not a document name.
_KIND_TOKENS = {k.short.lower(): k for k in kinds.KINDS if k.short.lower() != k.long_name.lower()}
# Any "<kind> <number> <year>" in a normalized question, known to the manifest or not.
_ANY_DOC = re.compile(rf"\b({'|'.join(map(re.escape, _KIND_TOKENS))})\s+(\d+)\s+((?:19|20)\d\d)\b")
_LEVELS = ("ayat", "huruf", "angka")


@dataclass(frozen=True)
class Finding:
    """One thing a question names that the corpus lacks; ``message`` is for the user."""

    kind: str  # "unknown-document", "document-not-indexed", "missing-provision", "provision-without-text"
    message: str
    doc_id: str = ""  # the document concerned, when the manifest knows it
    fatal: bool = True  # nothing that this part of the question names can be quoted
    subjects: tuple[str, ...] = ()  # "document-not-indexed" by subject: the subjects the question names


@dataclass(frozen=True)
class ReferenceCheck:
    """What a question names, checked: unit ids that exist and findings for the rest."""

    resolved: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()

    @property
    def named_nothing_that_exists(self) -> bool:
        """The question names something and none of it is in the corpus."""
        return not self.resolved and any(f.fatal for f in self.findings)


def check_references(
    question: str,
    units: Mapping[str, Unit],
    manifest: Manifest,
    coverage_note: Callable[[Reference], str | None] = lambda ref: None,
) -> ReferenceCheck:
    """Check every document and provision ``question`` names against ``units``.

    ``coverage_note`` says why a named provision is missing when its document's file holds
    only part of the law (``qa.coverage``); that note is more precise than the range found here.
    """
    findings: list[Finding] = []
    indexed = {u.doc_id for u in units.values()}
    text = normalize(question)

    known_spans = [(start, end) for start, end, _ in find_documents(question, manifest)]
    for m in _ANY_DOC.finditer(text):
        if any(start <= m.start() < end for start, end in known_spans):
            continue
        kind, number, year = m.group(1), m.group(2), m.group(3)
        name = f"{_KIND_TOKENS[kind].short} {number}/{year}"
        # A law the corpus only mentions ("PP 53/2010 dicabut oleh ...") is still answerable.
        mentioned = _mentioned(units, kind, number, year)
        findings.append(
            Finding(
                "unknown-document",
                f"{name} tidak ada di korpus Rujukan."
                + (" Korpus hanya menyebutnya di ketentuan lain." if mentioned else ""),
                fatal=not mentioned,
            )
        )

    resolved: list[str] = []
    for ref in parse_references(question, manifest):
        unit_id = resolve(ref, units, manifest)
        if unit_id:
            if unit_id not in resolved:
                resolved.append(unit_id)
            continue
        if not ref.doc_ids:
            continue  # "pasal 5" alone: the retrievers decide
        note = coverage_note(ref)
        if note:
            finding = Finding("missing-provision", note, doc_id=ref.doc_ids[0])
        else:
            finding = _missing(ref, units, manifest, indexed)
        if finding and finding not in findings:
            findings.append(finding)

    for candidates in general_explanations(question, manifest):
        unit_id = resolve_general(candidates, units)
        if unit_id:
            if unit_id not in resolved:
                resolved.append(unit_id)
            continue
        finding = _general_missing(candidates, manifest, indexed)
        if finding not in findings:
            findings.append(finding)

    for _, _, doc_ids in find_documents(question, manifest):
        doc_id = doc_ids[0]
        if doc_id not in indexed and not any(f.doc_id == doc_id for f in findings):
            findings.append(_not_indexed(doc_id, manifest))
    return ReferenceCheck(tuple(resolved), tuple(findings))


def mentions(text: str, subject: str) -> bool:
    """Whether lower-cased ``text`` names ``subject`` as whole words ("like", not "likely")."""
    return re.search(rf"(?<!\w){re.escape(subject)}(?!\w)", text) is not None


def documents_lacking(question: str, indexed: Set[str], manifest: Manifest) -> list[Finding]:
    """Documents outside ``indexed`` (the documents of the build, ``Snapshot.doc_ids``) whose
    subjects the question is about ("asn boleh like postingan paslon?" -> SKB 2/2022 on ASN
    neutrality regulates social-media conduct)."""
    text = f" {question.lower()} "
    found = []
    for doc in manifest.documents:
        if doc.id in indexed or not doc.subjects:
            continue
        named = tuple(s for s in doc.subjects if mentions(text, s))
        if named:
            name = doc.short_name or doc.title
            about = doc.title.split(" tentang ", 1)[-1]
            found.append(
                Finding(
                    "document-not-indexed",
                    f"Aturan yang rinci tentang hal ini ada di {name} tentang {about}, yang teksnya belum ada di "
                    "korpus Rujukan; tambahkan PDF resminya lewat Tambah Dokumen.",
                    doc_id=doc.id,
                    fatal=False,
                    subjects=named,
                )
            )
    return found


def _mentioned(units: Mapping[str, Unit], kind: str, number: str, year: str) -> bool:
    """Whether a Pasal of the corpus names the document ("Peraturan Pemerintah Nomor 53 Tahun 2010")."""
    pattern = re.compile(rf"\bnomor\s+{number}\s+tahun\s+{year}\b", re.IGNORECASE)
    name = re.compile(rf"\b(?:{kinds.names_pattern((_KIND_TOKENS[kind],))})\b", re.IGNORECASE)
    return any(pattern.search(u.text) and name.search(u.text) for u in units.values() if u.kind == "pasal")


def _not_indexed(doc_id: str, manifest: Manifest) -> Finding:
    doc = manifest.get(doc_id)
    return Finding(
        "document-not-indexed",
        f"{doc.short_name or doc.title} dikenal Rujukan, tetapi teksnya belum ada di indeks "
        "(berkasnya belum tersedia); tambahkan PDF resminya lewat Tambah Dokumen.",
        doc_id=doc_id,
    )


def _general_missing(candidates: tuple[str, ...], manifest: Manifest, indexed: Set[str]) -> Finding:
    """Why no general Penjelasan of ``candidates`` resolves: its document is absent, or the
    document's text holds none ("Penjelasan Umum UU 7/2017": its file stops before the Penjelasan)."""
    doc_ids = [ids.doc_of(c) for c in candidates]
    in_index = [d for d in doc_ids if d in indexed]
    if not in_index:
        return _not_indexed(doc_ids[0], manifest)
    doc = manifest.get(in_index[0])
    return Finding(
        "missing-provision", f"Penjelasan Umum {doc.short_name or doc.id} tidak ada di korpus Rujukan.", doc_id=doc.id
    )


def _pasal_id(doc_id: str, ref: Reference) -> str:
    """The Pasal ``ref`` names in ``doc_id`` (its Penjelasan when the reference says so)."""
    pasal = UnitId(doc_id, (("pasal", ref.pasal),))
    return str(pasal.explanation if ref.penjelasan else pasal)


def _missing(ref: Reference, units: Mapping[str, Unit], manifest: Manifest, indexed: set[str]) -> Finding | None:
    """Why ``ref`` does not resolve: the document is absent, or the provision, with what exists."""
    candidates = [d for d in ref.doc_ids if d in manifest]
    in_index = [d for d in candidates if d in indexed]
    if not in_index:
        return _not_indexed(candidates[0], manifest) if candidates else None
    doc_id = in_index[0]
    doc = manifest.get(doc_id)
    name = doc.short_name or doc_id
    pasal_id = _pasal_id(doc_id, ref)
    asked = ref.label()
    if pasal_id not in units:
        # The amended law keeps amended text of an amending law's articles ("UU 10/2016 Pasal 71").
        for base in doc.amends:
            if _pasal_id(base, ref) in units:
                pasal_id, doc_id, name = _pasal_id(base, ref), base, manifest.get(base).short_name
                break
        else:
            # "Pasal 122A UU 1/2015" (or asked of an amending law): it exists in law, its text not in the corpus
            for base in (doc_id, *doc.amends):
                inserted = status_notes.inserted_without_text(base, ref.pasal, manifest)
                if inserted:
                    return Finding("provision-without-text", f"{inserted}.", doc_id=base)
            return Finding(
                "missing-provision",
                f"{asked} {name} tidak ada: {name} memuat {_pasal_range(units, doc_id)}.",
                doc_id=doc_id,
            )
    children = _children(units)
    parent = pasal_id
    parts = [f"Pasal {ref.pasal}"]
    for level in _LEVELS:
        value = getattr(ref, level)
        if value is None:
            continue
        child = str(UnitId.parse(parent).child(level, value))
        if child not in units:
            present = [u for u in children.get(parent, []) if u.kind == level]
            where = " ".join(parts)
            if present:
                have = f"{level} {_span(present, level)}"
                message = f"{asked} {name} tidak ada: {where} {name} memuat {have}."
            else:
                message = f"{asked} {name} tidak ada: {where} {name} tidak terbagi atas {level}."
            return Finding("missing-provision", message, doc_id=doc_id)
        parent = child
        parts.append(_part(level, value))
    return None


def _children(units: Mapping[str, Unit]) -> dict[str, list[Unit]]:
    out: dict[str, list[Unit]] = defaultdict(list)
    for unit in units.values():
        if unit.parent_id:
            out[unit.parent_id].append(unit)
    for siblings in out.values():
        siblings.sort(key=lambda u: u.order)
    return out


def _pasal_range(units: Mapping[str, Unit], doc_id: str) -> str:
    numbers = sorted(
        int(u.number)
        for u in units.values()
        if u.doc_id == doc_id and u.kind == "pasal" and u.number.isdigit() and u.parent_id in (None, doc_id)
    )
    if not numbers:
        pasal = [u for u in units.values() if u.doc_id == doc_id and u.kind == "pasal"]
        return f"{len(pasal)} Pasal" if pasal else "tidak ada Pasal"
    return f"Pasal {numbers[0]}–{numbers[-1]}"


def _span(units: list[Unit], level: str) -> str:
    first, last = units[0].number, units[-1].number
    if level == "ayat":
        return f"({first})" if first == last else f"({first})–({last})"
    return first if first == last else f"{first}–{last}"


def _part(level: str, value: str) -> str:
    return f"ayat ({value})" if level == "ayat" else f"{level} {value}"

