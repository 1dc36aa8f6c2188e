"""The citation gate: only units the index holds, quoted exactly under their own label, pass."""

from __future__ import annotations

from dataclasses import replace

from ingest.model import Unit
from qa.model import Citation
from qa.verify import Rejected, verify_citations

HURUF_N = Unit(
    id="pp-94-2021/pasal-5/huruf-n",
    doc_id="pp-94-2021",
    kind="huruf",
    number="n",
    label="Pasal 5 huruf n Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil",
    short_label="Pasal 5 huruf n PP 94/2021",
    text="n. memberikan dukungan kepada calon Presiden/Wakil Presiden, calon Kepala Daerah/Wakil Kepala "
    "Daerah, calon anggota Dewan Perwakilan Rakyat, calon anggota Dewan Perwakilan Daerah, atau calon "
    "anggota Dewan Perwakilan Rakyat Daerah dengan cara:",
    parent_id="pp-94-2021/pasal-5",
    pages=[5],
)
PASAL_87_4 = Unit(
    id="uu-5-2014/pasal-87/ayat-4",
    doc_id="uu-5-2014",
    kind="ayat",
    number="4",
    label="Pasal 87 ayat (4) Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara",
    short_label="Pasal 87 ayat (4) UU 5/2014",
    text="(4) PNS diberhentikan tidak dengan hormat karena:",
    parent_id="uu-5-2014/pasal-87",
    status="dicabut",
)
UNITS = {u.id: u for u in (HURUF_N, PASAL_87_4)}


def test_citations_of_indexed_units_pass_in_order():
    citations = [Citation.of(PASAL_87_4), Citation.of(HURUF_N)]

    kept, rejected = verify_citations(citations, UNITS)

    assert kept == citations
    assert [c.unit_id for c in kept] == ["uu-5-2014/pasal-87/ayat-4", "pp-94-2021/pasal-5/huruf-n"]
    assert rejected == []


def test_a_unit_the_index_lacks_is_rejected_as_unknown():
    # The right words under an article the index does not hold: never shown.
    invented = replace(Citation.of(HURUF_N), unit_id="pp-94-2021/pasal-5/huruf-o")

    kept, rejected = verify_citations([invented], UNITS)

    assert kept == []
    assert rejected == [Rejected(invented, "unknown unit")]


def test_quoted_text_must_match_exactly():
    one_letter = replace(Citation.of(HURUF_N), text=HURUF_N.text.replace("dukungan", "dukungann"))
    trailing_space = replace(Citation.of(HURUF_N), text=HURUF_N.text + " ")
    shortened = replace(Citation.of(PASAL_87_4), text="(4) PNS diberhentikan")

    kept, rejected = verify_citations([one_letter, trailing_space, shortened], UNITS)

    assert kept == []
    assert [(r.citation, r.reason) for r in rejected] == [
        (one_letter, "text differs"),
        (trailing_space, "text differs"),
        (shortened, "text differs"),
    ]


def test_the_label_must_be_the_units_own():
    # The exact text of PP 94/2021 Pasal 5 huruf n presented as another article.
    relabelled = replace(
        Citation.of(HURUF_N),
        label="Pasal 5 huruf m Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil",
    )

    kept, rejected = verify_citations([relabelled], UNITS)

    assert kept == []
    assert rejected == [Rejected(relabelled, "text differs")]


def test_good_and_bad_citations_are_split_keeping_order():
    good_a, good_b = Citation.of(HURUF_N), Citation.of(PASAL_87_4)
    unknown = replace(good_a, unit_id="uu-1-2015/pasal-71/ayat-2")
    altered = replace(good_b, text=good_b.text.upper())

    kept, rejected = verify_citations([unknown, good_a, altered, good_b], UNITS)

    assert kept == [good_a, good_b]
    assert rejected == [Rejected(unknown, "unknown unit"), Rejected(altered, "text differs")]


def test_the_same_citation_twice_passes_twice():
    citation = Citation.of(HURUF_N)

    kept, rejected = verify_citations([citation, citation], UNITS)

    assert kept == [citation, citation]
    assert rejected == []


def test_no_citations_and_an_empty_index():
    assert verify_citations([], UNITS) == ([], [])
    citation = Citation.of(HURUF_N)
    assert verify_citations([citation], {}) == ([], [Rejected(citation, "unknown unit")])
