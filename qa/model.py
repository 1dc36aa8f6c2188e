"""Plain data types of the QA stages: index -> hits -> answer."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ingest.model import Unit


@dataclass
class Filters:
    """Restricts retrieval; ``None`` means no restriction."""

    doc_ids: list[str] | None = None
    kinds: list[str] | None = None  # document kinds from the manifest: "UU", "PP", ...
    years: list[int] | None = None
    in_force_only: bool = False  # drop units whose status is "dicabut"


@dataclass(frozen=True)
class Reading:
    """Why a prohibition was found for a question read as a situation (qa.situation): who did
    what, in the kajian rules' labels, how many of the prohibition's elements the question
    meets, and the sanctions the rules attach to it (unit ids)."""

    subject: str
    acts: tuple[str, ...]
    met: int
    sanctions: tuple[str, ...] = ()


@dataclass
class Hit:
    """One retrieved unit with its fused score and the retrievers that found it."""

    unit: Unit
    score: float
    # "reference", "definition", "situation", "dense", "dense_statute", "bm25"
    retrievers: list[str] = field(default_factory=list)
    parent: Unit | None = None  # the enclosing Pasal, for context
    similarity: float | None = None  # cosine similarity to the question, when dense retrieval ran
    situation: Reading | None = None  # set on a "situation" hit
    # cosine similarity to the question in the statutes' words, for an informal question
    statute_similarity: float | None = None

    @property
    def closeness(self) -> float:
        """How close the provision is to the question in either phrasing; 0.0 without dense search."""
        return max(self.similarity or 0.0, self.statute_similarity or 0.0)


@dataclass
class Citation:
    unit_id: str
    label: str
    short_label: str
    text: str
    page: int | None
    status: str

    @classmethod
    def of(cls, unit: Unit) -> Citation:
        return cls(
            unit_id=unit.id,
            label=unit.label,
            short_label=unit.short_label,
            text=unit.text,
            page=unit.pages[0] if unit.pages else None,
            status=unit.status,
        )


@dataclass
class Answer:
    question: str
    answer: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    related: list[Citation] = field(default_factory=list)  # "mungkin terkait" / cross-references
    engine: str = "extractive"
    elapsed_ms: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
