"""The last gate before a citation reaches a person: it must exist and say what we quote.

An answer may only cite a unit the index holds, and the quoted text must be that unit's text
exactly. A citation that fails either check is dropped, and the drop is reported, so a wrong
article can never be shown, whatever produced it (the extractive engine or an LLM).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ingest.model import Unit
from qa.model import Citation


@dataclass
class Rejected:
    citation: Citation
    reason: str  # "unknown unit" or "text differs"


def verify_citations(
    citations: list[Citation], units: Mapping[str, Unit]
) -> tuple[list[Citation], list[Rejected]]:
    """Split citations into those that match the index exactly and those that don't."""
    kept: list[Citation] = []
    rejected: list[Rejected] = []
    for citation in citations:
        unit = units.get(citation.unit_id)
        if unit is None:
            rejected.append(Rejected(citation, "unknown unit"))
        elif citation.text != unit.text or citation.label != unit.label:
            rejected.append(Rejected(citation, "text differs"))
        else:
            kept.append(citation)
    return kept, rejected
