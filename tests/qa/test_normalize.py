import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

import pytest

from qa.normalize import (
    MAX_QUESTION_CHARS,
    clean_question,
    correct_typos,
    definition_terms,
    informal_words,
    standardize,
    looks_english,
    normalize_input,
    translate,
)


def test_informal_question_is_put_in_the_statutes_words():
    assert translate("asn blh like postingan paslon gk?") == "asn boleh like unggahan pasangan calon tidak"
    assert translate("pns masuk parpol bisa dipecat?") == "pns menjadi anggota partai politik dapat diberhentikan"


def test_informal_words_are_what_makes_a_question_everyday_speech():
    assert set(informal_words("pns masuk parpol bisa dipecat?")) == {"masuk parpol", "parpol", "bisa", "dipecat"}
    assert {"civil servant", "political party"} <= set(informal_words("Can a civil servant join a political party?"))
    # formal questions use election abbreviations too
    assert informal_words("Apa sanksi pidana politik uang dalam pilkada?") == []
    assert informal_words("Berapa lama masa kampanye Pemilu?") == []


def test_reduplication_written_with_a_2_is_spelled_out():
    assert translate("paslon ketahuan bagi2 duit ke pemilih") == "pasangan calon ketahuan memberikan uang ke pemilih"
    assert translate("kabid nyuruh staf2nya") == "kabid menyuruh staf-stafnya"
    assert translate("isi pasal2 itu") == "isi pasal itu"  # the slang table's own spelling wins
    assert translate("syarat s1 atau d3") == "syarat s1 atau d3"  # degrees are not reduplications


def test_standardize_fixes_chat_spelling_and_keeps_the_other_words():
    assert standardize("Kabid nyuruh staf2nya bagi2 duit ke paslon") == "kabid menyuruh staf-stafnya bagi-bagi uang ke paslon"
    assert standardize("lurah ngumpulin rt rw buat menangin paslon") == "lurah mengumpulkan rt rw buat memenangkan paslon"


def test_english_question_is_translated_into_statute_terms():
    query = translate("Can a civil servant join a political party?")
    assert "pegawai negeri sipil" in query and "partai politik" in query
    assert "civil servant" not in query


def test_numbers_and_markers_pass_through():
    assert translate("Pasal 71 ayat (2) UU Pilkada") == "pasal 71 ayat 2 uu pemilihan"
    assert translate("psl 280 huruf j") == "pasal 280 huruf j"


def test_typos_are_corrected_against_the_vocabulary_only_when_close():
    vocab = {"kampanye", "netralitas", "pegawai", "dilarang"}
    assert correct_typos(["kampamye", "netrlitas", "pajak"], vocab) == ["kampanye", "netralitas", "pajak"]
    assert translate("larangn kampamye", vocab | {"larangan"}) == "larangan kampanye"
    # question words are no typos of statute words
    assert correct_typos(["berapa", "kenapa"], vocab | {"beberapa", "kenap"}) == ["berapa", "kenapa"]


def test_clean_question_strips_control_characters_and_cuts_overlong_input():
    text, warnings = clean_question("asn\x00 ikut\tkampanye\x1b?")
    assert text == "asn ikut kampanye ?" and warnings == []
    text, warnings = clean_question("kata " * 10_000)
    assert len(text) <= MAX_QUESTION_CHARS and len(warnings) == 1
    assert clean_question("   \n\t ") == ("", [])


def test_english_questions_are_recognised_but_not_indonesian_ones():
    assert looks_english("Can a civil servant join a political party?")
    assert looks_english("What is the retirement age for senior executives under the 2023 ASN law?")
    assert not looks_english("asn boleh like postingan paslon?")
    assert not looks_english("Apakah PNS boleh menjadi anggota partai politik?")
    assert not looks_english("Pasal 71 ayat (2) UU Pilkada")


# ----------------------------------------------------------------- copy-pasted input

# Format characters PDFs and web pages leave in copied text (all Unicode category Cf).
INVISIBLE = [
    "\u00ad",  # soft hyphen
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",  # zero-width space, non-joiner, joiner, word joiner, BOM
    "\u200e", "\u200f", "\u061c",  # left-to-right, right-to-left, Arabic letter mark
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",  # bidi embeddings and overrides
    "\u2066", "\u2067", "\u2068", "\u2069",  # bidi isolates
]  # fmt: skip


def sprinkle(text: str, picks: list[tuple[int, str]]) -> str:
    """``text`` with invisible characters inserted at the given positions."""
    chars = list(text)
    for position, char in sorted(picks, reverse=True):
        chars.insert(position % (len(chars) + 1), char)
    return "".join(chars)


picks = st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(INVISIBLE)), max_size=8)


def test_exact_pasted_examples():
    assert clean_question("Pa\u00adsal 71 ayat (2) UU 1/2015") == ("Pasal 71 ayat (2) UU 1/2015", [])
    assert clean_question("Pasal 7\u200b1") == ("Pasal 71", [])
    assert clean_question("\ufeff\u202bPasal 71\u202c ayat\u00a0(2)") == ("Pasal 71 ayat (2)", [])
    # NFKC: full-width digits and letters, superscripts, ligatures
    assert normalize_input("Ｐａｓａｌ ７１ ayat (²)") == "Pasal 71 ayat (2)"
    assert normalize_input("ﬁnal") == "final"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), picks)
def test_invisible_characters_never_change_the_normalized_text(text, inserted):
    assert normalize_input(sprinkle(text, inserted)) == normalize_input(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_normalized_text_is_stable_and_holds_no_format_characters(text):
    once = normalize_input(text)
    assert normalize_input(once) == once
    assert not any(unicodedata.category(ch) == "Cf" for ch in once)
    cleaned, _ = clean_question(text)
    assert clean_question(cleaned)[0] == cleaned
    assert not any(unicodedata.category(ch) in ("Cf", "Cc") for ch in cleaned)


@pytest.mark.parametrize(
    ("question", "terms"),
    [
        ("Apa yang dimaksud dengan Majelis Kode Etik?", ["Majelis Kode Etik"]),
        ("Apa itu PPPK?", ["PPPK"]),
        ("Pengertian disiplin PNS menurut PP 94/2021", ["disiplin PNS"]),
        ("Siapa yang disebut Pemilih dalam UU Pilkada?", ["Pemilih"]),
        # Spoken order.
        ("Gakkumdu itu apa?", ["Gakkumdu"]),
        ("jiwa korps itu maksudnya apa sih?", ["jiwa korps"]),
        ("Yang dimaksud hukuman disiplin itu apa?", ["hukuman disiplin"]),
        # The setting is tried off when the whole phrase is not a term.
        ("Apa definisi kampanye dalam pemilihan kepala daerah?", ["kampanye dalam pemilihan kepala daerah", "kampanye"]),
        # Not definition questions.
        ("Apakah PNS boleh ikut kampanye?", []),
        ("pns boleh nyaleg gak?", []),
        ("Apa sanksi bagi PNS yang ikut kampanye?", []),
    ],
)
def test_the_term_a_definition_question_asks_about(question, terms):
    assert definition_terms(question) == terms
