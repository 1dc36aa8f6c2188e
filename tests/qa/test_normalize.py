from qa.normalize import MAX_QUESTION_CHARS, clean_question, correct_typos, expand_query


def test_informal_question_gains_the_statute_words():
    query = expand_query("asn blh like postingan paslon gk?")
    assert query.startswith("asn boleh like unggahan paslon tidak")
    for words in ("aparatur sipil negara", "pasangan calon", "media sosial"):
        assert words in query


def test_english_question_gains_indonesian_terms():
    query = expand_query("Can a civil servant join a political party?")
    assert "pegawai negeri sipil" in query and "partai politik" in query


def test_numbers_and_markers_survive_expansion():
    assert expand_query("Pasal 71 ayat (2) UU Pilkada").startswith("pasal 71 ayat 2 uu pilkada")


def test_typos_are_corrected_against_the_vocabulary_only_when_close():
    vocab = {"kampanye", "netralitas", "pegawai", "dilarang"}
    assert correct_typos(["kampamye", "netrlitas", "pajak"], vocab) == ["kampanye", "netralitas", "pajak"]


def test_clean_question_strips_control_characters_and_cuts_overlong_input():
    text, warnings = clean_question("asn\x00 ikut\tkampanye\x1b?")
    assert text == "asn ikut kampanye ?" and warnings == []
    text, warnings = clean_question("kata " * 10_000)
    assert len(text) <= MAX_QUESTION_CHARS and len(warnings) == 1
    assert clean_question("   \n\t ") == ("", [])
