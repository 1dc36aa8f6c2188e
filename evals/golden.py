"""Golden question files: load, validate, describe.

A golden file is YAML: a list of questions, or a mapping with a ``questions`` list.
The format is documented in ``evals/README.md``; :func:`load_golden` is its reference reader
and rejects anything it would otherwise have to guess about (unknown keys, a question that
both expects units and should abstain, duplicate ids). CSV and JSONL sets are read by
``evals/sources.py`` into the same :class:`GoldenQuestion`; citation strings are turned into
unit ids by ``evals/citations.py`` once the index is known.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from corpus.ids import UnitId

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"

# The categories the shipped golden set covers; a user's file may add its own.
CATEGORIES = {
    "lookup": "lookup by number (\"isi pasal 87 ayat 4 UU ASN\")",
    "definition": "what a term means",
    "obligation": "obligation or prohibition",
    "sanction": "sanction for a violation; needs the cross-reference to the sanctioning provision",
    "procedure": "deadline or procedure",
    "status": "status of a provision or law: revoked, amended, in force",
    "cross-document": "the answer spans several documents",
    "informal": "paraphrase and informal language",
    "typo": "misspelled questions",
    "english": "questions in English",
    "out-of-scope": "questions the corpus cannot answer; must be abstained on",
    "realistic": "everyday questions written after the answerability model was fitted (unseen wording)",
}

KEYS = {
    "id", "question", "category", "expected", "citations", "answer", "must_include", "should_abstain",
    "notes", "split",
}  # fmt: skip
# Tuning happens on "tune" only; "heldout" is reported separately and never fitted on.
SPLITS = ("tune", "heldout")


class GoldenError(ValueError):
    """A golden file that cannot be read as documented; the message names file and question."""


@dataclass(frozen=True)
class GoldenQuestion:
    id: str
    question: str
    category: str
    expected: tuple[tuple[str, ...], ...] = ()  # requirements, each a tuple of alternatives
    must_include: tuple[str, ...] = ()
    should_abstain: bool = False
    notes: str = ""
    source: str = ""  # file the question came from
    answer: str = ""  # golden answer text (for exact match and token F1)
    # Citation strings still to be resolved ("Pasal 8 ayat (3) PP 94/2021"): requirements,
    # each a tuple of alternatives, as in ``expected``.
    citations: tuple[tuple[str, ...], ...] = ()
    law: str = ""  # document for citations that name none (a "law" column)
    split: str = ""  # "tune", "heldout" or "" (not split)
    row: int | None = None  # spreadsheet row or JSONL line, for messages
    out_of_corpus: tuple[str, ...] = ()  # documents cited that the index does not hold

    @property
    def expected_ids(self) -> list[str]:
        """Every unit id named, alternatives included."""
        return [alt for req in self.expected for alt in req]

    @property
    def doc_ids(self) -> set[str]:
        return {UnitId.parse(unit_id).doc for unit_id in self.expected_ids}

    @property
    def documents(self) -> list[str]:
        """Documents the question is about: those of its expected ids, and the ones it cites
        that the corpus lacks (so out-of-corpus rows are grouped by what they asked for)."""
        return sorted(self.doc_ids | set(self.out_of_corpus))

    @property
    def where(self) -> str:
        """How messages name the question: its row when it came from a table."""
        return f"baris {self.row} ({self.id})" if self.row is not None else self.id


def set_aside_row(q: GoldenQuestion, reason: str) -> dict[str, str]:
    """A row that is not run, as reports and the review sheet list it."""
    return {
        "where": q.where,
        "reason": reason,
        "id": q.id,
        "row": "" if q.row is None else str(q.row),
        "category": q.category,
        "question": q.question,
        "expected": "; ".join(" / ".join(r) for r in q.expected) if q.expected else "; ".join(
            " / ".join(c) for c in q.citations
        ),
    }


@dataclass
class GoldenSet:
    questions: list[GoldenQuestion]
    files: list[str] = field(default_factory=list)
    # Rows read but not run, with the reason (Indonesian, shown to the user): empty question,
    # duplicate, citation that resolves to nothing, golden answer marked wrong by a reviewer.
    set_aside: list[dict[str, str]] = field(default_factory=list)
    # Per-row notes that do not remove the row (a citation of several that did not resolve).
    problems: list[dict[str, str]] = field(default_factory=list)

    def by_category(self) -> dict[str, list[GoldenQuestion]]:
        out: dict[str, list[GoldenQuestion]] = {}
        for q in self.questions:
            out.setdefault(q.category, []).append(q)
        return out


def _fail(path: Path, where: str, why: str) -> GoldenError:
    return GoldenError(f"{path}: {where}: {why}")


def _question(raw: object, path: Path, index: int) -> GoldenQuestion:
    where = f"pertanyaan ke-{index + 1}"
    if not isinstance(raw, dict):
        raise _fail(path, where, "setiap pertanyaan harus berupa mapping (kunci: nilai)")
    if isinstance(raw.get("id"), str):
        where = f"pertanyaan {raw['id']!r}"
    unknown = set(raw) - KEYS
    if unknown:
        raise _fail(path, where, f"kunci tidak dikenal {sorted(unknown)} (yang boleh: {sorted(KEYS)})")
    for key in ("id", "question", "category"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise _fail(path, where, f"'{key}' harus berupa teks yang tidak kosong")
    should_abstain = raw.get("should_abstain", False)
    if not isinstance(should_abstain, bool):
        raise _fail(path, where, "'should_abstain' harus true atau false")

    split = raw.get("split") or ""
    if split not in ("", *SPLITS):
        raise _fail(path, where, f"'split' harus salah satu dari {', '.join(SPLITS)}")
    answer = raw.get("answer") or ""
    if not isinstance(answer, str):
        raise _fail(path, where, "'answer' harus berupa teks (jawaban golden)")
    citations_raw = raw.get("citations") or []
    if not isinstance(citations_raw, list):
        raise _fail(path, where, "'citations' harus berupa daftar rujukan (teks) atau daftar alternatif")
    citations = []
    for req in citations_raw:
        alternatives = [req] if isinstance(req, str) else req
        if not isinstance(alternatives, list) or not alternatives or not all(
            isinstance(a, str) and a.strip() for a in alternatives
        ):
            raise _fail(path, where, f"rujukan tidak sah {req!r}: harus teks atau daftar teks yang tidak kosong")
        citations.append(tuple(a.strip() for a in alternatives))

    expected_raw = raw.get("expected") or []
    if not isinstance(expected_raw, list):
        raise _fail(path, where, "'expected' harus berupa daftar id unit atau daftar id alternatif")
    expected = []
    for req in expected_raw:
        alternatives = [req] if isinstance(req, str) else req
        if not isinstance(alternatives, list) or not alternatives:
            raise _fail(path, where, f"harapan tidak sah {req!r}: harus id unit atau daftar id yang tidak kosong")
        for alt in alternatives:
            if not isinstance(alt, str) or not UnitId.is_valid(alt) or UnitId.parse(alt).is_document:
                raise _fail(path, where, f"{alt!r} bukan id unit seperti 'uu-5-2014/pasal-87/ayat-4'")
        expected.append(tuple(alternatives))
    if should_abstain and expected:
        raise _fail(path, where, "pertanyaan yang harus ditolak tidak boleh mengharapkan unit")
    if not should_abstain and not expected and not citations:
        raise _fail(path, where, "'expected' kosong; tulis should_abstain: true bila tidak ada yang menjawabnya")

    must_include = raw.get("must_include") or []
    if not isinstance(must_include, list) or not all(isinstance(p, str) and p.strip() for p in must_include):
        raise _fail(path, where, "'must_include' harus berupa daftar frasa yang tidak kosong")
    notes = raw.get("notes") or ""
    if not isinstance(notes, str):
        raise _fail(path, where, "'notes' harus berupa teks")
    return GoldenQuestion(
        id=raw["id"].strip(),
        question=raw["question"].strip(),
        category=raw["category"].strip(),
        expected=tuple(expected),
        must_include=tuple(p.strip() for p in must_include),
        should_abstain=should_abstain,
        notes=notes.strip(),
        source=str(path),
        answer=answer.strip(),
        citations=tuple(citations),
        split=split,
    )


def load_file(path: Path) -> list[GoldenQuestion]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise GoldenError(f"{path}: bukan YAML yang valid: {exc}") from exc
    if isinstance(data, dict):
        data = data.get("questions")
    if not isinstance(data, list):
        raise GoldenError(f"{path}: harus berupa daftar pertanyaan (atau mapping dengan 'questions')")
    return [_question(raw, path, i) for i, raw in enumerate(data)]


def load_golden(path: str | Path | None = None) -> GoldenSet:
    """Load one YAML file, or every ``*.yaml``/``*.yml`` in a folder (default: ``evals/golden``)."""
    path = Path(path) if path else GOLDEN_DIR
    if path.is_dir():
        files = sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
        if not files:
            raise GoldenError(f"{path}: tidak ada berkas .yaml")
    elif path.is_file():
        files = [path]
    else:
        raise GoldenError(f"{path}: berkas atau folder tidak ditemukan")
    questions: list[GoldenQuestion] = []
    seen: dict[str, str] = {}
    for f in files:
        for q in load_file(f):
            if q.id in seen:
                raise GoldenError(f"{f}: id pertanyaan {q.id!r} sudah dipakai di {seen[q.id]}")
            seen[q.id] = str(f)
            questions.append(q)
    return GoldenSet(questions=questions, files=[str(f) for f in files])


def missing_units(golden: GoldenSet, unit_ids: set[str]) -> dict[str, list[str]]:
    """Expected ids the index does not hold, per question (so a failure can be told from a gap)."""
    out = {}
    for q in golden.questions:
        missing = [u for u in q.expected_ids if u not in unit_ids]
        if missing:
            out[q.id] = missing
    return out
