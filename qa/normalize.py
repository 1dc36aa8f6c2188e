"""Questions as people type them -> text the retrievers understand.

Bawaslu staff write "asn blh ikut kampanye paslon gk?", "pns like postingan medsos", or ask
in English. The statutes say "Pegawai ASN", "pasangan calon", "media sosial". Retrieval works
on the statutes' words, so a question is expanded with them: abbreviations and slang are
*added to* the question (the original words stay, so an exact "Pasal 71" is never lost).
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
    "pasal2": "pasal", "psl": "pasal", "ayt": "ayat",
}

# Abbreviations and lay terms -> the statutes' words (added beside the token).
EXPANSIONS = {
    "asn": "aparatur sipil negara pegawai asn",
    "pns": "pegawai negeri sipil pns pegawai asn",
    "pppk": "pegawai pemerintah dengan perjanjian kerja",
    "pegawai negeri": "pegawai negeri sipil pns",
    "paslon": "pasangan calon",
    "capres": "calon presiden",
    "cawapres": "calon wakil presiden",
    "caleg": "calon anggota dewan perwakilan rakyat",
    "cakada": "calon kepala daerah",
    "kada": "kepala daerah",
    "pilkada": "pemilihan gubernur bupati walikota kepala daerah",
    "pemilu": "pemilihan umum",
    "medsos": "media sosial",
    "parpol": "partai politik",
    "tni": "tentara nasional indonesia tni",
    "polri": "kepolisian negara republik indonesia polri",
    "bawaslu": "badan pengawas pemilihan umum bawaslu",
    "kpu": "komisi pemilihan umum kpu",
    "kasn": "komisi aparatur sipil negara",
    "bkn": "badan kepegawaian negara",
    "ppk": "pejabat pembina kepegawaian",
    "hukdis": "hukuman disiplin",
    "sanksinya": "sanksi hukuman",
    "sanksi": "sanksi hukuman disiplin",
    "hukuman": "hukuman sanksi",
    "netral": "netralitas",
    "like": "menyukai memberikan dukungan media sosial",
    "kampanye": "kampanye",
    "cuti": "cuti di luar tanggungan negara",
    "petahana": "petahana gubernur bupati walikota",
    "nyalon": "mencalonkan diri calon",
    "dipecat": "diberhentikan tidak dengan hormat",
    "pecat": "pemberhentian tidak dengan hormat",
    "mutasi": "penggantian pejabat mutasi",
    "fasilitas": "fasilitas negara",
    "dilarang": "dilarang larangan",
    "larangan": "larangan dilarang",
    "kewajiban": "kewajiban wajib",
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
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_TOKEN = re.compile(r"[0-9a-z]+(?:[-/][0-9a-z]+)*")


def clean_question(question: str) -> tuple[str, list[str]]:
    """Make raw input safe to process: strip control characters, fold width, cut overlong text.

    Returns the cleaned question and warnings (in Indonesian) about what was changed.
    The text is only ever used as data, never executed or interpreted as instructions.
    """
    warnings: list[str] = []
    text = unicodedata.normalize("NFKC", question or "")
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
_EXPANSIONS = _phrases(EXPANSIONS)


def expand_query(question: str, vocabulary: Iterable[str] | None = None) -> str:
    """The question plus the statute words it stands for, lower-cased.

    ``vocabulary`` (the index's words) enables typo repair: an unknown word close to a known
    one ("kampamye" -> "kampanye") is corrected.
    """
    text = question.lower()
    tokens = [SLANG.get(tok, tok) for tok in _TOKEN.findall(text)]
    if vocabulary is not None:
        tokens = correct_typos(tokens, vocabulary)
    base = " ".join(tokens)
    added: list[str] = []
    for table in (_ENGLISH, _EXPANSIONS):
        for pattern, value in table:
            if pattern.search(base):
                added.append(value)
    return " ".join([base, *added]).strip()


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
