"""Saved materi sets: a trainer's collection kept in the data folder, listed, reopened, shared.

Layout, under ``<data folder>/user/materi/``::

    <name>.json   one set: its title, when it was saved and its items (provisions, answers)
    CURRENT       the name of the set worked on last, which a new session reopens

A set is written whole to a temporary file and renamed over the old one, so an interrupted
save leaves the previous version. The same JSON is the export format: a file exported from
one installation is imported into another (under a free name, never over an existing set).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass, fields
from datetime import datetime, timezone
from pathlib import Path

from qa.materi import JAWABAN, KETENTUAN, Kutipan, MateriItem

FORMAT = "rujukan-materi"
VERSION = 1
CURRENT = "CURRENT"
DEFAULT_TITLE = "Materi Netralitas ASN"
MAX_IMPORT_BYTES = 20 * 1024 * 1024


class MateriSetError(ValueError):
    """A set could not be read, saved or imported; the message is Indonesian, for the user."""


@dataclass(frozen=True)
class SavedSet:
    """A set as listed: its file name, title, number of items and save time (ISO, UTC)."""

    name: str
    judul: str
    count: int
    saved: str


def name_of(judul: str) -> str:
    """The file name of a set: "Materi Netralitas ASN" -> "materi-netralitas-asn"."""
    return re.sub(r"[^a-z0-9]+", "-", judul.lower()).strip("-")[:80] or "materi"


def to_json(judul: str, items: list[MateriItem], saved: str | None = None) -> str:
    saved = saved or datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    body = {"format": FORMAT, "versi": VERSION, "judul": judul, "disimpan": saved,
            "butir": [asdict(item) for item in items]}  # fmt: skip
    return json.dumps(body, ensure_ascii=False, indent=1)


def from_json(text: str | bytes) -> tuple[str, list[MateriItem], str]:
    """Title, items and save time of a set file; :class:`MateriSetError` when it is not one."""
    try:
        body = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise MateriSetError("Berkas ini bukan set materi Rujukan (bukan JSON yang sah).") from None
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise MateriSetError("Berkas ini bukan set materi Rujukan.")
    if body.get("versi") != VERSION:
        raise MateriSetError(f"Versi set materi {body.get('versi')!r} tidak dikenal; yang dikenal: {VERSION}.")
    judul = body.get("judul")
    butir = body.get("butir")
    if not isinstance(judul, str) or not judul.strip() or not isinstance(butir, list):
        raise MateriSetError("Set materi ini tidak lengkap: judul atau daftar butirnya tidak ada.")
    items = [_item(i, raw) for i, raw in enumerate(butir, start=1)]
    return " ".join(judul.split()), items, str(body.get("disimpan") or "")


_KUTIPAN_FIELDS = {f.name for f in fields(Kutipan)}


def _item(number: int, raw) -> MateriItem:
    try:
        if raw["kind"] not in (KETENTUAN, JAWABAN) or not isinstance(raw["judul"], str):
            raise TypeError
        kutipan = []
        for quoted in raw.get("kutipan") or []:
            kept = {k: v for k, v in quoted.items() if k in _KUTIPAN_FIELDS}
            kutipan.append(Kutipan(**kept))
            if not all(isinstance(kept[k], str) for k in ("unit_id", "label", "short_label", "text")):
                raise TypeError
            lines = kutipan[-1].butir + kutipan[-1].penjelasan
            if not all(isinstance(b.level, int) and isinstance(b.text, str) for b in lines):
                raise TypeError
        isi = raw.get("isi") or ""
        if not isinstance(isi, str):
            raise TypeError
        return MateriItem(kind=raw["kind"], judul=raw["judul"], kutipan=kutipan, isi=isi)
    except (KeyError, TypeError, AttributeError):
        raise MateriSetError(f"Butir ke-{number} set materi ini rusak atau tidak lengkap.") from None


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def save(where: Path, judul: str, items: list[MateriItem], previous: str | None = None) -> str:
    """Write the set titled ``judul`` and make it the current one; returns its name.

    ``previous`` is the name the set had before (a renamed set moves, leaving no copy). A
    title that names another saved set is refused rather than written over it.
    """
    judul = " ".join(judul.split())
    if not judul:
        raise MateriSetError("Judul materi tidak boleh kosong.")
    name = name_of(judul)
    if name != previous and (where / f"{name}.json").exists():
        raise MateriSetError(f"Sudah ada set materi berjudul “{judul}”. Pakai judul lain atau buka set itu.")
    _write(where / f"{name}.json", to_json(judul, items))
    if previous and previous != name:
        (where / f"{previous}.json").unlink(missing_ok=True)
    _write(where / CURRENT, name)
    return name


def load(where: Path, name: str) -> tuple[str, list[MateriItem]]:
    """Open a saved set (and make it the current one)."""
    path = where / f"{name}.json"
    try:
        judul, items, _ = from_json(path.read_bytes())
    except FileNotFoundError:
        raise MateriSetError(f"Set materi “{name}” tidak ada lagi.") from None
    _write(where / CURRENT, name)
    return judul, items


def current(where: Path) -> str | None:
    """The name of the set worked on last, if it is still there."""
    try:
        name = (where / CURRENT).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return name if name and (where / f"{name}.json").is_file() else None


def listing(where: Path) -> list[SavedSet]:
    """Every readable saved set, the most recently saved first."""
    sets = []
    for path in where.glob("*.json") if where.is_dir() else ():
        try:
            judul, items, saved = from_json(path.read_bytes())
        except (OSError, MateriSetError):
            continue  # a damaged file is not offered; it stays on disk for a person to look at
        sets.append(SavedSet(path.stem, judul, len(items), saved))
    return sorted(sets, key=lambda s: (s.saved, s.name), reverse=True)


def free_title(where: Path, judul: str) -> str:
    """``judul``, or "judul (2)", "judul (3)" … when a set already has that name."""
    judul = " ".join(judul.split()) or DEFAULT_TITLE
    candidate, n = judul, 1
    while (where / f"{name_of(candidate)}.json").exists():
        n += 1
        candidate = f"{judul} ({n})"
    return candidate


def import_set(where: Path, data: bytes) -> tuple[str, str, list[MateriItem]]:
    """Keep an exported set file as a new set (under a free name); returns name, title, items."""
    if len(data) > MAX_IMPORT_BYTES:
        raise MateriSetError("Berkas terlalu besar untuk sebuah set materi.")
    judul, items, _ = from_json(data)
    judul = free_title(where, judul)
    return save(where, judul, items), judul, items


def remove(where: Path, name: str) -> None:
    (where / f"{name}.json").unlink(missing_ok=True)
    if current(where) is None:
        (where / CURRENT).unlink(missing_ok=True)
