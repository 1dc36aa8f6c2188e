"""Read a golden set from the file a user brings: YAML (our format), CSV or JSONL.

A spreadsheet's columns are mapped onto golden fields by a column mapping
(``question=Pertanyaan,answer=Jawaban,law=Peraturan,pasal=Pasal``) given on the command line,
in a sidecar file beside the set (``golden.csv.map.yaml``), or found by the field's own name
in the header. Every row becomes a :class:`~evals.golden.GoldenQuestion`; its citation strings
stay strings here and are resolved to unit ids by ``evals/citations.py`` once the index is known.

Messy sets are read, not refused: extra columns are ignored (and named), a row without a
question and a repeated question are set aside with the reason. Values that cannot mean
anything (``split: test``, ``should_abstain: maybe``, a malformed unit id) stop the load with
the file and row named, since guessing would change what is measured.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from corpus.ids import UnitId
from evals.golden import SPLITS, GoldenError, GoldenQuestion, GoldenSet, load_golden, set_aside_row

# Golden fields a table may carry, each with the header names recognised without a mapping.
FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "question": ("question", "pertanyaan"),
    "category": ("category", "kategori"),
    "answer": ("answer", "jawaban"),
    "citation": ("citation", "citations", "sitasi", "rujukan"),
    "law": ("law", "peraturan", "dokumen"),
    "pasal": ("pasal", "article"),
    "ayat": ("ayat",),
    "item": ("item",),  # huruf or angka, told apart by the value ("c" / "3")
    "huruf": ("huruf",),
    "angka": ("angka",),
    "expected": ("expected",),  # unit ids, for sets written by a tool that knows them
    "must_include": ("must_include",),
    "should_abstain": ("should_abstain", "abstain"),
    "notes": ("notes", "catatan"),
    "split": ("split",),
}
TABLE_SUFFIXES = {".csv": "csv", ".tsv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
DEFAULT_CATEGORY = "umum"
_TRUE = {"true", "yes", "ya", "y", "1", "benar"}
_FALSE = {"false", "no", "tidak", "n", "0", "salah", ""}
# Lists inside one cell: phrases and unit ids are separated by "|" or a line break.
_CELL_LIST = re.compile(r"\s*(?:\||\n)\s*")


def parse_mapping(text: str) -> dict[str, str]:
    """``"question=Pertanyaan,answer=Jawaban"`` -> ``{"question": "Pertanyaan", ...}``."""
    mapping: dict[str, str] = {}
    for pair in filter(None, (p.strip() for p in text.split(","))):
        field, sep, column = pair.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise GoldenError(f"pemetaan kolom {pair!r} tidak dapat dibaca: tulis field=Kolom, mis. question=Pertanyaan")
        mapping[field.strip()] = column.strip()
    _check_fields(mapping, "--map")
    return mapping


def read_mapping_file(path: Path) -> dict[str, str]:
    """A sidecar mapping: YAML ``field: Column`` lines."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise GoldenError(f"{path}: berkas pemetaan kolom tidak dapat dibaca: {exc}") from exc
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise GoldenError(f"{path}: berkas pemetaan kolom harus berisi baris 'field: Kolom'")
    mapping = {k.strip(): v.strip() for k, v in data.items()}
    _check_fields(mapping, str(path))
    return mapping


def sidecar_path(path: Path) -> Path:
    """Where a set's own mapping lives: ``golden.csv`` -> ``golden.csv.map.yaml``."""
    return path.with_name(path.name + ".map.yaml")


def _check_fields(mapping: dict[str, str], where: str) -> None:
    unknown = sorted(set(mapping) - set(FIELDS))
    if unknown:
        raise GoldenError(f"{where}: field tidak dikenal {unknown} (field yang ada: {', '.join(FIELDS)})")


def load_set(
    path: str | Path | None = None,
    mapping: dict[str, str] | None = None,
    mapping_file: str | Path | None = None,
) -> GoldenSet:
    """A golden set from YAML (a file or folder), CSV or JSONL; repeated questions set aside.

    The column mapping is the sidecar file (``mapping_file``, else ``<set>.map.yaml`` if
    present) overridden by ``mapping``; a field it does not name is looked up by its own
    names in :data:`FIELDS`.
    """
    if path is None or Path(path).is_dir() or Path(path).suffix.lower() in (".yaml", ".yml"):
        if mapping or mapping_file:
            raise GoldenError("pemetaan kolom hanya berlaku untuk berkas CSV atau JSONL")
        return drop_repeats(load_golden(path))
    path = Path(path)
    kind = TABLE_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise GoldenError(f"{path}: format tidak dikenal (pakai .yaml, .csv, .tsv atau .jsonl)")
    if not path.is_file():
        raise GoldenError(f"{path}: berkas tidak ditemukan")
    given: dict[str, str] = {}
    side = Path(mapping_file) if mapping_file else sidecar_path(path)
    if mapping_file or side.is_file():
        given.update(read_mapping_file(side))
    given.update(mapping or {})
    header, rows = read_csv_table(path) if kind == "csv" else _jsonl_rows(path)
    return drop_repeats(_table_set(path, header, rows, given))


# ------------------------------------------------------------------ reading rows


def read_csv_table(path: Path) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    """Header and (spreadsheet row number, cells) of every non-blank row; "," ";" or tab
    separated, with or without a byte-order mark."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GoldenError(f"{path}: bukan teks UTF-8 ({exc}); simpan ulang sebagai CSV UTF-8") from exc
    try:  # Spreadsheets in Indonesian locales write ";" between cells.
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel_tab if path.suffix.lower() == ".tsv" else csv.excel
    reader = csv.reader(text.splitlines(keepends=True), dialect)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise GoldenError(f"{path}: berkas kosong") from None
    repeated = sorted({h for h in header if h and header.count(h) > 1})
    if repeated:
        raise GoldenError(f"{path}: nama kolom ganda {repeated}")
    rows = []
    # Spreadsheet numbering: the header is row 1, and a cell with a line break stays in its row.
    for row, cells in enumerate(reader, start=2):
        if any(c.strip() for c in cells):
            rows.append((row, dict(zip(header, cells))))
    return header, rows


def _jsonl_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    header: list[str] = []
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldenError(f"{path}: baris {number}: bukan JSON yang valid ({exc.msg})") from exc
        if not isinstance(record, dict):
            raise GoldenError(f"{path}: baris {number}: setiap baris harus berupa objek JSON")
        header += [k for k in record if k not in header]
        rows.append((number, record))
    return header, rows


def column_for(field: str, header: list[str], mapping: dict[str, str]) -> str | None:
    """The column holding ``field``: the mapped one, else one named like the field."""
    if field in mapping:
        return mapping[field]
    names = {h.casefold().strip(): h for h in header}
    for name in FIELDS[field]:
        if name in names:
            return names[name]
    return None


def _table_set(
    path: Path, header: list[str], rows: list[tuple[int, dict[str, Any]]], mapping: dict[str, str]
) -> GoldenSet:
    missing = sorted(f"{f}={c}" for f, c in mapping.items() if c not in header)
    if missing:
        raise GoldenError(
            f"{path}: kolom yang dipetakan tidak ada: {', '.join(missing)} (kolom yang ada: {', '.join(header)})"
        )
    columns = {f: c for f in FIELDS if (c := column_for(f, header, mapping))}
    if "question" not in columns:
        raise GoldenError(
            f"{path}: tidak ada kolom pertanyaan; petakan dengan --map question=NamaKolom "
            f"(kolom yang ada: {', '.join(header)})"
        )
    golden = GoldenSet(questions=[], files=[str(path)])
    ignored = [h for h in header if h not in columns.values()]
    if ignored:
        golden.problems.append({"where": path.name, "reason": f"kolom diabaikan: {', '.join(ignored)}"})
    for row, record in rows:
        cells = {f: record.get(c) for f, c in columns.items()}
        question = _text(cells.get("question"))
        if not question:
            golden.set_aside.append({"where": f"baris {row}", "reason": "pertanyaan kosong", "row": str(row)})
            continue
        golden.questions.append(_row_question(path, row, cells))
    return golden


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number typed into a JSON cell ("pasal": 8)
    return str(value).strip()


def _list(value: Any) -> list[Any]:
    """A JSON list as it is; a cell's text split on "|" or line breaks."""
    if isinstance(value, list):
        return value
    text = _text(value)
    return [p for p in _CELL_LIST.split(text) if p] if text else []


def _row_question(path: Path, row: int, cells: dict[str, Any]) -> GoldenQuestion:
    def fail(why: str) -> GoldenError:
        return GoldenError(f"{path}: baris {row}: {why}")

    abstain = cells.get("should_abstain")
    if not isinstance(abstain, bool):
        word = _text(abstain).casefold()
        if word not in _TRUE | _FALSE:
            raise fail(f"should_abstain {abstain!r} bukan ya/tidak (true/false)")
        abstain = word in _TRUE
    split = _text(cells.get("split")).casefold()
    if split not in ("", *SPLITS):
        raise fail(f"split {split!r} harus salah satu dari: {', '.join(SPLITS)}")

    expected = []
    for req in _list(cells.get("expected")):
        alternatives = req if isinstance(req, list) else [req]
        for alt in alternatives:
            if not isinstance(alt, str) or not UnitId.is_valid(alt.strip()) or UnitId.parse(alt.strip()).is_document:
                raise fail(f"{alt!r} bukan id unit seperti 'uu-5-2014/pasal-87/ayat-4'")
        expected.append(tuple(a.strip() for a in alternatives))

    # A cell is one citation string (which may name several provisions); a JSON list holds
    # requirements, each a string or a list of alternative strings, as in the YAML format.
    raw = cells.get("citation")
    citations: list[tuple[str, ...]] = []
    for entry in raw if isinstance(raw, list) else [raw]:
        alternatives = entry if isinstance(entry, list) else [entry]
        texts = tuple(t for t in (_text(a) for a in alternatives) if t)
        if texts:
            citations.append(texts)
    law = _text(cells.get("law"))
    structured = structured_citation(
        law, _text(cells.get("pasal")), _text(cells.get("ayat")), _text(cells.get("item")),
        _text(cells.get("huruf")), _text(cells.get("angka")),
    )  # fmt: skip
    if structured:
        citations.append((structured,))

    return GoldenQuestion(
        id=_text(cells.get("id")) or f"row-{row}",
        question=_text(cells.get("question")),
        category=_text(cells.get("category")) or DEFAULT_CATEGORY,
        expected=tuple(expected),
        must_include=tuple(_text(p) for p in _list(cells.get("must_include")) if _text(p)),
        should_abstain=abstain,
        notes=_text(cells.get("notes")),
        source=str(path),
        answer=_text(cells.get("answer")),
        citations=tuple(citations),
        law=law,
        split=split,
        row=row,
    )


def structured_citation(law: str, pasal: str, ayat: str, item: str, huruf: str = "", angka: str = "") -> str:
    """Citation columns as one citation string the reference parser reads:
    ("PP 94/2021", "8", "3", "") -> "Pasal 8 ayat (3) PP 94/2021". Empty without a Pasal."""
    pasal = re.sub(r"(?i)^pasal\s*", "", pasal)
    if not pasal:
        return ""
    parts = [f"Pasal {pasal}"]
    ayat = re.sub(r"(?i)^ayat\s*|[()\s]", "", ayat)
    if ayat:
        parts.append(f"ayat ({ayat})")
    item = item.strip()
    if re.fullmatch(r"(?i)(huruf|angka)\s+\S+", item):
        parts.append(item)
    elif re.fullmatch(r"[A-Za-z]{1,2}\.?", item):
        parts.append(f"huruf {item.rstrip('.').lower()}")
    elif re.fullmatch(r"\d+\.?", item):
        parts.append(f"angka {item.rstrip('.')}")
    elif item:
        parts.append(item)  # left to the parser, which reports it if it means nothing
    huruf = re.sub(r"(?i)^huruf\s*", "", huruf).rstrip(".").lower()
    if huruf:
        parts.append(f"huruf {huruf}")
    angka = re.sub(r"(?i)^angka\s*", "", angka).rstrip(".")
    if angka:
        parts.append(f"angka {angka}")
    if law:
        parts.append(law)
    return " ".join(parts)


# ------------------------------------------------------------------ repeats


def same_question(text: str) -> str:
    """A question as compared for repeats: case and runs of whitespace aside."""
    return " ".join(text.casefold().split())


def drop_repeats(golden: GoldenSet) -> GoldenSet:
    """Keep the first of questions asked twice (same text); list the others as set aside.

    The same id on two different questions is an error: reviews and comparisons are keyed
    by id and could not tell them apart.
    """
    first: dict[str, GoldenQuestion] = {}
    ids: dict[str, GoldenQuestion] = {}
    kept = []
    set_aside = list(golden.set_aside)
    for q in golden.questions:
        key = same_question(q.question)
        if key in first:
            earlier = first[key]
            differs = " (dengan harapan berbeda; yang pertama dipakai)" if _expectation(q) != _expectation(earlier) else ""
            set_aside.append(set_aside_row(q, f"pertanyaan ganda dari {earlier.where}{differs}"))
            continue
        if q.id in ids:
            raise GoldenError(f"{q.source}: id {q.id!r} dipakai dua kali ({ids[q.id].where} dan {q.where})")
        first[key] = ids[q.id] = q
        kept.append(q)
    return replace(golden, questions=kept, set_aside=set_aside)


def _expectation(q: GoldenQuestion) -> tuple:
    return (q.expected, q.citations, q.law, q.should_abstain, q.answer)
