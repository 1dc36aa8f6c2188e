"""The status of a provision, drawn by ``view.status`` the same way in Baca, Tanya and Cari, over the real
index of the mirror (``full_data``): warnings only for what needs attention, badges for the rest."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from corpus.manifest import load_manifest
from pages.view import CARI, TANYA

APP = str(Path(__file__).resolve().parents[2] / "app.py")
REVOKED = "dicabut oleh Pasal 76 UU 20/2023"


@pytest.fixture()
def data(full_data, monkeypatch) -> Path:
    monkeypatch.setenv("RUJUKAN_DATA", str(full_data))
    return full_data


def read(unit: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=300)
    at.query_params["unit"] = unit
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.header[0].value == "Baca"
    return at


def status_line(at: AppTest) -> str:
    return next(m.value for m in at.markdown if "-badge[" in m.value)


@pytest.mark.parametrize(
    ("unit", "badges"),
    [
        ("uu-1-2015/pasal-71/ayat-1", ":green-badge[berlaku] :blue-badge[diubah]"),
        ("uu-1-2015/pasal-22A", ":green-badge[berlaku] :blue-badge[disisipkan]"),
        ("uu-1-2015/pasal-2", ":green-badge[berlaku]"),
    ],
)
def test_an_amended_or_inserted_provision_in_force_gets_a_badge_not_a_warning(data, unit, badges):
    at = read(unit)
    assert at.warning.len == 0, [w.value for w in at.warning]
    line = status_line(at)
    assert line == badges or line.startswith(badges + " · ")
    if "diubah" in badges:
        assert "diubah terakhir oleh Pasal I angka " in line  # which amendment, neutrally


def test_a_deleted_pasal_is_warned_about(data):
    at = read("uu-1-2015/pasal-4")
    assert [w.value for w in at.warning] == [
        "Ketentuan ini dihapus oleh Pasal I angka 3 UU 8/2015 dan tidak berlaku lagi."]  # fmt: skip
    assert status_line(at).startswith(":red-badge[dihapus]")


def test_a_revoked_provision_points_to_its_own_counterpart(data):
    # The manifest's reviewed [[successor]] entry, not a constant of the app.
    (row,) = [r for r in load_manifest().successions if r.successors == ("uu-20-2023/pasal-52/ayat-3/huruf-j",)]
    at = read(row.revoked)
    assert [w.value for w in at.warning] == [
        f"Ketentuan ini {REVOKED} dan tidak berlaku lagi. Padanannya yang berlaku: Pasal 52 ayat (3) huruf j UU 20/2023."
    ]
    assert status_line(at).startswith(f":red-badge[dicabut] · {REVOKED}")


def test_a_revoked_provision_without_counterpart_names_the_revoking_provision_only(data):
    at = read("uu-5-2014/pasal-87/ayat-4/huruf-d")  # no counterpart in UU 20/2023
    assert [w.value for w in at.warning] == [f"Ketentuan ini {REVOKED} dan tidak berlaku lagi."]
    at = read("uu-5-2014/pasal-3")
    assert [w.value for w in at.warning] == [f"Ketentuan ini {REVOKED} dan tidak berlaku lagi."]


def test_missing_text_ocr_suspect_text_and_a_possible_gap_are_warned_about(data):
    warnings = [w.value for w in read("uu-1-2015/pasal-120").warning]
    assert warnings == [w for w in warnings if "Pasal ini diubah oleh UU 6/2020" in w] and warnings
    assert status_line(read("uu-1-2015/pasal-120/ayat-1")).startswith(  # changed by UU 6/2020, whose text is missing
        ":green-badge[berlaku] :blue-badge[diubah] :orange-badge[teks perubahan tidak ada di korpus]")  # fmt: skip
    gap = read("uu-20-2023/pasal-2")
    assert [w.value for w in gap.warning] == [w.value for w in gap.warning if "kata yang hilang" in w.value] != []
    from qa.retrieval import Retriever

    units = Retriever(root=data / "index", manifest=load_manifest()).units()
    suspect = sorted(u.id for u in units.values() if u.ocr_suspect and u.doc_id == "pp-94-2021")
    assert suspect, "PP 94/2021 is an OCR'd source: some of its words stay doubtful"
    at = read(suspect[-1])
    assert any("Teks hasil OCR; periksa dengan salinan resmi" in w.value for w in at.warning)
    assert ":orange-badge[teks OCR]" in status_line(at)


def ask(question: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=300).run()
    at.switch_page(TANYA.file).run()
    at.text_input(key="pertanyaan").input(question)
    at.form_submit_button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_an_answer_quoting_an_amended_article_warns_about_nothing_and_badges_it(data):
    at = ask("Pasal 71 ayat 2 UU Pilkada")
    answer = at.session_state.jawaban
    assert answer.citations[0].unit_id == "uu-1-2015/pasal-71/ayat-2"
    assert not any("Pasal 71" in w.value for w in at.warning), [w.value for w in at.warning]
    row = next(m.value for m in at.markdown if m.value.startswith(f"**{answer.citations[0].short_label}** :"))
    assert " :green-badge[berlaku] :blue-badge[diubah] · diubah terakhir oleh Pasal I angka 27 UU 10/2016" in row


def test_an_answer_quoting_a_revoked_law_names_each_counterpart_once(data):
    # Named, so it is quoted although the answer to the situation now comes from UU 20/2023.
    at = ask("Apa bunyi Pasal 87 ayat (4) huruf c UU 5/2014?")
    warnings = [w.value for w in at.warning]
    assert warnings == at.session_state.jawaban.warnings
    assert "UU 5/2014 telah dicabut oleh Pasal 76 UU 20/2023." in warnings
    assert ("Padanan Pasal 87 ayat (4) huruf c UU 5/2014 yang berlaku: Pasal 52 ayat (3) huruf j UU 20/2023."
            in warnings)  # fmt: skip
    assert not any("ketentuan yang berlaku:" in w.lower() for w in warnings)
    revoking = [c for c in at.session_state.jawaban.citations if c.unit_id == "uu-20-2023/pasal-76"]
    assert revoking == []  # a status note, not a citation, unless the question asks about validity


def test_search_results_carry_the_same_badges_without_warnings(data):
    at = AppTest.from_file(APP, default_timeout=300).run()
    at.switch_page(CARI.file).run()
    at.text_input(key="kata_kunci").input("kampanye pejabat daerah").run()
    assert not at.exception, [e.value for e in at.exception]
    rows = [m.value for m in at.markdown if m.value.startswith("**") and "-badge[" in m.value]
    assert rows and at.warning.len == 0
    assert any(":blue-badge[diubah]" in r for r in rows), rows
