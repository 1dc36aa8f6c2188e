"""Golden kajian cases (evals/golden/kajian/*.yaml): incident report -> expected kajian.

Kept apart from the question sets (the question loader reads evals/golden/*.yaml only) because
a case expects a subject status, an election kind, provisions, sanctions and gaps rather than
an answer. The reader refuses what it would have to guess about: unknown keys, malformed unit
ids, an unknown split or election kind, duplicate ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from corpus.ids import UnitId
from evals.golden import GOLDEN_DIR, SPLITS, GoldenError

KAJIAN_DIR = GOLDEN_DIR / "kajian"
KEYS = {"id", "split", "uraian", "subjek", "asn", "pemilihan", "ketentuan", "sanksi", "celah", "catatan"}
ELECTIONS = ("pemilu", "pilkada", "tidak jelas")


@dataclass(frozen=True)
class KajianCase:
    id: str
    split: str
    report: str
    subject: str | None  # subject id of qa/kajian_rules.yaml; None: the report names nobody
    asn: bool | None
    election: str
    provisions: tuple[str, ...]
    sanctions: tuple[str, ...]
    gaps: tuple[str, ...]
    notes: str = ""
    source: str = ""


def _case(raw: object, path: Path, index: int) -> KajianCase:
    where = f"{path.name} kasus {index + 1}"
    if not isinstance(raw, dict):
        raise GoldenError(f"{where}: harus berupa mapping (kunci: nilai)")
    where = f"{path.name} kasus {raw.get('id', index + 1)!s}"
    unknown = set(raw) - KEYS
    if unknown:
        raise GoldenError(f"{where}: kunci tidak dikenal {sorted(unknown)} (yang boleh: {sorted(KEYS)})")
    for key in ("id", "split", "uraian", "pemilihan"):
        if not str(raw.get(key) or "").strip():
            raise GoldenError(f"{where}: '{key}' wajib ada")
    if raw["split"] not in SPLITS:
        raise GoldenError(f"{where}: split harus salah satu dari {SPLITS}")
    if raw["pemilihan"] not in ELECTIONS:
        raise GoldenError(f"{where}: pemilihan harus salah satu dari {ELECTIONS}")
    lists = {}
    for key in ("ketentuan", "sanksi", "celah"):
        value = raw.get(key) or []
        if not isinstance(value, list):
            raise GoldenError(f"{where}: '{key}' harus berupa daftar")
        lists[key] = tuple(str(v) for v in value)
    for unit_id in lists["ketentuan"] + lists["sanksi"]:
        if not UnitId.is_valid(unit_id):
            raise GoldenError(f"{where}: {unit_id!r} bukan id unit")
    return KajianCase(
        id=str(raw["id"]), split=raw["split"], report=" ".join(str(raw["uraian"]).split()),
        subject=raw.get("subjek"), asn=raw.get("asn"), election=raw["pemilihan"],
        provisions=lists["ketentuan"], sanctions=lists["sanksi"], gaps=lists["celah"],
        notes=str(raw.get("catatan") or ""), source=path.name,
    )  # fmt: skip


def load_cases(path: str | Path | None = None) -> list[KajianCase]:
    """Every case of a file or of a folder's *.yaml files, in file order."""
    path = Path(path) if path else KAJIAN_DIR
    files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    cases: list[KajianCase] = []
    for file in files:
        try:
            data = yaml.safe_load(file.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise GoldenError(f"{file.name}: tidak dapat dibaca: {exc}") from None
        raw = data.get("cases") if isinstance(data, dict) else None
        if not isinstance(raw, list):
            raise GoldenError(f"{file.name}: harus berupa mapping dengan daftar 'cases'")
        cases += [_case(c, file, i) for i, c in enumerate(raw)]
    seen: set[str] = set()
    for case in cases:
        if case.id in seen:
            raise GoldenError(f"{case.source}: id kasus ganda {case.id!r}")
        seen.add(case.id)
    if not cases:
        raise GoldenError(f"{path}: tidak ada kasus kajian")
    return cases
