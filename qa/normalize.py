"""Questions as people type them -> text the retrievers understand.

Bawaslu staff write "asn blh ikut kampanye paslon gk?", "pns like postingan medsos", or ask
in English. The multilingual embedding copes with that as typed; BM25 only matches the
statutes' own words ("pasangan calon", "media sosial"), so the lexical query is the question
translated into them (:func:`translate`). Measured on the golden set, *adding* synonyms to
the question instead lowered hit@5 and MRR, so words are replaced, not added.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import yaml

MAX_QUESTION_CHARS = 2000  # longer input is cut, with a warning, before retrieval


def _load_lexicon(path: Path) -> dict[str, dict[str, str]]:
    """The tables of ``qa/lexicon.yaml``: slang, abbreviations, situations, english."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    tables = {}
    for name in ("slang", "abbreviations", "situations", "english"):
        table = data.get(name) or {}
        bad = [k for k, v in table.items() if not isinstance(k, str) or k != k.lower() or not str(v).strip()]
        if bad:
            raise ValueError(f"{path}: {name}: keys must be lower case with a value: {bad}")
        tables[name] = {k: str(v) for k, v in table.items()}
    return tables


LEXICON_FILE = Path(__file__).with_name("lexicon.yaml")
_LEXICON = _load_lexicon(LEXICON_FILE)
SLANG = _LEXICON["slang"]  # informal spelling -> standard word (replaces the token)
ABBREVIATIONS = _LEXICON["abbreviations"]  # lay words -> the statutes' words (replaces the token)
SITUATIONS = _LEXICON["situations"]  # everyday phrases -> the legal term ("seragam dinas" -> "atribut pns")
ENGLISH = _LEXICON["english"]  # English terms -> statute words
# Abbreviations formal questions use too ("sanksi politik uang dalam pilkada"): rewritten for
# BM25 like the rest, but they do not make a question informal.
FORMAL = frozenset({"pilkada", "pilkda", "pemilu", "sk"})

# Question words the statutes never use: typo repair would turn "berapa" into "beberapa".
_QUESTION_WORDS = frozenset(
    "berapa berapakah kenapa mengapa bagaimana bagaimanakah dimana dimanakah kemana kapan kapankah "
    "siapa siapakah apakah bolehkah bisakah haruskah wajibkah".split()
)
_STANDARD_WORDS = frozenset(SLANG.values()) | _QUESTION_WORDS
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_TOKEN = re.compile(r"[0-9a-z]+(?:[-/][0-9a-z]+)*")


def _strip_invisible(text: str) -> str:
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def normalize_input(text: str) -> str:
    """Copy-pasted text as typed: invisible characters removed, then Unicode NFKC.

    Text copied from PDFs and web pages carries format characters (Unicode category Cf):
    soft hyphens, zero-width spaces and joiners, bidi marks, byte-order marks. Invisible on
    screen, they split words and numbers for the parsers ("Pa\u00adsal 7\u200b1" would not read
    as Pasal 71), so they go first. NFKC then folds full-width forms, ligatures and
    superscripts to plain characters ("\uff17\uff11" -> "71"); what it composes is stripped again.
    """
    return _strip_invisible(unicodedata.normalize("NFKC", _strip_invisible(text)))


def clean_question(question: str) -> tuple[str, list[str]]:
    """Make raw input safe to process: strip invisible and control characters, fold width,
    cut overlong text.

    Returns the cleaned question and warnings (in Indonesian) about what was changed.
    The text is only ever used as data, never executed or interpreted as instructions.
    """
    warnings: list[str] = []
    text = normalize_input(question or "")
    text = _CONTROL.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > MAX_QUESTION_CHARS:
        text = text[:MAX_QUESTION_CHARS].rsplit(" ", 1)[0]
        warnings.append(
            f"Pertanyaan terlalu panjang; hanya {MAX_QUESTION_CHARS} karakter pertama yang diproses."
        )
    return text, warnings


def _phrases(table: dict[str, str]) -> list[tuple[re.Pattern[str], str]]:
    # Longest phrases first so "civil servants" wins over "civil servant".
    return [
        (re.compile(rf"\b{re.escape(key)}\b"), value)
        for key, value in sorted(table.items(), key=lambda kv: -len(kv[0]))
    ]


_ENGLISH = _phrases(ENGLISH)
_SITUATIONS = _phrases(SITUATIONS)


_ENGLISH_FUNCTION_WORDS = frozenset(
    "the a an is are was were be been do does did can could may might must should would will "
    "what which who whom when where why how of for to in on at by from with under about into "
    "i you he she it we they my your their this that these those there not no".split()
)


def looks_english(question: str) -> bool:
    """True for a question written in English ("Can a civil servant join a party?")."""
    tokens = _TOKEN.findall(question.lower())
    hits = sum(tok in _ENGLISH_FUNCTION_WORDS for tok in tokens)
    return hits >= 2 and hits >= 0.2 * len(tokens)


# Chat writes a reduplicated word with a 2: "bagi2 duit", "staf2nya", "diem2".
_REDUPLICATION = re.compile(r"\b([a-z]{3,})2(nya)?\b")


def _spell_reduplication(text: str) -> str:
    """"bagi2" -> "bagi-bagi" (words the slang table spells otherwise, like "pasal2", stay)."""
    return _REDUPLICATION.sub(lambda m: m.group(0) if m.group(0) in SLANG else f"{m[1]}-{m[1]}{m[2] or ''}", text)


def standardize(question: str) -> str:
    """The question lower-cased with its chat spelling standardized ("nyuruh staf2nya bagi2
    duit" -> "menyuruh staf-stafnya bagi-bagi uang") and its other words as typed: for readers
    whose patterns know the standard words but not every way of typing them (the situation
    reader, :mod:`qa.situation`)."""
    lowered = _spell_reduplication(question.lower())
    return _TOKEN.sub(lambda m: SLANG.get(m.group(0), m.group(0)), lowered)


def translate(question: str, vocabulary: Iterable[str] | None = None) -> str:
    """The question in the statutes' words, lower-cased, for lexical search.

    Everyday phrases for a situation become the legal term ("seragam dinas" -> "atribut pns"),
    slang is standardized, lay abbreviations and English phrases are replaced by statute words, and with ``vocabulary`` (the corpus's words) typos are repaired. Numbers and
    markers ("pasal 71 ayat 2") pass through unchanged.
    """
    lowered = _spell_reduplication(question.lower())
    for pattern, value in _SITUATIONS:
        lowered = pattern.sub(value, lowered)
    tokens = [SLANG.get(tok, tok) for tok in _TOKEN.findall(lowered)]
    if vocabulary is not None:
        tokens = correct_typos(tokens, vocabulary)
    text = " ".join(ABBREVIATIONS.get(tok, tok) for tok in tokens)
    for pattern, value in _ENGLISH:
        text = pattern.sub(value, text)
    return text


def informal_words(question: str) -> list[str]:
    """The words of ``question`` the lexicon rewrites as everyday speech: slang, lay abbreviations,
    situation phrases, English. Election abbreviations formal writing uses too (pilkada, pemilu)
    do not count."""
    lowered = question.lower()
    found = [m.group(0) for m in _REDUPLICATION.finditer(lowered) if m.group(0) not in SLANG]
    lowered = _spell_reduplication(lowered)
    found += [m.group(0) for pattern, _ in _SITUATIONS for m in pattern.finditer(lowered)]
    found += [m.group(0) for pattern, _ in _ENGLISH for m in pattern.finditer(lowered)]
    for tok in _TOKEN.findall(lowered):
        if (tok in SLANG and SLANG[tok] != tok) or (tok in ABBREVIATIONS and ABBREVIATIONS[tok] != tok and tok not in FORMAL):
            found.append(tok)
    return found


# "apa yang dimaksud dengan X", "apa itu X", "definisi X", "pengertian X menurut UU ...",
# "siapa yang disebut X"; and the spoken order "X itu apa?", "X itu maksudnya apa?",
# "yang dimaksud X itu apa?".
_DEFINITION_PREFIX = re.compile(
    r"^\s*(?:apa(?:kah)?\s+(?:yang\s+)?(?:dimaksud|arti|pengertian|definisi)\s+(?:dengan|dari)?\s*|apa\s+itu\s+|"
    r"(?:definisi|pengertian|arti)\s+(?:dari\s+)?|siapa\s+yang\s+(?:disebut|dimaksud(?:\s+dengan)?)\s+|"
    r"yang\s+dimaksud\s+(?:dengan\s+)?(?=.+\bitu\s+apa))"
    r"(?P<term>.+?)\s*(?:(?:menurut|dalam|di|pada)\s+(?:uu|undang|pp|peraturan|perppu)\b.*)?"
    r"(?:\s+itu\s+apa)?[?.!\s]*$",
    re.I,
)
_DEFINITION_SUFFIX = re.compile(
    r"^\s*(?P<term>[^?.!]+?)\s+itu\s+(?:apa|apaan|maksudnya\s+apa|artinya\s+apa|apa\s+(?:maksudnya|artinya))"
    r"(?:\s+(?:sih|ya))?[?.!\s]*$",
    re.I,
)
# The setting a term is asked in ("kampanye dalam pemilihan kepala daerah"): tried without it
# when the whole phrase is not a defined term.
_TERM_SETTING = re.compile(r"\s+(?:dalam|menurut|pada|di|bagi|untuk)\s+.+$", re.I)


def definition_terms(question: str) -> list[str]:
    """The term a definition question asks about, then the same without its setting
    ("kampanye dalam pemilihan kepala daerah", "kampanye"); [] for other questions."""
    match = _DEFINITION_PREFIX.match(question) or _DEFINITION_SUFFIX.match(question)
    if not match:
        return []
    term = match.group("term").strip().strip("\"“”'")
    bare = _TERM_SETTING.sub("", term).strip()
    return [term] if bare == term or not bare else [term, bare]


def correct_typos(tokens: list[str], vocabulary: Iterable[str]) -> list[str]:
    """Replace words missing from the vocabulary by their closest known word, if close enough."""
    vocab = vocabulary if isinstance(vocabulary, set | frozenset) else set(vocabulary)
    by_initial: dict[str, list[str]] = {}
    for word in vocab:
        if len(word) > 3:
            by_initial.setdefault(word[0], []).append(word)
    fixed = []
    for tok in tokens:
        if len(tok) <= 4 or tok in vocab or tok.isdigit() or tok in _STANDARD_WORDS:
            fixed.append(tok)
            continue
        candidates = difflib.get_close_matches(tok, by_initial.get(tok[0], []), n=1, cutoff=0.84)
        fixed.append(candidates[0] if candidates else tok)
    return fixed
