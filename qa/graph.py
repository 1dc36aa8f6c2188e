"""The cross-reference graph of the corpus, in both directions.

A prohibition rarely carries its own sanction: PP 94/2021 Pasal 5 huruf n forbids supporting
candidates, and Pasal 13 and 14 set the penalty by pointing back at it; UU 1/2015 Pasal 188
punishes what Pasal 71 forbids. Answers follow these edges: what a provision cites, what cites
it, and the definitions (Pasal 1) whose terms it uses. Built once per loaded index, it also
knows the corpus's words, for repairing typos in questions.
"""

from __future__ import annotations

import functools
import re
import threading
from collections import Counter
from collections.abc import Iterable, Mapping
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
# "Pegawai Negeri Sipil yang selanjutnya disingkat PNS adalah ..." / "Pemilihan adalah ..."
_DEFINITION = re.compile(
    r"^(?P<term>[^,.;:]{2,120}?)(?:,?\s+yang selanjutnya (?:disingkat|disebut)\s+(?P<short>[^,.;]{1,60}?))?,?\s+adalah\b"
)


_lock = threading.Lock()
_graphs: dict[int, tuple[Mapping[str, Unit], "Graph"]] = {}


@dataclass
class Graph:
    units: Mapping[str, Unit]
    cited_by: dict[str, list[str]] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=dict)  # in document order
    definitions: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # doc -> [(term, id)]

    @classmethod
    def of(cls, units: Mapping[str, Unit]) -> Graph:
        """The graph of a loaded index, built once per units mapping."""
        with _lock:
            cached = _graphs.get(id(units))
            if cached is None or cached[0] is not units:
                cached = (units, cls.build(units.values()))
                _graphs.clear()  # one index serves at a time; drop the old graph
                _graphs[id(units)] = cached
            return cached[1]

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
        """Provisions that cite this one and impose a penalty for it.

        The penalty is often in the Pasal's opening words ("Hukuman Disiplin sedang dijatuhkan
        bagi PNS yang: ... g. melanggar ... Pasal 5 huruf n angka 2"), so the Pasal is read too.
        """
        found = []
        for unit in self.citing(unit_id):
            pasal = self.units.get(ids.pasal_of(unit.id))
            if SANCTION_WORDS.search(unit.text) or (pasal and SANCTION_WORDS.search(pasal.text)):
                found.append(unit)
        return found

    def cited(self, unit_id: str) -> list[Unit]:
        unit = self.units.get(unit_id)
        return [self.units[r] for r in (unit.refs if unit else []) if r in self.units]

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

