"""The Streamlit app, driven through Streamlit's AppTest over a small real index (``app_data``).

Each test starts a fresh app session; ``st.cache_resource`` keeps the loaded index between
them, keyed by the build folder, as it does between users of one server.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pages.view import HALAMAN
from tests.fixtures.text_pdf import text_pdf

APP = str(Path(__file__).resolve().parents[1] / "app.py")
TIMEOUT = 300  # first query loads the embedding model on a busy machine


@pytest.fixture()
def data(app_data, monkeypatch) -> Path:
    monkeypatch.setenv("RUJUKAN_DATA", str(app_data))
    saved = app_data / "user" / "materi"  # a new session reopens the last materi set: start without one
    shutil.rmtree(saved, ignore_errors=True)
    yield app_data
    shutil.rmtree(saved, ignore_errors=True)


def start(unit: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if unit:
        at.query_params["unit"] = unit
    return at.run()


def goto(at: AppTest, page: str) -> AppTest:
    """Open a page as the sidebar navigation does."""
    return at.switch_page(next(h.file for h in HALAMAN if h.title == page)).run()


def shown(at: AppTest) -> str:
    """The page on screen: each page starts with its title as header."""
    return at.header[0].value


def url_path(at: AppTest) -> str:
    """The URL path of the page on screen (AppTest keeps st.navigation's registry privately)."""
    return at._registered_pages[at._finished_page_script_hash]["url_pathname"]


def ask(at: AppTest, question: str):
    """Ask in Tanya and return the answer the page holds."""
    at.text_input(key="pertanyaan").input(question)
    at.form_submit_button[0].click().run()
    ok(at)
    return at.session_state.jawaban


def texts(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not any("kesalahan sistem" in e.value for e in at.error), [e.value for e in at.error]


# ----------------------------------------------------------------- no index


def test_without_an_index_every_page_says_how_to_build_one(tmp_path, monkeypatch):
    monkeypatch.setenv("RUJUKAN_DATA", str(tmp_path / "kosong"))
    at = start()
    ok(at)
    assert "`make run` atau `rujukan ingest`" in at.info[0].value
    assert at.button[0].label == "Bangun indeks sekarang"
    for page in ("Cari", "Baca", "Telusuri"):
        goto(at, page)
        ok(at)
        assert "Indeks belum dibangun" in at.info[0].value


def test_the_index_can_be_built_from_the_app_with_a_progress_bar(mirror, tmp_path, monkeypatch):
    data = tmp_path / "data"
    (data / "corpus").mkdir(parents=True)
    (data / "corpus" / "pp-42-2004.md").symlink_to(mirror / "pp-42-2004.md")
    monkeypatch.setenv("RUJUKAN_DATA", str(data))
    at = start()
    at.button[0].click().run()
    ok(at)
    assert at.success[0].value.startswith("Indeks sudah dibangun: ")
    assert not at.error
    at = goto(start(), "Telusuri")
    ok(at)
    assert at.selectbox(key="telusuri_dok").value == "pp-42-2004"
    assert at.caption[1].value == "22 pasal"


# ----------------------------------------------------------------- ask


def test_ask_shows_the_answer_with_clickable_citation_chips(data):
    at = start()
    answer = ask(at, "Apakah PNS boleh ikut kampanye?")
    assert not answer.abstained and answer.citations
    assert any(c.unit_id.startswith("pp-94-2021/") for c in answer.citations)  # PP Disiplin PNS
    chips = at.pills(key="chip_dasar")
    assert chips.options == [c.short_label for c in answer.citations]
    labels = [c.value for c in at.code]
    assert labels == [c.label for c in answer.citations]  # full labels, each with a copy button
    assert answer.answer in [m.value for m in at.markdown]
    assert any(c.value.startswith("Dijawab dalam ") and c.value.endswith("mesin ekstraktif") for c in at.caption)

    at.button(key="jawaban_ke_materi").click().run()
    goto(at, "Materi")
    ok(at)
    preview = at.code[-1].value
    assert "## 1. Pertanyaan: Apakah PNS boleh ikut kampanye?" in preview
    assert all(f"Sumber: {c.label}" in preview for c in answer.citations)
    goto(at, "Tanya")

    first = answer.citations[0]
    chips = at.pills(key="chip_dasar")
    chips.set_value(first.unit_id).run()
    ok(at)
    assert shown(at) == "Baca"
    assert at.query_params["unit"] == first.unit_id
    assert at.subheader[0].value == first.short_label
    assert at.code[0].value == first.label


def test_ask_abstains_and_lists_what_may_be_related(data):
    at = start()
    answer = ask(at, "Berapa tarif pajak kendaraan bermotor listrik?")
    assert answer.abstained
    assert "tidak memuat ketentuan" in at.info[0].value
    assert not at.code  # no citation label is offered as an answer
    assert [h.value for h in at.subheader] == ["Mungkin terkait"]
    related = at.pills(key="chip_terkait")
    assert related.options == [c.short_label for c in answer.related]
    related.set_value(answer.related[0].unit_id).run()
    ok(at)
    assert shown(at) == "Baca"
    assert at.subheader[0].value == answer.related[0].short_label


def test_ask_warns_when_a_cited_law_was_revoked(data):
    at = start()
    # named: unnamed, the revoked law ranks below the law in force (qa.rescoring)
    answer = ask(at, "Apakah PNS boleh menjadi anggota partai politik menurut UU 5/2014?")
    assert any(c.unit_id.startswith("uu-5-2014/") for c in answer.citations)
    assert any("UU 5/2014 telah dicabut oleh Pasal 76 UU 20/2023" in w for w in answer.warnings)
    assert [w.value for w in at.warning] == answer.warnings
    body = texts(at)
    for citation in answer.citations:
        if citation.unit_id == "uu-5-2014/pasal-87/ayat-4/huruf-c":
            assert (body.count("**Pasal 87 ayat (4) huruf c UU 5/2014** :red-badge[dicabut] · dicabut oleh "
                               "Pasal 76 UU 20/2023") == 1)  # fmt: skip
        else:
            assert f"{citation.short_label}**" in body


# ----------------------------------------------------------------- search


def test_pages_are_named_in_the_url(data):
    at = goto(start(), "Tambah Dokumen")
    assert url_path(at) == "tambah_dokumen"
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["hal"] = "telusuri"
    at.run()
    ok(at)
    assert at.header[0].value == "Telusuri"


def test_search_ranks_highlights_and_pages(data):
    at = goto(start(), "Cari")
    at.text_input(key="kata_kunci").input("pns ikut kampanye").run()
    ok(at)
    body = texts(at)
    assert "**1. Pasal 5 huruf n angka 1 PP 94/2021** :green-badge[berlaku]" in body
    assert "<mark>ikut</mark> <mark>kampanye</mark>" in body
    pager = at.get("pagination")[0]
    assert pager.num_pages > 1
    pager.set_value(2).run()
    ok(at)
    assert "**11. " in texts(at)
    assert "**1. Pasal 5 huruf n angka 1" not in texts(at)
    at.text_input(key="kata_kunci").input("netralitas pegawai").run()
    ok(at)
    assert "**1. " in texts(at)  # a new query starts again at its first page


def test_search_filters_by_document(data):
    at = goto(start(), "Cari")
    at.text_input(key="kata_kunci").input("netralitas").run()
    at.multiselect(key="saring_dokumen").set_value(["uu-20-2023"]).run()
    ok(at)
    titles = [m.value for m in at.markdown if re.match(r"\*\*\d+\. ", m.value)]
    assert titles and all("UU 20/2023" in t for t in titles)


def _count(at: AppTest) -> str:
    """The line above the results: how many, how fast, what is hidden."""
    return next(c.value for c in at.caption if re.match(r"\d+ ketentuan · ", c.value))


def _all_results(at: AppTest) -> list[str]:
    """Every result title of the search on screen, page after page."""
    pagers = at.get("pagination")
    titles = []
    for number in range(1, (pagers[0].num_pages if pagers else 1) + 1):
        if pagers:
            at.get("pagination")[0].set_value(number).run()
            ok(at)
        titles += [m.value for m in at.markdown if re.match(r"\*\*\d+\. ", m.value)]
    return titles


def test_search_hides_revoked_provisions_by_default_and_ranks_those_in_force_first(data):
    from corpus.manifest import load_manifest
    from qa.retrieval import Retriever

    query = "pegawai asn pengurus partai politik"
    ranked = Retriever(root=data / "index", manifest=load_manifest()).retrieve(query, k=50)
    revoked = [h.unit.short_label for h in ranked if h.unit.status == "dicabut"]
    first_revoked = next(i for i, h in enumerate(ranked) if h.unit.status == "dicabut")
    # The retrievers alone put a revoked UU 5/2014 provision above one in force.
    assert any(h.unit.status != "dicabut" for h in ranked[first_revoked:])
    assert revoked and all("UU 5/2014" in label for label in revoked)

    at = goto(start(), "Cari")
    at.text_input(key="kata_kunci").input(query).run()
    ok(at)
    assert at.toggle(key="sembunyikan_dicabut").label == "Sembunyikan ketentuan yang dicabut"
    assert at.toggle(key="sembunyikan_dicabut").value is True
    assert _count(at).startswith(f"{len(ranked) - len(revoked)} ketentuan · ")
    assert _count(at).endswith(f" · {len(revoked)} ketentuan yang dicabut disembunyikan")
    hidden = _all_results(at)
    assert len(hidden) == len(ranked) - len(revoked)
    assert not any("UU 5/2014" in t or "dicabut" in t for t in hidden)

    at.toggle(key="sembunyikan_dicabut").set_value(False).run()
    ok(at)
    assert _count(at).startswith(f"{len(ranked)} ketentuan · ") and "disembunyikan" not in _count(at)
    shown = _all_results(at)
    statuses = [":red-badge[dicabut]" in t for t in shown]
    assert statuses == sorted(statuses) and sum(statuses) == len(revoked)  # in force first, then revoked
    assert [t.split("** ")[0].split(". ", 1)[1] for t in shown if ":red-badge[dicabut]" in t] == revoked


# ----------------------------------------------------------------- read


def test_deep_link_shows_breadcrumb_pasal_history_and_references(data):
    at = start(unit="uu-1-2015/pasal-70/ayat-1/huruf-b")
    ok(at)
    body = texts(at)
    crumbs = "UU 1/2015 › BAB XI KAMPANYE › Bagian Kelima Larangan dalam Kampanye › Pasal 70 › ayat (1) › huruf b"
    assert crumbs in body
    fokus = body.split('<div class="fokus">', 1)[1].split("</div></div>", 1)[0]
    assert "aparatur sipil Negara, anggota Kepolisian Negara Republik Indonesia" in fokus
    assert "pejabat badan usaha milik negara" not in fokus  # huruf a is shown, not highlighted
    assert "pejabat badan usaha milik negara" in body
    assert at.code[0].value.startswith("Pasal 70 ayat (1) huruf b Undang-Undang Nomor 1 Tahun 2015 tentang")
    assert [e.label for e in at.expander] == ["Penjelasan", "Riwayat perubahan (3 versi)"]
    # Each version is dated by its law; the status line says which law last changed the provision.
    assert "**Versi 1** · asli · Pasal 70 ayat (1) huruf b UU 1/2015 · disahkan 2 Februari 2015" in body
    assert "**Versi 3 (berlaku)** · tetap · Pasal I angka 26 UU 10/2016 · disahkan 1 Juli 2016" in body
    assert "diubah terakhir oleh Pasal I angka 26 UU 10/2016" in body
    history = at.expander[1]
    assert [c.value for c in history.caption] == ["Teksnya sama dengan versi sebelumnya."] * 2  # huruf b unchanged
    cited_by = at.pills(key="chip_disebut")
    assert cited_by.options == ["Pasal 189 UU 1/2015 sebagaimana telah beberapa kali diubah terakhir dengan UU 6/2020"]
    cited_by.set_value("uu-1-2015/pasal-189").run()
    ok(at)
    assert at.session_state.unit == "uu-1-2015/pasal-189"
    at = start(unit="uu-1-2015/pasal-70/ayat-1/huruf-b")

    at.button(key="riwayat_2").click().run()
    ok(at)
    assert at.session_state.unit == "uu-10-2016/pasal-I/angka-26"
    assert at.query_params["unit"] == "uu-10-2016/pasal-I/angka-26"


def test_history_shows_what_the_amendment_changed(data):
    at = start(unit="uu-1-2015/pasal-71/ayat-1")
    ok(at)
    history = at.expander[-1]
    assert history.label == "Riwayat perubahan (2 versi)"
    assert [m.value for m in history.markdown if m.value.startswith("**Versi")] == [
        "**Versi 1** · asli · Pasal 71 ayat (1) UU 1/2015 · disahkan 2 Februari 2015",
        "**Versi 2 (berlaku)** · diubah · Pasal I angka 27 UU 10/2016 · disahkan 1 Juli 2016",
    ]
    assert "<ins>pejabat daerah,</ins>" in "".join(m.value for m in history.markdown)


def test_revoked_provision_names_its_status_and_successor(data):
    at = start(unit="uu-5-2014/pasal-87/ayat-4/huruf-c")
    ok(at)
    assert ":red-badge[dicabut] · dicabut oleh Pasal 76 UU 20/2023" in texts(at)
    assert [w.value for w in at.warning] == [
        "Ketentuan ini dicabut oleh Pasal 76 UU 20/2023 dan tidak berlaku lagi. "
        "Padanannya yang berlaku: Pasal 52 ayat (3) huruf j UU 20/2023."
    ]
    assert ":material/link: [Tautan ke ketentuan ini](?unit=uu-5-2014/pasal-87/ayat-4/huruf-c)" in texts(at)
    successor = at.button(key="pengganti_0")
    assert successor.label == "Pasal 52 ayat (3) huruf j UU 20/2023"
    successor.click().run()
    assert at.session_state.unit == "uu-20-2023/pasal-52/ayat-3/huruf-j"
    assert at.button(key="diganti_0").label == "Pasal 87 ayat (4) huruf c UU 5/2014"  # and back


def test_source_pdf_is_offered_from_the_data_folder_at_the_page(data, mirror):
    at = start(unit="pp-94-2021/pasal-5/huruf-n/angka-1")
    ok(at)
    buttons = [(b.label, b.help) for b in at.get("download_button")]
    assert buttons == [
        ("PDF hlm. 5", "PDF sumber PP 94/2021; ketentuan ini di halaman 5"),
        ("Halaman 5 saja", "Hanya halaman 5 dari PDF sumber"),
    ]
    assert not at.get("link_button")  # nothing is linked into the installation's folders (test_files_written.py)
    assert "PNS sebagai peserta kampanye hadir untuk mendengar" in texts(at)  # its Penjelasan


def test_an_app_on_one_data_folder_offers_no_file_of_another(own_data, tmp_path, monkeypatch):
    """A document added in one data folder: the app on another folder neither knows nor serves it."""
    from corpus.manifest import load_manifest
    from corpus.user_documents import Upload, add_user_document

    form = Upload(kind="Surat Edaran", number="100.2.1/1234/SJ", year=2024, title="Netralitas Aparatur Sipil Negara")
    meta = add_user_document(tmp_path / "lain" / "user", form, text_pdf(NEW_SE), load_manifest())
    at = start(unit=f"{meta.id}/angka-1")
    ok(at)
    assert at.error[0].value.startswith("Ketentuan")
    assert not at.get("download_button")
    from pages import view

    assert view.source_file(meta.id) is None  # the app's data folder does not hold it


def test_unknown_unit_is_reported(data):
    at = start(unit="uu-5-2014/pasal-999")
    ok(at)
    assert at.error[0].value == "Ketentuan `uu-5-2014/pasal-999` tidak ada di indeks."


# ----------------------------------------------------------------- browse


def test_table_of_contents_groups_pasal_by_bab_and_opens_them(data):
    at = goto(start(), "Telusuri")
    at.selectbox(key="telusuri_dok").set_value("uu-1-2015").run()
    ok(at)
    assert [e.label for e in at.expander] == ["BAB XI KAMPANYE", "BAB XXIV KETENTUAN PIDANA"]
    assert at.expander[0].caption[0].value == "Bagian Kelima Larangan dalam Kampanye"
    pasal = [b for b in at.button if b.key and b.key.startswith("toc_") and not b.disabled]
    assert [b.label for b in pasal] == ["Pasal 70 (diubah)", "Pasal 71 (diubah)", "Pasal 189 (diubah)"]
    pasal[1].click().run()
    ok(at)
    assert shown(at) == "Baca"
    assert at.subheader[0].value == "Pasal 71 UU 1/2015 sebagaimana telah beberapa kali diubah terakhir dengan UU 6/2020"


# ----------------------------------------------------------------- materi


def test_materi_collects_reorders_and_exports_with_full_labels(data):
    at = start(unit="uu-1-2015/pasal-70/ayat-1/huruf-b")
    at.button(key="baca_materi").click().run()
    at.text_input(key="id_ketik").input("pp-94-2021/pasal-5/huruf-n/angka-1").run()
    ok(at)
    at.button(key="baca_materi").click().run()
    at.button(key="baca_materi").click().run()  # twice: collected once
    assert len(at.session_state.materi) == 2

    goto(at, "Materi")
    ok(at)
    heads = [m.value for m in at.markdown if m.value.startswith("**1.") or m.value.startswith("**2.")]
    assert heads[0].startswith("**1. Pasal 70 ayat (1) huruf b UU 1/2015")
    at.button(key="turun_0").click().run()
    ok(at)
    heads = [m.value for m in at.markdown if m.value.startswith("**1.") or m.value.startswith("**2.")]
    assert heads[0].startswith("**1. Pasal 5 huruf n angka 1 PP 94/2021")
    assert [b.label for b in at.get("download_button")] == ["Unduh Markdown", "Unduh PDF", "Unduh DOCX", "Ekspor set (.json)"]
    preview = at.code[-1].value
    assert preview.index("Sumber: Pasal 5 huruf n angka 1 Peraturan Pemerintah Nomor 94 Tahun 2021") < preview.index(
        "Sumber: Pasal 70 ayat (1) huruf b Undang-Undang Nomor 1 Tahun 2015"
    )
    # the angka reads under the lead-ins it completes, one level in
    assert "Daerah dengan cara:_\n>\n> " + "\u2003" * 4 + "1. ikut kampanye;" in preview
    at.button(key="hapus_0").click().run()
    assert len(at.session_state.materi) == 1


def _heads(at: AppTest) -> list[str]:
    return [m.value.split("**")[1] for m in at.markdown if re.match(r"\*\*\d+\. ", m.value)]


def test_a_materi_set_survives_reloads_deep_links_and_restarts_and_is_renamed_listed_and_reopened(data):
    import streamlit as st

    at = start(unit="pp-94-2021/pasal-5/huruf-n/angka-1")
    at.button(key="baca_materi").click().run()
    ok(at)
    at = start(unit="uu-1-2015/pasal-70/ayat-1/huruf-b")  # a reload or a deep link is a new session
    assert [item.judul for item in at.session_state.materi] == ["Pasal 5 huruf n angka 1 PP 94/2021"]
    at.button(key="baca_materi").click().run()
    assert at.sidebar.caption[-1].value == "Materi: 2 butir"

    st.cache_resource.clear()  # a restart: nothing loaded, a new session
    at = goto(start(), "Materi")
    ok(at)
    assert _heads(at) == ["1. Pasal 5 huruf n angka 1 PP 94/2021", "2. Pasal 70 ayat (1) huruf b UU 1/2015 sebagaimana telah beberapa kali diubah terakhir dengan UU 6/2020"]
    assert at.text_input(key="judul_materi").value == "Materi Netralitas ASN"
    at.text_input(key="judul_materi").input("Pelatihan Panwascam").run()
    ok(at)
    at.button(key="turun_0").click().run()
    at.button(key="set_baru").click().run()
    ok(at)
    assert at.session_state.materi == []
    assert at.info[0].value.startswith("Materi masih kosong.")
    saved = at.expander[0]
    assert saved.label == "Set materi tersimpan (1)"
    assert saved.markdown[0].value.startswith("**Pelatihan Panwascam** · 2 butir · disimpan ")
    saved.button(key="buka_set_0").click().run()
    ok(at)
    assert at.text_input(key="judul_materi").value == "Pelatihan Panwascam"
    assert _heads(at) == ["1. Pasal 70 ayat (1) huruf b UU 1/2015 sebagaimana telah beberapa kali diubah terakhir dengan UU 6/2020",
                          "2. Pasal 5 huruf n angka 1 PP 94/2021"]
    assert [p.name for p in sorted((data / "user" / "materi").iterdir())] == ["CURRENT", "pelatihan-panwascam.json"]


def test_a_materi_set_is_exported_and_imported_as_a_file(data):
    at = start(unit="pp-94-2021/pasal-5/huruf-n/angka-1")
    at.button(key="baca_materi").click().run()
    at = goto(at, "Materi")
    ok(at)
    assert [b.label for b in at.get("download_button")][-1] == "Ekspor set (.json)"
    exported = (data / "user" / "materi" / "materi-netralitas-asn.json").read_bytes()  # the export format

    at.button(key="set_baru").click().run()
    at.file_uploader(key="impor_materi").set_value(("bukan.json", b"{}", "application/json"))
    at.button(key="impor").click().run()
    ok(at)
    assert at.error[0].value == "Set materi tidak bisa diimpor: Berkas ini bukan set materi Rujukan."
    at.file_uploader(key="impor_materi").set_value(("materi-pelatih-lain.json", exported, "application/json"))
    at.button(key="impor").click().run()
    ok(at)
    assert at.text_input(key="judul_materi").value == "Materi Netralitas ASN (2)"  # never over an existing set
    assert _heads(at) == ["1. Pasal 5 huruf n angka 1 PP 94/2021"]
    assert at.expander[0].label == "Set materi tersimpan (2)"


# ----------------------------------------------------------------- add a document


# A new circular, as a ministry would send it: head, numbered points, closing.
NEW_SE = [
    "MENTERI DALAM NEGERI", "REPUBLIK INDONESIA", "Jakarta, 9 Juli 2024", "Nomor : 100.2.1/1234/SJ",
    "Sifat : Penting", "Lampiran : -", "Hal : Netralitas Aparatur Sipil Negara",
    "Yth. Gubernur dan Bupati/Wali Kota", "di -", "Seluruh Indonesia", "SURAT EDARAN",
    "Dalam rangka menjaga netralitas Aparatur Sipil Negara pada Pemilihan Kepala Daerah, bersama ini "
    "disampaikan hal-hal sebagai berikut:",
    "1. Aparatur Sipil Negara dilarang memberikan tanda suka pada unggahan media sosial pasangan calon.",
    "2. Aparatur Sipil Negara dapat menghadiri kampanye tanpa atribut dan tanpa ikut berkampanye.",
    "Demikian disampaikan untuk dilaksanakan.", "MENTERI DALAM NEGERI,", "TITO KARNAVIAN",
]  # fmt: skip


@pytest.fixture()
def own_data(app_data, tmp_path, monkeypatch) -> Path:
    """A private copy of the app data: adding a document must not leak into other tests."""
    copy = tmp_path / "data"
    shutil.copytree(app_data, copy, symlinks=True)
    # The index records its build folder; CURRENT is relative, so the copy serves itself.
    monkeypatch.setenv("RUJUKAN_DATA", str(copy))
    return copy


def _upload(at: AppTest, name: str, content: bytes, kind: str, number: str, year: int, title: str,
            issuer: str = "") -> AppTest:  # fmt: skip
    at = goto(at, "Tambah Dokumen")
    at.file_uploader[0].set_value((name, content, "application/pdf"))
    at.selectbox(key="jenis").set_value(kind)
    at.text_input(key="nomor").input(number)
    at.number_input(key="tahun").set_value(year)
    at.text_input(key="penerbit").input(issuer)
    at.text_input(key="judul").input(title)
    return at.form_submit_button[0].click().run()


def test_a_bad_file_is_refused_and_changes_nothing(own_data):
    from corpus.user_documents import user_manifest
    from qa.index import current_build

    before = current_build(own_data / "index")
    at = _upload(start(), "surat.pdf", b"ini bukan PDF, hanya teks", "Surat Edaran", "1/2025", 2025, "Uji")
    ok(at)
    assert at.error[0].value == "Dokumen ditolak: Berkas ini bukan PDF. Unggah dokumen dalam format PDF."
    assert user_manifest(own_data / "user") == []
    assert current_build(own_data / "index") == before


def test_a_pdf_that_is_not_a_regulation_is_refused_and_undone(own_data):
    from corpus.user_documents import files_dir, user_manifest
    from qa.index import current_build

    before = current_build(own_data / "index")
    stored = sorted(p.name for p in (own_data / "units").glob("*.json"))
    notes = ["DAFTAR BELANJA KANTOR", "Kertas HVS dua rim.", "Tinta printer hitam.", "Map plastik sepuluh buah."]
    at = _upload(start(), "belanja.pdf", text_pdf(notes), "PP", "77", 2025, "Belanja Kantor")
    ok(at)
    assert at.error[0].value == (
        "Dokumen ditolak: Tidak ada satu pun pasal atau butir yang dikenali. "
        "Periksa apakah berkas ini memang peraturan atau surat yang dimaksud dan jenisnya benar."
    )
    assert not at.success
    assert user_manifest(own_data / "user") == []
    assert not any(files_dir(own_data / "user").glob("*.pdf"))
    assert sorted(p.name for p in (own_data / "units").glob("*.json")) == stored
    assert current_build(own_data / "index") == before


def test_an_added_document_is_ingested_and_searchable(own_data):
    from corpus.user_documents import user_manifest

    at = _upload(start(), "se-mendagri-netralitas.pdf", text_pdf(NEW_SE), "Surat Edaran", "100.2.1/1234/SJ", 2024,
                 "Netralitas Aparatur Sipil Negara", issuer="Menteri Dalam Negeri")  # fmt: skip
    ok(at)
    assert not at.error, [e.value for e in at.error]
    assert at.success[0].value == "SE 100.2.1/1234/SJ Tahun 2024 ditambahkan: 3 ketentuan, sekarang bisa dicari."
    meta = user_manifest(own_data / "user")
    assert [d.id for d in meta] == ["se-100-2-1-1234-sj-2024"]
    assert meta[0].citation == (
        "Surat Edaran Menteri Dalam Negeri Nomor 100.2.1/1234/SJ Tahun 2024 tentang Netralitas Aparatur Sipil Negara"
    )

    goto(at, "Cari")
    at.text_input(key="kata_kunci").input("tanda suka unggahan media sosial pasangan calon").run()
    ok(at)
    assert "**1. angka 1 SE 100.2.1/1234/SJ Tahun 2024** :green-badge[berlaku]" in texts(at)
    at.button(key="cari_baca_0").click().run()
    assert at.code[0].value.startswith("angka 1 Surat Edaran Menteri Dalam Negeri Nomor 100.2.1/1234/SJ Tahun 2024")


def test_every_registered_kind_is_offered_and_a_peraturan_bawaslu_is_cited_as_one(own_data, tmp_path):
    from corpus import kinds
    from corpus.user_documents import user_manifest
    from tests.fixtures.official_pdf import make_official_pdf
    from tests.fixtures.perbawaslu_pdf import PERBAWASLU_6_2018

    at = goto(start(), "Tambah Dokumen")
    assert at.selectbox(key="jenis").options == list(kinds.NAMES)
    pdf = make_official_pdf(tmp_path / "upload.pdf", PERBAWASLU_6_2018, head=(), first_serial=None).read_bytes()
    at = _upload(at, "perbawaslu 6 2018.pdf", pdf, "Peraturan Bawaslu", "6", 2018, "Pengawasan Netralitas Pegawai Contoh")
    ok(at)
    assert not at.error, [e.value for e in at.error]
    assert at.success[0].value == "Perbawaslu 6/2018 ditambahkan: 14 ketentuan, sekarang bisa dicari."
    [meta] = user_manifest(own_data / "user")
    assert (meta.id, meta.kind) == ("perbawaslu-6-2018", "Peraturan Bawaslu")
    assert meta.citation == "Peraturan Bawaslu Nomor 6 Tahun 2018 tentang Pengawasan Netralitas Pegawai Contoh"
    at.button(key="tambah_baca").click().run()  # "Baca ..." the first stored provision
    ok(at)
    assert at.code[0].value.startswith("Menimbang Peraturan Bawaslu Nomor 6 Tahun 2018")


def _perbawaslu(tmp_path, blocks) -> bytes:
    from tests.fixtures.official_pdf import make_official_pdf

    return make_official_pdf(tmp_path / "upload.pdf", blocks, head=(), first_serial=None).read_bytes()


def test_a_title_page_naming_another_document_waits_for_the_person(own_data, tmp_path):
    from corpus.user_documents import user_manifest
    from tests.fixtures.perbawaslu_pdf import PERBAWASLU_6_2018

    pdf = _perbawaslu(tmp_path, PERBAWASLU_6_2018)
    title = "Pengawasan Netralitas Pegawai Contoh"
    at = _upload(start(), "perbawaslu.pdf", pdf, "PP", "6", 2019, title)
    ok(at)
    warning = ("Halaman judul berkas menyebut Peraturan Bawaslu Nomor 6 Tahun 2018, sedangkan formulir mengisi "
               "PP Nomor 6 Tahun 2019 (berbeda: jenis, tahun). Periksa kembali isian formulir.")  # fmt: skip
    assert [w.value for w in at.warning] == [warning]
    assert not at.success and user_manifest(own_data / "user") == []  # nothing ingested yet
    at.button(key="tambah_batal").click().run()
    ok(at)
    assert not at.warning and user_manifest(own_data / "user") == []

    at = _upload(at, "perbawaslu.pdf", pdf, "PP", "6", 2019, title)
    at.button(key="tambah_tetap").click().run()
    ok(at)
    assert at.success[0].value.startswith("PP 6/2019 ditambahkan:")
    [meta] = user_manifest(own_data / "user")
    assert meta.note == (
        "ditambahkan pengguna; judul berkas tidak cocok dengan formulir, tetap ditambahkan: "
        + warning.removesuffix(" Periksa kembali isian formulir.")
    )


def test_the_same_file_again_is_refused_naming_the_document_and_2099_is_a_year(own_data, tmp_path):
    from corpus.user_documents import user_manifest
    from tests.fixtures.perbawaslu_pdf import PERBAWASLU_4_2099

    pdf = _perbawaslu(tmp_path, PERBAWASLU_4_2099)
    title = "Pengawasan Netralitas Pegawai Contoh"
    at = _upload(start(), "perbawaslu-4-2099.pdf", pdf, "Peraturan Bawaslu", "4", 2099, title)
    ok(at)
    assert not at.error, [e.value for e in at.error]
    assert at.success[0].value.startswith("Perbawaslu 4/2099 ditambahkan:")
    at = _upload(at, "salinan.pdf", pdf, "Peraturan Bawaslu", "5", 2099, title)
    assert [e.value for e in at.error] == [
        "Dokumen ditolak: Berkas yang sama persis sudah ada di korpus sebagai Perbawaslu 4/2099 (Peraturan Bawaslu "
        "Nomor 4 Tahun 2099 tentang Pengawasan Netralitas Pegawai Contoh). Berkas ini tidak ditambahkan lagi."
    ]
    assert [d.id for d in user_manifest(own_data / "user")] == ["perbawaslu-4-2099"]


def test_an_added_document_is_deleted_after_confirmation_and_no_longer_answers(own_data):
    from corpus.user_documents import user_manifest

    question = "apakah ASN dilarang memberikan tanda suka pada unggahan media sosial pasangan calon?"
    at = _upload(start(), "se.pdf", text_pdf(NEW_SE), "Surat Edaran", "100.2.1/1234/SJ", 2024,
                 "Netralitas Aparatur Sipil Negara", issuer="Menteri Dalam Negeri")  # fmt: skip
    ok(at)
    doc = "se-100-2-1-1234-sj-2024"
    goto(at, "Tanya")
    assert ask(at, question).citations[0].unit_id == f"{doc}/angka-1"

    at = goto(at, "Tambah Dokumen")
    assert at.subheader[0].value == "Dokumen tambahan"
    at.button(key="hapus_0").click().run()
    ok(at)
    assert at.warning[0].value.startswith("Hapus SE 100.2.1/1234/SJ Tahun 2024? ")
    at.button(key="hapus_batal_0").click().run()  # changed their mind: nothing happens
    assert user_manifest(own_data / "user") and not at.warning
    at.button(key="hapus_0").click().run()
    at.button(key="hapus_ya_0").click().run()
    ok(at)
    assert at.success[0].value == "SE 100.2.1/1234/SJ Tahun 2024 dihapus: ketentuannya tidak lagi dicari atau dikutip."
    assert user_manifest(own_data / "user") == []
    assert not (own_data / "units" / f"{doc}.json").exists()
    assert not list((own_data / "user" / "files").iterdir())
    goto(at, "Tanya")
    answer = ask(at, question)
    assert not any(doc in c.unit_id for c in [*answer.citations, *answer.related])


def test_an_added_document_is_replaced_after_confirmation(own_data):
    from corpus.user_documents import user_manifest

    at = _upload(start(), "se.pdf", text_pdf(NEW_SE), "Surat Edaran", "100.2.1/1234/SJ", 2024,
                 "Netralitas Aparatur Sipil Negara", issuer="Menteri Dalam Negeri")  # fmt: skip
    ok(at)
    at = goto(at, "Tambah Dokumen")
    changed = [line.replace("memberikan tanda suka pada", "membagikan ulang") for line in NEW_SE]
    at.file_uploader(key="ganti_berkas_0").set_value(("se-revisi.pdf", text_pdf(changed), "application/pdf"))
    next(b for b in at.form_submit_button if b.label == "Periksa berkas").click().run()
    ok(at)
    assert at.warning[0].value.startswith("Ganti berkas SE 100.2.1/1234/SJ Tahun 2024 dengan se-revisi.pdf? ")
    at.button(key="ganti_ya_0").click().run()
    ok(at)
    assert at.success[0].value == "Berkas SE 100.2.1/1234/SJ Tahun 2024 diganti: 3 ketentuan, sekarang bisa dicari."
    [meta] = user_manifest(own_data / "user")
    assert meta.sources[0].note == "diunggah sebagai se-revisi.pdf"
    assert meta.citation == (
        "Surat Edaran Menteri Dalam Negeri Nomor 100.2.1/1234/SJ Tahun 2024 tentang Netralitas Aparatur Sipil Negara"
    )
    goto(at, "Cari")
    at.text_input(key="kata_kunci").input("membagikan ulang unggahan media sosial pasangan calon").run()
    assert "**1. angka 1 SE 100.2.1/1234/SJ Tahun 2024**" in texts(at)
    assert "<mark>membagikan</mark> <mark>ulang</mark>" in texts(at) and "tanda suka" not in texts(at)


# ----------------------------------------------------------------- settings


def test_settings_show_documents_index_and_engine(data, monkeypatch):
    monkeypatch.delenv("RUJUKAN_LLM", raising=False)
    at = goto(start(), "Pengaturan")
    ok(at)
    table = at.dataframe[0].value
    row = table[table["Id"] == "pp-94-2021"].iloc[0]
    assert (row["Diingest"], row["Metode"], row["Unit"]) == ("ya", "pypdf", "44")
    assert table[table["Id"] == "uu-7-2017"].iloc[0]["Diingest"] == "belum"
    from qa.index import current_build, read_info

    info = read_info(current_build(data / "index"))
    body = texts(at)
    assert f"· {info.units_indexed} dari {info.units_total} unit diindeks ·" in body
    assert re.search(r"Dibangun \*\*\d{1,2} [A-Z][a-z]+ 20\d\d \d\d\.\d\d UTC\*\*", body)
    assert "**Ekstraktif**" in body


def test_table_of_contents_of_a_partial_copy_names_what_is_missing(tmp_path, monkeypatch, manifest):
    from ingest import store
    from ingest.model import ParsedDocument, ParseReport, Unit
    from qa.index import build_index

    data = tmp_path / "data"
    monkeypatch.setenv("RUJUKAN_DATA", str(data))
    units = [
        Unit(id=f"uu-7-2017/pasal-{n}", doc_id="uu-7-2017", kind="pasal", number=str(n), label=f"Pasal {n}",
             short_label=f"Pasal {n} UU 7/2017", text=text, order=n, hierarchy=["BAB I KETENTUAN UMUM"])
        for n, text in ((2, "Pemilu dilaksanakan berdasarkan asas langsung, umum, bebas, rahasia, jujur, dan adil."),
                        (3, "Dalam menyelenggarakan Pemilu, Penyelenggara Pemilu harus melaksanakan Pemilu."))
    ]  # fmt: skip
    report = ParseReport(doc_id="uu-7-2017", coverage={"pasal_first": 1, "pasal_last": 214, "pasal_total": 573,
                                                       "penjelasan": False})  # fmt: skip
    store.write_document(ParsedDocument("uu-7-2017", units, report), data / "units")
    build_index(store.load_units(data / "units"), manifest, progress=False, root=data / "index",
                cache_path=data / "cache" / "embeddings.sqlite")  # fmt: skip
    at = goto(start(), "Telusuri")
    ok(at)
    assert at.warning[0].value == (
        "UU 7/2017 di korpus sebagian: Pasal 1\u2013214 dari 573, tanpa Penjelasan. Pasal 215\u2013573 dan "
        "Penjelasan belum ada di korpus; tambahkan PDF resmi lewat Tambah Dokumen."
    )
