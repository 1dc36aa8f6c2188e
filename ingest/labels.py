"""Citation labels, built from a provision's path inside its document (ids: :mod:`corpus.ids`).

A *path* is a tuple of ``(kind, number)`` steps from the document root down to the
provision, e.g. ``(("pasal", "87"), ("ayat", "4"), ("huruf", "c"))``. Two roots change
the meaning of what follows: ``("penjelasan", "")`` (the Penjelasan of the steps after
it) and ``("penetapan", "")`` (the two-Pasal body of a law that enacts a Perppu whose
Lampiran carries the real Pasal numbering, e.g. UU 1/2015).

Labels: "Pasal 87 ayat (4) huruf c UU 5/2014", "Penjelasan Pasal 2 huruf f UU 5/2014",
"Menimbang huruf a UU 5/2014"; the full label names the document by ``meta.citation``.

An amended law is named with its citation formula, one per document, built from its chain of
amending laws (manifest ``amends``): "UU 7/2017 sebagaimana telah diubah dengan UU 7/2023" for one
amendment, "UU 1/2015 sebagaimana telah beberapa kali diubah terakhir dengan UU 6/2020" for several.
Every label of the document carries it, changed or not: the formula names the law, not the article
(which law changed an article is said on the unit, ``Unit.status_note``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from corpus.manifest import Manifest

Path = Sequence[tuple[str, str]]

PENETAPAN_NOTE = "(batang tubuh penetapan)"


def _step_label(kind: str, number: str) -> str:
    if kind == "pasal":
        return f"Pasal {number}"
    if kind == "ayat":
        return f"ayat ({number})"
    if kind in ("huruf", "angka"):
        return f"{kind} {number}"
    if kind == "menimbang":
        return "Menimbang"
    if kind == "mengingat":
        return "Mengingat"
    if kind == "penjelasan-umum":
        return "Penjelasan Umum"
    return f"{kind} {number}".strip()


def path_label(path: Path) -> str:
    """The provision part of a label: "Pasal 87 ayat (4) huruf c", "Penjelasan Pasal 2 huruf f"."""
    words: list[str] = []
    for kind, number in path:
        if kind == "penetapan":
            continue  # named by the note after the document name instead
        if kind == "penjelasan":
            words.append("Penjelasan")
            continue
        words.append(_step_label(kind, number))
    return " ".join(words)


def _with_document(path: Path, document_name: str) -> str:
    text = f"{path_label(path)} {document_name}".strip()
    if any(kind == "penetapan" for kind, _ in path):
        text = f"{text} {PENETAPAN_NOTE}"
    return text


def full_label(path: Path, citation: str) -> str:
    """"Pasal 87 ayat (4) huruf c Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara"."""
    return _with_document(path, citation)


def short_label(path: Path, short_name: str) -> str:
    """"Pasal 87 ayat (4) huruf c UU 5/2014"."""
    return _with_document(path, short_name)


AMENDED_ONCE = "sebagaimana telah diubah dengan"
AMENDED_SEVERAL = "sebagaimana telah beberapa kali diubah terakhir dengan"

# The formula as Rujukan writes it and as people write it ("... diubah terakhir dengan",
# "... diubah beberapa kali terakhir dengan", "... telah beberapa kali diubah, terakhir dengan"):
# read, never written.
FORMULA = re.compile(
    r"\s*,?\s*sebagaimana\s+telah\s+(?:beberapa\s+kali\s+)?diubah(?:\s+beberapa\s+kali)?\s*,?"
    r"(?:\s+(?:yang\s+)?terakhir)?\s+(?:kali\s+)?dengan\s+",
    re.IGNORECASE,
)


def formula(amended_by: Sequence[str]) -> str:
    """The suffix naming an amended law, from the names of its amending laws, oldest first:
    " sebagaimana telah diubah dengan UU 7/2023", " sebagaimana telah beberapa kali diubah terakhir
    dengan UU 6/2020"; "" for a law never amended."""
    if not amended_by:
        return ""
    words = AMENDED_ONCE if len(amended_by) == 1 else AMENDED_SEVERAL
    return f" {words} {amended_by[-1]}"


def law_name(doc_id: str, manifest: Manifest, full: bool = False) -> str:
    """The document as its labels name it, in a sentence about the law or a provision outside its
    units: "UU 1/2015 sebagaimana telah beberapa kali diubah terakhir dengan UU 6/2020" (``full``:
    by citations), "UU 5/2014" for a law never amended."""
    meta, chain = manifest.get(doc_id), manifest.amendments(doc_id)
    if full:
        return meta.citation + formula([law.citation for law in chain])
    return (meta.short_name or doc_id) + formula([law.short_name for law in chain])


def without_formula(label: str) -> str:
    """``label`` with the citation formula cut ("Pasal 71 UU 1/2015"), a trailing note kept."""
    m = FORMULA.search(label)
    if m is None:
        return label
    note = f" {PENETAPAN_NOTE}" if label.endswith(f" {PENETAPAN_NOTE}") else ""
    return label[: m.start()] + note


def with_formula(label: str, document_name: str, suffix: str) -> str:
    """``label`` with the document named as ``document_name`` + ``suffix``: the suffix follows the
    last mention of the document (before a trailing note), and a formula already there is replaced."""
    at = label.rfind(document_name)
    if at < 0:
        return label
    head, tail = label[: at + len(document_name)], label[at + len(document_name) :]
    note = f" {PENETAPAN_NOTE}" if tail.endswith(f" {PENETAPAN_NOTE}") else ""
    if FORMULA.match(tail) or not tail.strip() or tail == note:
        tail = note  # an older formula (or none) gives way to the document's formula
    return f"{head}{suffix}{tail}"
