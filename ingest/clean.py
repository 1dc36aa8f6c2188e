"""Clean a :class:`SourceText`: drop page furniture, repair OCR damage to structural markers.

The official Setneg "SALINAN" layout puts furniture on every page: a running head
("PRESIDEN / REPUBLIK INDONESIA"), a page number ("- 12 -"), a footer with the copy's serial
("SK No 023649 A") and a catchword at the foot of the page that repeats the first words of the
next page ("5. membuat" ... "5. membuat keputusan ..."). Scans add OCR confusions that break
the structure the parser relies on ("Pasal 1 1", "(21", "2Ol4").

:func:`clean` applies :data:`RULES` in order; each rule is a small function named for what it
does and records in the :class:`CleanReport` what it removed or repaired. Body text is kept as
published: only furniture goes, and only structural markers and year numbers are repaired.

Text copies without pages (``uu-20-2023.md``) still carry the printed page numbers; when they do,
pages are recovered from the page breaks first, so every later rule can work page by page.

Copies saved from a legal-information website (hukumonline "pusatdata": ``uu-7-2017-pasal-1-214.txt``)
have furniture of their own: the site's address as a header and an "N /283" footer on every page,
the footer often glued to the end of the last line of text ("... kelompok  2 /283"). Their pages
come from those footers.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from corpus import kinds
from ingest.model import CleanReport, Line, SourceText

MAX_EXAMPLES = 5
TOP_WINDOW = 6  # a running head stands within the first lines of a page
TAIL_WINDOW = 4  # the footer stands within the last lines of a page
CATCHWORD_WINDOW = 6  # OCR of a text copy may put a few real lines after the catchword


# --- recording ---------------------------------------------------------------------------------


class _Recorder:
    def __init__(self) -> None:
        self.report = CleanReport()

    def removed(self, rule: str, text: str) -> None:
        self._count(self.report.removed, rule, text)

    def repaired(self, rule: str, before: str, after: str) -> None:
        self._count(self.report.repaired, rule, f"{before!r} -> {after!r}")

    def _count(self, counts: dict[str, int], rule: str, example: str) -> None:
        counts[rule] = counts.get(rule, 0) + 1
        examples = self.report.examples.setdefault(rule, [])
        if len(examples) < MAX_EXAMPLES:
            examples.append(example)


Rule = Callable[[list[Line], _Recorder], list[Line]]


def clean(source: SourceText) -> tuple[SourceText, CleanReport]:
    """Return the cleaned text and what each rule removed or repaired."""
    recorder = _Recorder()
    lines = list(source.lines)
    for rule in RULES:
        lines = rule(lines, recorder)
    page_count = source.page_count
    if page_count is None and any(line.page for line in lines):
        page_count = max(line.page or 0 for line in lines)
    cleaned = replace(source, lines=lines, page_count=page_count)
    return cleaned, recorder.report


# --- recognisers for page furniture ------------------------------------------------------------

# Every kind's running heads: they are removed only at the top of a page, where no body text of
# any kind stands, so one set serves all kinds.
_HEADS = kinds.running_heads()
# "- 12 -", "-2-", "-31 -", "_25_", "_ 10_" and OCR digits "-t7-", "-2t-".
_PAGE_NUMBER = re.compile(r"^[-_–—]\s*([0-9tlIiO]{1,3})\s*[-_–—]$")
# "-4": OCR dropped the closing dash; a page number only right under the running head.
_HALF_PAGE_NUMBER = re.compile(r"^[-–—]\s*\d{1,3}$")
_GLUED_PAGE_NUMBER = re.compile(r"^([-_–—]\s*[0-9tlIiO]{1,3}\s*[-_–—])\s*(\S.*)$")
_SK_FOOTER = re.compile(r"^SK\s*No\.?\s*\d{5,7}\s*[A-Z]?$", re.IGNORECASE)
_STRUCTURAL_START = re.compile(
    r"^(Pasal|Ayat|Huruf|Angka|BAB|Bagian|Paragraf|Cukup|\(\w{1,3}\)|\w{1,3}[.)])", re.IGNORECASE
)
_VOWELS = set("aeiouAEIOU")


def is_page_number(text: str) -> bool:
    match = _PAGE_NUMBER.match(text.strip())
    return bool(match) and any(ch.isdigit() for ch in match.group(1))


def glued_page_number(text: str) -> re.Match[str] | None:
    """"-2t-Paragraf 6": a page number OCR glued to the first line of the page (groups: number, rest)."""
    match = _GLUED_PAGE_NUMBER.match(text.strip())
    return match if match and any(ch.isdigit() for ch in match.group(1)) else None


def is_running_head(text: str, allow_trailing_punct: bool = False) -> bool:
    """"PRESIDEN", "REPUBLIK INDONESIA", "SALINAN" and OCR garble ("PR.ES!DEN", "REPUBUK INIX)NESIA").

    A trailing comma marks the title and signature lines ("PRESIDEN REPUBLIK INDONESIA,"),
    which are content; callers allow it only where position proves a running head.
    """
    text = text.strip()
    if not text or len(text) > 40:
        return False
    if text.endswith(",") and not allow_trailing_punct:
        return False
    letters = "".join(ch for ch in text if ch.isalpha())
    if len(letters) < 5 or sum(ch.isupper() for ch in letters) < 0.8 * len(letters):
        return False
    letters = letters.upper()
    return any(difflib.SequenceMatcher(None, letters, head).ratio() >= 0.75 for head in _HEADS)


def is_setneg_footer(text: str) -> bool:
    """ "SK No 023649 A" or its OCR garble (":ll{ Nlo l0r.-'il n", ",1, ),16 l(lh-5(., r,")."""
    text = text.strip()
    if _SK_FOOTER.match(text):
        return True
    return _looks_like_garble(text)


def _looks_like_garble(text: str) -> bool:
    # The serial is printed small and faint; OCR turns it into tokens that mix letters, digits and
    # symbols (":ll{", "l.lo", "l0r.-'il"). Real lines, even short catchwords ("b. PNS",
    # "e.bekerja...", "(2) Hukuman ."), are made of words, numbers and list markers.
    tokens = text.split()
    if not tokens or len(tokens) > 8:
        return False
    odd = sum(not _NORMAL_TOKEN.match(token) for token in tokens)
    if odd >= 1 and odd >= 0.4 * len(tokens):
        return True
    # Or no real word at all among several tokens ("'t; I ll., I Or. -.7f) A").
    return len(tokens) >= 4 and not _STRUCTURAL_START.match(text) and _word_share(text) < 0.25


def _word_share(text: str) -> float:
    """Share of the non-space characters that belong to real-looking words (a vowel, sane case)."""
    chars = [ch for ch in text if not ch.isspace()]
    words = re.findall(r"[A-Za-z]+", text)
    wordlike = sum(len(w) for w in words if len(w) >= 3 and set(w) & _VOWELS and _plausible_case(w))
    return wordlike / max(1, len(chars))


def _plausible_case(word: str) -> bool:
    return word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())


_NORMAL_TOKEN = re.compile(
    r"""^(["'(\[]?([A-Za-z]+(-[A-Za-z]+)*-?|\d+[A-Za-z]?|[A-Za-z]\d*)[)\]"']?[.,;:!?]*"""  # word, (2), b., 36.
    r"|[A-Za-z]+\(?\d+[A-Za-z]?[)1]?[.…]*"  # heading glued to its number: "Pasal22...", "Ayat(21"
    r"|[.…]+|[-–—]"  # dots of a catchword, a dash
    r"|\w{1,3}[.)]\w+[.…]*"  # marker glued to its word: "e.bekerja...", "5.Manajemen"
    r"|\w+/\w+[.,;:]*"  # "dan/atau"
    r"|\(?(Rp)?\d+([.,/%]\d+)*%?\)?[.,;:]*"  # amounts, dates, shares: "Rp1.000.000,00", "25%"
    r"|[A-Za-z]+(-\d+)+[.,;:]*"  # "ke-15"
    r"|[a-z]{2,}([./:@][a-z0-9]{2,})+[.,;:]*)$"  # addresses: "www.bawaslu.go.id"
)


def _pages(lines: list[Line]) -> list[list[int]]:
    """Indexes of ``lines`` grouped by page, in order; one group when there are no pages."""
    groups: list[list[int]] = []
    last = object()
    for i, line in enumerate(lines):
        if line.page != last or not groups:
            groups.append([])
            last = line.page
        groups[-1].append(i)
    return groups


def _paged(lines: list[Line]) -> bool:
    return any(line.page is not None for line in lines)


# --- rules -------------------------------------------------------------------------------------


def recover_pages_from_page_numbers(lines: list[Line], rec: _Recorder) -> list[Line]:
    """Give a text copy of a paged document its pages back, from its page breaks.

    OCR text copies keep the furniture of each page top ("PRESIDEN / REPUBLIK INDONESIA / -2-").
    A run of such lines that holds a page number, or follows a footer, starts a new page.
    We count physical pages, so the Penjelasan (printed numbers restart at 1) continues after
    the body, as in the PDF.
    """
    if _paged(lines) or sum(is_page_number(line.text) for line in lines) < 3:
        return lines
    page, seen_footer, out = 1, False, []
    i = 0
    while i < len(lines):
        run_end = _furniture_run_end(lines, i)
        if run_end > i and _starts_page(lines[i:run_end], seen_footer):
            page += 1
            seen_footer = False
            out.extend(replace(line, page=page) for line in lines[i:run_end])
            i = run_end
            continue
        seen_footer = seen_footer or bool(_SK_FOOTER.match(lines[i].text.strip()))
        out.append(replace(lines[i], page=page))
        i += 1
    if page > 1:
        rec.repaired("page_from_page_numbers", "no pages", f"{page} pages")
        return out
    return lines


def _is_top_furniture(text: str) -> bool:
    return not text.strip() or is_page_number(text) or is_running_head(text, allow_trailing_punct=True)


def _furniture_run_end(lines: list[Line], start: int) -> int:
    end = start
    while end < len(lines) and _is_top_furniture(lines[end].text):
        end += 1
    if end < len(lines) and glued_page_number(lines[end].text):
        end += 1  # "-2t-Paragraf 6": the page number glued to the first line
    return end


def _starts_page(run: list[Line], seen_footer: bool) -> bool:
    texts = [line.text for line in run]
    has_number = any(is_page_number(t) or glued_page_number(t) for t in texts)
    has_head = any(t.strip() and is_running_head(t, allow_trailing_punct=True) for t in texts)
    has_blank = any(not t.strip() for t in texts)
    return has_number or (has_head and (seen_footer or has_blank) and len(run) >= 2)


# "www.hukumonline.com/pusatdata": a site address standing alone on a line.
_WEB_HEADER = re.compile(r"^(?:https?://)?www\.[\w-]+(?:\.[\w-]+)+(?:/\S*)?$", re.IGNORECASE)
# "2 /283" (or "2 / 4"), alone or at the end of the page's last line of text.
_WEB_FOOTER = re.compile(r"(?:^|\s)(\d{1,4})\s?/\s?(\d{1,4})\s*$")
MIN_WEB_PAGES = 3  # a header or footer repeated on fewer pages is not furniture


def remove_web_copy_furniture(lines: list[Line], rec: _Recorder) -> list[Line]:
    """Drop the site header and the "N /M" footer of a web copy, giving each line its page.

    Only when the same total M ends at least three lines whose N count up from 1: "1/1.000"
    or "2 / 3" inside the text does not qualify. A footer glued to text is cut off the line,
    keeping the text. Header lines are dropped only when one address repeats on several pages.
    """
    if _paged(lines):
        return lines
    footers = {i: m for i, line in enumerate(lines) if (m := _WEB_FOOTER.search(line.text))}
    totals = Counter(m.group(2) for m in footers.values())
    if not totals:
        return lines
    total, _ = totals.most_common(1)[0]
    pages = [i for i, m in footers.items() if m.group(2) == total]
    numbers = [int(footers[i].group(1)) for i in pages]
    if len(pages) < MIN_WEB_PAGES or numbers != list(range(1, len(pages) + 1)):
        return lines
    headers = Counter(line.text.strip() for line in lines if _WEB_HEADER.match(line.text.strip()))
    header = {text for text, n in headers.items() if n >= MIN_WEB_PAGES}
    out: list[Line] = []
    page, ends = 1, set(pages)
    for i, line in enumerate(lines):
        text = line.text
        if text.strip() in header:
            rec.removed("web_header", text.strip())
            continue
        if i in ends:
            match = footers[i]
            rec.removed("web_footer", match.group(0).strip())
            text = text[: match.start()].rstrip()
        if text.strip() or not line.text.strip():
            out.append(replace(line, text=text, page=page))
        if i in ends:
            page += 1
    return out


def remove_running_heads_and_page_numbers(lines: list[Line], rec: _Recorder) -> list[Line]:
    """Drop "PRESIDEN / REPUBLIK INDONESIA", "SALINAN" and "- 2 -" at the top of each page.

    Only a run of such lines near the top of a page goes: the run must start the page, or hold
    the page number. So "PRESIDEN REPUBLIK INDONESIA" inside the text (the "Dengan Persetujuan
    Bersama ... dan PRESIDEN REPUBLIK INDONESIA" formula) and the signature block stay.
    """
    if not _paged(lines):
        return lines
    drop: set[int] = set()
    unglue: dict[int, str] = {}
    pages = _pages(lines)
    first_page = pages[0]  # page 1 has a head ("SALINAN / PRESIDEN / ...") but no page number
    for page in pages:
        for start in range(min(TOP_WINDOW, len(page))):
            run = _top_run(lines, page, start)
            if not run:
                continue
            texts = [lines[i].text for i in run]
            holds_number = any(is_page_number(t) or glued_page_number(t) for t in texts)
            if start == 0 or holds_number or page is first_page:
                for i in run:
                    glued = glued_page_number(lines[i].text)
                    if glued and not is_page_number(lines[i].text):
                        unglue[i] = glued.group(2)
                        rec.removed("page_number", glued.group(1))
                    else:
                        drop.add(i)
                        number = is_page_number(lines[i].text) or _HALF_PAGE_NUMBER.match(lines[i].text.strip())
                        rule = "page_number" if number else "running_head"
                        if lines[i].text.strip():
                            rec.removed(rule, lines[i].text)
                break
    return [
        replace(line, text=unglue[i]) if i in unglue else line for i, line in enumerate(lines) if i not in drop
    ]


def _top_run(lines: list[Line], page: list[int], start: int) -> list[int]:
    """Indexes of the furniture run starting at ``page[start]`` (empty if none starts there)."""
    run = []
    for pos in range(start, len(page)):
        i = page[pos]
        text = lines[i].text
        if not text.strip() and run:
            run.append(i)
            continue
        if is_page_number(text) or _is_head_in_run(lines, page, pos):
            run.append(i)
            continue
        if run and _HALF_PAGE_NUMBER.match(text.strip()) and is_running_head(lines[run[-1]].text, True):
            run.append(i)
            continue
        if run and glued_page_number(text):
            run.append(i)
        break
    return run if any(lines[i].text.strip() for i in run) else []


def _is_head_in_run(lines: list[Line], page: list[int], pos: int) -> bool:
    # "REPIJBLIK INDONESIA," with an OCR comma is a head when the page number follows it.
    text = lines[page[pos]].text
    if is_running_head(text):
        return True
    following = lines[page[pos + 1]].text if pos + 1 < len(page) else ""
    return is_running_head(text, allow_trailing_punct=True) and is_page_number(following)


def remove_setneg_footers(lines: list[Line], rec: _Recorder) -> list[Line]:
    """Drop the "SK No 023649 A" footer (clean or OCR-garbled) at the foot of each page.

    A clean "SK No" line is furniture wherever it stands; garble only counts in the last lines of a page.
    """
    drop: set[int] = set()
    for i, line in enumerate(lines):
        if _SK_FOOTER.match(line.text.strip()):
            drop.add(i)
    if _paged(lines):
        for page in _pages(lines):
            for i in page[-TAIL_WINDOW:]:
                if is_setneg_footer(lines[i].text):
                    drop.add(i)
    for i in sorted(drop):
        rec.removed("setneg_footer", lines[i].text)
    return [line for i, line in enumerate(lines) if i not in drop]


def remove_stray_page_numbers(lines: list[Line], rec: _Recorder) -> list[Line]:
    """Drop "- 34 -" lines that OCR placed mid-page (signature pages in two columns)."""
    if not _paged(lines):
        return lines
    drop = {i for i, line in enumerate(lines) if is_page_number(line.text)}
    for i in sorted(drop):
        rec.removed("page_number", lines[i].text)
    return [line for i, line in enumerate(lines) if i not in drop]


def remove_page_break_blanks(lines: list[Line], rec: _Recorder) -> list[Line]:
    """Drop blank lines at the edges of pages: they only marked the break in text copies."""
    if not _paged(lines):
        return lines
    drop: set[int] = set()
    for page in _pages(lines):
        for seq in (page, list(reversed(page))):
            for i in seq:
                if lines[i].text.strip():
                    break
                drop.add(i)
    for _ in drop:
        rec.removed("page_break_blank", "")
    return [line for i, line in enumerate(lines) if i not in drop]


# OCR confusions of digits, used only inside markers and years.
_DIGIT_LOOKALIKES = str.maketrans({"I": "1", "l": "1", "L": "1", "t": "1", "i": "1", "O": "0", "o": "0"})
# Letter suffixes of inserted Pasal ("7A") run A..H; "L" after a digit is OCR for "1" ("Pasal 4L").
_PASAL_HEADING = re.compile(r"^Pasal\s*([0-9IlLtO][0-9IlLtO ]*?)\s*([A-H]?)$")
_PASAL_INLINE = re.compile(r"\bPasal\s+(\d{1,3})([lIL])(?=[\s,.;:)]|$)")
_AYAT_START = re.compile(r"^\(\s*(\d{1,2})\s*(\)|[1lI\]|}](?=\s))\s*")
_AYAT_HEADING = re.compile(r"^Ayat\s*\(\s*(\d{1,2})\s*(\)|[1lI\]|}])\s*$")
_AYAT_INLINE = re.compile(r"\b(ayat)\s*\(\s*(\d)\s*(\)|[1lI\]}](?=[\s,.;:]))", re.IGNORECASE)
_YEAR = re.compile(r"(?<![\w/.-])([12L][0-9OolIL]{3})(?![\w/-])")
_BAB_GLUED = re.compile(r"^BAB([IVXL]+)$")
_HURUF_GLUED = re.compile(r"^Huruf([a-z])$")


def reunite_split_pasal_headings(lines: list[Line], rec: _Recorder) -> list[Line]:
    """Put "Pasal" labels OCR'd apart from their numbers back together, page by page.

    PP 94/2021 p. 46: the OCR layer has "Pasal" four times at the top and "L2", "13", "l4", "15"
    alone further down. Only repaired when the counts match and the numbers run consecutively.
    """
    if not _paged(lines):
        return lines
    out = list(lines)
    drop: set[int] = set()
    for page in _pages(lines):
        labels = [i for i in page if lines[i].text.strip() == "Pasal"]
        numbers = [i for i in page if _LONE_NUMBER.match(lines[i].text.strip())]
        if not labels or len(labels) != len(numbers) or labels[-1] > numbers[0]:
            continue
        values = [int(lines[i].text.strip().translate(_DIGIT_LOOKALIKES)) for i in numbers]
        if values != list(range(values[0], values[0] + len(values))):
            continue
        for i, value in zip(numbers, values):
            out[i] = _record_repair(rec, "ocr_pasal_number", lines[i], lines[i].text, f"Pasal {value}")
        drop.update(labels)
    return [line for i, line in enumerate(out) if i not in drop]


_LONE_NUMBER = re.compile(r"^(?=.*\d)[0-9lLI]{1,3}$")


def repair_pasal_numbers(lines: list[Line], rec: _Recorder) -> list[Line]:
    """"Pasal 1 1", "Pasal I 1", "Pasal22", "Pasal 3O", "Pasal 2l" -> "Pasal 11", "Pasal 22", ...

    Roman "Pasal I" / "Pasal II" of amending laws hold no digit and are left alone.
    """
    out = []
    for line in lines:
        text = line.text.strip()
        fixed = text
        match = _PASAL_HEADING.match(text)
        if match and any(ch.isdigit() for ch in match.group(1)):
            number = match.group(1).replace(" ", "").translate(_DIGIT_LOOKALIKES)
            if number.isdigit():
                fixed = f"Pasal {int(number)}{match.group(2)}"
        fixed = _PASAL_INLINE.sub(lambda m: f"Pasal {m.group(1)}1", fixed)
        out.append(_record_repair(rec, "ocr_pasal_number", line, text, fixed))
    return out


def repair_ayat_markers(lines: list[Line], rec: _Recorder) -> list[Line]:
    """"(21 Jenis" -> "(2) Jenis", "(1 )" -> "(1)", "Ayat(21" -> "Ayat (2)", "ayat (21 huruf" -> "ayat (2) huruf".

    OCR reads the closing parenthesis as "1", "l" or "]"; an ayat marker always closes.
    """
    out = []
    for line in lines:
        text = line.text.strip()
        fixed = _AYAT_START.sub(lambda m: f"({m.group(1)}) ", text, count=1)
        fixed = _AYAT_HEADING.sub(lambda m: f"Ayat ({m.group(1)})", fixed)
        fixed = _AYAT_INLINE.sub(lambda m: f"{m.group(1)} ({m.group(2)})", fixed)
        out.append(_record_repair(rec, "ocr_ayat_marker", line, text, fixed.rstrip()))
    return out


def repair_angka_markers(lines: list[Line], rec: _Recorder) -> list[Line]:
    """Angka markers whose digits OCR split or misread, where the list sequence proves them.

    "1 1. Menteri" after "10." -> "11.", "L2. Instansi" after "11." -> "12.", and "f . ikut kampanye;"
    opening a list (previous line ends with ":" and "2." follows) -> "1. ikut kampanye;".
    """
    out = list(lines)
    last = 0
    for i, line in enumerate(lines):
        text = line.text.strip()
        clean_marker = re.match(r"^(\d{1,3})\.\s", text)
        if clean_marker:
            last = int(clean_marker.group(1))
            continue
        garbled = re.match(r"^([0-9IlLt][0-9IlLt ]{0,3}?)\s?\.\s+(?=\S)", text)
        if garbled and any(ch.isdigit() for ch in garbled.group(1)):
            number = garbled.group(1).replace(" ", "").translate(_DIGIT_LOOKALIKES)
            if number.isdigit() and int(number) == last + 1:
                fixed = f"{int(number)}. " + text[garbled.end() :]
                out[i] = _record_repair(rec, "ocr_angka_marker", line, text, fixed)
                last = int(number)
            continue
        if _opens_list_with_misread_one(lines, i):
            fixed = re.sub(r"^[fl!I]\s?\.\s*", "1. ", text)
            out[i] = _record_repair(rec, "ocr_angka_marker", line, text, fixed)
            last = 1
    return out


def _opens_list_with_misread_one(lines: list[Line], i: int) -> bool:
    if not re.match(r"^[fl!I]\s?\.\s+\S", lines[i].text.strip()) or i == 0:
        return False
    if not lines[i - 1].text.rstrip().endswith(":"):
        return False
    for later in lines[i + 1 : i + 8]:
        marker = re.match(r"^(\d{1,3}|[a-z])\.\s", later.text.strip())
        if marker:
            return marker.group(1) == "2"
    return False


def repair_years(lines: list[Line], rec: _Recorder) -> list[Line]:
    """"2Ol4" -> "2014", "L945" -> "1945": years in references to other laws."""

    def fix(match: re.Match[str]) -> str:
        token = match.group(1)
        if token.isdigit() or sum(ch.isdigit() for ch in token) < 2:
            return token
        year = token.translate(_DIGIT_LOOKALIKES)
        return year if year.isdigit() and 1900 <= int(year) <= 2099 else token

    return [_record_repair(rec, "ocr_year", line, line.text, _YEAR.sub(fix, line.text)) for line in lines]


def repair_glued_headings(lines: list[Line], rec: _Recorder) -> list[Line]:
    """"BABIX" -> "BAB IX", "Hurufj" -> "Huruf j": OCR dropped the space after a heading word."""
    out = []
    for line in lines:
        text = line.text.strip()
        fixed = _BAB_GLUED.sub(r"BAB \1", text)
        fixed = _HURUF_GLUED.sub(r"Huruf \1", fixed)
        out.append(_record_repair(rec, "ocr_heading_space", line, text, fixed))
    return out


def _record_repair(rec: _Recorder, rule: str, line: Line, before: str, after: str) -> Line:
    if after == before:
        return line
    rec.repaired(rule, before, after)
    return replace(line, text=after)


_TRAILING_DOTS = re.compile(r"(\s*\.\s*){2,}$|\s*…$")


def remove_catchwords(lines: list[Line], rec: _Recorder) -> list[Line]:
    """Drop the catchword at the foot of a page: the first words of the next page, printed twice.

    "5. membuat" / "e.bekerja..." / "Pasal 12 . . ." at the foot is dropped when the next page
    starts with the same words (compared without spaces and punctuation, tolerating OCR noise).
    """
    if not _paged(lines):
        return lines
    drop: set[int] = set()
    pages = [[i for i in page if lines[i].text.strip()] for page in _pages(lines)]
    for page, next_page in zip(pages, pages[1:]):
        if not page or not next_page:
            continue
        next_lines = [lines[i].text for i in next_page[:8]]
        # The catchword is the last line; OCR of a text copy may leave a few real lines after it.
        for pos, i in enumerate(reversed(page[-CATCHWORD_WINDOW:])):
            if (pos == 0 or _TRAILING_DOTS.search(lines[i].text)) and _is_catchword(lines[i].text, next_lines):
                drop.add(i)
                rec.removed("catchword", lines[i].text)
                break
    return [line for i, line in enumerate(lines) if i not in drop]


def _is_catchword(foot: str, next_lines: list[str]) -> bool:
    """Does ``foot`` repeat the start of the next page? A dotted catchword ("Huruf c. . .") may match
    any of the first lines there, since OCR sometimes puts stray lines above the real first one."""
    dotted = bool(_TRAILING_DOTS.search(foot))
    words = _squash(_TRAILING_DOTS.sub("", foot))
    if not words or not next_lines or (len(foot) > 40 and not dotted):
        return False
    candidates = next_lines if dotted else next_lines[:1]
    return any(_same_start(words, _squash(line)) for line in candidates)


# Letters OCR reads for digits in a catchword's marker: "(s)KPU. . ." announces "(5) KPU ...".
_MARKER_LOOKALIKES = str.maketrans({"s": "5", "o": "0", "l": "1", "i": "1"})


def _same_start(words: str, top: str) -> bool:
    if words[-1:].isdigit() and top[len(words) : len(words) + 1].isdigit():
        return False  # "Pasal 1" does not announce "Pasal 12"
    if top.startswith(words) or top.startswith(words[:1].translate(_MARKER_LOOKALIKES) + words[1:]):
        return True
    return difflib.SequenceMatcher(None, words, top[: len(words)]).ratio() >= 0.8


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).lower()


_HYPHEN_END = re.compile(r"(\w+)-$")
_WORD_START = re.compile(r"^(\w+[.,;:)]*)(?=\s|$)")  # the word with the punctuation it carries


def join_hyphenated_words(lines: list[Line], rec: _Recorder) -> list[Line]:
    """Re-join words split at a line end: "menye-" + "lenggarakan" -> "menyelenggarakan".

    Real hyphens stay, with the word made whole on the first line: "Undang-" + "Undang Dasar" ->
    "Undang-Undang" / "Dasar", "perundang-" + "undangan" -> "perundang-undangan" (reduplication).
    """
    out = list(lines)
    emptied: set[int] = set()
    for i in range(len(out) - 1):
        end = _HYPHEN_END.search(out[i].text.rstrip())
        start = _WORD_START.match(out[i + 1].text.strip())
        if not end or not start or end.group(1).isdigit():
            continue
        left, right = end.group(1), start.group(1)
        if not _continues(left, right):
            continue
        keep_hyphen = _is_real_hyphen(left, right.rstrip(".,;:)"))
        joined = out[i].text.rstrip()[:-1] + ("-" if keep_hyphen else "") + right
        rest = out[i + 1].text.strip()[len(right) :].strip()
        rec.repaired("hyphen_kept" if keep_hyphen else "hyphenation", f"{left}-|{right}", joined.split()[-1])
        out[i] = replace(out[i], text=joined)
        out[i + 1] = replace(out[i + 1], text=rest)
        if not rest:
            emptied.add(i + 1)
    return [line for i, line in enumerate(out) if i not in emptied]


def _continues(left: str, right: str) -> bool:
    """Is ``right`` the rest of the word that ends in "``left``-"? A change of case says no: in a
    two-column letterhead OCR reads "KEPALA PERANGKAT DAERAH SE-" and then "Sifat : Penting"."""
    if left.islower() or right.islower():
        return True  # "menye-lenggarakan", "non-PNS"
    return _case_shape(left) == _case_shape(right)  # "Undang-Undang", "SE-KOTA"


def _case_shape(word: str) -> str:
    return "upper" if word.isupper() else "title" if word[:1].isupper() else "other"


def _is_real_hyphen(left: str, right: str) -> bool:
    if right[0].isupper() or right[0].isdigit():  # "Undang-Undang", "non-PNS", "ke-4"
        return True
    left, right = left.lower(), right.lower()
    # Reduplication: "sewenang-wenang", "sebaik-baiknya", "perundang-undangan", "masing-masing".
    for k in range(min(len(left), len(right)), 2, -1):
        if left[-k:] == right[:k] and k >= len(left) - 3:
            return True
    return False


RULES: list[Rule] = [
    remove_web_copy_furniture,
    recover_pages_from_page_numbers,
    remove_page_break_blanks,
    remove_running_heads_and_page_numbers,
    remove_setneg_footers,
    remove_stray_page_numbers,
    reunite_split_pasal_headings,
    repair_pasal_numbers,
    repair_ayat_markers,
    repair_angka_markers,
    repair_years,
    repair_glued_headings,
    remove_catchwords,
    join_hyphenated_words,
]
