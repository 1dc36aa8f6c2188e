"""What part of a document a source file holds, as recorded in the manifest.

A partial copy (the retyped UU 7/2017 holds Pasal 1-214 of 573 and no Penjelasan) must say so
wherever the document is used: ``corpus status`` shows the range, and an answer or a lookup that
needs a Pasal outside it names the gap instead of quoting another law. A source without a
``coverage`` entry holds the whole document.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

ADD_OFFICIAL = "tambahkan PDF resmi lewat Tambah Dokumen"


@dataclass(frozen=True)
class Coverage:
    """The Pasal range a source holds (inclusive), out of how many, and whether its Penjelasan is there."""

    pasal_first: int
    pasal_last: int
    pasal_total: int
    penjelasan: bool = True

    @property
    def complete(self) -> bool:
        return self.pasal_first == 1 and self.pasal_last == self.pasal_total and self.penjelasan

    def holds(self, pasal: str) -> bool:
        """Whether the source holds Pasal ``pasal`` ("280", "92A": an inserted Pasal goes with its number)."""
        match = re.match(r"(\d+)", pasal)
        return bool(match) and self.pasal_first <= int(match.group(1)) <= self.pasal_last

    def range_text(self) -> str:
        return f"Pasal {self.pasal_first}\u2013{self.pasal_last}"

    def describe(self) -> str:
        """"sebagian: Pasal 1–214 dari 573, tanpa Penjelasan" (or "lengkap")."""
        if self.complete:
            return "lengkap"
        text = f"sebagian: {self.range_text()} dari {self.pasal_total}"
        return text if self.penjelasan else f"{text}, tanpa Penjelasan"

    def gap_text(self) -> str:
        """What is not held, for a table of contents: "Pasal 215–573 dan Penjelasan"."""
        gaps = []
        if self.pasal_first > 1:
            gaps.append(f"Pasal 1\u2013{self.pasal_first - 1}")
        if self.pasal_last < self.pasal_total:
            gaps.append(f"Pasal {self.pasal_last + 1}\u2013{self.pasal_total}")
        if not self.penjelasan:
            gaps.append("Penjelasan")
        return ", ".join(gaps[:-1]) + (" dan " if len(gaps) > 1 else "") + gaps[-1] if gaps else ""

    def missing_note(self, pasal: str, short_name: str, penjelasan: bool = False) -> str:
        """Why a provision cannot be quoted: the Pasal lies outside the part held."""
        what = f"Penjelasan Pasal {pasal}" if penjelasan else f"Pasal {pasal}"
        without = " (tanpa Penjelasan)" if penjelasan and not self.penjelasan else ""
        return (
            f"{what} {short_name} belum ada di korpus: berkas yang tersedia hanya memuat "
            f"{self.range_text()}{without}; {ADD_OFFICIAL}"
        )

    def partial_note(self, law: str, subject: str) -> str:
        """Why an answer about ``subject`` ("Pemilu") from the corpus may be incomplete."""
        return (
            f"Aturan {subject} di korpus tidak lengkap: {law} hanya memuat {self.range_text()} dari "
            f"{self.pasal_total} pasal (tidak ada {self.gap_text()}); ketentuan yang menjawab pertanyaan "
            f"ini bisa ada di bagian itu. Periksa teks resminya, atau {ADD_OFFICIAL}."
        )

    def lacks(self, pasal: str, penjelasan: bool = False) -> bool:
        """Whether Pasal ``pasal`` (or its Penjelasan) is outside what the source holds."""
        return not self.holds(pasal) or (penjelasan and not self.penjelasan)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict | None) -> Coverage | None:
        return cls(**data) if data else None


def combined(parts: list[Coverage | None]) -> Coverage | None:
    """The coverage of the files ingest reads together (None: the whole document).

    Parts published separately cover the whole document together unless one of them says
    otherwise; then the union of their stated ranges is what is held.
    """
    stated = [c for c in parts if c is not None]
    if not stated:
        return None
    if len(stated) == 1 and len(parts) == 1:
        return stated[0]
    return Coverage(
        min(c.pasal_first for c in stated),
        max(c.pasal_last for c in stated),
        max(c.pasal_total for c in stated),
        any(c.penjelasan for c in stated),
    )
