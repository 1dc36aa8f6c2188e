"""Parse the cleaned text of a UU, Perppu or PP into citable units.

Three steps, each small:

1. :func:`split_pieces` cuts every source line into *pieces* where a structural marker
   starts in the middle of a line (text copies run "... Negara. Pasal 5 Untuk ..." or a
   whole signature block, Penjelasan heading and Penjelasan Umum on one line). Cutting is
   lossless: a piece that turns out not to start a provision is joined back with a space.
2. :func:`classify` names what a piece starts with (Pasal heading, ayat, huruf, angka,
   BAB/Bagian/Paragraf heading, Menimbang, PENJELASAN, ...).
3. A stack-based builder (:class:`_Builder`) walks the pieces through the sections of a
   regulation (Menimbang, Mengingat, batang tubuh, closing, Penjelasan Umum, Penjelasan
   Pasal demi Pasal) and opens a node for each provision under the right parent.

Text conventions (consistent for every kind):
- ``Unit.text`` holds the provision as published, whole lines joined by single spaces.
- An ayat, huruf or angka unit's text does NOT start with its own marker ("(1)", "c.",
  "2."): the label carries it. A parent's text holds its children WITH their markers,
  so a Pasal reads "(1) PNS ... karena: a. meninggal dunia; b. ...".
- A Penjelasan part's text likewise omits its "Ayat (3)"/"Huruf a" marker.

Documents with two instruments (UU 1/2015 enacts Perppu 1/2014 whose text is its Lampiran)
are parsed as two instruments: the one with the most Pasal (the Lampiran) owns the plain ids
(``uu-1-2015/pasal-70``); the enacting UU's own body, Menimbang and Penjelasan get ids under
``uu-1-2015/penetapan/...`` (``uu-1-2015/penetapan/pasal-1``).

Amending laws (Pasal I with numbered changes, Pasal II) give ``<doc>/pasal-I``,
``<doc>/pasal-I/angka-26`` (the whole change, quoted new Pasal included) and
``<doc>/pasal-II``; their Penjelasan gives ``<doc>/penjelasan/pasal-I/angka-26``.
``ingest.amend`` parses quoted Pasal with :func:`parse_pasal_blocks` and their
Penjelasan with :func:`parse_penjelasan_block` / :func:`split_penjelasan_by_pasal`.

Structure is trusted over text: Pasal numbers only grow (a "Pasal 5 ..." that does not
continue the numbering is a reference that starts a line), and lists continue in sequence.
That also makes room for a few structural repairs of text copies and OCR, each reported
or tested: inline catchwords ("Pasal 17… Pasal 17 (1)"), "__" Markdown artifacts,
"PasaI 47", "Pasal 1 1" read as 11 only when 11 is next, "f . ikut kampanye" (a first
angka read as a letter), "1. keadilan" (huruf l after k), "2l" for "2)", bare "(1)"/"(21"
lines printed before their text, a Mengingat list printed before its label, and a numbered
change whose instruction line is missing (recovered from its Penjelasan "Angka N Pasal X").
Every unit gets a unique id: repeats get a ``_2`` suffix and are reported, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from corpus import kinds
from corpus.coverage import Coverage
from corpus.ids import UnitId
from corpus.manifest import DocumentMeta, load_manifest
from ingest import labels
from ingest.model import Line, ParsedDocument, ParseReport, SourceText, Unit
from ingest.references import resolve_references

Path = tuple[tuple[str, str], ...]  # see ingest.labels

# --------------------------------------------------------------------------- pieces


@dataclass(frozen=True)
class Piece:
    text: str
    page: int | None


# Markers that start a new piece wherever they occur in a line: they never occur inside
# the text of a provision.
_CUT_ANYWHERE = [
    r"PENJELASAN\s+ATAS\s+(?:UNDANG|PERATURAN)",
    r"\bI\.\s*UMUM\b",
    r"\bII\.\s*PASAL\s+DEMI\s+PASAL\b",
    r"Agar\s+setiap\s+orang\s+mengetahuinya",
    r"TAMBAHAN\s+LEMBARAN\s+NEGARA",
    r"LAMPIRAN\s+(?:UNDANG|PERATURAN)",
    r"\bMEMUTUSKAN\b",
    r"\bM\s?E\s?M\s?U\s?T\s?U\s?S\s?K\s?A\s?N\b",
    r"\bMenetapkan\s*:",
    r"\bMenimbang\s*:",
    r"\bMengingat\s*:",
    r"Dengan\s+Persetujuan\s+Bersama",
]
# Markers that start a new piece only after the end of a sentence (".", ";", ":", "…")
# or a heading in capitals, because the same words occur inside provisions as references.
_AFTER_STOP = r"(?:(?<=[.;:…])|(?<=[.;:…][”\"])|(?<=[A-Z]{2}))\s+"
_CUT_AFTER_STOP = [
    r"Pasa[lI]\s*\d+(?:\s?[A-Z])?(?=\s+[A-Z(“\"])",
    r"Pasal\s+[IVX]+(?=\s|$)",
    r"B\s?A\s?B\s+[IVXLC]+\b",
    r"Bagian\s+Ke[a-z]+\b",
    r"Paragraf\s+\d+\b",
    r"\(\d+[a-z]?\)\s",
]
# An inline list item: "...; atau e. tidak cakap ..." or "... Negara. 2. Kode Etik ...".
_CUT_ITEM = re.compile(
    r"(?:[.;:][\"”]?\s+|[;:]\s+(?:dan/atau|dan|atau)\s+)(?P<m>(?:[a-z]\d?|\d{1,3}[a-z]?)\.\s)"
    # A numbered change of an amending law glued to the end of the quoted text before it.
    r"|(?<=\s)(?P<change>\d{1,3}\.\s+(?:Ketentuan|Di\s?antara)\s+(?:Pasal|ayat|huruf|angka|BAB|Bagian|Paragraf)\b)"
)
_BARE_MARKER_RE = re.compile(r"^(?:\d{1,3}[a-z]?\.|[a-z]\d?\.|\(\d+[a-z]?\))$")
_ARTIFACT_RE = re.compile(r"(?:^|\s)__(?=\s|$)")
_CUT_RE = re.compile("|".join(f"(?P<a{i}>{p})" for i, p in enumerate(_CUT_ANYWHERE)))
_CUT_STOP_RE = re.compile(_AFTER_STOP + "(?P<m>" + "|".join(_CUT_AFTER_STOP) + ")")


def _drop_catchwords(text: str, next_line: str = "") -> str:
    """Drop a page-end catchword left inline ("Pasal 17… Pasal 17 (1) ...", "e. akuntabel… e. akuntabel
    dalam ..."): one to three words ending in "…" whose first letters the next words repeat."""
    while True:
        for ell in re.finditer("…", text):
            following = re.sub(r"\s", "", (text[ell.end():] + " " + next_line)[:60])
            words = list(re.finditer(r"\S+", text[: ell.start()]))
            for n in (1, 2, 3):
                if len(words) < n:
                    break
                start = words[-n].start()
                head = re.sub(r"\s", "", text[start: ell.start()])[:5]
                if len(head) >= 3 and following.startswith(head):
                    text = text[:start] + text[ell.end():].lstrip()
                    break
            else:
                continue
            break  # text changed: scan again
        else:
            return text


def split_pieces(lines: Iterable[Line]) -> list[Piece]:
    """Cut lines at structural markers that start mid-line; drop empty pieces."""
    pieces: list[Piece] = []
    lines = list(lines)
    for k, line in enumerate(lines):
        # "__" is an emphasis artifact of the Markdown copies, not published text.
        following = lines[k + 1].text[:60] if k + 1 < len(lines) else ""
        text = _drop_catchwords(_ARTIFACT_RE.sub(" ", line.text), following).strip()
        if not text:
            continue
        cuts = {0}
        cuts.update(m.start() for m in _CUT_RE.finditer(text))
        cuts.update(m.start("m") for m in _CUT_STOP_RE.finditer(text))
        cuts.update(m.start("m") if m.group("m") else m.start("change") for m in _CUT_ITEM.finditer(text))
        bounds = sorted(cuts) + [len(text)]
        carry = ""
        for start, end in zip(bounds, bounds[1:]):
            part = (carry + " " + text[start:end].strip()).strip()
            carry = ""
            if _BARE_MARKER_RE.match(part) and end < len(text):
                carry = part  # "18." before "BAB V dihapus.": the marker belongs to what follows
                continue
            # A heading title in mixed case runs into its first Pasal: "Paragraf 1 Fungsi dan Tugas Pasal 47 BKN ...".
            m = _HEADING_RE.match(part) and _PASAL_IN_HEADING_RE.search(part)
            if m:
                pieces.append(Piece(part[: m.start()].strip(), line.page))
                part = part[m.start():].strip()
            if part:
                pieces.append(Piece(part, line.page))
    return pieces


# --------------------------------------------------------------------------- classify


@dataclass(frozen=True)
class Mark:
    kind: str  # see classify()
    number: str = ""
    rest: str = ""  # the text after the marker
    marker: str = ""  # the marker as printed ("(1)", "a.", "Pasal 5")
    weak: bool = False  # an OCR-damaged marker ("2l" for "2)"): only continues an open list
    alt: str = ""  # another reading of a Pasal number: "Pasal 1 1" may be OCR for "Pasal 11"


_PASAL_IN_HEADING_RE = re.compile(r"(?<=\s)Pasa[lI]\s*\d+[A-Z]?\s+(?=[A-Z(])")
_REF_WORDS = {"ayat", "huruf", "angka", "dan", "atau", "sampai", "jo.", "juncto", "Tahun", "UUD"}
_PASAL_RE = re.compile(r"^Pasa[lI]\s*(?P<num>\d+)(?P<more>\s\d)?\s?(?P<suf>[A-Z])?(?=\s|$)(?P<rest>.*)$", re.S)
_ROMAN_PASAL_RE = re.compile(r"^Pasal\s+(?P<num>[IVX]+)(?=\s+[A-Z]|$)(?P<rest>.*)$", re.S)
_HEADING_RE = re.compile(
    r"^(?P<kind>BUKU|B\s?A\s?B|Bagian|Paragraf)\s+(?P<num>[IVXLC]+|Ke[a-z]+|\d+)\b(?P<rest>.*)$", re.S
)
_AYAT_RE = re.compile(r"^\((?P<num>\d+[a-z]?)\)\s*(?P<rest>.*)$", re.S)
_HURUF_RE = re.compile(r"^(?P<num>[a-z]\d?)\s?\.(?:\s+|$)(?P<rest>.*)$", re.S)
_ANGKA_RE = re.compile(r"^(?P<num>\d{1,3}[a-z]?)\.\s*(?P<rest>.*)$", re.S)
# Sub-items numbered "1)", "2)" (PP 94/2021 Pasal 11 ayat (2) huruf d); OCR reads ")" as "l".
_ANGKA_PAREN_RE = re.compile(r"^(?P<num>\d{1,2})(?P<close>[)l])\s+(?P<rest>.*)$", re.S)
# "Undang-Undang ini", "Peraturan Badan ini": a Pasal heading followed by the closing provision.
_SELF_REFERENCE = re.compile(kinds.self_reference_pattern())
_SECTIONS = [
    ("menimbang", re.compile(r"^Menimbang\b\s*:?\s*(?P<rest>.*)$", re.S)),
    ("mengingat", re.compile(r"^Mengingat\b\s*:?\s*(?P<rest>.*)$", re.S)),
    ("memutuskan", re.compile(r"^(?:MEMUTUSKAN|M\s?E\s?M\s?U\s?T\s?U\s?S\s?K\s?A\s?N)\b\s*:?(?P<rest>.*)$", re.S)),
    ("menetapkan", re.compile(r"^Menetapkan\b\s*(?P<colon>:)?(?P<rest>.*)$", re.S)),
    ("persetujuan", re.compile(r"^Dengan\s+Persetujuan\s+Bersama\b(?P<rest>.*)$", re.S)),
    ("closing", re.compile(r"^Agar\s+setiap\b(?P<rest>.*)$", re.S)),
    ("penjelasan", re.compile(r"^PENJELASAN(?:\s+ATAS\b|$)(?P<rest>.*)$", re.S)),
    ("umum", re.compile(r"^I\.\s*UMUM\b(?P<rest>.*)$", re.S)),
    ("pasal-demi-pasal", re.compile(r"^II\.\s*PASAL\s+DEMI\s+PASAL\b(?P<rest>.*)$", re.S)),
    ("tambahan", re.compile(r"^TAMBAHAN\s+LEMBARAN\s+NEGARA\b(?P<rest>.*)$", re.S)),
    ("lampiran", re.compile(r"^LAMPIRAN\s+(?:UNDANG|PERATURAN)(?P<rest>.*)$", re.S)),
]


def classify(text: str) -> Mark:
    """What a piece starts with. Kinds: the section names above, ``heading``, ``pasal``,
    ``pasal-roman``, ``ayat``, ``huruf``, ``angka`` or ``text``."""
    for kind, rx in _SECTIONS:
        m = rx.match(text)
        if m:
            if kind == "menetapkan" and not m.group("colon"):
                return Mark("label")  # a bare left-column label out of reading order (OCR)
            return Mark(kind, rest=m.group("rest").strip())
    m = _ROMAN_PASAL_RE.match(text)
    if m:
        return Mark("pasal-roman", m.group("num"), m.group("rest").strip(), f"Pasal {m.group('num')}")
    m = _PASAL_RE.match(text)
    if m:
        rest = m.group("rest").strip()
        first = rest.split(" ", 1)[0] if rest else ""
        closing = _SELF_REFERENCE.match(rest)
        if not rest or closing or (
            first not in _REF_WORDS and not first.startswith(("Undang", "Peraturan")) and re.match(r"[A-Z(“\"]", rest)
        ):
            number = m.group("num") + (m.group("suf") or "")
            joined = m.group("num") + m.group("more").strip() + (m.group("suf") or "") if m.group("more") else ""
            return Mark("pasal", number, rest, f"Pasal {number}", alt=joined)
    m = _HEADING_RE.match(text)
    if m:
        kind = re.sub(r"\s", "", m.group("kind")).upper()
        return Mark("heading", kind, m.group("rest").strip(), f"{kind} {m.group('num')}")
    for kind, rx, fmt in (("ayat", _AYAT_RE, "({})"), ("huruf", _HURUF_RE, "{}."), ("angka", _ANGKA_RE, "{}.")):
        m = rx.match(text)
        if kind == "ayat" and not m:
            bare = re.match(r"^\((?P<num>\d)[1l]$", text)  # "(21": OCR of a bare "(2)"
            if bare:
                return Mark("ayat", bare.group("num"), "", f"({bare.group('num')})")
        if m and kind == "ayat" and re.match(r"[,;.)a-z]", m.group("rest")):
            continue  # "(1) , penjatuhan ...": a wrapped reference to ayat (1), not a new ayat
        if m:
            return Mark(kind, m.group("num"), m.group("rest").strip(), fmt.format(m.group("num")))
    m = _ANGKA_PAREN_RE.match(text)
    if m:
        number, weak = m.group("num"), m.group("close") == "l"
        return Mark("angka", number, m.group("rest").strip(), f"{number})", weak=weak)
    return Mark("text", rest=text)


# --------------------------------------------------------------------------- numbering


def number_key(number: str) -> tuple[int, str]:
    """Sort key of "7", "7A", "1a", "b1": (7, ""), (7, "A"), ..."""
    m = re.match(r"(\d+)(.*)", number)
    if m:
        return int(m.group(1)), m.group(2)
    m = re.match(r"([a-z])(\d*)", number)
    if m:
        return ord(m.group(1)) - ord("a") + 1, m.group(2)
    return 0, number


_ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def _next_roman(number: str) -> str | None:
    i = _ROMANS.index(number) if number in _ROMANS else -1
    return _ROMANS[i + 1] if 0 <= i < len(_ROMANS) - 1 else None


def is_next(prev: str, cur: str) -> bool:
    """Whether ``cur`` may follow ``prev`` in a list (b after a, b1 after b, c after b1, 2 after 1a)."""
    (p, psuf), (c, csuf) = number_key(prev), number_key(cur)
    if c == p + 1 and not csuf:
        return True
    if c == p and csuf > psuf:  # inserted item: 7A after 7, 1b after 1a
        return True
    return False


def next_pasal_number(mark: Mark, last: str | None) -> str | None:
    """The number of a Pasal heading if it continues the numbering after ``last``, else None.

    Pasal numbers only grow, so a "Pasal 5" that does not is a reference that happens to start
    a line. "Pasal 1 1" is read as 11 only when 11 is the next number (OCR split the digits).
    """
    if mark.alt and last is not None and number_key(mark.alt)[0] == number_key(last)[0] + 1:
        return mark.alt
    if last is None or number_key(mark.number) > number_key(last):
        return mark.number
    return None


def is_first(number: str) -> bool:
    return number in ("a", "1")


# --------------------------------------------------------------------------- builder


@dataclass
class _Node:
    path: tuple[tuple[str, str], ...]
    kind: str
    number: str
    marker: str = ""
    parts: list[str] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
    hierarchy: list[str] = field(default_factory=list)
    order: int = 0
    own: str | None = None  # own words without children's, when parts hold more (Penjelasan)

    def own_text(self) -> str:
        return self.own if self.own is not None else normalize(" ".join(self.parts))

    def add(self, text: str, page: int | None) -> None:
        if text:
            self.parts.append(text)
        if page is not None and page not in self.pages:
            self.pages.append(page)

    def full_text(self) -> str:
        words = list(self.parts)
        for child in self.children:
            child_text = child.full_text()
            words.append(f"{child.marker} {child_text}".strip() if child.marker else child_text)
        return normalize(" ".join(words))

    def all_pages(self) -> list[int]:
        pages = set(self.pages)
        for child in self.children:
            pages.update(child.all_pages())
        return sorted(pages)


def normalize(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


_HEADING_LEVEL = {"BUKU": 0, "BAB": 1, "BAGIAN": 2, "PARAGRAF": 3}
_LEVEL = {"pasal": 0, "ayat": 1, "huruf": 2, "angka": 3}
# Letters and signs OCR reads for the digit 1 at the start of a first angka ("f . ikut kampanye").
_ONE_LOOKALIKES = {"f", "l", "i", "t", "j"}
# How a numbered change of an amending law reads ("Ketentuan Pasal 70 diubah ...", "Di antara Pasal 7
# dan Pasal 8 disisipkan ...", "Ketentuan Pasal 20 tetap, dengan perubahan penjelasan ...").
_INSTRUCTION_RE = re.compile(
    r"^(?:Ketentuan|Di\s?antara|Judul|Penjelasan|Setelah|Sebelum|Lampiran|Menambahkan)\b"
    r"|\b(?:diubah|disisipkan|dihapus|ditambah|ditambahkan|dicabut|berbunyi|perubahan)\b"
)


@dataclass
class _Instrument:
    """One regulation in the file: its preamble lists, body, and Penjelasan."""

    nodes: list[_Node] = field(default_factory=list)  # every node, in document order
    roots: list[_Node] = field(default_factory=list)  # pasal and section containers
    penjelasan_pieces: list[Piece] = field(default_factory=list)
    pasal_count: int = 0
    amending: bool = False


class _Builder:
    """Walks pieces through the sections of a regulation and builds nodes on a stack."""

    def __init__(self, state: str = "preamble"):
        self.instruments: list[_Instrument] = [_Instrument()]
        self.state = state
        self.stack: list[_Node] = []
        self.hierarchy: list[tuple[str, str]] = []  # (level kind, title)
        self.heading_open = False
        self.skip_persetujuan = False
        self.pending_ayat: list[Mark] = []
        self.flags: list[tuple[_Instrument, tuple[tuple[str, str], ...], str]] = []
        self.last_pasal: str | None = None
        self.last_roman: str | None = None
        self.umum: _Node | None = None
        self.order = 0

    @property
    def inst(self) -> _Instrument:
        return self.instruments[-1]

    # -- node helpers
    def _new(self, parent: _Node | None, kind: str, number: str, marker: str, rest: str, page) -> _Node:
        path = (parent.path if parent else ()) + ((kind, number),)
        self.order += 1
        node = _Node(path, kind, number, marker, order=self.order)
        node.add(rest, page)
        if parent is None:
            self.inst.roots.append(node)
        else:
            parent.children.append(node)
        self.inst.nodes.append(node)
        self.stack.append(node)
        return node

    def _append(self, text: str, page) -> None:
        if self.stack:
            self.stack[-1].add(text, page)
        elif self.heading_open and self.hierarchy:
            kind, title = self.hierarchy[-1]
            self.hierarchy[-1] = (kind, f"{title} {text}")

    def _close(self) -> None:
        self.stack.clear()

    # -- main loop
    def feed(self, pieces: Sequence[Piece]) -> None:
        for piece in pieces:
            self.step(piece, classify(piece.text))

    def step(self, piece: Piece, mark: Mark) -> None:
        kind, page = mark.kind, piece.page
        if kind == "lampiran":
            return  # page header of a Lampiran ("LAMPIRAN UNDANG-UNDANG ... NOMOR 1 TAHUN 2015 ...")
        if kind == "label":
            return
        if self.state in ("penjelasan-pasal",) and kind not in ("tambahan", "menimbang", "closing"):
            self.inst.penjelasan_pieces.append(piece)
            return
        if kind == "menimbang":
            if self.inst.pasal_count:  # a second regulation starts (the Lampiran of UU 1/2015)
                self.instruments.append(_Instrument())
                self.last_pasal = self.last_roman = None
                self.hierarchy = []
            self._close()
            self.state = "menimbang"
            self._new(None, "menimbang", "", "", "", page)
            self._section_text(mark.rest, page)
            return
        if kind == "mengingat":
            if self.state != "mengingat":  # a repeated "Mengingat:" label keeps the open list
                self._close()
                self._new(None, "mengingat", "", "", "", page)
            self.state = "mengingat"
            self._section_text(mark.rest, page)
            return
        if kind == "persetujuan":
            self.skip_persetujuan = True
            return
        if kind in ("memutuskan", "menetapkan"):
            self._close()
            self.state = "enact"
            return
        if kind == "closing":
            self._close()
            self.state = "closing"
            return
        if kind == "penjelasan":
            self._close()
            self.state = "penjelasan-title"
            return
        if kind == "umum" and self.state in ("penjelasan-title", "closing"):
            self._close()
            self.state = "penjelasan-umum"
            self.umum = _Node((("penjelasan-umum", ""),), "penjelasan-umum", "", order=0)
            self.order += 1
            self.umum.order = self.order
            self.inst.nodes.append(self.umum)
            self.umum.add(mark.rest, page)
            return
        if kind == "pasal-demi-pasal" and self.state in ("penjelasan-umum", "penjelasan-title"):
            self._close()
            self.state = "penjelasan-pasal"
            if mark.rest:
                self.inst.penjelasan_pieces.append(Piece(mark.rest, page))
            return
        if kind == "tambahan":
            self._close()
            self.state = "end"
            return

        if self.state == "penjelasan-umum":
            self.umum.add(piece.text, page)
            return
        if self.state in ("menimbang", "mengingat"):
            self._section_piece(piece, mark)
            return
        if self.state in ("enact", "body"):
            self._body_piece(piece, mark)
            return
        # preamble, closing, penjelasan-title, end: not part of any provision.

    # -- Menimbang / Mengingat
    def _section_text(self, text: str, page) -> None:
        if text:
            self._section_piece(Piece(text, page), classify(text))

    def _section_piece(self, piece: Piece, mark: Mark) -> None:
        container = self.stack[0] if self.stack else None
        if container is None:
            return
        item_kind = "huruf" if self.state == "menimbang" else "angka"
        menimbang_done = self.state == "menimbang" and bool(container.full_text())
        if menimbang_done and mark.kind == "angka" and mark.number == "1":
            # OCR put the Mengingat list before its label: the first angka starts Mengingat.
            self._close()
            self.state = "mengingat"
            container = self._new(None, "mengingat", "", "", "", piece.page)
            item_kind = "angka"
        if self.skip_persetujuan:
            # "Dengan Persetujuan Bersama / DEWAN PERWAKILAN RAKYAT ... / dan / PRESIDEN ..."
            if piece.text == "dan" or piece.text.upper() == piece.text:
                return
            self.skip_persetujuan = False
        if mark.kind == item_kind and (
            (len(self.stack) == 1 and is_first(mark.number))
            or (len(self.stack) > 1 and is_next(self.stack[-1].number, mark.number))
        ):
            del self.stack[1:]
            self._new(container, item_kind, mark.number, mark.marker, mark.rest, piece.page)
            return
        if len(self.stack) == 1 and not container.parts and not piece.text.startswith(("bahwa", "Pasal", "Undang")):
            return  # title lines that OCR put after the "Menimbang" label
        self._append(piece.text, piece.page)

    # -- batang tubuh
    def _accept_pasal(self, mark: Mark) -> str | None:
        return next_pasal_number(mark, self.last_pasal)

    def _body_piece(self, piece: Piece, mark: Mark) -> None:
        kind, page = mark.kind, piece.page
        if kind == "pasal-roman" and (
            (self.last_roman is None and mark.number == "I" and self.last_pasal is None)
            or (self.last_roman is not None and mark.number == _next_roman(self.last_roman))
        ):
            self._open_pasal(mark.number, f"Pasal {mark.number}", mark.rest, page)
            self.last_roman = mark.number
            self.inst.amending = True
            return
        if self.inst.amending:
            self._amending_piece(piece, mark)
            return
        if kind == "heading":
            self._close()
            level = _HEADING_LEVEL[mark.number]
            self.hierarchy = [(k, t) for k, t in self.hierarchy if _HEADING_LEVEL[k] < level]
            title = re.sub(r"^B\s?A\s?B", "BAB", piece.text.replace("…", "").strip())
            self.hierarchy.append((mark.number, normalize(title)))
            self.heading_open = True
            self.state = "body"
            return
        if kind == "pasal":
            number = self._accept_pasal(mark)
            if number is not None:
                if self.last_pasal is not None and number_key(number)[0] > number_key(self.last_pasal)[0] + 1:
                    self._flag((("pasal", number),), f"Pasal numbering skips from {self.last_pasal} to {number}")
                inner = classify(mark.rest) if mark.rest else None
                if inner is not None and inner.kind == "ayat":  # "Pasal 13 (1) Berdasarkan ..."
                    self._open_pasal(number, f"Pasal {number}", "", page)
                    self.last_pasal = number
                    self._open_item(inner, page)
                    return
                self._open_pasal(number, f"Pasal {number}", mark.rest, page)
                self.last_pasal = number
                return
            if not mark.rest:
                self._flag(
                    (("pasal", str(self.last_pasal)),),
                    f"a Pasal {mark.number} heading after Pasal {self.last_pasal} "
                    "(numbers not increasing) kept as text",
                )
        if self.state == "enact":
            return  # "UNDANG-UNDANG TENTANG ..." after Menetapkan
        if kind == "ayat" and not mark.rest:
            # A bare "(1)" line: OCR of a two-column page put the ayat markers before their
            # text (even before the Pasal heading). Each waits for the next line of text.
            self.pending_ayat.append(mark)
            return
        if kind == "text" and self.pending_ayat and self.stack:
            pending = self.pending_ayat.pop(0)
            self._open_item(Mark("ayat", pending.number, piece.text, pending.marker), page)
            return
        if kind in ("ayat", "huruf", "angka") and self.stack:
            self.pending_ayat.clear()
            self._open_item(mark, page)
            return
        self._append(piece.text, page)

    def _open_pasal(self, number: str, marker: str, rest: str, page) -> None:
        self._close()
        self.state = "body"
        self.heading_open = False
        node = self._new(None, "pasal", number, marker, rest, page)
        node.hierarchy = [title for _, title in self.hierarchy]
        self.inst.pasal_count += 1

    def _open_item(self, mark: Mark, page) -> None:
        kind, number = mark.kind, mark.number
        if kind == "ayat":
            del self.stack[1:]
            self._new(self.stack[0], "ayat", number, mark.marker, mark.rest, page)
            return
        # huruf / angka: continue the nearest open list of the same kind, or start a new one.
        for i in range(len(self.stack) - 1, 0, -1):
            node = self.stack[i]
            if node.kind == kind and is_next(node.number, number) and (not mark.weak or node.marker.endswith(")")):
                del self.stack[i:]
                marker = f"{number})" if node.marker.endswith(")") else mark.marker
                self._new(self.stack[-1], kind, number, marker, mark.rest, page)
                return
        if mark.weak:
            self._append(f"{number}l {mark.rest}", page)
            return
        top = self.stack[-1]
        top_text = top.full_text()
        if kind == "angka" and number == "1" and not top_text.endswith(":"):
            # OCR read huruf "l." as "1." ("k. persatuan ...; 1. keadilan ...").
            for i in range(len(self.stack) - 1, 0, -1):
                if self.stack[i].kind == "huruf" and self.stack[i].number == "k":
                    del self.stack[i:]
                    self._new(self.stack[-1], "huruf", "l", "l.", mark.rest, page)
                    return
        if is_first(number) and top.kind != kind:
            self._new(top, kind, number, mark.marker, mark.rest, page)
            return
        if kind == "huruf" and number in _ONE_LOOKALIKES and top_text.endswith(":"):
            # OCR read the "1." of a first angka as a letter ("f . ikut kampanye").
            self._new(top, "angka", "1", "1.", mark.rest, page)
            return
        same = [i for i in range(len(self.stack) - 1, 0, -1) if self.stack[i].kind == kind]
        if same and not top_text.endswith(":"):
            i = same[0]
            del self.stack[i:]
            self._new(self.stack[-1], kind, number, mark.marker, mark.rest, page)  # the skip is reported later
            return
        if top_text.endswith(":") or (top.kind != kind and not top.children and top.kind != "pasal"):
            self._new(top, kind, number, mark.marker, mark.rest, page)
            if not is_first(number):
                self._flag(top.path + ((kind, number),), f"list starts at {kind} {number}")
            return
        self._append(f"{mark.marker} {mark.rest}".strip(), page)

    # -- amending law: Pasal I holds numbered changes whose quoted Pasal are plain text here
    def _amending_piece(self, piece: Piece, mark: Mark) -> None:
        if not self.stack:
            return
        pasal = self.stack[0]
        if pasal.number == "I" and self._unnumbered_first_change(pasal, piece, mark):
            return
        if mark.kind == "angka" and pasal.number == "I":
            changes = [c for c in pasal.children if c.kind == "angka"]
            last = int(changes[-1].number) if changes else 0
            number = int(mark.number) if mark.number.isdigit() else -1
            # A change may be missing from a text copy (UU 10/2016 has no "56."): allow small gaps.
            if last < number <= last + 3 and _INSTRUCTION_RE.search(mark.rest):
                if number != last + 1:
                    self._flag((("pasal", "I"), ("angka", str(number))), f"numbered change {number} follows {last}")
                del self.stack[1:]
                self._new(pasal, "angka", mark.number, mark.marker, mark.rest, piece.page)
                return
        self._append(piece.text, piece.page)

    def _unnumbered_first_change(self, pasal: _Node, piece: Piece, mark: Mark) -> bool:
        """OCR of UU 7/2023 lost the "1." of the first change ("Di antara Pasal 10 dan Pasal 11
        disisipkan ...") and set it as a lone "1" line further down. The first instruction after
        "... diubah sebagai berikut:" is change 1; the lone "1" inside it is that marker."""
        changes = [c for c in pasal.children if c.kind == "angka"]
        if not changes and mark.kind == "text" and re.match(r"(?:Ketentuan|Di\s?antara)\b", piece.text) \
                and _INSTRUCTION_RE.search(piece.text) and pasal.full_text().endswith(":"):
            self._new(pasal, "angka", "1", "1.", piece.text, piece.page)
            self._flag((("pasal", "I"), ("angka", "1")), "number of change 1 missing from the source; restored")
            return True
        if len(changes) == 1 and changes[0].marker == "1." and not changes[0].children and piece.text == "1" \
                and any(f[1] == changes[0].path and "restored" in f[2] for f in self.flags):
            return True  # the displaced marker of change 1
        return False

    def finish(self) -> None:
        self._close()

    def _flag(self, path: tuple[tuple[str, str], ...], why: str) -> None:
        """Report a suspicious provision; its id is made once the instrument's scope is known."""
        self.flags.append((self.inst, path, why))


# --------------------------------------------------------------------------- penjelasan

_PJ_MARK_RE = re.compile(
    r"(?<!\S)"
    r"(?P<m>Ayat\s*\((?P<ayat>\d+[a-z]?)\)|Huruf\s+(?P<huruf>[a-z]\d?)\b|Angka\s+(?P<angka>\d+[a-z]?)\b)\.?\s*"
)
_PJ_CHANGE_RE = re.compile(r"(?:(?<=^)|(?<=\s))Angka\s+(?P<n>\d+)\s+(?=Pasa[lI]\s*\d|BAB\s|Bagian\s|Paragraf\s)")
_PJ_PLAIN_CHANGE_RE = re.compile(r"(?:(?<=^)|(?<=\s))Angka\s+(?P<n>\d+)\s+(?=Cukup\s+jelas\b|Lampiran\s)")


@dataclass
class _Span:
    path: tuple[tuple[str, str], ...]
    start: int
    end: int
    text_start: int


def _join_pieces(pieces: Sequence[Piece]) -> tuple[str, list[tuple[int, int | None]]]:
    """One string plus (offset, page) of every piece, so spans can be mapped back to pages."""
    offsets, parts, pos = [], [], 0
    for p in pieces:
        offsets.append((pos, p.page))
        parts.append(p.text)
        pos += len(p.text) + 1
    return " ".join(parts), offsets


def _pages(offsets: list[tuple[int, int | None]], start: int, end: int) -> list[int]:
    pages = set()
    for i, (off, page) in enumerate(offsets):
        nxt = offsets[i + 1][0] if i + 1 < len(offsets) else 1 << 60
        if off < end and nxt > start and page is not None:
            pages.add(page)
    return sorted(pages)


def split_penjelasan_parts(text: str) -> list[tuple[tuple[tuple[str, str], ...], int, int, int]]:
    """Split the Penjelasan of one Pasal at "Ayat (n)", "Huruf x", "Angka n" markers.

    Returns ``(subpath, start, text_start, end)`` per part, nested: "Ayat (3) Huruf a ..." gives
    ``(("ayat","3"),)`` spanning both and ``(("ayat","3"),("huruf","a"))``.
    """
    spans: list[_Span] = []
    stack: list[_Span] = []
    prev_end = -1
    for m in _PJ_MARK_RE.finditer(text):
        # A part marker starts the text, follows a sentence, "Cukup jelas"/"Dihapus", or another marker.
        before = text[: m.start()].rstrip()
        if not (m.start() == 0 or m.start() == prev_end or re.search(r"([.;:”\"\)]|\b[Jj]elas|\bDihapus)$", before)):
            continue
        prev_end = m.end()
        for kind in ("ayat", "huruf", "angka"):
            if m.group(kind):
                number = m.group(kind)
                break
        level = _LEVEL[kind]
        while stack and _LEVEL[stack[-1].path[-1][0]] >= level:
            stack.pop().end = m.start()
        parent_path = stack[-1].path if stack else ()
        span = _Span(parent_path + ((kind, number),), m.start(), len(text), m.end())
        spans.append(span)
        stack.append(span)
    for span in stack:
        span.end = len(text)
    # A part ends where the next part at its level or above starts.
    for i, span in enumerate(spans):
        for later in spans[i + 1:]:
            if len(later.path) <= len(span.path):
                span.end = min(span.end, later.start)
                break
    return [(s.path, s.start, s.text_start, s.end) for s in spans]


def _penjelasan_nodes(
    text: str,
    offsets: list[tuple[int, int | None]],
    base: tuple[tuple[str, str], ...],
    start: int,
    end: int,
    order: list[int],
) -> list[_Node]:
    """Nodes for the Penjelasan ``text[start:end]`` of the provision at ``base`` and its parts."""
    body = text[start:end]
    order[0] += 1
    whole = _Node((("penjelasan", ""),) + base, "penjelasan", base[-1][1], order=order[0])
    whole.parts = [normalize(body)]
    whole.pages = _pages(offsets, start, end)
    nodes = [whole]
    parts = split_penjelasan_parts(body)
    whole.own = normalize(body[: parts[0][1]]) if parts else None
    for k, (subpath, s, ts, e) in enumerate(parts):
        order[0] += 1
        node = _Node((("penjelasan", ""),) + base + subpath, "penjelasan", subpath[-1][1], order=order[0])
        node.parts = [normalize(body[ts:e])]
        node.own = normalize(body[ts: min(e, parts[k + 1][1])]) if k + 1 < len(parts) else None
        node.pages = _pages(offsets, start + s, start + e)
        nodes.append(node)
    return nodes


def _parse_penjelasan_pasal(pieces: Sequence[Piece], amending: bool, order: list[int]) -> list[_Node]:
    """Penjelasan Pasal demi Pasal: split at Pasal headings (numbers restart at 1)."""
    # Find Pasal headings among the pieces, with the same increasing-number rule as the body.
    starts: list[tuple[int, str]] = []  # (piece index, number)
    last: str | None = None
    last_roman: str | None = None
    for i, piece in enumerate(pieces):
        mark = classify(piece.text)
        if amending:
            if mark.kind == "pasal-roman" and (
                (last_roman is None and mark.number == "I")
                or (last_roman and mark.number == _next_roman(last_roman))
            ):
                starts.append((i, mark.number))
                last_roman = mark.number
            continue
        if mark.kind == "pasal":
            number = next_pasal_number(mark, last)
            if number is not None:
                starts.append((i, number))
                last = number
    text, offsets = _join_pieces(pieces)
    nodes: list[_Node] = []
    for k, (i, number) in enumerate(starts):
        start = offsets[i][0]
        end = offsets[starts[k + 1][0]][0] - 1 if k + 1 < len(starts) else len(text)
        heading = re.match(r"Pasal\s*[\dIVX]+(?:\s\d)?\s?[A-Z]?(?=\s|$)\s*", text[start:end])
        body_start = start + (heading.end() if heading else 0)
        base = (("pasal", number),)
        if amending and number == "I":
            nodes.extend(_amending_penjelasan(text, offsets, base, body_start, end, order))
        else:
            nodes.extend(_penjelasan_nodes(text, offsets, base, body_start, end, order))
    return nodes


def _amending_penjelasan(text, offsets, base, start, end, order) -> list[_Node]:
    """Penjelasan of Pasal I: "Angka 26 Pasal 70 Cukup jelas. Angka 27 Pasal 71 ..."."""
    body = text[start:end]
    order[0] += 1
    whole = _Node((("penjelasan", ""),) + base, "penjelasan", base[-1][1], order=order[0])
    whole.parts = [normalize(body)]
    whole.pages = _pages(offsets, start, end)
    nodes = [whole]
    marks = sorted([*_PJ_CHANGE_RE.finditer(body), *_PJ_PLAIN_CHANGE_RE.finditer(body)], key=lambda m: m.start())
    # Keep only increasing change numbers, so an "Angka 2" that explains Pasal 1 angka 2 is not a change;
    # a change that names no Pasal ("Angka 10 Cukup jelas.", a change of a Lampiran) only as the next one.
    kept, last = [], 0
    for m in marks:
        n = int(m.group("n"))
        if n > last and (m.re is _PJ_CHANGE_RE or n == last + 1):
            kept.append(m)
            last = n
    for k, m in enumerate(kept):
        e = kept[k + 1].start() if k + 1 < len(kept) else len(body)
        order[0] += 1
        path = (("penjelasan", ""),) + base + (("angka", m.group("n")),)
        node = _Node(path, "penjelasan", m.group("n"), order=order[0])
        node.parts = [normalize(body[m.end():e])]
        node.pages = _pages(offsets, start + m.start(), start + e)
        nodes.append(node)
    return nodes


# --------------------------------------------------------------------------- units


def _to_unit(node: _Node, meta: DocumentMeta, prefix: Path = (), id_prefix: str | None = None) -> Unit:
    path = prefix + node.path
    uid = UnitId(id_prefix or meta.id, path)
    parent_path = path[:-1]
    parent_id = None
    if parent_path and parent_path[-1][0] not in ("penjelasan", "penetapan"):
        parent_id = str(uid.parent)
    kind = node.kind
    return Unit(
        id=str(uid),
        doc_id=meta.id,
        kind=kind,
        number=node.number,
        label=labels.full_label(path, meta.citation),
        short_label=labels.short_label(path, meta.short_name),
        text=node.full_text(),
        parent_id=parent_id,
        order=node.order,
        hierarchy=list(node.hierarchy),
        pages=node.all_pages(),
    )


def _inherit_hierarchy(nodes: Iterable[_Node]) -> None:
    for node in nodes:
        for child in node.children:
            child.hierarchy = list(node.hierarchy)
        _inherit_hierarchy(node.children)


def _check_sequences(nodes: Iterable[_Node], scope: UnitId, suspicious: list[dict[str, str]]) -> None:
    """Flag lists that skip (huruf a, c; ayat 1, 3) and empty provisions."""
    for node in nodes:
        if not node.full_text():
            suspicious.append({"unit": str(scope.join(node.path)), "why": "empty text"})
        for kind in ("ayat", "huruf", "angka"):
            items = [c for c in node.children if c.kind == kind]
            for prev, cur in zip(items, items[1:]):
                if not is_next(prev.number, cur.number):
                    suspicious.append(
                        {"unit": str(scope.join(cur.path)),
                         "why": f"{kind} {cur.number} follows {kind} {prev.number}"}
                    )
        _check_sequences(node.children, scope, suspicious)


def _dedupe_ids(units: list[Unit], suspicious: list[dict[str, str]]) -> None:
    """Give repeated ids a deterministic suffix (``pasal-5_2``) instead of dropping a unit."""
    seen: dict[str, int] = {}
    renamed: dict[str, str] = {}
    for unit in units:
        if unit.parent_id in renamed:
            unit.parent_id = renamed[unit.parent_id]
        if unit.id in seen:
            seen[unit.id] += 1
            new_id = str(UnitId.parse(unit.id).repeated(seen[unit.id]))
            suspicious.append({"unit": new_id, "why": f"duplicate id {unit.id}"})
            renamed[unit.id] = new_id
            unit.id = new_id
        else:
            seen[unit.id] = 1
            renamed.pop(unit.id, None)


def _attach_penjelasan(units: list[Unit], warnings: list[str]) -> None:
    by_id = {u.id: u for u in units}
    for unit in units:
        if unit.kind != "penjelasan":
            continue
        body = UnitId.parse(unit.id).body
        body_id = str(body)
        while str(body) not in by_id and body.depth > 1:
            body = body.parent
        target = str(body)
        if target not in by_id:
            warnings.append(f"{unit.id}: tidak ada ketentuan yang dijelaskannya")
            continue
        unit.explains = target
        if target == body_id:
            body = by_id[body_id]
            body.penjelasan = unit.text
            body.penjelasan_id = unit.id
        else:
            warnings.append(f"{unit.id}: {body_id} tidak ada; dipasang sebagai penjelasan {target}")


def _recover_missing_changes(inst: _Instrument, pj_nodes: list[_Node], flags: list) -> None:
    """Restore a numbered change whose instruction line is missing from the source.

    Text copies of UU 10/2016 and UU 8/2015 each lost one "N. Ketentuan ..." line, so the quoted
    Pasal of change N ran into change N-1. The Penjelasan still says "Angka N Pasal 182A ...":
    change N starts at that Pasal heading inside change N-1. The recovered unit's text starts at
    the quoted Pasal (the instruction sentence is not in the source) and is reported.
    """
    pasal_i = next((n for n in inst.roots if n.kind == "pasal" and n.number == "I"), None)
    if pasal_i is None:
        return
    first_pasal = {}
    for node in pj_nodes:
        if node.path[1:2] == (("pasal", "I"),) and len(node.path) == 3:
            m = re.match(r"Pasa[lI]\s*(\d+[A-Z]?)\b", node.parts[0] if node.parts else "")
            if m:
                first_pasal[int(node.number)] = m.group(1)
    changes = [c for c in pasal_i.children if c.kind == "angka"]
    for prev, nxt in zip(list(changes), list(changes[1:])):
        missing = int(prev.number) + 1
        if int(nxt.number) != missing + 1 or missing not in first_pasal:
            continue
        heading = f"Pasal {first_pasal[missing]}"
        starts = [i for i, part in enumerate(prev.parts) if i and (part == heading or part.startswith(heading + " "))]
        cut = starts[0] if starts else None
        if cut is None:
            continue
        node = _Node(prev.path[:-1] + (("angka", str(missing)),), "angka", str(missing), f"{missing}.",
                     parts=prev.parts[cut:], pages=list(prev.pages), hierarchy=list(prev.hierarchy), order=prev.order)
        del prev.parts[cut:]
        pasal_i.children.insert(pasal_i.children.index(prev) + 1, node)
        inst.nodes.insert(inst.nodes.index(prev) + 1, node)
        flags[:] = [f for f in flags if not (f[0] is inst and f[1] == nxt.path)]
        flags.append((inst, node.path, f"instruction line of change {missing} missing from the source; "
                      f"recovered from {heading} (named by its Penjelasan), split off change {missing - 1}"))


def parse_document(
    source: SourceText, meta: DocumentMeta, manifest=None, coverage: Coverage | None = None
) -> ParsedDocument:
    """Units of one UU, Perppu or PP, Penjelasan attached and references resolved.

    ``manifest`` maps "Undang-Undang Nomor 5 Tahun 2014" in references to manifest ids; without
    it the default manifest is used when it can be loaded. ``coverage`` is the part of the
    document the source holds: Pasal outside it (a copy that stops after the heading of the
    next Pasal) are dropped and reported, and references to them point at the known-missing id.
    """
    if manifest is None:
        try:
            manifest = load_manifest()
        except Exception:  # noqa: BLE001 - references to other documents then stay external
            manifest = None

    warnings: list[str] = []
    suspicious: list[dict[str, str]] = []
    builder = _Builder()
    builder.feed(split_pieces(source.lines))
    builder.finish()

    instruments = [inst for inst in builder.instruments if inst.nodes]
    # The instrument with the most Pasal owns the plain ids; on a tie, the amending one (UU 7/2023
    # has Pasal 1-2 of its own and Pasal I-II in its Lampiran, the Perppu it enacts).
    main = max(instruments, key=lambda inst: (inst.pasal_count, inst.amending)) if instruments else None
    units: list[Unit] = []
    own_text: dict[int, str] = {}
    order = [builder.order]
    for inst in instruments:
        prefix = () if inst is main else (("penetapan", ""),)
        _inherit_hierarchy(inst.roots)
        if inst.penjelasan_pieces:
            pj_nodes = _parse_penjelasan_pasal(inst.penjelasan_pieces, inst.amending, order)
            if inst.amending:
                _recover_missing_changes(inst, pj_nodes, builder.flags)
            inst.nodes.extend(pj_nodes)
        _check_sequences(inst.roots, UnitId(meta.id, prefix), suspicious)
        for node in inst.nodes:
            unit = _to_unit(node, meta, prefix)
            units.append(unit)
            own_text[id(unit)] = node.own_text()
    for inst, path, why in builder.flags:
        prefix = () if inst is main else (("penetapan", ""),)
        suspicious.append({"unit": str(UnitId(meta.id, prefix + path)), "why": why})
    units.sort(key=lambda u: u.order)
    if coverage is not None:
        units = _within_coverage(units, coverage, warnings)
    _dedupe_ids(units, suspicious)
    _attach_penjelasan(units, warnings)
    unresolved = resolve_references(
        units, meta, manifest, own_text={u.id: own_text[id(u)] for u in units}, coverage=coverage
    )

    report = ParseReport(
        doc_id=meta.id,
        counts=_counts(units, main, coverage),
        unresolved_refs=unresolved,
        suspicious=suspicious,
        warnings=warnings,
        source=source.path,
        method=source.method,
        page_count=source.page_count,
    )
    if main is None or main.pasal_count == 0:
        warnings.append("tidak ada Pasal yang ditemukan")
    return ParsedDocument(doc_id=meta.id, units=units, report=report)


def _within_coverage(units: list[Unit], coverage: Coverage, warnings: list[str]) -> list[Unit]:
    """Drop Pasal (and their Penjelasan) beyond the part the source holds, naming them.

    The retyped UU 7/2017 stops after the heading "Pasal 215": an empty Pasal 215 would read
    as a provision of the law with no words.
    """
    kept, dropped = [], {}
    for unit in units:
        pasal = UnitId.parse(unit.id).pasal
        number = pasal.number if pasal.kind == "pasal" and not pasal.in_penetapan else ""
        if number[:1].isdigit() and not coverage.holds(number):
            dropped[number] = dropped.get(number, 0) + 1
            continue
        kept.append(unit)
    for number, n in dropped.items():
        warnings.append(
            f"Pasal {number}: di luar bagian yang dimuat berkas sumber ({coverage.range_text()}); "
            f"{n} unit dibuang"
        )
    return kept


def _counts(units: list[Unit], main: _Instrument | None, coverage: Coverage | None = None) -> dict[str, int]:
    counts: dict[str, int] = {}
    for unit in units:
        counts[unit.kind] = counts.get(unit.kind, 0) + 1
    # "pasal" counts the distinct Pasal of the body that owns the plain ids (and that the source holds).
    held = [n.number for n in main.roots if n.kind == "pasal"] if main else []
    if coverage is not None:
        held = [n for n in held if not n[:1].isdigit() or coverage.holds(n)]
    counts["pasal"] = len(set(held))
    return counts


# --------------------------------------------------------------------------- reusable entry points


def _as_lines(lines: Iterable[Line | str]) -> list[Line]:
    return [line if isinstance(line, Line) else Line(str(line)) for line in lines]


def parse_pasal_blocks(
    lines: Iterable[Line | str],
    meta: DocumentMeta,
    id_prefix: str | None = None,
    hierarchy: Sequence[str] = (),
    order_start: int = 0,
) -> list[Unit]:
    """Pasal/ayat/huruf/angka units of text that holds one or several Pasal (e.g. the quoted
    new text of an amended Pasal). Ids are ``<id_prefix or meta.id>/pasal-70/ayat-1``;
    labels name ``meta``. Text before the first Pasal heading is ignored; headings
    (BAB, Bagian) inside become the hierarchy of the Pasal after them."""
    builder = _Builder(state="body")
    builder.order = order_start
    builder.hierarchy = [("BAB", h) for h in hierarchy[:1]] + [("BAGIAN", h) for h in hierarchy[1:2]] + [
        ("PARAGRAF", h) for h in hierarchy[2:3]
    ]
    builder.feed(split_pieces(_as_lines(lines)))
    builder.finish()
    inst = builder.instruments[-1]
    _inherit_hierarchy(inst.roots)
    return [_to_unit(n, meta, (), id_prefix) for n in inst.nodes if n.path[0][0] == "pasal"]


def parse_penjelasan_block(
    text: str | Iterable[Line | str],
    pasal: str,
    meta: DocumentMeta,
    id_prefix: str | None = None,
    order_start: int = 0,
) -> list[Unit]:
    """Penjelasan units of one Pasal from the text after its heading ("Ayat (1) Cukup jelas.
    Ayat (2) Huruf a ..."): ``<prefix>/penjelasan/pasal-70`` and one unit per part.
    ``explains`` points at ``<prefix>/pasal-70/...``; attaching is the caller's job."""
    lines = [Line(text)] if isinstance(text, str) else _as_lines(text)
    pieces = [Piece(normalize(l.text), l.page) for l in lines if l.text.strip()]
    joined, offsets = _join_pieces(pieces)
    order = [order_start]
    nodes = _penjelasan_nodes(joined, offsets, (("pasal", pasal),), 0, len(joined), order)
    units = [_to_unit(n, meta, (), id_prefix) for n in nodes]
    for unit in units:
        unit.explains = str(UnitId.parse(unit.id).body)
    return units


def split_penjelasan_by_pasal(text: str) -> list[tuple[str, str]]:
    """``"Pasal 70 Cukup jelas. Pasal 71 Ayat (1) ..."`` -> ``[("70", "Cukup jelas."), ("71", "Ayat (1) ...")]``:
    the Penjelasan of one amending change may cover several Pasal."""
    pieces = split_pieces([Line(text)])
    nodes = _parse_penjelasan_pasal(pieces, False, [0])
    return [(n.path[1][1], n.parts[0]) for n in nodes if len(n.path) == 2]
