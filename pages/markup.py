"""Text and HTML the pages show, built from units and queries; pure functions, no Streamlit.

Every string a person reads is Indonesian; user and corpus text is HTML-escaped before it
reaches a ``unsafe_allow_html`` element.
"""

from __future__ import annotations

import html
import re
from difflib import SequenceMatcher
from urllib.parse import quote

from corpus import ids
from ingest.model import Unit
from qa import status_notes
from qa.materi import BULAN
from qa.tokenization import stem, stopwords

STATUS_BADGE = {
    "berlaku": ":green-badge[berlaku]",
    "diubah": ":gray-badge[telah diubah]",  # a stale amending instruction: a later law replaced it
    "dicabut": ":red-badge[dicabut]",
}
# How a provision came to read as it does: neutral. Gone or doubtful: red and orange.
MARK_BADGE = {
    status_notes.DISISIPKAN: ":blue-badge[disisipkan]",
    status_notes.DIUBAH: ":blue-badge[diubah]",
    status_notes.DIHAPUS: ":red-badge[dihapus]",
    status_notes.DICABUT: ":red-badge[dicabut]",
}
ATTENTION_BADGE = {
    status_notes.TEKS_TIDAK_ADA: ":orange-badge[teks belum lengkap]",
    status_notes.TEKS_OCR: ":orange-badge[teks OCR]",
    status_notes.KEMUNGKINAN_CELAH: ":orange-badge[kemungkinan ada kata hilang]",
}
# Marks in the table of contents, where a button cannot hold a badge: an icon and the word.
MARK_ICON = {
    status_notes.DISISIPKAN: ":material/add_circle:",
    status_notes.DIUBAH: ":material/edit_note:",
    status_notes.DIHAPUS: ":material/block:",
    status_notes.DICABUT: ":material/block:",
}

KIND_NAMES = {
    "pasal": "Pasal", "ayat": "ayat", "huruf": "huruf", "angka": "angka", "penjelasan": "Penjelasan",
    "penjelasan-umum": "Penjelasan Umum", "menimbang": "Menimbang", "mengingat": "Mengingat",
    "diktum": "Diktum", "lampiran": "Lampiran", "butir": "butir", "baris": "baris", "kepala": "Kepala surat",
    "bab": "Bab", "tabel": "Tabel",
}  # fmt: skip

_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_TRAILING_MARKER = re.compile(r"(?:\(\s*\d+\s*\)|\b[a-z]\.|\b\d+\.)\s*$")


def status_badge(status: str) -> str:
    """The badge of a bare status (a citation without its unit)."""
    return STATUS_BADGE.get(status, f":gray-badge[{status}]")


def status_badges(unit: Unit, changed_without_text: str | None = None) -> str:
    """The badges of a provision, the same in Baca, Tanya and Cari: "berlaku" (or what ended it), how
    it came to read as it does, and what needs attention. E.g.
    ":green-badge[berlaku] :blue-badge[disisipkan]", ":red-badge[dihapus]"; ``changed_without_text``
    as in :func:`toc_words`."""
    marks = status_notes.marks(unit)
    if changed_without_text and changed_without_text not in marks and changed_without_text in MARK_BADGE:
        marks = (*marks, changed_without_text)
    gone = unit.status == "dicabut"
    badges = [] if gone or unit.status == "diubah" else [STATUS_BADGE["berlaku"]]
    if unit.status == "diubah":
        badges.append(STATUS_BADGE["diubah"])
    else:
        badges += [MARK_BADGE[m] for m in marks]
    for item in status_notes.attention(unit, {}):
        if item.kind == status_notes.TEKS_TIDAK_ADA and (changed_without_text or status_notes.original_missing(unit)):
            badges.append(f":orange-badge[{TEKS_PERUBAHAN_TIDAK_ADA if changed_without_text else TEKS_ASLI_TIDAK_ADA}]")
        elif item.kind in ATTENTION_BADGE:
            badges.append(ATTENTION_BADGE[item.kind])
    return " ".join(badges)


def status_line(unit: Unit, head: str = "", changed_without_text: str | None = None) -> str:
    """``head``, the badges, then the neutral note: "**Pasal 71 UU 1/2015 …** :green-badge[berlaku]
    :blue-badge[diubah] · diubah terakhir oleh Pasal I angka 27 UU 10/2016"."""
    note = unit.status_note  # an amended provision's says which law last changed it
    notes = [note] if note else []
    if unit.coverage_note and status_notes.inserted_whole(unit):  # a fact, not a warning
        notes.append(unit.coverage_note)
    badges = status_badges(unit, changed_without_text)
    return " ".join(p for p in (head, badges) if p) + "".join(f" · {n}" for n in notes)


def toc_words(unit: Unit, changed_without_text: str | None = None) -> list[str]:
    """What a table of contents says of a Pasal: ["disisipkan"], ["diubah"], ["dihapus"], ["diubah",
    "teks asli tidak ada di korpus"]; ``changed_without_text`` is how an amendment whose text the
    corpus lacks changed it: ["diubah", "teks perubahan tidak ada di korpus"]."""
    words = list(status_notes.marks(unit))
    if changed_without_text:
        words += [changed_without_text] if changed_without_text not in words else []
        words.append(TEKS_PERUBAHAN_TIDAK_ADA)
    elif status_notes.original_missing(unit):  # its text in force is whole; the original is not held
        words.append(TEKS_ASLI_TIDAK_ADA)
    elif unit.coverage_note and status_notes.DISISIPKAN not in words:  # an inserted Pasal's text is whole
        words.append(TEKS_BELUM_LENGKAP)
    return words


TEKS_PERUBAHAN_TIDAK_ADA = "teks perubahan tidak ada di korpus"
TEKS_ASLI_TIDAK_ADA = "teks asli tidak ada di korpus"
TEKS_BELUM_LENGKAP = "teks belum lengkap"


def toc_mark(unit: Unit, changed_without_text: str | None = None) -> tuple[str, str | None]:
    """A table-of-contents entry: ("Pasal 22A (disisipkan)", icon), ("Pasal 4 (dihapus)", icon),
    ("Pasal 120 (diubah, teks perubahan tidak ada di korpus)", icon), ("Pasal 2", None)."""
    words = toc_words(unit, changed_without_text)
    label = marker(unit) + (f" ({', '.join(words)})" if words else "")
    if any(w in (TEKS_PERUBAHAN_TIDAK_ADA, TEKS_ASLI_TIDAK_ADA, TEKS_BELUM_LENGKAP) for w in words):
        return label, ":material/warning:"
    return label, MARK_ICON[words[-1]] if words else None


def query_stems(query: str) -> set[str]:
    """Stems of the query's content words, with the analyzer the BM25 index uses."""
    words = re.findall(r"[a-z]+(?:-[a-z]+)*", query.lower())
    return {stem(w) for w in words if len(w) > 2 and w not in stopwords()}


def highlight(text: str, query: str) -> str:
    """HTML-escaped ``text`` with the words matching the query (by stem) in ``<mark>``."""
    stems = query_stems(query)
    out: list[str] = []
    last = 0
    for match in _WORD.finditer(text):
        word = match.group(0)
        if len(word) > 2 and (stem(word.lower()) in stems or word.lower() in stems):
            out.append(html.escape(text[last : match.start()]))
            out.append(f"<mark>{html.escape(word)}</mark>")
            last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def snippet(text: str, query: str, width: int = 320) -> str:
    """A window of ``text`` around the first matched word, highlighted, with ellipses."""
    text = " ".join(text.split())
    if len(text) <= width:
        return highlight(text, query)
    stems = query_stems(query)
    start = 0
    for match in _WORD.finditer(text):
        if stem(match.group(0).lower()) in stems:
            start = max(0, match.start() - width // 3)
            break
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + width // 2 else end
    body = highlight(text[start:end], query)
    return ("… " if start else "") + body + (" …" if end < len(text) else "")


def shorten(text: str, width: int) -> str:
    """The end of a long lead-in ("… dengan cara:"), which is what connects it to the point."""
    text = " ".join(text.split())
    return text if len(text) <= width else "… " + text[-width:].split(" ", 1)[-1]


def shorten_head(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width].rsplit(" ", 1)[0] + " …"


def quote_html(text: str) -> str:
    """A quoted provision: escaped, its line breaks kept."""
    return f'<div class="kutipan">{html.escape(text).replace(chr(10), "<br>")}</div>'


def enclosing_pasal(unit: Unit, units: dict[str, Unit]) -> Unit:
    """The Pasal holding ``unit`` (itself if it is one; the top provision otherwise)."""
    return units.get(ids.pasal_of(unit.id), unit)


def breadcrumb(unit: Unit, units: dict[str, Unit], doc_name: str) -> list[str]:
    """["UU 5/2014", "BAB IX ...", "Bagian Kesatu ...", "Pasal 87", "ayat (4)", "huruf c"]."""
    if unit.kind in ("penjelasan", "penjelasan-umum"):
        # "Penjelasan Pasal 5 huruf n PP 94/2021" -> ["PP 94/2021", "Penjelasan", "Pasal 5 huruf n"]
        own = unit.short_label.removesuffix(doc_name).strip()
        rest = own.removeprefix("Penjelasan").strip()
        return [doc_name, "Penjelasan", *([rest] if rest else [])] if unit.kind == "penjelasan" else [doc_name, own]
    pasal = enclosing_pasal(unit, units)
    parts = [doc_name, *pasal.hierarchy]
    chain: list[Unit] = []
    current: Unit | None = unit
    while current is not None:
        chain.append(current)
        if current.id == pasal.id:
            break
        current = units.get(current.parent_id or "")
    for node in reversed(chain):
        parts.append(marker(node))
    return parts


def marker(unit: Unit) -> str:
    """How a unit is named inside its parent: "Pasal 87", "ayat (4)", "huruf c", "angka 2"."""
    if unit.kind == "ayat":
        return f"ayat ({unit.number})"
    if unit.kind in ("penjelasan-umum",):
        return "Penjelasan Umum"
    name = KIND_NAMES.get(unit.kind, unit.kind)
    return f"{name} {unit.number}".strip()


def group_name(unit: Unit) -> str:
    """The table-of-contents group of a top unit outside any BAB."""
    return {"menimbang": "Menimbang", "mengingat": "Mengingat", "penjelasan-umum": "Penjelasan Umum"}.get(
        unit.kind, "Ketentuan"
    )


def child_marker(unit: Unit) -> str:
    """The marker printed before a child in the Pasal: "(2)", "c.", "3."."""
    if unit.kind == "ayat":
        return f"({unit.number})"
    if unit.kind in ("huruf", "angka"):
        return f"{unit.number}."
    return ""


def pasal_html(pasal: Unit, focus: Unit | None, by_id: dict[str, Unit], children: dict[str, list[str]]) -> str:
    """The whole Pasal as HTML, one ayat/huruf/angka per line, the focused one highlighted."""
    focus_id = focus.id if focus is not None and focus.id != pasal.id else None
    lines: list[str] = []

    def render(unit: Unit, depth: int) -> None:
        kids = [by_id[k] for k in children.get(unit.id, []) if k in by_id and by_id[k].kind != "penjelasan"]
        cut = unit.text.find(kids[0].text) if kids and kids[0].text else -1
        if kids and cut < 0:
            kids = []  # the parent's text does not hold its children verbatim: show it whole
        lead = _TRAILING_MARKER.sub("", unit.text[:cut]).strip() if kids else unit.text.strip()
        if unit.id == focus_id:
            lines.append('<div class="fokus">')
        mark = child_marker(unit) if depth else ""
        if lead or mark:
            body = html.escape(lead).replace("\n", "<br>")
            lines.append(
                f'<div class="baris" style="margin-left:{max(depth - 1, 0) * 1.6}em">'
                + (f'<span class="mk">{html.escape(mark)}</span>' if mark else "")
                + f"<span>{body}</span></div>"
            )
        for kid in kids:
            render(kid, depth + 1)
        if unit.id == focus_id:
            lines.append("</div>")

    render(pasal, 0)
    return '<div class="pasal">' + "".join(lines) + "</div>"


def history_rows(unit: Unit) -> list[dict[str, str]]:
    """One row per version, oldest first; the last one is in force."""
    rows = []
    for i, version in enumerate(unit.history):
        rows.append(
            {
                "versi": f"{i + 1}" + (" (berlaku)" if i == len(unit.history) - 1 and unit.status != "dicabut" else ""),
                "perubahan": version.change,
                "sumber": version.source_label,
                "sumber_id": version.source_id,
                "tanggal": version.dated,  # "disahkan 1 Juli 2016"
                "teks": version.text,
            }
        )
    return rows


def word_diff(old: str, new: str) -> str:
    """``new`` as HTML, words added since ``old`` in ``<ins>``, words removed in ``<del>``."""
    a, b = old.split(), new.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(html.escape(" ".join(b[j1:j2])))
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{html.escape(' '.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{html.escape(' '.join(b[j1:j2]))}</ins>")
    return " ".join(out)


def unit_href(unit_id: str) -> str:
    """A link that opens the app on this unit (the page's own URL with ``?unit=``)."""
    return f"?unit={quote(unit_id, safe='/')}"


def when(iso: str) -> str:
    """"2026-11-23T14:56:53Z" -> "23 November 2026 14.56 UTC"."""
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})", iso or "")
    if not match:
        return iso or "-"
    year, month, day, hour, minute = match.groups()
    return f"{int(day)} {BULAN[int(month) - 1]} {year} {hour}.{minute} UTC"


def elapsed_text(ms: float) -> str:
    return f"{ms / 1000:.2f} detik" if ms >= 100 else f"{ms:.0f} ms"


def file_name(title: str, default: str = "materi") -> str:
    """A download name from a title: "Materi Netralitas ASN" -> "materi-netralitas-asn"."""
    return re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-").lower() or default
