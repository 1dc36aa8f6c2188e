"""The BM25 analyzer: markers and numbers as tokens, legal words kept, Sastrawi stems."""

from __future__ import annotations

import pytest

from qa.tokenization import stem, stopwords, tokenize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pasal 71", ["pasal_71"]),
        ("pasal 7A", ["pasal_7a"]),
        ("ayat (2)", ["ayat_2"]),
        ("ayat 2", ["ayat_2"]),
        ("huruf n", ["huruf_n"]),
        ("angka 3", ["angka_3"]),
        ("Pasal I angka 26", ["pasal_i", "angka_26"]),
        ("pasal 280 ayat (1) huruf j", ["pasal_280", "ayat_1", "huruf_j"]),
        ("BAB IX", ["bab_ix"]),
    ],
)
def test_markers_become_single_tokens(text, expected):
    assert tokenize(text) == expected


def test_numbers_are_kept_whole():
    assert tokenize("280") == ["280"]
    assert tokenize("6 (enam) bulan") == ["6", "enam", "bulan"]
    assert "600.000,00" in tokenize("denda paling sedikit Rp600.000,00")


def test_huruf_followed_by_a_word_is_not_a_marker():
    assert tokenize("huruf kapital") == ["huruf", "kapital"]


def test_legally_meaningful_words_survive_stopword_removal():
    # Sastrawi lists these as stopwords; dropping them would turn a prohibition into a permission.
    for word in ("tidak", "dapat", "boleh", "harus", "kecuali", "sebelum", "sesudah", "selama"):
        assert word not in stopwords()
    assert tokenize("PNS tidak dapat dipilih") == ["pns", "tidak", "dapat", "pilih"]


def test_plain_stopwords_are_dropped():
    assert tokenize("yang dan atau dengan untuk") == []


def test_words_are_lowercased_and_stemmed():
    assert tokenize("DILARANG") == ["larang"]
    assert tokenize("diberhentikan") == ["henti"]
    assert tokenize("pemilihan") == tokenize("dipilih") == ["pilih"]


def test_stems_are_cached_in_a_bounded_cache():
    from qa.tokenization import STEM_CACHE

    assert stem("berkampanye") == "kampanye"
    before = stem.cache_info()
    assert tokenize("berkampanye") == ["kampanye"]
    after = stem.cache_info()
    assert (after.hits, after.misses) == (before.hits + 1, before.misses)  # Sastrawi not asked again
    assert after.maxsize == STEM_CACHE == 100_000  # arbitrary words in questions cannot grow it without end


def test_query_and_provision_share_tokens():
    provision = "Pegawai ASN dilarang menjadi anggota dan/atau pengurus partai politik"
    query = "apakah asn boleh jadi pengurus partai?"
    shared = set(tokenize(provision)) & set(tokenize(query))
    assert {"asn", "jadi", "urus", "partai"} <= shared
