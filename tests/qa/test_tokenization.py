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


def test_stems_are_cached(monkeypatch):
    import qa.tokenization as tok

    monkeypatch.setattr(tok, "_stems", dict(tok._stems))  # this test's edits stay in this test
    assert stem("kampanye") == "kampanye"
    assert tok._stems["kampanye"] == "kampanye"
    tok._stems["berkampanye"] = "STEM-FROM-CACHE"  # a cached stem is used without asking Sastrawi
    assert tokenize("berkampanye") == ["STEM-FROM-CACHE"]
    monkeypatch.setattr(tok, "_stems", {})
    assert stem("berkampanye") == "kampanye"


def test_query_and_provision_share_tokens():
    provision = "Pegawai ASN dilarang menjadi anggota dan/atau pengurus partai politik"
    query = "apakah asn boleh jadi pengurus partai?"
    shared = set(tokenize(provision)) & set(tokenize(query))
    assert {"asn", "jadi", "urus", "partai"} <= shared
