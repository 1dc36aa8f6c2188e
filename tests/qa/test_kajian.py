"""Kajian over the real index of the mirror corpus (the session's ``full_data``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from qa.kajian import BERTENTANGAN, TERPENUHI, TIDAK_DISEBUT, EmptyReport, analyse, load_index_units, to_text

CAMAT = ("Camat X hadir di deklarasi pasangan calon bupati memakai seragam dinas dan mengajak para kepala desa "
         "memilih pasangan itu; foto-fotonya beredar di grup WhatsApp")  # fmt: skip


@pytest.fixture(scope="module")
def units(full_data):
    return load_index_units(full_data / "index")


def _provision(kajian, unit_id):
    found = [p for p in kajian.provisions if p.unit_id == unit_id]
    assert found, f"{unit_id} not among {kajian.provision_ids()}"
    return found[0]


def test_camat_at_a_declaration_in_uniform_calling_to_vote(units, manifest):
    k = analyse(CAMAT, units, manifest)
    assert k.subject.id == "camat_lurah" and k.subject_asn is True and k.subject.words == ["Camat"]
    assert k.election == "pilkada" and "pasangan calon bupati" in k.election_words
    # Attributes: PP 94/2021 Pasal 5 huruf n angka 2, sanctioned by Pasal 13 huruf g (sedang).
    attributes = _provision(k, "pp-94-2021/pasal-5/huruf-n/angka-2")
    assert attributes.quoted.citation.text == "menjadi peserta kampanye dengan menggunakan atribut partai atau atribut PNS;"
    assert [e.status for e in attributes.elements] == [TERPENUHI] * 3
    assert attributes.elements[2].words == ["seragam dinas"]
    sanction = {s.quoted.citation.unit_id: s for s in attributes.sanctions}
    assert sanction["pp-94-2021/pasal-13/huruf-g"].jenis == "disiplin"
    assert sanction["pp-94-2021/pasal-13/huruf-g"].quoted.pengantar.startswith("Hukuman Disiplin sedang")
    # Calls to vote: angka 6, sanctioned by Pasal 14 huruf i angka 4 (berat), the point that repeats it.
    calls = _provision(k, "pp-94-2021/pasal-5/huruf-n/angka-6")
    assert "pp-94-2021/pasal-14/huruf-i/angka-4" in [s.quoted.citation.unit_id for s in calls.sanctions]
    assert "mengajak para kepala desa memilih" in calls.elements[1].words
    # Pasal 71 ayat (1) UU 1/2015 as amended, criminal sanction Pasal 188.
    art71 = _provision(k, "uu-1-2015/pasal-71/ayat-1")
    assert art71.quoted.citation.short_label == "Pasal 71 ayat (1) UU 1/2015 sebagaimana telah beberapa kali diubah terakhir dengan UU 6/2020"
    assert [(s.jenis, s.quoted.citation.unit_id) for s in art71.sanctions] == [("pidana", "uu-1-2015/pasal-188")]
    # Every quote is the index's text; nothing for kepala desa (named, but not the subject).
    for p in k.provisions:
        assert p.quoted.citation.text == units[p.unit_id].text
    assert "kepala_desa" in [o.id for o in k.others]
    assert {g.id for g in k.gaps} == {"skb-netralitas", "surat-mendagri"}
    assert any(q.citation.unit_id == "pp-94-2021/pasal-24/ayat-1" for q in k.authorities)
    assert any(q.citation.unit_id == "uu-1-2015/pasal-135/ayat-1/huruf-d" for q in k.authorities)


def test_bupati_replacing_officials_without_a_date_leaves_the_time_element_open(units, manifest):
    k = analyse("Bupati Sleman mengganti tiga kepala dinas dan dua camat.", units, manifest)
    assert k.subject.id == "kepala_daerah"
    art = _provision(k, "uu-1-2015/pasal-71/ayat-2")
    time_element = next(e for e in art.elements if e.unsur == "waktu")
    assert time_element.kutipan == "6 (enam) bulan sebelum tanggal penetapan pasangan calon sampai dengan akhir masa jabatan"
    assert time_element.status == TIDAK_DISEBUT and time_element.words == []
    assert {s.quoted.citation.unit_id for s in art.sanctions} == {
        "uu-1-2015/pasal-190", "uu-1-2015/pasal-188", "uu-1-2015/pasal-71/ayat-5"}
    assert any("Waktu belum disebut" in q for q in k.open_questions)
    dated = analyse("Bupati Sleman mengganti tiga kepala dinas 9 bulan sebelum penetapan pasangan calon Pilkada.", units, manifest)
    assert next(e for e in _provision(dated, "uu-1-2015/pasal-71/ayat-2").elements if e.unsur == "waktu").status == BERTENTANGAN
    within = analyse("Bupati Sleman melantik pejabat baru 3 bulan sebelum penetapan pasangan calon.", units, manifest)
    assert next(e for e in _provision(within, "uu-1-2015/pasal-71/ayat-2").elements if e.unsur == "waktu").status == TERPENUHI


def test_asn_who_only_listens_without_attributes_meets_no_prohibition(units, manifest):
    k = analyse("Seorang guru PNS hanya hadir dan mendengarkan orasi kampanye pasangan calon bupati tanpa atribut apa pun.",
                units, manifest)  # fmt: skip
    assert k.subject.id == "pns" and k.provisions == []
    assert "atribut" in [a.id for a in k.denied]
    assert "surat-mendagri" in {g.id for g in k.gaps}


def test_kepala_desa_is_not_asn_and_gets_no_civil_service_discipline(units, manifest):
    k = analyse("Kepala Desa Sukamaju memakai kaos bergambar paslon dan mengajak warga memilih calon bupati nomor 2.",
                units, manifest)  # fmt: skip
    assert k.subject.id == "kepala_desa" and k.subject_asn is False
    assert not [p for p in k.provision_ids() if p.startswith("pp-94-2021")]
    assert "uu-1-2015/pasal-71/ayat-1" in k.provision_ids()
    assert "uu-desa" in {g.id for g in k.gaps}


def test_pemilu_report_names_the_missing_part_of_uu_7_2017(units, manifest):
    k = analyse("Camat Y ikut berkampanye untuk caleg DPRD pada Pemilu 2024 memakai mobil dinas.", units, manifest)
    assert k.election == "pemilu"
    assert not [p for p in k.provision_ids() if p.startswith("uu-1-2015")]
    assert "pp-94-2021/pasal-5/huruf-n/angka-1" in k.provision_ids()
    gap = next(g for g in k.gaps if g.id == "uu-pemilu-larangan")
    assert gap.document == "UU 7/2017" and "Pasal 1\u2013214" in gap.text
    assert gap.text.startswith("Pasal 280, 282, 283, 490, 494 UU 7/2017 sebagaimana telah diubah dengan UU 7/2023 belum ada di korpus")


def test_empty_report_is_refused(units, manifest):
    with pytest.raises(EmptyReport):
        analyse("  \n ", units, manifest)


def test_text_output_is_indonesian_and_names_elements(units, manifest):
    text = to_text(analyse(CAMAT, units, manifest))
    assert "Pasal 13 huruf g PP 94/2021" in text and "terpenuhi menurut uraian" in text
    assert "SKB 2/2022 tidak ada di korpus" in text


def _cli(args, data, stdin=None):
    env = {**os.environ, "RUJUKAN_DATA": str(data), "PYTHONPATH": os.getcwd()}
    return subprocess.run([sys.executable, "-c", "import cli, sys; sys.exit(cli.main())", "kajian", *args],
                          input=stdin, capture_output=True, text=True, env=env, timeout=120)  # fmt: skip


def test_cli_reads_argument_file_and_stdin_alike(full_data, tmp_path):
    report = tmp_path / "laporan.txt"
    report.write_text(CAMAT, encoding="utf-8")
    outs = [
        _cli([CAMAT, "--json"], full_data),
        _cli(["--file", str(report), "--json"], full_data),
        _cli(["-", "--json"], full_data, stdin=CAMAT),
    ]
    assert all(o.returncode == 0 for o in outs), [o.stderr for o in outs]
    parsed = [json.loads(o.stdout) for o in outs]
    for p in parsed:
        p.pop("elapsed_ms")
    assert parsed[0] == parsed[1] == parsed[2]
    ids = [k["unit_id"] for k in parsed[0]["ketentuan"]]
    assert "pp-94-2021/pasal-5/huruf-n/angka-2" in ids and parsed[0]["pemilihan"] == "pilkada"


def test_cli_errors_are_clear_and_indonesian(full_data, tmp_path):
    empty = _cli(["   "], full_data)
    assert empty.returncode == 2 and "Uraian kejadian kosong" in empty.stderr
    missing = _cli(["--file", str(tmp_path / "tidak-ada.txt")], full_data)
    assert missing.returncode == 2 and "tidak dapat dibaca" in missing.stderr
    none = _cli([], full_data)
    assert none.returncode == 2 and "rujukan kajian --help" in none.stderr
    no_index = _cli(["Camat hadir"], tmp_path)
    assert no_index.returncode == 1 and "indeks belum dibangun" in no_index.stderr
