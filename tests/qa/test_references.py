"""Parsing provisions named in questions, and resolving them only to units that exist."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.manifest import load_manifest
from qa.references import Reference, general_explanations, normalize, parse_references, resolve, resolve_all

MANIFEST = load_manifest()

# query -> (candidate documents, unit path below the document)
TABLE = [
    ("Pasal 71 ayat 2 UU Pilkada", ("uu-1-2015",), "pasal-71/ayat-2"),
    ("pasal 87 uu asn 2014", ("uu-5-2014",), "pasal-87"),
    ("Pasal 5 huruf n PP 94/2021", ("pp-94-2021",), "pasal-5/huruf-n"),
    ("UU 10/2016 pasal 71", ("uu-10-2016",), "pasal-71"),
    ("pasal 280 ayat (1) huruf j UU 7/2017", ("uu-7-2017",), "pasal-280/ayat-1/huruf-j"),
    ("Pasal 87 ayat (4) huruf c UU 5 tahun 2014", ("uu-5-2014",), "pasal-87/ayat-4/huruf-c"),
    ("pasal 87 undang-undang nomor 5 tahun 2014", ("uu-5-2014",), "pasal-87"),
    ("Pasal 5 PP 94 2021", ("pp-94-2021",), "pasal-5"),
    ("pasal 5 huruf n angka 1 peraturan pemerintah no. 94 tahun 2021", ("pp-94-2021",), "pasal-5/huruf-n/angka-1"),
    ("Pasal 52 ayat (3) UU ASN", ("uu-20-2023",), "pasal-52/ayat-3"),
    ("pasal 52 UU ASN 2023", ("uu-20-2023",), "pasal-52"),
    ("pasal 9 uu asn tahun 2014", ("uu-5-2014",), "pasal-9"),
    ("Pasal 5 PP Disiplin PNS", ("pp-94-2021",), "pasal-5"),
    ("pasal 71 (2) uu 1/2015", ("uu-1-2015",), "pasal-71/ayat-2"),
    ("pasal 7A UU 10/2016", ("uu-10-2016",), "pasal-7A"),
    ("Pasal I angka 26 UU 10/2016", ("uu-10-2016",), "pasal-I/angka-26"),
    ("Penjelasan Pasal 2 huruf f UU 5/2014", ("uu-5-2014",), "penjelasan/pasal-2/huruf-f"),
    ("pasal 71 uu 7", ("uu-7-2023", "uu-7-2017"), "pasal-71"),  # ambiguous number: newest first
]


@pytest.mark.parametrize(("query", "docs", "path"), TABLE)
def test_parse_reference_table(manifest, query, docs, path):
    refs = parse_references(query, manifest)
    assert len(refs) == 1
    assert refs[0].doc_ids == docs
    assert refs[0].unit_id(docs[0]) == f"{docs[0]}/{path}"


@pytest.mark.parametrize(
    "query",
    ["asn boleh like postingan paslon?", "apa sanksi bagi petahana", "UU Pilkada", "ayat 2 huruf c", ""],
)
def test_no_provision_named_no_reference(manifest, query):
    assert parse_references(query, manifest) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Penjelasan Umum UU 1/2015", [("uu-1-2015/penjelasan-umum",)]),
        ("apa kata penjelasan umum undang-undang nomor 5 tahun 2014?", [("uu-5-2014/penjelasan-umum",)]),
        ("UU 7 penjelasan umum", [("uu-7-2023/penjelasan-umum", "uu-7-2017/penjelasan-umum")]),
        ("Penjelasan Umum UU 5/2014 dan Penjelasan Umum UU 20/2023",
         [("uu-5-2014/penjelasan-umum",), ("uu-20-2023/penjelasan-umum",)]),
        ("Penjelasan Umum", []),  # no document named: no id guessed
        ("Penjelasan Pasal 2 UU 5/2014", []),  # a Pasal's Penjelasan is a Reference, not this
    ],
)
def test_general_explanation_is_named_by_its_document(manifest, query, expected):
    assert general_explanations(query, manifest) == expected
    if expected:
        assert parse_references(query, manifest) == []


def test_provision_without_document_has_no_candidates(manifest):
    assert parse_references("apa isi pasal 71 ayat 2?", manifest) == [Reference(doc_ids=(), pasal="71", ayat="2")]


def test_each_provision_takes_its_nearest_document(manifest):
    refs = parse_references("Pasal 87 UU 5/2014 dibandingkan Pasal 52 UU 20/2023", manifest)
    assert [r.unit_id(r.doc_ids[0]) for r in refs] == ["uu-5-2014/pasal-87", "uu-20-2023/pasal-52"]
    assert [r.doc_ids for r in refs] == [("uu-5-2014",), ("uu-20-2023",)]


@pytest.mark.parametrize(
    "query",
    [
        # The formula Rujukan writes, the one it wrote before, and wordings people use: the amending
        # law at the end of the formula never takes the provision.
        "Pasal 71 ayat (2) UU 1/2015 sebagaimana telah beberapa kali diubah terakhir dengan UU 6/2020",
        "Pasal 71 ayat (2) UU 1/2015 sebagaimana telah diubah terakhir dengan UU 10/2016",
        "Pasal 71 ayat (2) UU 1/2015 sebagaimana telah diubah dengan UU 8/2015",
        "Pasal 71 ayat (2) Undang-Undang Nomor 1 Tahun 2015 sebagaimana telah beberapa kali diubah, terakhir "
        "dengan Undang-Undang Nomor 6 Tahun 2020",
    ],
)
def test_a_citation_in_any_formula_names_the_amended_law(manifest, query):
    assert parse_references(query, manifest) == [Reference(doc_ids=("uu-1-2015",), pasal="71", ayat="2")]
    assert resolve_all(query, IDS, manifest) == ["uu-1-2015/pasal-71/ayat-2"]


def test_provisions_around_a_formula_keep_their_documents(manifest):
    query = ("Pasal 71 ayat (2) dan Pasal 70 UU 1/2015 sebagaimana telah beberapa kali diubah terakhir dengan "
             "UU 6/2020 serta Pasal 5 huruf n PP 94/2021")  # fmt: skip
    assert [r.doc_ids for r in parse_references(query, manifest)] == [("uu-1-2015",), ("uu-1-2015",), ("pp-94-2021",)]
    # Only a formula's law is passed over: an amending law named on its own keeps its provisions.
    assert parse_references("Pasal I angka 26 UU 10/2016", manifest)[0].doc_ids == ("uu-10-2016",)


def test_normalize_spellings_of_a_law():
    assert normalize("Undang-Undang Nomor 5 Tahun 2014") == normalize("UU 5/2014") == "uu 5 2014"
    assert normalize("Peraturan Pemerintah No. 94 Thn 2021") == "pp 94 2021"


IDS = {
    "uu-1-2015/penjelasan-umum",
    "uu-7-2017/penjelasan-umum",
    "uu-1-2015/pasal-71",
    "uu-1-2015/pasal-71/ayat-2",
    "uu-5-2014/pasal-87",
    "uu-20-2023/pasal-52/ayat-3",
    "pp-94-2021/pasal-5/huruf-n",
    "uu-10-2016/pasal-I/angka-26",
}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Pasal 71 ayat 2 UU Pilkada", ["uu-1-2015/pasal-71/ayat-2"]),
        # the amending law does not contain Pasal 71 itself: its consolidated text lives in UU 1/2015
        ("UU 10/2016 pasal 71", ["uu-1-2015/pasal-71"]),
        ("Pasal I angka 26 UU 10/2016", ["uu-10-2016/pasal-I/angka-26"]),
        ("Pasal 999 UU 5/2014", []),
        ("Pasal 87 ayat (9) UU 5/2014", []),  # the Pasal exists, the ayat does not: nothing, not the Pasal
        ("Pasal 52 ayat 3 UU ASN", ["uu-20-2023/pasal-52/ayat-3"]),
        ("Pasal 52 ayat 3 UU ASN 2014", []),  # UU 5/2014 has no such unit here; never fall over to 20/2023
        ("pasal 71 ayat 2", []),  # no document named
        ("Pasal 71 ayat (2) dan Pasal 71 ayat 2 UU 1/2015", ["uu-1-2015/pasal-71/ayat-2"]),
        ("Penjelasan Umum UU 1/2015", ["uu-1-2015/penjelasan-umum"]),
        ("Pasal 71 dan Penjelasan Umum UU 1/2015", ["uu-1-2015/pasal-71", "uu-1-2015/penjelasan-umum"]),
        ("UU 7 penjelasan umum", ["uu-7-2017/penjelasan-umum"]),  # the law in force has none here
        ("Penjelasan Umum UU 10/2016", []),  # an amending law's own; never the amended law's
        ("Penjelasan Umum UU 5/2014", []),
    ],
)
def test_resolve_only_existing_units(manifest, query, expected):
    assert resolve_all(query, IDS, manifest) == expected


def test_default_documents_apply_when_none_named(manifest):
    (ref,) = parse_references("pasal 71 ayat 2", manifest)
    assert resolve(ref, IDS, manifest, default_docs=["uu-1-2015"]) == "uu-1-2015/pasal-71/ayat-2"


def test_invisible_characters_copied_from_a_pdf_do_not_change_the_provision(manifest):
    expected = [Reference(("uu-1-2015",), "71", "2")]
    assert parse_references("Pa\u00adsal 71 ayat (2) UU 1/2015", manifest) == expected
    assert parse_references("Pasal 7\u200b1 ayat (\u200d2) UU\u00a01/\u20602015", manifest) == expected
    assert parse_references("\u202bPasal ７１ ayat (2) UU 1/2015\u202c", manifest) == expected


INVISIBLE = st.sampled_from(["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u202b", "\u2066"])


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 300), st.none() | st.integers(1, 20), st.sampled_from(["UU 1/2015", "UU ASN", "PP 94/2021", ""]),
    st.lists(st.tuples(st.integers(0, 200), INVISIBLE), max_size=6),
)
def test_invisible_characters_never_change_the_parsed_provision(pasal, ayat, doc, inserted):
    query = f"Pasal {pasal}" + (f" ayat ({ayat})" if ayat else "") + (f" {doc}" if doc else "")
    chars = list(query)
    for position, char in sorted(inserted, reverse=True):
        chars.insert(position % (len(chars) + 1), char)
    assert parse_references("".join(chars), MANIFEST) == parse_references(query, MANIFEST)
