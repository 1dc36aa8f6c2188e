"""The Materi page through Streamlit's AppTest over the small real index (``app_data``):
the Penjelasan checkbox and deleting a saved set with confirmation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pages.view import MATERI
from qa import materi_sets

APP = str(Path(__file__).resolve().parents[2] / "app.py")
ATRIBUT_PNS = "Yang dimaksud \"menggunakan atribut PNS\" adalah menggunakan seragam Korpri"


@pytest.fixture()
def data(app_data, monkeypatch) -> Path:
    monkeypatch.setenv("RUJUKAN_DATA", str(app_data))
    saved = app_data / "user" / "materi"  # a new session reopens the last set: start without one
    shutil.rmtree(saved, ignore_errors=True)
    yield app_data
    shutil.rmtree(saved, ignore_errors=True)


def ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def materi_page(unit: str) -> AppTest:
    """A session that collects ``unit`` from Baca, then opens the Materi page."""
    at = AppTest.from_file(APP, default_timeout=300)
    at.query_params["unit"] = unit
    at.run()
    at.button(key="baca_materi").click().run()
    ok(at)
    at.switch_page(MATERI.file).run()
    ok(at)
    assert at.header[0].value == "Materi"
    return at


def test_penjelasan_is_in_the_handout_while_the_box_is_ticked(data):
    at = materi_page("pp-94-2021/pasal-5/huruf-n/angka-2")
    card = next(m.value for m in at.markdown if 'class="kutipan"' in m.value)  # the item as it will print
    assert '<div style="padding-left:3.0em">2. menjadi peserta kampanye dengan menggunakan atribut partai' in card
    assert '<div style="padding-left:0.0em"><span class="pengantar">PNS dilarang:</span></div>' in card
    box = at.checkbox(key="materi_penjelasan")
    assert box.label == "Sertakan Penjelasan" and box.value is True
    preview = at.code[-1].value
    assert "**Penjelasan Pasal 5 huruf n angka 2 PP 94/2021**" in preview
    assert ATRIBUT_PNS in preview
    assert preview.index("2. menjadi peserta kampanye") < preview.index(ATRIBUT_PNS) < preview.index("Sumber:")
    box.uncheck().run()
    ok(at)
    preview = at.code[-1].value
    assert "Penjelasan" not in preview and ATRIBUT_PNS not in preview
    assert "2. menjadi peserta kampanye dengan menggunakan atribut partai atau atribut PNS;" in preview


def test_a_saved_set_is_deleted_only_after_confirmation(data):
    folder = data / "user" / "materi"
    at = materi_page("pp-94-2021/pasal-5/huruf-n/angka-1")
    other = materi_sets.save(folder, "Bimtek Pengawas", [])  # another set, which must survive
    at.run()
    saved = at.expander[0]
    assert saved.label == "Set materi tersimpan (2)"
    row = next(i for i, m in enumerate(saved.markdown) if m.value.startswith("**Materi Netralitas ASN**"))

    saved.button(key=f"hapus_set_{row}").click().run()
    ok(at)
    (warning,) = [w.value for w in at.warning if w.value.startswith("Hapus set")]
    assert warning.startswith("Hapus set “Materi Netralitas ASN” (1 butir) dari folder data?")
    at.button(key="hapus_set_batal").click().run()  # changed one's mind: nothing is deleted
    ok(at)
    assert (folder / "materi-netralitas-asn.json").is_file()
    assert not any(w.value.startswith("Hapus set") for w in at.warning)

    at.expander[0].button(key=f"hapus_set_{row}").click().run()
    at.button(key="hapus_set_ya").click().run()
    ok(at)
    assert not (folder / "materi-netralitas-asn.json").exists()
    assert (folder / f"{other}.json").is_file()
    assert at.session_state.materi == []  # the open set was the deleted one: an empty set now
    assert at.session_state.materi_nama is None
    assert at.expander[0].label == "Set materi tersimpan (1)"
    assert at.expander[0].markdown[0].value.startswith("**Bimtek Pengawas** · 0 butir")
    assert at.info[0].value.startswith("Materi masih kosong.")
