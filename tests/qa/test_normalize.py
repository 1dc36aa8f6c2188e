from qa.normalize import MAX_QUESTION_CHARS, clean_question, correct_typos, looks_english, translate


def test_informal_question_is_put_in_the_statutes_words():
    assert translate("asn blh like postingan paslon gk?") == "asn boleh like unggahan pasangan calon tidak"
    assert translate("pns masuk parpol bisa dipecat?") == "pns masuk partai politik dapat diberhentikan"


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
