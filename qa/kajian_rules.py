"""The kajian rules (qa/kajian_rules.yaml): read, validate and check against the index.

The rules say which words of a report name a subject, an election kind or an act, and which
prohibitions of the corpus each act may meet. They are data, reviewed like the manifest; this
module refuses a file it would otherwise have to guess about (unknown keys, unknown ids, a
pattern that does not compile) and, against a loaded index, a unit id that does not exist or
an element quote that is not the provision's own words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from corpus import ids
from ingest.model import Unit

RULES_FILE = Path(__file__).resolve().parent / "kajian_rules.yaml"
ELECTIONS = ("pemilu", "pilkada")
UNSUR = ("subjek", "perbuatan", "waktu", "keadaan")


class RulesError(ValueError):
    """The rules file is malformed or does not match the index; the message says where."""


@dataclass(frozen=True)
class Subject:
    id: str
    label: str
    asn: bool
    implies: tuple[str, ...]
    patterns: tuple[re.Pattern, ...]
    governed_by: tuple[str, ...]
    # The narrower subject everyday speech usually means ("ASN" for a PNS, whose discipline
    # rules the corpus holds): a situation is also read for it, after this subject's rules
    # (qa.situation).
    read_as: str | None = None


@dataclass(frozen=True)
class Election:
    id: str
    label: str
    patterns: tuple[re.Pattern, ...]
    governed_by: tuple[str, ...]


@dataclass(frozen=True)
class Act:
    id: str
    label: str
    patterns: tuple[re.Pattern, ...]
    negated_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class ElementRule:
    unsur: str
    kutipan: str
    subjects: tuple[str, ...] = ()
    acts: tuple[str, ...] = ()
    patterns: tuple[re.Pattern, ...] = ()
    contradicted_subjects: tuple[str, ...] = ()
    contradicted_patterns: tuple[re.Pattern, ...] = ()
    always: bool = False


@dataclass(frozen=True)
class ProvisionRule:
    unit: str
    acts: tuple[str, ...]
    pemilihan: tuple[str, ...]
    subjects: tuple[str, ...]
    elements: tuple[ElementRule, ...]
    ignore_sanctions: Mapping[str, str] = field(default_factory=dict)  # unit id -> reason


@dataclass(frozen=True)
class Condition:
    pemilihan: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    acts: tuple[str, ...] = ()
    sanctions: tuple[str, ...] = ()  # kinds: disiplin, pidana, administratif


@dataclass(frozen=True)
class Authority:
    when: Condition
    units: tuple[str, ...]


@dataclass(frozen=True)
class Gap:
    id: str
    when: Condition
    about: str
    document: str = ""  # manifest id
    name: str = ""  # plain name of a document outside the manifest
    pasal: tuple[str, ...] = ()


@dataclass
class Rules:
    subjects: dict[str, Subject]
    elections: dict[str, Election]
    acts: dict[str, Act]
    provisions: list[ProvisionRule]
    authorities: list[Authority]
    gaps: list[Gap]
    # Units named by the rules whose document the index does not hold: doc id -> unit ids.
    absent: dict[str, list[str]] = field(default_factory=dict)

    def closure(self, subject_ids) -> set[str]:
        """Subject ids with everything they imply (a camat is also a PNS and an ASN)."""
        out: set[str] = set()
        todo = list(subject_ids)
        while todo:
            sid = todo.pop()
            if sid in out:
                continue
            out.add(sid)
            if sid in self.subjects:
                todo.extend(self.subjects[sid].implies)
        return out

    def unit_ids(self) -> list[str]:
        found: list[str] = []
        for s in self.subjects.values():
            found += s.governed_by
        for e in self.elections.values():
            found += e.governed_by
        for p in self.provisions:
            found += [p.unit, *p.ignore_sanctions]
        for a in self.authorities:
            found += a.units
        return found


def _fail(where: str, why: str) -> RulesError:
    return RulesError(f"{RULES_FILE.name}: {where}: {why}")


def _keys(raw: object, allowed: set[str], required: set[str], where: str) -> dict:
    if not isinstance(raw, dict):
        raise _fail(where, "harus berupa mapping (kunci: nilai)")
    unknown = set(raw) - allowed
    if unknown:
        raise _fail(where, f"kunci tidak dikenal {sorted(unknown)}")
    missing = required - set(raw)
    if missing:
        raise _fail(where, f"kunci wajib tidak ada {sorted(missing)}")
    return raw


def _patterns(raw: object, where: str) -> tuple[re.Pattern, ...]:
    out = []
    for text in raw or []:
        try:
            out.append(re.compile(str(text), re.IGNORECASE))
        except re.error as exc:
            raise _fail(where, f"pola {text!r} bukan regex yang sah: {exc}") from None
    return tuple(out)


def _unit_ids(raw: object, where: str) -> tuple[str, ...]:
    out = []
    for text in raw or []:
        if not ids.UnitId.is_valid(str(text)):
            raise _fail(where, f"{text!r} bukan id unit")
        out.append(str(text))
    return tuple(out)


def _condition(raw: object, where: str) -> Condition:
    raw = _keys(raw or {}, {"pemilihan", "subjects", "acts", "sanctions"}, set(), where)
    return Condition(
        tuple(raw.get("pemilihan", ())), tuple(raw.get("subjects", ())),
        tuple(raw.get("acts", ())), tuple(raw.get("sanctions", ())),
    )  # fmt: skip


def parse_rules(raw: object) -> Rules:
    """Rules from the parsed YAML, checked for shape and internal consistency."""
    raw = _keys(raw, {"subjects", "elections", "acts", "provisions", "authorities", "gaps"},
                {"subjects", "elections", "acts", "provisions"}, "top level")  # fmt: skip
    subjects: dict[str, Subject] = {}
    for i, s in enumerate(raw["subjects"]):
        where = f"subjects[{i}]"
        s = _keys(s, {"id", "label", "asn", "implies", "patterns", "governed_by", "read_as"},
                  {"id", "label", "patterns"}, where)  # fmt: skip
        subjects[s["id"]] = Subject(s["id"], s["label"], bool(s.get("asn")), tuple(s.get("implies") or ()),
                                    _patterns(s["patterns"], where), _unit_ids(s.get("governed_by"), where),
                                    s.get("read_as"))  # fmt: skip
    for i, s in enumerate(subjects.values()):
        if s.read_as is not None and s.read_as not in subjects:
            raise _fail(f"subjects[{i}].read_as", f"subjek tidak dikenal: {s.read_as}")
    roles = set(subjects) | {r for s in subjects.values() for r in s.implies}
    elections: dict[str, Election] = {}
    for key, e in (raw["elections"] or {}).items():
        where = f"elections.{key}"
        if key not in ELECTIONS:
            raise _fail(where, f"jenis pemilihan harus salah satu dari {ELECTIONS}")
        e = _keys(e, {"label", "patterns", "governed_by"}, {"label", "patterns"}, where)
        elections[key] = Election(key, e["label"], _patterns(e["patterns"], where), _unit_ids(e.get("governed_by"), where))
    acts: dict[str, Act] = {}
    for i, a in enumerate(raw["acts"]):
        where = f"acts[{i}]"
        a = _keys(a, {"id", "label", "patterns", "negated_by"}, {"id", "label", "patterns"}, where)
        for neg in a.get("negated_by") or ():
            _patterns([neg], where)
        acts[a["id"]] = Act(a["id"], a["label"], _patterns(a["patterns"], where), tuple(a.get("negated_by") or ()))

    def check(names, known, where, what):
        for name in names:
            if name not in known:
                raise _fail(where, f"{what} tidak dikenal: {name!r}")

    provisions: list[ProvisionRule] = []
    for i, p in enumerate(raw["provisions"]):
        where = f"provisions[{i}]"
        p = _keys(p, {"unit", "acts", "pemilihan", "subjects", "elements", "ignore_sanctions"},
                  {"unit", "acts", "pemilihan", "subjects", "elements"}, where)  # fmt: skip
        (unit,) = _unit_ids([p["unit"]], where)
        where = f"provisions[{i}] ({unit})"
        check(p["acts"], acts, where, "perbuatan")
        check(p["pemilihan"], ELECTIONS, where, "jenis pemilihan")
        check(p["subjects"], roles, where, "subjek")
        elements = []
        for j, e in enumerate(p["elements"]):
            ew = f"{where} elements[{j}]"
            e = _keys(e, {"unsur", "kutipan", "subjects", "acts", "patterns", "contradicted_subjects",
                          "contradicted_patterns", "always"}, {"unsur", "kutipan"}, ew)  # fmt: skip
            check([e["unsur"]], UNSUR, ew, "unsur")
            check(e.get("subjects") or (), roles, ew, "subjek")
            check(e.get("contradicted_subjects") or (), roles, ew, "subjek")
            check(e.get("acts") or (), acts, ew, "perbuatan")
            elements.append(ElementRule(
                e["unsur"], str(e["kutipan"]), tuple(e.get("subjects") or ()), tuple(e.get("acts") or ()),
                _patterns(e.get("patterns"), ew), tuple(e.get("contradicted_subjects") or ()),
                _patterns(e.get("contradicted_patterns"), ew), bool(e.get("always")),
            ))  # fmt: skip
        ignore = {}
        for j, s in enumerate(p.get("ignore_sanctions") or ()):
            s = _keys(s, {"unit", "reason"}, {"unit", "reason"}, f"{where} ignore_sanctions[{j}]")
            ignore[_unit_ids([s["unit"]], where)[0]] = s["reason"]
        provisions.append(ProvisionRule(unit, tuple(p["acts"]), tuple(p["pemilihan"]), tuple(p["subjects"]),
                                        tuple(elements), ignore))  # fmt: skip
    authorities = []
    for i, a in enumerate(raw.get("authorities") or ()):
        where = f"authorities[{i}]"
        a = _keys(a, {"when", "units"}, {"when", "units"}, where)
        when = _condition(a["when"], where)
        check(when.subjects, roles, where, "subjek")
        authorities.append(Authority(when, _unit_ids(a["units"], where)))
    gaps = []
    for i, g in enumerate(raw.get("gaps") or ()):
        where = f"gaps[{i}]"
        g = _keys(g, {"id", "document", "name", "pasal", "when", "about"}, {"id", "when", "about"}, where)
        if bool(g.get("document")) == bool(g.get("name")):
            raise _fail(where, "isi document (id manifest) atau name, salah satu")
        when = _condition(g["when"], where)
        check(when.subjects, roles, where, "subjek")
        check(when.acts, acts, where, "perbuatan")
        gaps.append(Gap(g["id"], when, g["about"], g.get("document", ""), g.get("name", ""),
                        tuple(str(p) for p in g.get("pasal") or ())))  # fmt: skip
    return Rules(subjects, elections, acts, provisions, authorities, gaps)


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


def check_against(rules: Rules, units: Mapping[str, Unit], manifest=None) -> Rules:
    """Check every unit id and element quote against the index; note documents it lacks.

    A unit of a document the index holds must exist (else the rules are wrong); a unit of a
    document the index does not hold at all is recorded in ``rules.absent``, so the kajian can
    say so instead of failing. Element quotes must be words of the provision or of a provision
    above it (the lead-in "PNS dilarang:" belongs to every point below it).
    """
    docs = {u.doc_id for u in units.values()}
    if manifest is not None:
        for gap in rules.gaps:
            if gap.document and gap.document not in manifest:
                raise _fail(f"celah {gap.id}", f"dokumen {gap.document!r} tidak ada di manifest")
    absent: dict[str, list[str]] = {}
    for unit_id in rules.unit_ids():
        if unit_id in units:
            continue
        doc = ids.doc_of(unit_id)
        if doc in docs:
            raise _fail(unit_id, "unit ini tidak ada di indeks")
        absent.setdefault(doc, []).append(unit_id)
    for provision in rules.provisions:
        unit = units.get(provision.unit)
        if unit is None:
            continue
        texts = [_normal(unit.text)]
        for ancestor in ids.UnitId.parse(unit.id).ancestors:
            above = units.get(str(ancestor))
            if above is not None:
                texts.append(_normal(above.text))
        for element in provision.elements:
            if not any(_normal(element.kutipan) in t for t in texts):
                raise _fail(provision.unit, f"kutipan unsur {element.kutipan!r} tidak ada di teks ketentuannya")
    rules.absent = absent
    return rules


def load_rules(units: Mapping[str, Unit] | None = None, manifest=None, path: Path | None = None) -> Rules:
    """The rules file, parsed; checked against ``units`` when given."""
    path = path or RULES_FILE
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RulesError(f"{path.name}: tidak dapat dibaca: {exc}") from None
    rules = parse_rules(raw)
    return check_against(rules, units, manifest) if units is not None else rules
