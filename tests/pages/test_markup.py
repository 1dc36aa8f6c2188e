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
