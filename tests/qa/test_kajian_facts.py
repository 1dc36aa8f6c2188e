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
        ("pns boleh nyaleg gak?", "pemilu"),
        ("sekda mau maju pilkada", "pilkada"),
    ],
)
def test_election_kind_or_an_open_question(rules, text, kind):
    facts = read_facts(text, rules)
    assert facts.election == kind
    assert bool(facts.election_note) == (kind == "tidak jelas")


@pytest.mark.parametrize(
    "text, act_id, words",
    [
        # Being on a campaign team is taking part in the campaign.
        ("camat jadi timses paslon bupati", "ikut_kampanye", "jadi timses"),
        ("PNS menjadi tim sukses calon wali kota", "ikut_kampanye", "menjadi tim sukses"),
        ("guru PNS masuk tim pemenangan caleg", "ikut_kampanye", "masuk tim pemenangan"),
        ("kades dilibatkan dalam tim kampanye paslon", "ikut_kampanye", "dilibatkan dalam tim kampanye"),
        ("ASN jadi relawan paslon nomor 2", "ikut_kampanye", "jadi relawan"),
        ("lurah aktif sebagai relawan pasangan calon", "ikut_kampanye", "relawan pasangan calon"),
        ("camat ikut rapat tim pemenangan paslon di rumah makan", "ikut_kampanye", "ikut rapat tim pemenangan"),
        # Running for office.
        ("pns boleh nyaleg gak?", "mencalonkan_diri", "nyaleg"),
        ("sekda mau maju pilkada, wajib mundur?", "mencalonkan_diri", "maju pilkada"),
        ("kades mau maju jadi caleg dprd", "mencalonkan_diri", "maju jadi caleg"),
        ("Camat X mencalonkan diri sebagai calon bupati", "mencalonkan_diri", "mencalonkan diri"),
        # Replacing officials (the match runs on to the office: "melantik pejabat eselon").
        ("pj bupati ganti kepala dinas 3 bulan sebelum penetapan paslon", "penggantian_pejabat", "ganti kepala dinas"),
        ("bupati nyopot camat sebulan sebelum pilkada", "penggantian_pejabat", "nyopot camat"),
        ("wali kota melantik pejabat eselon II", "penggantian_pejabat", "melantik pejabat"),
    ],
)
def test_acts_in_everyday_words(rules, text, act_id, words):
    act = next(a for a in read_facts(text, rules).acts if a.id == act_id)
    assert any(w.startswith(words) for w in act.words)


def test_a_campaign_team_named_only_as_the_reporter_is_no_act_of_the_subject(rules):
    facts = read_facts("Camat X dilaporkan oleh timses paslon A karena hadir di acara warga.", rules)
    assert "ikut_kampanye" not in facts.act_ids()


def test_going_forward_is_not_running_for_office(rules):
    assert "mencalonkan_diri" not in read_facts("PNS maju ke depan panggung kampanye", rules).act_ids()
