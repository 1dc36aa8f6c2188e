"""Indonesian analyzer for the BM25 index: lowercase, keep legal markers, drop stopwords, stem.

Legal text is searched by its markers as much as by its words, so the analyzer keeps
them as single tokens: "Pasal 71" -> ``pasal_71``, "ayat (2)" -> ``ayat_2``,
"huruf n" -> ``huruf_n``, "angka 3" -> ``angka_3``. Numbers stay tokens ("280",
"200.000.000,00"). Words go through Sastrawi's stemmer ("dilarang" -> "larang"),
whose results are cached (bounded: questions bring arbitrary words) because Sastrawi is slow.

The stopword list is Sastrawi's minus words that change the legal meaning of a
provision: "tidak", "dapat", "harus", "kecuali", "sebelum", ... A query asking what
an ASN *tidak boleh* do must not match the provisions saying what it *dapat* do
only by their nouns.
"""

from __future__ import annotations

import functools
import re
import threading

from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
from Sastrawi.Stemmer.Stemmer import Stemmer
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

# Words Sastrawi treats as stopwords but that carry legal meaning (prohibition,
# permission, obligation, exception, time limits, counts).
LEGALLY_MEANINGFUL = frozenset(
    {
        "tidak", "dapat", "boleh", "bisa", "harus", "seharusnya", "belum", "kecuali", "selain",
        "sebelum", "sesudah", "setelah", "selama", "sampai", "tanpa", "hanya", "sementara",
        "kembali", "antara", "dua", "melainkan", "setidaknya", "paling",
    }
)

# Marker words followed by their number or letter become one token.
_MARKER = re.compile(
    r"\b(?:"
    r"(pasal)\s+(\d+[a-z]?|[ivx]+)\b"
    r"|(ayat)\s*\(?\s*(\d+)\s*\)?"
    r"|(huruf)\s+\(?([a-z]{1,2})\b\)?"
    r"|(angka)\s+(\d+|[ivx]+)\b"
    r"|(bab)\s+([ivxl]+|\d+)\b"
    r")"
)
# Words (possibly hyphenated, "perundang-undangan"), numbers with separators, marker tokens.
_TOKEN = re.compile(r"[a-z]+_[0-9a-z]+|\d+(?:[.,]\d+)*|[a-z]+(?:-[a-z]+)*")

_lock = threading.Lock()
_stemmer = None
_stopwords: frozenset[str] | None = None


def stopwords() -> frozenset[str]:
    global _stopwords
    if _stopwords is None:
        _stopwords = frozenset(StopWordRemoverFactory().get_stop_words()) - LEGALLY_MEANINGFUL
    return _stopwords


# Distinct words kept stemmed: the corpus has tens of thousands; each question adds a few.
STEM_CACHE = 100_000


@functools.lru_cache(maxsize=STEM_CACHE)
def stem(word: str) -> str:
    """Sastrawi stem of one lowercase word, cached."""
    global _stemmer
    with _lock:  # Sastrawi's own cache is a plain dict shared by all callers
        if _stemmer is None:
            # Sastrawi looks root words up in a *list* (~1 ms a lookup, dozens per word);
            # a set makes stemming an unseen word about a thousand times faster.
            dictionary = ArrayDictionary()
            dictionary.words = frozenset(w for w in StemmerFactory().get_words() if w.strip())
            _stemmer = Stemmer(dictionary)
        return _stemmer.stem(word) or word


def _join_marker(match: re.Match[str]) -> str:
    word, value = (g for g in match.groups() if g is not None)
    return f" {word}_{value} "


def tokenize(text: str) -> list[str]:
    """Analyze ``text`` into BM25 tokens (used for documents and queries alike)."""
    text = _MARKER.sub(_join_marker, text.lower())
    sw = stopwords()
    tokens: list[str] = []
    for token in _TOKEN.findall(text):
        if "_" in token or token[0].isdigit():
            tokens.append(token)
        elif token not in sw and len(token) > 1:
            tokens.append(stem(token))
    return tokens


def tokenize_many(texts: list[str]) -> list[list[str]]:
    return [tokenize(t) for t in texts]
