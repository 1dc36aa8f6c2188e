"""Correct typical OCR errors in OCR'd sources, recording every change.

Runs between ``clean`` and ``parse`` on documents whose text is OCR output (read by Tesseract, or
a source the manifest marks ``ocr = true``); clean sources never pass through here.

A word counts as known when the clean texts of the corpus use it (:class:`Vocabulary`), when it is
one of Sastrawi's root words, or when stripping common affixes leaves such a root. The rules, in order:

- ``penanda_ayat``: ayat markers whose parentheses OCR misread ("ayat l2l", "ayat (21 huruf",
  "ayat (21dan") -> "ayat (2)"; these also break cross-references.
- ``pola_ocr``: fixed confusions of Indonesian legal scans ("danf atau" -> "dan/atau",
  "Ralryat" -> "Rakyat", "Tatun 2022" -> "Tahun 2022", "dengan oasas" -> "dengan "asas").
- ``huruf_mirip``: an unknown word that becomes a known one by swapping look-alike letters
  (I/l/1, rn/m, O/0, Ll/u, cl/d): "lain-Iain" -> "lain-lain", "perLlndang-undangan".
- ``sampah_akhir``: stray marks OCR put after a known word ("intervensig!" -> "intervensi").
- ``kata_menyatu``: two known words OCR glued together ("menyalahgunakanwewenang").
- ``kata_terpisah``: a word OCR split in two ("penye lenggaraan").

A change is made only when the result is known and the OCR form is not: a word the corpus
uses is never touched. Words that stay unknown and look damaged (letters mixed with digits or
stray marks, a capital inside a lowercase word) are returned as suspicious, so their units
can say that the text comes from OCR.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import Sastrawi

from ingest.model import Correction, Line, SourceText, Unit

CONTEXT_CHARS = 80
MIN_GLUED_PART = 5  # parts shorter than this are too easily found by chance ("dan", "ini")
MIN_VOCAB_COUNT = 2  # a word seen once in the clean texts may itself be a typo ("Negri")

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*", re.UNICODE)
_TOKEN = re.compile(r"\S+")


@dataclass
class Vocabulary:
    """Words of the clean texts (with counts) and Sastrawi's root words."""

    counts: Counter = field(default_factory=Counter)
    roots: frozenset[str] = frozenset()
    _known: dict[str, bool] = field(default_factory=dict, repr=False)

    def frequency(self, word: str) -> int:
        return self.counts.get(word.lower(), 0)

    def known(self, word: str) -> bool:
        lower = word.lower()
        if lower not in self._known:
            self._known[lower] = self._is_known(lower)
        return self._known[lower]

    def _is_known(self, lower: str) -> bool:
        if self.counts.get(lower, 0) >= MIN_VOCAB_COUNT or lower in self.roots:
            return True
        if "-" in lower:
            return all(self._is_known(part) for part in lower.split("-") if part)
        if not lower.isalpha() or len(lower) < 4:
            return False
        return _derived_from_root(lower)

    def attested(self, word: str) -> bool:
        """Used in the clean texts themselves (not only derivable): safer for splits and joins."""
        lower = word.lower()
        if "-" in lower:
            return all(self.attested(part) for part in lower.split("-") if part)
        return self.counts.get(lower, 0) >= MIN_VOCAB_COUNT or lower in self.roots

    def used(self, word: str) -> bool:
        """Used in the clean texts more than once: the test for each part of a glued word."""
        return self.counts.get(word.lower(), 0) >= MIN_VOCAB_COUNT


def build_vocabulary(texts: Iterable[str]) -> Vocabulary:
    counts: Counter = Counter()
    for text in texts:
        counts.update(w.lower() for w in _WORD.findall(text) if any(ch.isalpha() for ch in w))
    return Vocabulary(counts, _roots())


@functools.cache
def _roots() -> frozenset[str]:
    path = Path(Sastrawi.__file__).parent / "Stemmer" / "data" / "kata-dasar.txt"
    return frozenset(w.strip().lower() for w in path.read_text(encoding="utf-8").splitlines() if w.strip())


# Sastrawi's own stemmer takes up to half a second on an unknown (OCR-damaged) word; a word is
# known when stripping common affixes leaves a root of its dictionary, which is all we need.
_PREFIXES = (
    ("menge", ""), ("meny", "s"), ("meng", ""), ("meng", "k"), ("mem", ""), ("mem", "p"), ("men", ""), ("men", "t"),
    ("me", ""), ("peny", "s"), ("peng", ""), ("peng", "k"), ("pem", ""), ("pem", "p"), ("pen", ""), ("pen", "t"),
    ("per", ""), ("pe", ""), ("ber", ""), ("be", ""), ("ter", ""), ("di", ""), ("ke", ""), ("se", ""),
)
_SUFFIXES = ("", "kan", "an", "i", "nya", "lah", "kannya", "annya")


@functools.cache
def _derived_from_root(word: str) -> bool:
    roots = _roots()
    for suffix in _SUFFIXES:
        if suffix and not word.endswith(suffix):
            continue
        base = word[: len(word) - len(suffix)] if suffix else word
        if len(base) < 3:
            continue
        if suffix and base in roots:
            return True
        for prefix, restore in _PREFIXES:
            if base.startswith(prefix):
                rest = restore + base[len(prefix):]
                if rest in roots:
                    return True
                # Two prefixes: "diper-", "memper-", "keber-", "seper-".
                for inner in ("per", "ber", "ter", "pe"):
                    if rest.startswith(inner) and rest[len(inner):] in roots:
                        return True
    return False


# --- rules ---------------------------------------------------------------------------------------

# "ayat l2l", "ayat I2)", "ayat (21 huruf", "ayat (21" at the end of a line, "ayat (21dan".
_AYAT_MISREAD = re.compile(
    r"\b(ayat)\s*(?:[lI(\[{]\s*(\d)\s*[lI1)\]}]|\(\s*(\d)\s*[1lI\]}])(?=[\s,.;:]|$|[a-z])", re.IGNORECASE
)

# (pattern, replacement): confusions seen in Indonesian legal scans, each narrow enough to
# never match a correct word.
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b([Dd])anf\s*atau\b"), r"\1an/atau"),
    (re.compile(r"\b([Rr])al[a-z]{1,2}at\b(?<!Rakyat)(?<!rakyat)"), r"\1akyat"),
    (re.compile(r"\b(T)at[ul]n\b(?=\s+\d{4})"), r"\1ahun"),
    # "KabupatenlKota": a slash read as l, I or 1 between two capitalised words.
    (re.compile(r"\b(Provinsi|Kabupaten|Kota|Pusat|Daerah)[lI1|](Kabupaten|Kota|Daerah)\b"), r"\1/\2"),
    # "Pasal3": the space between "Pasal" and its number lost.
    (re.compile(r"\b(Pasal|ayat|huruf|angka)(\d{1,3}[A-Z]?)\b"), r"\1 \2"),
    # An opening quote read as "o": 'dengan oasas netralitas"' -> 'dengan "asas netralitas"'.
    (re.compile(r"\b(dengan\s+)o(asas|istilah)\b"), r'\1"\2'),
]

# Look-alike letters: what OCR printed -> what the letter may have been. The first group is
# typical of scans and may yield any known word (derived forms included); the second swaps
# letters that real words also differ by, so its result must be a word the clean texts use.
_LOOKALIKES: list[tuple[str, str]] = [
    ("I", "l"), ("l", "I"), ("1", "l"), ("1", "i"), ("l", "i"), ("!", "l"), ("|", "l"), ("rn", "m"),
    ("0", "o"), ("O", "o"), ("Ll", "u"), ("Ll", "U"), ("cl", "d"), ("lVl", "M"), ("li", "h"), ("vv", "w"),
]
_RISKY_LOOKALIKES: list[tuple[str, str]] = [
    ("m", "rn"), ("c", "e"), ("e", "c"), ("c", "o"), ("n", "u"), ("u", "n"), ("t", "f"), ("f", "t"), ("ii", "u"),
]
_TRAILING_MARKS = re.compile(r"^([a-z]{5,})([!|'`]+)([,.;:)]*)$")
MIN_SWAP_WORD = 3  # "|" or "Ll" alone on a handwritten sheet is no word to repair


def _variants(word: str, table: list[tuple[str, str]]) -> set[str]:
    """Every word one look-alike swap (at one place, or at all places) away from ``word``."""
    out: set[str] = set()
    for wrong, right in table:
        start = word.find(wrong)
        while start != -1:
            out.add(word[:start] + right + word[start + len(wrong):])
            start = word.find(wrong, start + 1)
        if wrong in word:
            out.add(word.replace(wrong, right))
    return out


def _shape_ok(candidate: str, original: str) -> bool:
    """Keep the case pattern of the original: "perLlndang-undangan" -> lowercase, "Ralryat" -> Title."""
    if original[:1].isupper():
        return candidate[1:] == candidate[1:].lower() or candidate.isupper()
    return candidate == candidate.lower()


class _Corrector:
    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.changes: list[Correction] = []

    def line(self, line: Line) -> Line:
        text = line.text
        before_all = text
        text = self._sub(_AYAT_MISREAD, self._ayat, text, line, "penanda_ayat")
        for pattern, repl in _PATTERNS:
            text = self._sub(pattern, lambda m, r=repl: m.expand(r), text, line, "pola_ocr")
        text = self._words(text, line)
        text = self._joins(text, line)
        return line if text == before_all else replace(line, text=text)

    @staticmethod
    def _ayat(match: re.Match[str]) -> str:
        number = match.group(2) or match.group(3)
        end = match.end()
        glued = end < len(match.string) and match.string[end].isalpha()
        return f"{match.group(1)} ({number})" + (" " if glued else "")

    def _sub(self, pattern: re.Pattern[str], repl, text: str, line: Line, rule: str) -> str:
        def fix(match: re.Match[str]) -> str:
            after = repl(match)
            if after != match.group(0):
                self._record(match.group(0), after, rule, line)
            return after

        return pattern.sub(fix, text)

    def _words(self, text: str, line: Line) -> str:
        def fix(match: re.Match[str]) -> str:
            token = match.group(0)
            lead = re.match(r"^[(\"“'‘]*", token).group(0)
            trail = re.search(r"[,.;:)\"”'’]*$", token[len(lead):]).group(0)
            core = token[len(lead): len(token) - len(trail)] if trail else token[len(lead):]
            if not core:
                return token
            fixed, rule = self._word(core)
            if fixed is None:
                return token
            self._record(core, fixed, rule, line)
            return lead + fixed + trail

        return _TOKEN.sub(fix, text)

    def _word(self, core: str) -> tuple[str | None, str]:
        """A correction of one token and its rule, or (None, "") when it stands."""
        letters = core.replace("-", "")
        if not letters or any(ch.isdigit() for ch in letters) and not any(ch.isalpha() for ch in letters):
            return None, ""  # numbers ("2022", "800-5474") are not words
        if self.vocab.known(core) or core.isupper() and len(core) > 1 and core.isalpha():
            return None, ""
        junk = _TRAILING_MARKS.match(core)
        if junk:
            word = junk.group(1)
            # "intervensig!": the mark may come with one stray letter before it.
            for stem in (word, word[:-1]):
                if self.vocab.known(stem):
                    return stem + junk.group(3), "sampah_akhir"
        if len(core) < MIN_SWAP_WORD:
            return None, ""
        # A capitalised unknown word may be a name ("Dumai"): only a word the clean texts use replaces it.
        lenient = core[0].islower()
        candidates = [v for v in _variants(core, _LOOKALIKES)
                      if _shape_ok(v, core) and (self.vocab.known(v) if lenient else self.vocab.used(v))]
        candidates += [v for v in _variants(core, _RISKY_LOOKALIKES) if _shape_ok(v, core) and self.vocab.used(v)]
        if candidates:
            best = max(sorted(set(candidates)), key=lambda v: (self.vocab.used(v), self.vocab.frequency(v)))
            return best, "huruf_mirip"
        split = self._split(core)
        if split:
            return split, "kata_menyatu"
        return None, ""

    def _split(self, core: str) -> str | None:
        if not core.isalpha() or len(core) < 2 * MIN_GLUED_PART + 1 or core != core.lower():
            return None
        options = []
        for i in range(MIN_GLUED_PART, len(core) - MIN_GLUED_PART + 1):
            left, right = core[:i], core[i:]
            if self.vocab.frequency(left) and self.vocab.frequency(right):
                options.append((min(self.vocab.frequency(left), self.vocab.frequency(right)), left, right))
        if not options:
            return None
        _, left, right = max(options)
        return f"{left} {right}"

    def _joins(self, text: str, line: Line) -> str:
        """Rejoin a word OCR split in two: both halves unknown or one of them, the whole attested."""
        tokens = text.split(" ")
        out: list[str] = []
        i = 0
        while i < len(tokens):
            if i + 1 < len(tokens):
                left, right = tokens[i], tokens[i + 1]
                core_right = right.rstrip(",.;:)")
                whole = left + core_right
                if (left.isalpha() and core_right.isalpha() and left == left.lower() and core_right == core_right.lower()
                        and not (self.vocab.known(left) and self.vocab.known(core_right))
                        and self.vocab.attested(whole) and self.vocab.frequency(whole) >= MIN_VOCAB_COUNT):
                    self._record(f"{left} {core_right}", whole, "kata_terpisah", line)
                    out.append(left + right)
                    i += 2
                    continue
            out.append(tokens[i])
            i += 1
        return " ".join(out)

    def _record(self, before: str, after: str, rule: str, line: Line) -> None:
        self.changes.append(Correction(before, after, rule, line.page, _shorten(line.text)))


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= CONTEXT_CHARS else text[: CONTEXT_CHARS - 1] + "…"


# --- suspicious words ----------------------------------------------------------------------------

_MIXED = re.compile(r"[A-Za-z][0-9]|[0-9][a-z]{2,}|[!|{}\\]|[a-z][A-Z]")


def suspicious_words(text: str, vocab: Vocabulary) -> list[str]:
    """Words that stay unknown and look damaged by OCR, in order of first appearance."""
    found: list[str] = []
    for token in _TOKEN.findall(text):
        core = token.strip("()[]\"“”'‘’,.;:")
        if not core or core in found or vocab.known(core):
            continue
        if _MIXED.search(core) and not re.fullmatch(r"\d+[A-Za-z]|[A-Z]+\d*|\d+/[\w./-]+", core):
            found.append(core)
        elif core.isalpha() and core.islower() and len(core) >= 3 and vocab.known(core[:-1]):
            found.append(core)  # a known word with a stray letter glued on ("danx")
    return found


# --- entry point -----------------------------------------------------------------------------------


def mark_units(units: list[Unit], corrections: list[Correction], vocab: Vocabulary) -> list[dict]:
    """Name on each correction the unit it lies in; set ``ocr_suspect`` on units with suspicious
    words; return those words with the smallest unit holding each, for the parse report."""
    by_size = sorted(units, key=lambda u: (len(u.text), u.order))
    for change in corrections:
        for unit in by_size:
            if change.after.strip() in unit.text and (change.page is None or not unit.pages or change.page in unit.pages):
                change.unit = unit.id
                break
    found: dict[str, dict] = {}
    for unit in units:
        unit.ocr_suspect = suspicious_words(unit.text, vocab)
    for unit in by_size:
        for word in unit.ocr_suspect:
            found.setdefault(word, {"word": word, "unit": unit.id, "page": unit.pages[0] if unit.pages else None})
    return sorted(found.values(), key=lambda f: (f["page"] or 0, f["word"]))


def correct(source: SourceText, vocab: Vocabulary) -> tuple[SourceText, list[Correction]]:
    """The corrected text and every change made to it, line by line."""
    corrector = _Corrector(vocab)
    lines = [corrector.line(line) for line in source.lines]
    return replace(source, lines=lines), corrector.changes
