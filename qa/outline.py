"""The printed shape of a provision: its lead-in and its list items, each on a line of its own.

Stored units keep a provision's text on one line ("PNS dilarang: a. ...; n. ... dengan cara:
1. ikut kampanye; ..."), with each ayat, huruf and angka also stored as a child unit. A handout
prints the provision as the statute does: one line per item, indented one level per huruf or
angka (an ayat stays at its Pasal's margin). The markers ("(1)", "a.", "1)", "Huruf a") are
read from the parent's own text between its children, never made up, and a parent whose text
is not exactly its lead-in, markers and children (a reflowed or repaired copy) is printed whole
as one line, so no word of the official text is ever dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.ids import UnitId
from ingest.model import Unit
from qa.graph import Graph

# A list marker as printed between two items: "(1)", "(2a)", "a.", "1.", "1)", "Huruf a", "Angka 1", "Ayat (1)".
_MARKER = r"(?:\(\d+[a-z]?\)|[a-z]\.|\d+[.)]|(?:Huruf|Angka|Ayat)\s+(?:\(\d+[a-z]?\)|[A-Za-z0-9]+))"
_ONLY_MARKER = re.compile(rf"^\s*{_MARKER}\s*$")
_TRAILING_MARKER = re.compile(rf"(?:^|\s){_MARKER}\s*$")
_LEADING_MARKER = re.compile(rf"^\s*({_MARKER})\s+(?=\S)")


@dataclass
class Baris:
    """One printed line of a quote: its nesting level, list marker and words.

    ``konteks`` marks a line quoted only to frame the cited provision (its Pasal's lead-in);
    ``unit_id`` is the unit the line belongs to, so a handout prints each text once.
    """

    level: int
    text: str
    marker: str = ""
    unit_id: str = ""
    konteks: bool = False

    @property
    def full(self) -> str:
        return f"{self.marker} {self.text}".strip() if self.marker else self.text


def _norm(text: str) -> str:
    return " ".join(text.split())


def _kids(graph: Graph, unit: Unit) -> list[Unit]:
    return [graph.units[k] for k in graph.children.get(unit.id, []) if k in graph.units]


def split(graph: Graph, unit: Unit) -> tuple[str, list[tuple[str, Unit]]] | None:
    """``unit``'s lead-in and its children with the markers printed before them; None when
    its text is not exactly that (then it is printed whole)."""
    kids = _kids(graph, unit)
    text = _norm(unit.text)
    if not kids:
        return None
    starts, cursor = [], 0
    for kid in kids:
        kid_text = _norm(kid.text)
        at = text.find(kid_text, cursor) if kid_text else -1
        if at < 0:
            return None
        starts.append((at, at + len(kid_text)))
        cursor = at + len(kid_text)
    if text[cursor:].strip():
        return None  # words after the last item (a closing sentence): keep the text whole
    head = text[: starts[0][0]]
    first = _TRAILING_MARKER.search(head)
    if first is None and head.strip():
        return None
    lead = head[: first.start()].strip() if first else ""
    markers = [first.group(0).strip() if first else ""]
    for (_, end), (start, _) in zip(starts, starts[1:], strict=False):
        gap = text[end:start]
        if gap.strip() and not _ONLY_MARKER.match(gap):
            return None
        markers.append(gap.strip())
    return lead, list(zip(markers, kids, strict=True))


def _child_level(level: int, kid: Unit) -> int:
    # An ayat is printed at its Pasal's margin; a huruf or angka one step in from its parent.
    return level if UnitId.parse(kid.id).kind == "ayat" else level + 1


def _own_marker(marker: str, text: str) -> tuple[str, str]:
    """A child stored with its marker in its text ("c. menjadi ...") keeps it as its marker."""
    if marker:
        return marker, text
    m = _LEADING_MARKER.match(text)
    return (m.group(1), text[m.end():]) if m else ("", text)


def lines(graph: Graph, unit: Unit, level: int = 0, marker: str = "") -> list[Baris]:
    """``unit`` and everything below it, one :class:`Baris` per lead-in and list item."""
    parts = split(graph, unit)
    if parts is None:
        marker, text = _own_marker(marker, _norm(unit.text))
        return [Baris(level, text, marker, unit.id)]
    lead, kids = parts
    out = [Baris(level, lead, marker, unit.id)] if lead or marker else []
    for kid_marker, kid in kids:
        out += lines(graph, kid, _child_level(level, kid), kid_marker)
    return out


def quote(graph: Graph, unit: Unit) -> list[Baris]:
    """The lines that quote ``unit`` as it reads in its Pasal: the lead-ins of the provisions
    it completes ("PNS dilarang:", "n. memberikan dukungan ... dengan cara:") as context,
    then the unit with its own items. When the Pasal's text cannot be laid out, the unit's
    text is one line after its parent's lead-in."""
    chain = []  # (unit, marker) from the Pasal down to ``unit``
    current = unit
    while True:
        parent = graph.units.get(current.parent_id or "")
        if parent is None:
            chain.append((current, ""))
            break
        parts = split(graph, parent)
        if parts is None:  # the unit's text alone, after its parent's lead-in when there is one
            lead = graph.lead_in(unit)
            head = [Baris(0, f"{lead} …", "", "", konteks=True)] if lead else []
            marker, text = _own_marker("", _norm(unit.text))
            return [*head, Baris(1 if head else 0, text, marker, unit.id)]
        marker = next(m for m, kid in parts[1] if kid.id == current.id)
        chain.append((current, marker))
        current = parent
    chain.reverse()
    out: list[Baris] = []
    level = 0
    for depth, (ancestor, marker) in enumerate(chain[:-1]):
        if depth:
            level = _child_level(level, ancestor)
        lead = split(graph, ancestor)[0]  # laid out above: not None
        if lead or marker:
            out.append(Baris(level, lead, marker, ancestor.id, konteks=True))
    if len(chain) > 1:
        level = _child_level(level, unit)
    return out + lines(graph, unit, level, chain[-1][1])
