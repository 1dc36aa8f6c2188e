"""Citation labels, built from a provision's path inside its document (ids: :mod:`corpus.ids`).

A *path* is a tuple of ``(kind, number)`` steps from the document root down to the
provision, e.g. ``(("pasal", "87"), ("ayat", "4"), ("huruf", "c"))``. Two roots change
the meaning of what follows: ``("penjelasan", "")`` (the Penjelasan of the steps after
it) and ``("penetapan", "")`` (the two-Pasal body of a law that enacts a Perppu whose
Lampiran carries the real Pasal numbering, e.g. UU 1/2015).

Labels: "Pasal 87 ayat (4) huruf c UU 5/2014", "Penjelasan Pasal 2 huruf f UU 5/2014",
"Menimbang huruf a UU 5/2014"; the full label names the document by ``meta.citation``.
"""

from __future__ import annotations

from collections.abc import Sequence

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
