"""The lexicon of informal Indonesian (qa/lexicon.yaml) and what it does to questions."""

from __future__ import annotations

import pytest
import yaml

from qa.normalize import ABBREVIATIONS, LEXICON_FILE, SITUATIONS, SLANG, _load_lexicon, translate


def test_the_shipped_lexicon_is_well_formed():
    data = yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8"))
    assert set(data) == {"slang", "abbreviations", "situations", "english"}
    for table in data.values():
        assert all(k == k.lower().strip() and str(v).strip() for k, v in table.items())
    # A word is rewritten by one table only, so the order of the tables cannot matter.
    assert not set(SLANG) & set(ABBREVIATIONS)
    assert not set(SITUATIONS) & set(ABBREVIATIONS)


def test_a_bad_entry_is_refused(tmp_path):
    path = tmp_path / "lexicon.yaml"
    path.write_text("slang: {Gak: tidak}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="lower case"):
        _load_lexicon(path)


@pytest.mark.parametrize(
    ("question", "lexical"),
    [
        ("camat pakai seragam dinas di deklarasi paslon", "camat pakai atribut pns di deklarasi pasangan calon"),
        ("pns foto bareng paslon boleh gak", "pns foto bersama pasangan calon boleh tidak"),
        ("kades dilibatkan timses", "kepala desa melibatkan tim kampanye"),
        ("asn ngajak keluarga milih paslon lewat grup wa", "asn ajakan keluarga memilih pasangan calon lewat media sosial"),
        ("bupati ganti pejabat sebelum pilkada", "bupati penggantian pejabat sebelum pemilihan"),
        ("nyaleg harus mundur?", "mencalonkan diri calon anggota legislatif harus mengundurkan diri"),
        ("pns masuk parpol bisa dipecat?", "pns menjadi anggota partai politik dapat diberhentikan"),
        ("honorer masih boleh diangkat?", "pegawai non-asn masih boleh diangkat"),
        ("abis dapet sk, kapan berlaku?", "setelah mendapat keputusan kapan berlaku"),
        ("camat bikin program nguntungin calon", "camat membuat program menguntungkan calon"),
    ],
)
def test_situations_become_the_statutes_words(question, lexical):
    assert translate(question) == lexical
