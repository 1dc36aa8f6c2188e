"""Kajian: from an incident report to the provisions it may meet, their sanctions and what is unknown.

Bawaslu staff receive a report ("Camat X hadir di deklarasi pasangan calon bupati memakai
seragam dinas ...") and must say who the subject is, which prohibitions the facts may meet,
which elements the report supports and which it does not, the sanctions, who acts, and which
rules the corpus does not hold. This engine does it extractively: the rules file
(qa/kajian_rules.yaml) maps words of the report to candidate prohibitions, the reference
graph finds their sanctions, and every quoted provision passes :func:`qa.verify.verify_citations`.
Nothing here judges guilt: elements are marked as the report states them.
"""

from __future__ import annotations

import difflib
import json
import re
import time
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from corpus import ids
from corpus.manifest import Manifest
from ingest.labels import law_name
from ingest.model import Unit
from qa.graph import SANCTION_WORDS, Graph
from qa.index import UNITS_FILE, IndexNotBuilt, current_build
from qa.kajian_facts import Facts, Finding, read_facts
from qa.kajian_rules import Condition, Gap, ProvisionRule, Rules, load_rules
from qa.model import Citation
from qa.verify import verify_citations

TERPENUHI = "terpenuhi menurut uraian"
TIDAK_DISEBUT = "tidak disebut"
BERTENTANGAN = "bertentangan"

_CRIMINAL = re.compile(r"\b(dipidana|pidana penjara|diancam dengan pidana)\b", re.IGNORECASE)
_ADMINISTRATIVE = re.compile(r"\b(pembatalan|sanksi administrasi|sanksi administratif|didiskualifikasi)\b", re.IGNORECASE)
_DISCIPLINE = re.compile(r"\bhukuman disiplin\b", re.IGNORECASE)
# Ratio above which a sanction point is taken to repeat the prohibition word for word (OCR noise aside).
SAME_TEXT = 0.9


class EmptyReport(ValueError):
    """The report has no text."""


@dataclass
class Quoted:
    """A verified provision: citation plus the lead-in that the point completes."""

    citation: Citation
    pengantar: str = ""


@dataclass
class Element:
    unsur: str  # subjek, perbuatan, waktu, keadaan
    kutipan: str  # the provision's own words for this element
    status: str  # TERPENUHI, TIDAK_DISEBUT, BERTENTANGAN
    words: list[str] = field(default_factory=list)  # words of the report behind the status
    always: bool = False  # met by the provision's own words, whatever the report says


@dataclass
class Sanction:
    jenis: str  # disiplin, pidana, administratif, lainnya
    quoted: Quoted


@dataclass
class Provision:
    quoted: Quoted
    acts: list[str]  # act ids of the report that made it a candidate
    elements: list[Element]
    sanctions: list[Sanction]
    notes: list[str] = field(default_factory=list)

    @property
    def unit_id(self) -> str:
        return self.quoted.citation.unit_id


@dataclass
class GapNote:
    id: str
    document: str  # the document's name as a citation gives it
    text: str


@dataclass
class Kajian:
    report: str
    subject: Finding | None
    subject_asn: bool | None
    others: list[Finding]
    status_basis: list[Quoted]
    election: str
    election_words: list[str]
    acts: list[Finding]
    denied: list[Finding]
    provisions: list[Provision]
    authorities: list[Quoted]
    gaps: list[GapNote]
    open_questions: list[str]
    warnings: list[str] = field(default_factory=list)
    elapsed_ms: float = 0.0

    def provision_ids(self) -> list[str]:
        return [p.unit_id for p in self.provisions]

    def sanction_ids(self) -> list[str]:
        out: list[str] = []
        for p in self.provisions:
            out += [s.quoted.citation.unit_id for s in p.sanctions if s.quoted.citation.unit_id not in out]
        return out

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# ------------------------------------------------------------------ loading

def load_index_units(root: Path) -> dict[str, Unit]:
    """The units of the current build in the index folder ``root``, without opening Chroma or the
    embedding model."""
    build = current_build(root)
    if build is None:
        raise IndexNotBuilt("indeks belum dibangun; jalankan 'rujukan ingest' terlebih dahulu")
    data = json.loads((build / UNITS_FILE).read_text(encoding="utf-8"))
    return {u["id"]: Unit.from_dict(u) for u in data["units"]}


# ------------------------------------------------------------------ analysis


def analyse(
    report: str,
    units: Mapping[str, Unit],
    manifest: Manifest,
    rules: Rules | None = None,
    graph: Graph | None = None,
) -> Kajian:
    """The kajian of one incident report over the given index units.

    ``rules`` (checked against ``units``) and ``graph`` are built when not given; a caller
    analysing many reports over one index builds them once and passes them (no module cache).
    """
    started = time.perf_counter()
    text = " ".join((report or "").split())
    if not text:
        raise EmptyReport("Uraian kejadian kosong. Tuliskan apa yang terjadi, siapa pelakunya, kapan dan di mana.")
    rules = rules or load_rules(units, manifest)
    graph = graph or Graph.build(units.values())
    facts = read_facts(text, rules)
    subject = facts.subject
    roles = rules.closure([subject.id]) if subject else set()
    warnings: list[str] = []

    provisions = prohibitions(facts, rules, units, graph)
    quoted_ids = {p.unit_id for p in provisions}
    for doc, missing in rules.absent.items():
        if any(u in missing for rule in rules.provisions for u in [rule.unit]):
            warnings.append(f"Dokumen {_doc_name(manifest, doc)} tidak ada di indeks; ketentuannya tidak dapat dikutip.")
    sanction_kinds = {s.jenis for p in provisions for s in p.sanctions}
    authorities = _authorities(rules, facts, roles, sanction_kinds, units, graph, warnings, manifest)
    gaps = gap_notes(rules, facts, roles, {u.doc_id for u in units.values()}, manifest)
    status_basis = _quote_all(rules.subjects[subject.id].governed_by if subject else (), units, graph)
    status_basis += [q for q in _quote_all(rules.elections[facts.election].governed_by if facts.election in rules.elections else (), units, graph)
                     if q.citation.unit_id not in {b.citation.unit_id for b in status_basis}]  # fmt: skip

    open_questions = _open_questions(facts, provisions)
    kajian = Kajian(
        report=text,
        subject=subject,
        subject_asn=rules.subjects[subject.id].asn if subject else None,
        others=facts.subjects[1:],
        status_basis=status_basis,
        election=facts.election,
        election_words=facts.election_words,
        acts=facts.acts,
        denied=facts.denied,
        provisions=provisions,
        authorities=[a for a in authorities if a.citation.unit_id not in quoted_ids],
        gaps=gaps,
        open_questions=open_questions,
        warnings=warnings,
    )
    kajian.elapsed_ms = round((time.perf_counter() - started) * 1000, 1)
    return kajian


def prohibitions(facts: Facts, rules: Rules, units: Mapping[str, Unit], graph: Graph) -> list[Provision]:
    """The prohibitions of the rules the facts may meet, in the rules' order, each quoted and
    verified against ``units`` (the answer engine reads a situational question with this too)."""
    roles = rules.closure([facts.subject.id]) if facts.subject else set()
    return [p for rule in rules.provisions if (p := _provision(rule, facts, roles, rules, units, graph))]


def _applies(rule: ProvisionRule, facts: Facts, roles: set[str]) -> bool:
    if not set(rule.acts) & facts.act_ids():
        return False
    if facts.election in ("pemilu", "pilkada") and facts.election not in rule.pemilihan:
        return False
    # A report about someone the provision does not address does not make it a candidate.
    return not roles or bool(set(rule.subjects) & roles)


def _provision(rule: ProvisionRule, facts: Facts, roles: set[str], rules: Rules,
               units: Mapping[str, Unit], graph: Graph) -> Provision | None:  # fmt: skip
    unit = units.get(rule.unit)
    if unit is None or not _applies(rule, facts, roles):
        return None
    quoted = _quote(unit, units, graph)
    if quoted is None:
        return None
    elements = [_element(e, facts, roles) for e in rule.elements]
    if any(e.unsur == "subjek" and e.status == BERTENTANGAN for e in elements):
        return None
    # The act that makes the prohibition must be in the report; an attendant circumstance
    # alone (a state car, with no campaign) does not make the provision a candidate.
    if any(e.unsur == "perbuatan" and e.status != TERPENUHI for e in elements):
        return None
    sanctions = []
    for sanction_unit in _sanctions(unit, graph, rule):
        q = _quote(sanction_unit, units, graph)
        if q is not None:
            sanctions.append(Sanction(_sanction_kind(sanction_unit, units), q))
    acts = [a for a in rule.acts if a in facts.act_ids()]
    return Provision(quoted, acts, elements, sanctions)


def _element(rule, facts: Facts, roles: set[str]) -> Element:
    subject = facts.subject
    if rule.always:
        return Element(rule.unsur, rule.kutipan, TERPENUHI, ["(berlaku kapan pun menurut bunyi ketentuan)"], always=True)
    contradicted = [p.search(facts.text) for p in rule.contradicted_patterns]
    contradicted = [m.group(0) for m in contradicted if m]
    if subject and set(rule.contradicted_subjects) & {subject.id} and not set(rule.subjects) & roles:
        contradicted += subject.words
    denied = [w for a in facts.denied if a.id in rule.acts for w in a.words]
    if contradicted or (denied and not set(rule.acts) & facts.act_ids()):
        return Element(rule.unsur, rule.kutipan, BERTENTANGAN, contradicted + denied)
    words: list[str] = []
    if subject and set(rule.subjects) & roles:
        words += subject.words
    for act in facts.acts:
        if act.id in rule.acts:
            words += [w for w in act.words if w not in words]
    for pattern in rule.patterns:
        m = pattern.search(facts.text)
        if m and m.group(0) not in words:
            words.append(" ".join(m.group(0).split()))
    if rule.unsur == "subjek" and rule.subjects and not set(rule.subjects) & roles:
        words = []  # the person named is not shown to hold this status
    return Element(rule.unsur, rule.kutipan, TERPENUHI if words else TIDAK_DISEBUT, words)


def _norm_tokens(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    while words and words[-1] in ("dan", "atau"):
        words.pop()
    return " ".join(words)


def _sanctions(unit: Unit, graph: Graph, rule: ProvisionRule) -> list[Unit]:
    """Sanctions from the reference graph, each narrowed to the point repeating the prohibition.

    PP 94/2021 Pasal 14 huruf i cites Pasal 5 huruf n angka 3 to 7 at once; its angka 4 repeats
    angka 6 word for word, and that point is the precise citation of the sanction.
    """
    found: list[Unit] = []
    own = _norm_tokens(unit.text)
    # The graph leaves out references inside the same Pasal; a sanction there ("petahana
    # tersebut dikenai sanksi pembatalan", Pasal 71 ayat (5)) is read directly.
    same_pasal = [graph.units[s] for s in graph.cited_by.get(unit.id, [])
                  if s in graph.units and ids.pasal_of(s) == ids.pasal_of(unit.id) and SANCTION_WORDS.search(graph.units[s].text)]
    for sanction in [*graph.sanctions_for(unit.id), *same_pasal]:
        if sanction.id in rule.ignore_sanctions or sanction.id == unit.id:
            continue
        precise = sanction
        for child_id in graph.children.get(sanction.id, []):
            child = graph.units[child_id]
            if difflib.SequenceMatcher(None, _norm_tokens(child.text), own).ratio() >= SAME_TEXT:
                precise = child
                break
        if precise.id not in {f.id for f in found}:
            found.append(precise)
    return found


def _sanction_kind(unit: Unit, units: Mapping[str, Unit]) -> str:
    pasal = units.get(ids.pasal_of(unit.id))
    texts = [unit.text, pasal.text if pasal else ""]
    if any(_DISCIPLINE.search(t) for t in texts):
        return "disiplin"
    if any(_CRIMINAL.search(t) for t in texts):
        return "pidana"
    if any(_ADMINISTRATIVE.search(t) for t in texts):
        return "administratif"
    return "lainnya"


def _quote(unit: Unit, units: Mapping[str, Unit], graph: Graph) -> Quoted | None:
    kept, _rejected = verify_citations([Citation.of(unit)], units)
    return Quoted(kept[0], graph.lead_in(unit)) if kept else None


def _quote_all(unit_ids, units: Mapping[str, Unit], graph: Graph) -> list[Quoted]:
    out = []
    for unit_id in unit_ids:
        unit = units.get(unit_id)
        q = _quote(unit, units, graph) if unit else None
        if q is not None:
            out.append(q)
    return out


def _met(when: Condition, facts: Facts, roles: set[str], sanction_kinds: set[str] | None = None) -> bool:
    if when.pemilihan and facts.election not in when.pemilihan:
        return False
    if when.subjects and not set(when.subjects) & roles:
        return False
    if when.acts and not set(when.acts) & facts.act_ids():
        return False
    return not (when.sanctions and not set(when.sanctions) & (sanction_kinds or set()))


def _authorities(rules: Rules, facts: Facts, roles: set[str], sanction_kinds: set[str],
                 units, graph, warnings: list[str], manifest: Manifest) -> list[Quoted]:  # fmt: skip
    out: list[Quoted] = []
    for authority in rules.authorities:
        if not _met(authority.when, facts, roles, sanction_kinds):
            continue
        missing = [u for u in authority.units if u not in units]
        for doc in sorted({ids.doc_of(u) for u in missing}):
            note = f"Tugas dan wewenang pengawas menurut {_doc_name(manifest, doc)} tidak ada di indeks."
            if note not in warnings:
                warnings.append(note)
        out += [q for q in _quote_all(authority.units, units, graph) if q.citation.unit_id not in {o.citation.unit_id for o in out}]
    return out


def _doc_name(manifest: Manifest, doc_id: str) -> str:
    if doc_id in manifest:
        doc = manifest.get(doc_id)
        return doc.short_name or doc.title
    return doc_id


def gap_notes(
    rules: Rules, facts: Facts, roles: set[str], indexed: AbstractSet[str], manifest: Manifest
) -> list[GapNote]:
    """What the corpus lacks for these facts: the rules' gaps whose conditions they meet;
    ``indexed`` are the documents of the build."""
    out = []
    for gap in rules.gaps:
        if _met(gap.when, facts, roles):
            out.append(_gap_note(gap, indexed, manifest))
    return out


def _gap_note(gap: Gap, indexed: set[str], manifest: Manifest) -> GapNote:
    if not gap.document:
        return GapNote(gap.id, gap.name, f"{gap.name} tidak ada di korpus; ketentuan tentang {gap.about} tidak dapat dikutip.")
    doc = manifest.get(gap.document)
    name = doc.short_name or (doc.aliases[0] if doc.aliases else doc.title)
    if doc.pending:
        return GapNote(gap.id, name, f"{name} (nomor dan tanggalnya belum diketahui) tidak ada di korpus; "
                                     f"arahannya tentang {gap.about} tidak dapat dikutip.")  # fmt: skip
    coverage = next((s.coverage for s in doc.sources if s.coverage), None)
    where = "Pasal " + ", ".join(gap.pasal) + " " if gap.pasal else ""
    cited = law_name(gap.document, manifest) if doc.short_name else name  # as its labels name it
    if gap.document in indexed and coverage is not None and gap.pasal and all(coverage.lacks(p) for p in gap.pasal):
        return GapNote(gap.id, name, f"{where}{cited} belum ada di korpus: berkas yang tersedia hanya memuat "
                                     f"{coverage.range_text()}; ketentuan tentang {gap.about} tidak dapat dikutip.")  # fmt: skip
    if gap.document in indexed:
        return GapNote(gap.id, name, f"Periksa juga {where}{cited} tentang {gap.about}.")
    held = f" (berkas yang dikenal hanya memuat {coverage.range_text()})" if coverage else ""
    return GapNote(gap.id, name, f"{where}{cited} tidak ada di korpus{held}; ketentuan tentang {gap.about} tidak dapat dikutip.")


def _open_questions(facts: Facts, provisions: list[Provision]) -> list[str]:
    out = []
    if facts.subject is None:
        out.append("Siapa terlapor dan apa statusnya (PNS, PPPK, kepala desa, anggota TNI/Polri, kepala daerah, ...)?")
    if facts.election == "tidak jelas":
        out.append("Pemilu atau Pilkada? Uraian tidak menyebutnya dengan jelas.")
    if not facts.acts or {a.id for a in facts.acts} <= {"hadir_pasif", "hadir_kampanye"} and not provisions:
        out.append("Uraian tidak menyebut perbuatan yang memenuhi larangan dalam korpus; "
                   "kehadiran saja belum tentu pelanggaran.")  # fmt: skip
    missing: dict[str, list[str]] = {}
    for p in provisions:
        for e in p.elements:
            if e.status == TIDAK_DISEBUT:
                missing.setdefault(e.unsur, []).append(f"{e.kutipan} ({p.quoted.citation.short_label})")
    names = {"subjek": "Status terlapor", "perbuatan": "Perbuatan", "waktu": "Waktu", "keadaan": "Keadaan"}
    for unsur, items in missing.items():
        out.append(f"{names.get(unsur, unsur)} belum disebut dalam uraian: " + "; ".join(items) + ".")
    return out


# ------------------------------------------------------------------ presentation

UNSUR_LABEL = {"subjek": "Subjek", "perbuatan": "Perbuatan", "waktu": "Waktu", "keadaan": "Keadaan"}
JENIS_SANKSI = {"disiplin": "hukuman disiplin", "pidana": "pidana", "administratif": "sanksi administratif", "lainnya": "sanksi"}


def to_json(kajian: Kajian) -> dict[str, Any]:
    """The documented JSON shape (see ``rujukan kajian --help``)."""

    def quoted(q: Quoted) -> dict[str, Any]:
        c = q.citation
        return {"unit_id": c.unit_id, "label": c.label, "short_label": c.short_label, "pengantar": q.pengantar,
                "text": c.text, "page": c.page, "status": c.status}  # fmt: skip

    def finding(f: Finding | None) -> dict[str, Any] | None:
        return {"id": f.id, "label": f.label, "kata": f.words} if f else None

    return {
        "uraian": kajian.report,
        "subjek": finding(kajian.subject),
        "subjek_asn": kajian.subject_asn,
        "pihak_lain": [finding(f) for f in kajian.others],
        "dasar_status": [quoted(q) for q in kajian.status_basis],
        "pemilihan": kajian.election,
        "pemilihan_kata": kajian.election_words,
        "perbuatan": [finding(f) for f in kajian.acts],
        "perbuatan_dibantah": [finding(f) for f in kajian.denied],
        "ketentuan": [
            {
                **quoted(p.quoted),
                "perbuatan": p.acts,
                "unsur": [{"unsur": e.unsur, "kutipan": e.kutipan, "status": e.status, "kata": e.words} for e in p.elements],
                "sanksi": [{"jenis": s.jenis, **quoted(s.quoted)} for s in p.sanctions],
            }
            for p in kajian.provisions
        ],
        "pihak_berwenang": [quoted(q) for q in kajian.authorities],
        "celah": [{"id": g.id, "dokumen": g.document, "catatan": g.text} for g in kajian.gaps],
        "pertanyaan_terbuka": kajian.open_questions,
        "peringatan": kajian.warnings,
        "elapsed_ms": kajian.elapsed_ms,
    }


def _q(text: str) -> str:
    return "\u201c" + " ".join(text.split()) + "\u201d"


def to_text(kajian: Kajian) -> str:
    """The kajian in plain Indonesian, for the terminal and the Markdown export."""
    lines = ["KAJIAN AWAL (ekstraktif; bukan putusan)", ""]
    lines.append("1. Subjek")
    if kajian.subject:
        asn = {True: "Pegawai ASN", False: "bukan Pegawai ASN", None: ""}[kajian.subject_asn]
        lines.append(f"   {kajian.subject.label} [{asn}] menurut kata: " + ", ".join(_q(w) for w in kajian.subject.words))
    else:
        lines.append("   tidak disebut dalam uraian")
    for other in kajian.others:
        lines.append(f"   pihak lain disebut: {other.label} ({', '.join(_q(w) for w in other.words)})")
    for q in kajian.status_basis:
        lines.append(f"   dasar: {q.citation.short_label}: {_q(q.citation.text)}")
    lines += ["", "2. Jenis pemilihan"]
    label = {"pemilu": "Pemilu", "pilkada": "Pilkada (Pemilihan Gubernur, Bupati, dan Walikota)"}.get(kajian.election, "tidak jelas")
    lines.append(f"   {label}" + (" menurut kata: " + ", ".join(_q(w) for w in kajian.election_words) if kajian.election_words else ""))
    lines += ["", "3. Perbuatan"]
    for act in kajian.acts:
        lines.append(f"   - {act.label}: " + ", ".join(_q(w) for w in act.words))
    for act in kajian.denied:
        lines.append(f"   - disebut TIDAK dilakukan: {act.label}: " + ", ".join(_q(w) for w in act.words))
    if not kajian.acts and not kajian.denied:
        lines.append("   tidak ada perbuatan yang dikenali")
    lines += ["", "4. Ketentuan yang mungkin dilanggar"]
    if not kajian.provisions:
        lines.append("   Tidak ada ketentuan larangan dalam korpus yang cocok dengan uraian.")
    for n, p in enumerate(kajian.provisions, start=1):
        c = p.quoted.citation
        lines.append(f"   4.{n} {c.label}" + (f" (hlm. {c.page})" if c.page else "") + ("" if c.status == "berlaku" else f" [{c.status}]"))
        if p.quoted.pengantar:
            lines.append(f"        {p.quoted.pengantar} \u2026")
        lines.append(f"        {_q(c.text)}")
        lines.append("        Unsur:")
        for e in p.elements:
            support = (": " + ", ".join(_q(w) for w in e.words)) if e.words else ""
            lines.append(f"        - {UNSUR_LABEL[e.unsur]} {_q(e.kutipan)}: {e.status}{support}")
        if p.sanctions:
            lines.append("        Sanksi:")
            for s in p.sanctions:
                sc = s.quoted.citation
                lead = f"{s.quoted.pengantar} \u2026 " if s.quoted.pengantar else ""
                lines.append(f"        - {JENIS_SANKSI[s.jenis]}: {sc.short_label}: {_q(lead + sc.text)}")
        else:
            lines.append("        Sanksi: tidak ditemukan rujukan sanksi dalam korpus.")
    lines += ["", "5. Pihak yang berwenang"]
    if not kajian.authorities:
        lines.append("   tidak ditemukan dalam korpus")
    for q in kajian.authorities:
        lead = f"{q.pengantar} \u2026 " if q.pengantar else ""
        lines.append(f"   - {q.citation.short_label}: {_q(lead + q.citation.text)}")
    lines += ["", "6. Yang tidak ada di korpus"]
    if not kajian.gaps:
        lines.append("   -")
    for g in kajian.gaps:
        lines.append(f"   - {g.text}")
    lines += ["", "7. Yang masih perlu dipastikan"]
    for q in kajian.open_questions or ["-"]:
        lines.append(f"   - {q}")
    for w in kajian.warnings:
        lines.append(f"Perhatian: {w}")
    lines.append(f"({kajian.elapsed_ms:.0f} ms)")
    return "\n".join(lines)
