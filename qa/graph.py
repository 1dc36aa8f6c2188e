"""The cross-reference graph of the corpus, in both directions.

A prohibition rarely carries its own sanction: PP 94/2021 Pasal 5 huruf n forbids supporting
candidates, and Pasal 13 and 14 set the penalty by pointing back at it; UU 1/2015 Pasal 188
punishes what Pasal 71 forbids. Answers follow these edges: what a provision cites, what cites
it, and the definitions (Pasal 1) whose terms it uses. Built once per loaded index (the
:class:`~qa.retrieval.Retriever` holds it beside the units), it also knows the corpus's words,
for repairing typos in questions.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from corpus import ids
from corpus.ids import UnitId
from ingest.model import Unit
from qa.index import lead_in
from qa.tokenization import tokenize

SANCTION_WORDS = re.compile(
    r"\b(hukuman disiplin|dijatuhi|dikenai|dikenakan|sanksi|dipidana|pidana penjara|denda|"
    r"diberhentikan|pemberhentian)\b",
    re.IGNORECASE,
)
# "Yang dimaksud dengan "asas netralitas" adalah ..." in a Penjelasan.
_EXPLAINED_TERM = re.compile(r"^\s*Yang dimaksud dengan\s+[\"“]?(?P<term>[^\"”,]{2,120}?)[\"”]?\s+adalah\b", re.I)


# "Jenis Hukuman Disiplin sedang sebagaimana dimaksud pada ayat (1) huruf b terdiri atas: ...":
# a provision that spells out what a term holds.
_SPELLED_TERM = re.compile(
    r"^\s*(?P<term>[^,.;:()]{2,120}?)\s+(?:sebagaimana dimaksud (?:pada|dalam)\s[^:;]{0,80}?\s)?"
    r"(?:terdiri atas|meliputi)\b",
    re.I,
)


def _term_key(term: str) -> str:
    return re.sub(r"\s+", " ", term.strip().strip("\"“”'").lower())


# A chain of references joined only by conjunctions and commas: one act in a penal provision.
_REF = r"(?:Pasal\s+\d+[A-Z]?|ayat\s*\(\d+[a-z]?\)|huruf\s+[a-z]\b|angka\s+\d+)"
_CHAIN = re.compile(rf"Pasal\s+\d+[A-Z]?(?:\s*(?:,|dan/atau|dan|atau|sampai dengan)?\s*{_REF})*")
_RANGE = re.compile(r"Pasal\s+(\d+)\s+sampai dengan\s+Pasal\s+(\d+)")
_PASAL_NUMBER = re.compile(r"Pasal\s+(\d+[A-Z]?)")
_SCALE = re.compile(r"Hukuman Disiplin (?:ringan|sedang|berat)\s+sebagaimana dimaksud dalam\s*$", re.I)
# "Pegawai Negeri Sipil yang selanjutnya disingkat PNS adalah ..." / "Pemilihan adalah ..."
_DEFINITION = re.compile(
    r"^(?P<term>[^,.;:]{2,120}?)(?:,?\s+yang selanjutnya (?:disingkat|disebut)\s+(?P<short>[^,.;]{1,60}?))?,?\s+adalah\b"
)


@dataclass
class Graph:
    units: Mapping[str, Unit]
    cited_by: dict[str, list[str]] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=dict)  # in document order
    definitions: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # doc -> [(term, id)]

    @classmethod
    def build(cls, units: Iterable[Unit]) -> Graph:
        by_id = {u.id: u for u in units}
        children: dict[str, list[str]] = {}
        for unit in sorted(by_id.values(), key=lambda u: u.order):
            if unit.parent_id:
                children.setdefault(unit.parent_id, []).append(unit.id)
        cited_by: dict[str, list[str]] = {}
        for unit in by_id.values():
            if unit.kind == "penjelasan":
                continue  # a Penjelasan explains; it does not make a rule that points elsewhere
            for target in unit.refs:
                cited_by.setdefault(target, [])
                if unit.id not in cited_by[target]:
                    cited_by[target].append(unit.id)
        definitions: dict[str, list[tuple[str, str]]] = {}
        for unit in by_id.values():
            if unit.kind == "angka" and unit.parent_id == ids.unit_id(unit.doc_id, (("pasal", "1"),)):
                match = _DEFINITION.match(unit.text)
                if match:
                    terms = [match.group("term")]
                    if match.group("short"):
                        terms.append(match.group("short"))
                    for term in terms:
                        definitions.setdefault(unit.doc_id, []).append((term.strip(), unit.id))
        return cls(units=by_id, cited_by=cited_by, children=children, definitions=definitions)

    @functools.cached_property
    def words(self) -> frozenset[str]:
        """The words of the corpus as written (for typo repair in questions)."""
        return frozenset(w for u in self.units.values() for w in re.findall(r"[a-z]+", u.text.lower()))

    @functools.cached_property
    def document_frequency(self) -> dict[str, int]:
        """How many units use each word, as BM25 analyses it (stemmed); rarity for answerability."""
        counts: Counter[str] = Counter()
        for unit in self.units.values():
            counts.update(set(tokenize(unit.text)))
        return dict(counts)

    @functools.cached_property
    def consolidated(self) -> dict[str, str]:
        """Amending instruction -> the consolidated provision it changed, the outermost one
        ("uu-10-2016/pasal-I/angka-27" -> "uu-1-2015/pasal-71"): answers cite the latter."""
        out: dict[str, str] = {}
        for unit in sorted(self.units.values(), key=lambda u: (UnitId.parse(u.id).depth, u.order)):
            for version in unit.history:  # an inserted provision's only version is the change
                if version.source_id != unit.id:
                    out.setdefault(version.source_id, unit.id)
        return out

    def consolidated_of(self, unit_id: str) -> Unit | None:
        """The consolidated provision an amending instruction (or a part of it) changed, if any."""
        uid = UnitId.parse(unit_id)
        if not uid.in_amending_change:
            return None
        for candidate in (uid, *uid.ancestors):
            target = self.consolidated.get(str(candidate))
            if target in self.units:
                return self.units[target]
        return None

    def lead_in(self, unit: Unit) -> str:
        """The words that introduce a huruf/angka list ("Pegawai ASN dilarang:"), from its parent."""
        parent = self.units.get(unit.parent_id or "")
        siblings = self.children.get(unit.parent_id or "", [])
        if parent is None or unit.kind not in ("huruf", "angka") or not siblings:
            return ""
        # The same cut the index makes for a child's context, but quoted whole.
        return lead_in(parent, self.units[siblings[0]], limit=None)

    def citing(self, unit_id: str) -> list[Unit]:
        """Units that cite this unit or any unit above or below it, in document order."""
        uid = UnitId.parse(unit_id)
        above = set(uid.ancestors)
        found: dict[str, Unit] = {}
        for target, sources in self.cited_by.items():
            if uid.contains(cited := UnitId.parse(target)) or cited in above:
                for source in sources:
                    if source in self.units and UnitId.parse(source).pasal != uid.pasal:
                        found[source] = self.units[source]
        # A Pasal collects its ayat's references: keep the precise ayat, not the whole Pasal too.
        precise = [u for u in found.values() if not any(o != u.id and ids.contains(u.id, o) for o in found)]
        return sorted(precise, key=lambda u: (u.doc_id, u.order))

    def sanctions_for(self, unit_id: str) -> list[Unit]:
        """Provisions that impose a penalty for this one.

        The penalty is often in the Pasal's opening words ("Hukuman Disiplin sedang dijatuhkan
        bagi PNS yang: ... g. melanggar ... Pasal 5 huruf n angka 2"), so the Pasal is read too.
        A penal provision is this one's sanction only when this is the first provision it
        names, the act it punishes: Pasal 188 UU 1/2015 ("melanggar ketentuan sebagaimana
        dimaksud dalam Pasal 71") is, Pasal 187 ayat (6), a campaign-funds offence that names
        Pasal 76 ayat (1) first and Pasal 71 only in passing, is not (:meth:`penal_mentions`).
        """
        return [u for u in self._penal_citing(unit_id) if self._punishes(u, unit_id)]

    def penal_mentions(self, unit_id: str) -> list[Unit]:
        """Penal provisions that mention this one without punishing its act: related, not sanctions."""
        return [u for u in self._penal_citing(unit_id) if not self._punishes(u, unit_id)]

    def _penal_citing(self, unit_id: str) -> list[Unit]:
        found = []
        for unit in self.citing(unit_id):
            pasal = self.units.get(ids.pasal_of(unit.id))
            if SANCTION_WORDS.search(unit.text) or (pasal and SANCTION_WORDS.search(pasal.text)):
                found.append(unit)
        return found

    def _punishes(self, penal: Unit, unit_id: str) -> bool:
        """Whether ``unit_id`` is among the provisions of the first act ``penal`` names.

        The act is the first chain of references joined only by "dan/atau", "atau", commas
        ("Pasal 3 dan/atau Pasal 4 dan/atau Pasal 5", "Pasal 5 huruf n angka 3, angka 4, ...");
        a reference after other words ("... dan/atau tidak memenuhi kewajiban sebagaimana
        dimaksud dalam Pasal 71") is a mention. A chain naming the penalty scale ("Hukuman
        Disiplin berat sebagaimana dimaksud dalam Pasal 8 ayat (1) huruf c") is passed over.
        """
        chains = [m for m in _CHAIN.finditer(penal.text) if not _SCALE.search(penal.text[: m.start()][-80:])]
        if not chains:
            return True  # no Pasal named in the text (a decree's "huruf B angka 3"): its reference stands
        chain = chains[0].group(0)
        punished = set(_PASAL_NUMBER.findall(chain))
        for first, last in _RANGE.findall(chain):  # "Pasal 3 sampai dengan Pasal 5"
            punished.update(str(n) for n in range(int(first), int(last) + 1))
        uid = UnitId.parse(unit_id)
        for ref in penal.refs:
            rid = UnitId.parse(ref)
            if rid.pasal.number in punished and (uid.contains(rid) or rid.contains(uid)):
                return True
        return False

    def elaborating(self, unit_id: str) -> Unit | None:
        """The list in the same Pasal that spells out the item ``unit_id`` names: for "Hukuman
        Disiplin berat" (Pasal 8 ayat (1) huruf c PP 94/2021), ayat (4) "Jenis Hukuman Disiplin
        berat sebagaimana dimaksud pada ayat (1) huruf c terdiri atas: a. ...". None when no
        such list, or several, cite it."""
        pasal = ids.pasal_of(unit_id)
        lists = [
            self.units[source]
            for source in self.cited_by.get(unit_id, [])
            if source in self.units and ids.pasal_of(source) == pasal and self.children.get(source)
        ]
        return lists[0] if len(lists) == 1 else None

    def cited(self, unit_id: str) -> list[Unit]:
        unit = self.units.get(unit_id)
        return [self.units[r] for r in (unit.refs if unit else []) if r in self.units]

    def defining(self, term: str) -> list[Unit]:
        """Provisions that define ``term`` exactly: a Pasal 1 definition (by its term or short
        form, "PNS"), a Penjelasan "Yang dimaksud dengan "term" adalah ...", or else a provision
        that spells out what the term holds ("Jenis Hukuman Disiplin sedang ... terdiri atas:"),
        in force first."""
        wanted = _term_key(term)
        if not wanted:
            return []
        found = [
            self.units[def_id]
            for doc_terms in self.definitions.values()
            for defined, def_id in doc_terms
            if _term_key(defined) == wanted
        ]
        found += self._matching(_EXPLAINED_TERM, wanted, explains=True, but=found)
        if not found:
            # A list that spells the term out only where nothing defines it ("Bawaslu ... terdiri
            # atas" is its structure, not its meaning, beside Pasal 1 angka 17 UU 7/2017).
            found = self._matching(_SPELLED_TERM, wanted, explains=False)
        return sorted(found, key=lambda u: (u.status == "dicabut", u.kind == "penjelasan", u.doc_id, u.order))

    def _matching(self, pattern: re.Pattern, wanted: str, explains: bool, but: Sequence[Unit] = ()) -> list[Unit]:
        """Penjelasan (``explains``) or body units whose opening names the term ``wanted``."""
        return [
            unit
            for unit in self.units.values()
            if bool(unit.kind == "penjelasan" or unit.explains) == explains
            and (match := pattern.match(unit.text))
            and _term_key(match.group("term")) == wanted
            and unit not in but
        ]

    def definitions_used(self, unit: Unit, limit: int = 3) -> list[Unit]:
        """Definitions (Pasal 1 of the same document) whose term appears in the unit's text."""
        text = unit.text.lower()
        found: list[Unit] = []
        for term, def_id in sorted(self.definitions.get(unit.doc_id, []), key=lambda t: -len(t[0])):
            if def_id == unit.id or def_id in {u.id for u in found}:
                continue
            if re.search(rf"\b{re.escape(term.lower())}\b", text):
                found.append(self.units[def_id])
            if len(found) >= limit:
                break
        return found


