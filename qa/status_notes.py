"""What a reader is told about a provision's status, read from the unit's own data.

Two kinds of things, kept apart so that a warning keeps its weight:

- **marks**, neutral: how the provision came to read as it does (``disisipkan``, ``diubah``) or
  that it is gone (``dihapus``, ``dicabut``). Shown as badges.
- **attention notes**, warnings: the provision is revoked, its text (or the text in force) is not
  in the corpus, its text came from OCR with doubtful words, or it may have lost words in the
  source. Nothing else is a warning: an amended provision in force is read as it is.

Baca, Tanya, Cari, Telusuri and the answers' warnings all build on these functions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from corpus.ids import UnitId
from corpus.manifest import Manifest
from ingest.amend import changed_without_text_note
from ingest.model import Unit

# The marks, in the order a provision acquires them.
DISISIPKAN, DIUBAH, DIHAPUS, DICABUT = "disisipkan", "diubah", "dihapus", "dicabut"
MARKS = (DISISIPKAN, DIUBAH, DIHAPUS, DICABUT)
# What needs attention besides revocation.
TEKS_TIDAK_ADA, TEKS_OCR, KEMUNGKINAN_CELAH = "teks tidak ada", "teks OCR", "kemungkinan celah"


def marks(unit: Unit) -> tuple[str, ...]:
    """("disisipkan",), ("diubah",), ("disisipkan", "diubah"), ("dihapus",), ("dicabut",) or ()."""
    changes = [v.change for v in unit.history]
    if unit.status == "dicabut":
        return (DIHAPUS,) if changes and changes[-1] == "dihapus" else (DICABUT,)
    out: list[str] = []
    if changes and changes[0] == "disisipkan":
        out.append(DISISIPKAN)
    # A later version ("diubah", or "tetap" for an ayat kept as it was when its Pasal was re-enacted);
    # an amended Pasal whose original the corpus lacks (UU 7/2017 beyond the part held) starts at
    # "diubah"; a stale amending instruction a later law replaced has status "diubah".
    if len(changes) > 1 or changes[:1] in (["diubah"], ["tetap"]) or unit.status == "diubah":
        out.append(DIUBAH)
    return tuple(out)


def original_missing(unit: Unit) -> bool:
    """Known only from an amending law: the corpus lacks the original text (a partial copy)."""
    return bool(unit.history) and unit.history[0].change not in ("asli", "disisipkan")


def inserted_whole(unit: Unit) -> bool:
    """Inserted by an amending law and not changed since: its text is the amending law's own, whole,
    even where the corpus holds only part of the law it was inserted into."""
    return [v.change for v in unit.history] == [DISISIPKAN]


def is_deleted(unit: Unit) -> bool:
    """Deleted article by article by an amending law ("dihapus"), not revoked with its whole law."""
    return unit.status == "dicabut" and bool(unit.history) and unit.history[-1].change == "dihapus"


def counterparts(unit: Unit, units: Mapping[str, Unit]) -> list[Unit]:
    """The revoked provision's counterparts in the law that revoked it (manifest ``[[successor]]``
    entries and near-identical texts, as ingest linked them)."""
    return [units[s] for s in unit.successors if s in units] if unit.status == "dicabut" else []


def revocation_note(unit: Unit, units: Mapping[str, Unit], subject: str = "Ketentuan ini") -> str | None:
    """"Ketentuan ini dicabut oleh Pasal 76 UU 20/2023 dan tidak berlaku lagi. Padanannya yang berlaku:
    Pasal 52 ayat (3) huruf j UU 20/2023." Without a counterpart it names the revoking provision
    only: the revoking provision is never the rule in force."""
    if unit.status != "dicabut":
        return None
    note = f"{subject} {unit.status_note or 'telah dicabut'} dan tidak berlaku lagi."
    after = counterparts(unit, units)
    if after:
        note += f" Padanannya yang berlaku: {', '.join(u.short_label for u in after)}."
    return note


def counterpart_note(unit: Unit, units: Mapping[str, Unit]) -> str | None:
    """"Padanan Pasal 87 ayat (4) huruf c UU 5/2014 yang berlaku: Pasal 52 ayat (3) huruf j UU 20/2023."."""
    after = counterparts(unit, units)
    if not after:
        return None
    return f"Padanan {unit.short_label} yang berlaku: {', '.join(u.short_label for u in after)}."


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


@dataclass(frozen=True)
class Attention:
    """One thing about a provision the reader must act on; ``kind`` names its badge."""

    kind: str  # "dicabut", "dihapus", "teks tidak ada", "teks OCR", "kemungkinan celah"
    text: str  # the sentence shown in the warning


def attention(unit: Unit, units: Mapping[str, Unit], subject: str = "Ketentuan ini") -> list[Attention]:
    """What needs attention about ``unit``, most serious first; [] for a provision in force as read."""
    out: list[Attention] = []
    revoked = revocation_note(unit, units, subject)
    if revoked:
        out.append(Attention(DIHAPUS if is_deleted(unit) else DICABUT, revoked))
    if unit.coverage_note and not inserted_whole(unit):
        out.append(Attention(TEKS_TIDAK_ADA, _sentence(unit.coverage_note)))
    if unit.ocr_note:
        out.append(Attention(TEKS_OCR, _sentence(unit.ocr_note)))
    if unit.divergence_note:
        out.append(Attention(KEMUNGKINAN_CELAH, _sentence(unit.divergence_note)))
    return out


_DIGITS = re.compile(r"\d+")


def changes_without_text(doc_id: str, manifest: Manifest) -> list[tuple[str, str, str]]:
    """Pasal of ``doc_id`` an amending law changed or inserted where the corpus lacks the amending
    text (manifest ``changes_without_text``), in Pasal order: [("120", "diubah", "Pasal 120 UU 1/2015
    sebagaimana telah beberapa kali diubah terakhir dengan UU 6/2020 diubah oleh UU 6/2020; ..."),
    ("122A", "disisipkan", "...")]."""
    if doc_id not in manifest:
        return []
    out = []
    for law in manifest.documents:
        if doc_id in law.amends:
            out += [(number, change, changed_without_text_note(number, change, manifest.get(doc_id), law,
                                                               manifest.amendments(doc_id)))
                    for number, change in law.changes_without_text]  # fmt: skip
    return sorted(out, key=lambda row: pasal_key(row[0]))


def inserted_without_text(doc_id: str, number: str, manifest: Manifest) -> str | None:
    """The note on Pasal ``number`` of ``doc_id`` when an amending law inserted it and the corpus lacks
    its text ("Pasal 122A UU 1/2015 sebagaimana telah ... disisipkan oleh UU 6/2020; teksnya tidak ada
    di korpus ..."), else None."""
    return next((note for pasal, change, note in changes_without_text(doc_id, manifest)
                 if pasal == number and change == DISISIPKAN), None)  # fmt: skip


def changed_without_text(unit: Unit, manifest: Manifest) -> str | None:
    """How an amendment whose text the corpus lacks changed the Pasal holding ``unit`` ("diubah"), or
    None: Pasal 120 UU 1/2015 and everything in it, changed by UU 6/2020."""
    uid = UnitId.parse(unit.id)
    pasal = uid.pasal
    if pasal.kind != "pasal" or uid.in_penetapan or uid.is_penjelasan:
        return None
    return next((change for number, change, _ in changes_without_text(unit.doc_id, manifest)
                 if number == pasal.number and change != DISISIPKAN), None)  # fmt: skip


def pasal_key(number: str) -> tuple[int, str]:
    """"122A" -> (122, "A"): how inserted Pasal sort among the others."""
    match = _DIGITS.match(number)
    return (int(match.group(0)), number[match.end() :]) if match else (0, number)
