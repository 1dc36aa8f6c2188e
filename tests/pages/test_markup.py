"""Text and HTML of the pages, built without Streamlit."""

from __future__ import annotations

from pages import markup


def test_highlight_marks_words_by_stem_and_escapes_html():
    marked = markup.highlight("PNS dilarang berkampanye <b>di</b> kantor", "larangan kampanye")
    assert marked == "PNS <mark>dilarang</mark> <mark>berkampanye</mark> &lt;b&gt;di&lt;/b&gt; kantor"


def test_snippet_is_a_window_around_the_first_match():
    text = " ".join(["awal"] * 120) + " pegawai dilarang ikut kampanye " + " ".join(["akhir"] * 120)
    cut = markup.snippet(text, "kampanye", width=200)
    assert cut.startswith("… ") and cut.endswith(" …")
    assert "<mark>kampanye</mark>" in cut
    assert len(cut) < 260


def test_word_diff_marks_what_an_amendment_added_and_removed():
    old = "Pejabat negara, pejabat aparatur sipil negara, dan Kepala Desa dilarang"
    new = "Pejabat negara, pejabat daerah, pejabat aparatur sipil negara, anggota TNI/POLRI, dan Kepala Desa dilarang"
    assert markup.word_diff(old, new) == (
        "Pejabat negara, <ins>pejabat daerah,</ins> pejabat aparatur sipil negara, <ins>anggota TNI/POLRI,</ins> "
        "dan Kepala Desa dilarang"
    )
    assert markup.word_diff("a <b> c", "a c") == "a <del>&lt;b&gt;</del> c"


def test_build_time_reads_in_indonesian():
    assert markup.when("2026-11-23T14:56:53Z") == "23 November 2026 14.56 UTC"
    assert markup.when("") == "-"


def test_download_names_are_slugs_of_the_title():
    assert markup.file_name("Materi Netralitas ASN") == "materi-netralitas-asn"
    assert markup.file_name(" — ") == "materi"


def _unit(number: str, *changes: str, **kw):
    from ingest.model import Unit, Version

    history = [Version(text="...", doc_id="x", source_id="x/1", source_label="Pasal I angka 6 UU 7/2023", change=c)
               for c in changes]  # fmt: skip
    return Unit(id=f"uu-7-2017/pasal-{number}", doc_id="uu-7-2017", kind="pasal", number=number, label="",
                short_label=f"Pasal {number} UU 7/2017", text="...", history=history, **kw)  # fmt: skip


def test_badges_and_table_of_contents_marks_come_from_the_history():
    amended = _unit("186", "asli", "diubah")
    assert markup.status_badges(amended) == ":green-badge[berlaku] :blue-badge[diubah]"
    assert markup.toc_mark(amended) == ("Pasal 186 (diubah)", ":material/edit_note:")
    assert markup.toc_mark(_unit("10A", "disisipkan")) == ("Pasal 10A (disisipkan)", ":material/add_circle:")
    assert markup.toc_mark(_unit("2", "asli")) == ("Pasal 2", None)
    deleted = _unit("4", "asli", "dihapus", status="dicabut", status_note="dihapus dengan Pasal I angka 3 UU 8/2015")
    assert markup.status_badges(deleted) == ":red-badge[dihapus]"
    assert markup.toc_mark(deleted) == ("Pasal 4 (dihapus)", ":material/block:")
    assert markup.status_line(deleted) == ":red-badge[dihapus] · dihapus dengan Pasal I angka 3 UU 8/2015"
    # Known only from UU 7/2023 (beyond the part of UU 7/2017 held), or changed by a law whose text is missing.
    outside = _unit("276", "diubah", coverage_note="Teks asli Pasal 276 UU 7/2017 tidak ada di korpus")
    assert markup.toc_mark(outside) == ("Pasal 276 (diubah, teks asli tidak ada di korpus)", ":material/warning:")
    assert markup.status_badges(outside) == (
        ":green-badge[berlaku] :blue-badge[diubah] :orange-badge[teks asli tidak ada di korpus]")  # fmt: skip
    assert markup.toc_mark(_unit("120", "asli", coverage_note="..."), "diubah") == (
        "Pasal 120 (diubah, teks perubahan tidak ada di korpus)", ":material/warning:")  # fmt: skip
    inserted = _unit("568A", "disisipkan", coverage_note="Pasal 568A disisipkan dengan Pasal I angka 2 UU 7/2023; ...")
    assert markup.toc_mark(inserted) == ("Pasal 568A (disisipkan)", ":material/add_circle:")
    assert markup.status_line(inserted) == (  # its text is whole: a fact, not a warning
        ":green-badge[berlaku] :blue-badge[disisipkan] · Pasal 568A disisipkan dengan Pasal I angka 2 UU 7/2023; ...")
    ocr = _unit("5", "asli", ocr_suspect=["Ralcyat"])
    assert markup.status_badges(ocr) == ":green-badge[berlaku] :orange-badge[teks OCR]"
