"""Telusuri over the real index of the mirror (``full_data``): marks from the units' data, full titles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pages.view import TELUSURI

PILKADA_SUBJECT = ("Penetapan Peraturan Pemerintah Pengganti Undang-Undang Nomor 1 Tahun 2014 tentang Pemilihan "
                   "Gubernur, Bupati, dan Walikota menjadi Undang-Undang")  # fmt: skip


@pytest.fixture()
def at(open_page) -> AppTest:
    return open_page(TELUSURI)


def choose(at: AppTest, doc_id: str) -> dict[str, object]:
    at.selectbox(key="telusuri_dok").set_value(doc_id).run()
    assert not at.exception, [e.value for e in at.exception]
    return {b.label: b for b in at.button if b.key and b.key.startswith("toc_")}


def stored(full_data: Path, doc_id: str) -> dict[str, dict]:
    units = json.loads((full_data / "units" / f"{doc_id}.json").read_text())["units"]
    return {u["id"]: u for u in units}


def test_pilkada_pasal_are_marked_inserted_amended_deleted_or_without_text(at, full_data):
    toc = choose(at, "uu-1-2015")
    for label in ("Pasal 22A (disisipkan)", "Pasal 22C (disisipkan)", "Pasal 22D (disisipkan)", "Pasal 71 (diubah)",
                  "Pasal 4 (dihapus)", "Pasal 37 (dihapus)", "Pasal 38 (dihapus)", "Pasal 2"):  # fmt: skip
        assert label in toc, label
    assert any(label.startswith("Pasal 22B (disisipkan") for label in toc)
    assert "Pasal 120 (diubah, teks perubahan tidak ada di korpus)" in toc  # changed by UU 6/2020, text not held
    labels = list(toc)
    for number, before in (("122A", "Pasal 122 (diubah)"), ("201A", "Pasal 201 (diubah)")):
        missing = toc[f"Pasal {number} (disisipkan, teks tidak ada di korpus)"]
        assert missing.disabled and "UU 6/2020" in missing.help
        assert labels[labels.index(missing.label) - 1] == before  # listed where it stands
    # The counts in the legend are those of the stored units' history.
    units = stored(full_data, "uu-1-2015")
    pasal = [u for u in units.values() if u["kind"] == "pasal" and u["parent_id"] is None]
    inserted = sum(1 for u in pasal if u["history"] and u["history"][0]["change"] == "disisipkan")
    deleted = sum(1 for u in pasal if u["status"] == "dicabut")
    assert f"{len(pasal)} pasal · {inserted} disisipkan · " in at.caption[1].value
    assert f" · {deleted} dihapus · " in at.caption[1].value
    assert not at.warning  # nothing here needs attention as a whole

    toc["Pasal 22A (disisipkan)"].click().run()
    assert at.header[0].value == "Baca" and at.session_state.unit == "uu-1-2015/pasal-22A"
    assert any(m.value.startswith(":green-badge[berlaku] :blue-badge[disisipkan]") for m in at.markdown)
    assert not at.warning


def test_the_picker_shows_whole_titles(at):
    options = at.selectbox(key="telusuri_dok").options
    assert f"UU 1/2015 — {PILKADA_SUBJECT}" in options
    choose(at, "uu-1-2015")
    assert f"**Undang-Undang Republik Indonesia Nomor 1 Tahun 2015 tentang {PILKADA_SUBJECT}**" in [
        m.value for m in at.markdown]  # fmt: skip


def test_a_revoked_law_is_said_once_not_on_each_pasal(at):
    toc = choose(at, "uu-5-2014")
    assert [w.value for w in at.warning] == [
        "UU 5/2014 telah dicabut oleh Pasal 76 UU 20/2023; seluruh pasalnya tidak berlaku lagi."
    ]
    assert "Pasal 87" in toc and not any("(dicabut)" in label for label in toc)


def test_uu_7_2017_marks_what_uu_7_2023_changed_and_what_its_copy_lacks(at, full_data):
    toc = choose(at, "uu-7-2017")
    units = stored(full_data, "uu-7-2017")
    changed = {u["number"]: [v["change"] for v in u["history"]] for u in units.values()
               if u["kind"] == "pasal" and u["parent_id"] is None and len(u["history"]) > 1}  # fmt: skip
    assert changed.get("186") == ["asli", "diubah"]  # the number of DPR seats, by UU 7/2023
    for number in changed:
        assert f"Pasal {number} (diubah)" in toc
    assert "Pasal 10A (disisipkan)" in toc
    assert "Pasal 568A (disisipkan)" in toc  # inserted: its text is UU 7/2023's own, whole
    assert "Pasal 276 (diubah, teks asli tidak ada di korpus)" in toc  # beyond Pasal 1-214 of the copy held
    assert any("Pasal 1–214" in w.value for w in at.warning)
