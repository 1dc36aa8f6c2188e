"""Questions as people type them -> text the retrievers understand.

Bawaslu staff write "asn blh ikut kampanye paslon gk?", "pns like postingan medsos", or ask
in English. The multilingual embedding copes with that as typed; BM25 only matches the
statutes' own words ("pasangan calon", "media sosial"), so the lexical query is the question
translated into them (:func:`translate`). Measured on the golden set, *adding* synonyms to
the question instead lowered hit@5 and MRR, so words are replaced, not added.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MAX_QUESTION_CHARS = 2000  # longer input is cut, with a warning, before retrieval

# Informal spelling -> standard word (replaces the token).
SLANG = {
    "gak": "tidak", "nggak": "tidak", "ngga": "tidak", "ga": "tidak", "gk": "tidak", "tdk": "tidak",
    "enggak": "tidak", "blh": "boleh", "bole": "boleh", "yg": "yang", "dgn": "dengan", "utk": "untuk",
    "untk": "untuk", "sbg": "sebagai", "klo": "kalau", "kalo": "kalau", "gimana": "bagaimana",
    "gmn": "bagaimana", "apakh": "apakah", "udh": "sudah", "udah": "sudah", "dah": "sudah",
    "sdh": "sudah", "blm": "belum", "tp": "tetapi", "tapi": "tetapi", "krn": "karena", "jd": "jadi",
    "jdi": "jadi", "org": "orang", "aja": "saja", "doang": "saja", "ikutan": "ikut", "pake": "pakai",
    "dpt": "dapat", "bs": "dapat", "bisa": "dapat", "hrs": "harus", "msh": "masih", "lg": "lagi",
    "sy": "saya", "aq": "saya", "gue": "saya", "kena": "dikenai", "dikenain": "dikenai",
    "ngelike": "menyukai", "nge-like": "menyukai", "ngeshare": "membagikan", "share": "membagikan",
    "posting": "unggahan", "postingan": "unggahan", "upload": "unggah", "foto": "foto",
    "pasal2": "pasal", "psl": "pasal", "psal": "pasal", "ayt": "ayat",
}

# Lay words and abbreviations the statutes never use -> the statutes' words (replace the token).
# ASN, PNS, TNI, KPU and the like stay: the statutes use them too.
ABBREVIATIONS = {
    "paslon": "pasangan calon",
    "capres": "calon presiden",
    "cawapres": "calon wakil presiden",
    "caleg": "calon anggota legislatif",
    "nyaleg": "mencalonkan diri calon anggota legislatif",
    "cakada": "calon kepala daerah",
    "kada": "kepala daerah",
    "kades": "kepala desa",
    "pilkada": "pemilihan",
    "pilkda": "pemilihan",
    "pemilu": "pemilihan umum",
    "medsos": "media sosial",
    "parpol": "partai politik",
    "timses": "tim kampanye",
    "hukdis": "hukuman disiplin",
    "nyalon": "mencalonkan diri",
    "dipecat": "diberhentikan",
    "pecat": "pemberhentian",
    "petahana": "petahana",
}

# English questions: key terms -> Indonesian statute words.
ENGLISH = {
    "civil servant": "pegawai negeri sipil pegawai asn",
    "civil servants": "pegawai negeri sipil pegawai asn",
    "state apparatus": "aparatur sipil negara",
    "political party": "partai politik",
    "political parties": "partai politik",
    "campaign": "kampanye",
    "campaigns": "kampanye",
    "election": "pemilihan umum pemilihan",
    "elections": "pemilihan umum pemilihan",
    "regional head": "kepala daerah",
    "governor": "gubernur",
    "regent": "bupati",
    "mayor": "walikota",
    "candidate": "calon",
    "candidates": "calon",
    "neutrality": "netralitas",
    "neutral": "netral netralitas",
    "sanction": "sanksi hukuman",
    "sanctions": "sanksi hukuman",
    "penalty": "sanksi hukuman pidana",
    "punishment": "hukuman disiplin",
    "prohibited": "dilarang larangan",
    "forbidden": "dilarang larangan",
    "allowed": "boleh dapat",
    "may": "dapat boleh",
    "must": "wajib harus",
    "obligation": "kewajiban wajib",
    "obligations": "kewajiban wajib",
    "member": "anggota",
    "join": "menjadi anggota ikut",
    "social media": "media sosial",
    "dismissed": "diberhentikan",
    "dismissal": "pemberhentian",
    "discipline": "disiplin",
    "code of ethics": "kode etik",
    "ethics": "kode etik",
    "leave": "cuti",
    "facilities": "fasilitas",
    "state facilities": "fasilitas negara",
    "revoked": "dicabut",
    "definition": "yang dimaksud dengan",
    "what is": "yang dimaksud dengan",
    "article": "pasal",
    "paragraph": "ayat",
    "law": "undang-undang",
    "government regulation": "peraturan pemerintah",
    "official": "pejabat",
    "officials": "pejabat",
    "village head": "kepala desa",
    "military": "tentara nasional indonesia",
    "police": "kepolisian",
    "support": "dukungan mendukung",
    "vote": "memilih suara",
    "voters": "pemilih",
}

_STANDARD_WORDS = frozenset(SLANG.values())
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


def translate(question: str, vocabulary: Iterable[str] | None = None) -> str:
    """The question in the statutes' words, lower-cased, for lexical search.

    Slang is standardized, lay abbreviations and English phrases are replaced by statute
    words, and with ``vocabulary`` (the corpus's words) typos are repaired. Numbers and
    markers ("pasal 71 ayat 2") pass through unchanged.
    """
    tokens = [SLANG.get(tok, tok) for tok in _TOKEN.findall(question.lower())]
    if vocabulary is not None:
        tokens = correct_typos(tokens, vocabulary)
    text = " ".join(ABBREVIATIONS.get(tok, tok) for tok in tokens)
    for pattern, value in _ENGLISH:
        text = pattern.sub(value, text)
    return text


def correct_typos(tokens: list[str], vocabulary: Iterable[str]) -> list[str]:
    """Replace words missing from the vocabulary by their closest known word, if close enough."""
    import difflib

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
