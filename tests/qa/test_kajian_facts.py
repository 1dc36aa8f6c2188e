"""Reading a report with the shipped rules (no index needed): subject, election kind, acts."""

from __future__ import annotations

import pytest

from qa.kajian_facts import read_facts
from qa.kajian_rules import load_rules


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def test_the_subject_is_the_person_named_first(rules):
    facts = read_facts("Camat X mengajak para kepala desa memilih pasangan calon bupati nomor 1.", rules)
    assert facts.subject.id == "camat_lurah" and facts.subject.words == ["Camat"]
    assert "kepala_desa" in [f.id for f in facts.subjects[1:]]


def test_a_candidate_for_bupati_is_not_a_sitting_bupati(rules):
    facts = read_facts("Seorang PNS hadir di kampanye calon bupati dan calon wakil bupati.", rules)
    assert "kepala_daerah" not in [f.id for f in facts.subjects]
    assert facts.election == "pilkada"


def test_denied_acts_are_kept_apart(rules):
    facts = read_facts("Guru PNS hadir di kampanye tanpa atribut dan tidak memakai seragam dinas.", rules)
    assert "atribut" not in facts.act_ids() and "atribut" in facts.denied_ids()
    worn = read_facts("Guru PNS hadir di kampanye memakai seragam dinas.", rules)
    assert "atribut" in worn.act_ids() and worn.acts[-1].words == ["seragam dinas"]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("ASN ikut kampanye caleg DPRD", "pemilu"),
        ("ASN ikut kampanye pasangan calon wali kota", "pilkada"),
        ("ASN ikut kampanye", "tidak jelas"),
        ("ASN ikut kampanye capres dan calon bupati", "tidak jelas"),
    ],
)
def test_election_kind_or_an_open_question(rules, text, kind):
    facts = read_facts(text, rules)
    assert facts.election == kind
    assert bool(facts.election_note) == (kind == "tidak jelas")


@pytest.mark.parametrize(
    "text, words",
    [
        ("camat jadi timses paslon bupati", "jadi timses"),
        ("PNS menjadi tim sukses calon wali kota", "menjadi tim sukses"),
        ("guru PNS masuk tim pemenangan caleg", "masuk tim pemenangan"),
        ("kades dilibatkan dalam tim kampanye paslon", "dilibatkan dalam tim kampanye"),
        ("ASN jadi relawan paslon nomor 2", "jadi relawan"),
        ("lurah aktif sebagai relawan pasangan calon", "relawan pasangan calon"),
    ],
)
def test_being_on_a_campaign_team_is_taking_part_in_the_campaign(rules, text, words):
    facts = read_facts(text, rules)
    act = next(a for a in facts.acts if a.id == "ikut_kampanye")
    assert words in act.words


def test_a_campaign_team_named_only_as_the_reporter_is_no_act_of_the_subject(rules):
    facts = read_facts("Camat X dilaporkan oleh timses paslon A karena hadir di acara warga.", rules)
    assert "ikut_kampanye" not in facts.act_ids()


@pytest.mark.parametrize(
    "text, words, election",
    [
        ("pns boleh nyaleg gak?", "nyaleg", "pemilu"),
        ("sekda mau maju pilkada, wajib mundur?", "maju pilkada", "pilkada"),
        ("kades mau maju jadi caleg dprd", "maju jadi caleg", "pemilu"),
        ("Camat X mencalonkan diri sebagai calon bupati", "mencalonkan diri", "pilkada"),
    ],
)
def test_running_for_office_in_everyday_words(rules, text, words, election):
    facts = read_facts(text, rules)
    act = next(a for a in facts.acts if a.id == "mencalonkan_diri")
    assert words in act.words and facts.election == election


def test_going_forward_is_not_running_for_office(rules):
    assert "mencalonkan_diri" not in read_facts("PNS maju ke depan panggung kampanye", rules).act_ids()


@pytest.mark.parametrize(
    "text, words",
    [
        ("pj bupati ganti kepala dinas 3 bulan sebelum penetapan paslon", "ganti kepala dinas"),
        ("bupati nyopot camat sebulan sebelum pilkada", "nyopot camat"),
        ("wali kota melantik pejabat eselon II", "melantik pejabat"),
    ],
)
def test_replacing_officials_in_everyday_words(rules, text, words):
    facts = read_facts(text, rules)
    act = next(a for a in facts.acts if a.id == "penggantian_pejabat")
    assert act.words[0].startswith(words) and facts.subject.id == "kepala_daerah"
