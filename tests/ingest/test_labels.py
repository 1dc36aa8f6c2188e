"""Unit ids and citation labels agree with the team contract."""

import pytest

from corpus.ids import UnitId, unit_id
from ingest import labels
from ingest.labels import FORMULA, formula, full_label, short_label, with_formula, without_formula

ASN = "Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara"


def test_ids():
    assert unit_id("uu-5-2014", [("pasal", "87"), ("ayat", "4"), ("huruf", "c")]) == "uu-5-2014/pasal-87/ayat-4/huruf-c"
    assert unit_id("uu-5-2014", [("penjelasan", ""), ("pasal", "2"), ("huruf", "f")]) == "uu-5-2014/penjelasan/pasal-2/huruf-f"
    assert unit_id("uu-5-2014", [("penjelasan-umum", "")]) == "uu-5-2014/penjelasan-umum"
    assert unit_id("uu-5-2014", [("menimbang", ""), ("huruf", "a")]) == "uu-5-2014/menimbang/huruf-a"
    assert unit_id("uu-10-2016", [("pasal", "I"), ("angka", "26")]) == "uu-10-2016/pasal-I/angka-26"
    assert unit_id("uu-10-2016", [("pasal", "7A")]) == "uu-10-2016/pasal-7A"


def test_parsing_an_id_inverts_unit_id():
    path = (("penjelasan", ""), ("pasal", "5"), ("huruf", "n"), ("angka", "1"))
    uid = UnitId.parse(unit_id("pp-94-2021", path))
    assert (uid.doc, uid.path) == ("pp-94-2021", path)


def test_labels():
    path = [("pasal", "87"), ("ayat", "4"), ("huruf", "c")]
    assert full_label(path, ASN) == f"Pasal 87 ayat (4) huruf c {ASN}"
    assert short_label(path, "UU 5/2014") == "Pasal 87 ayat (4) huruf c UU 5/2014"
    assert short_label([("penjelasan", ""), ("pasal", "2"), ("huruf", "f")], "UU 5/2014") == "Penjelasan Pasal 2 huruf f UU 5/2014"
    assert short_label([("menimbang", ""), ("huruf", "a")], "UU 5/2014") == "Menimbang huruf a UU 5/2014"
    assert short_label([("mengingat", ""), ("angka", "1")], "UU 5/2014") == "Mengingat angka 1 UU 5/2014"
    assert short_label([("penjelasan-umum", "")], "UU 5/2014") == "Penjelasan Umum UU 5/2014"
    assert short_label([("pasal", "I"), ("angka", "26")], "UU 10/2016") == "Pasal I angka 26 UU 10/2016"


def test_penetapan_body_is_named_apart_from_the_lampiran():
    assert short_label([("penetapan", ""), ("pasal", "1")], "UU 1/2015") == "Pasal 1 UU 1/2015 (batang tubuh penetapan)"
    assert unit_id("uu-1-2015", [("penetapan", ""), ("pasal", "1")]) == "uu-1-2015/penetapan/pasal-1"


def test_the_citation_formula_follows_the_number_of_amendments():
    assert formula([]) == ""
    assert formula(["UU 7/2023"]) == " sebagaimana telah diubah dengan UU 7/2023"
    assert formula(["UU 8/2015", "UU 10/2016", "UU 6/2020"]) == (
        " sebagaimana telah beberapa kali diubah terakhir dengan UU 6/2020"
    )


def test_with_formula_puts_the_formula_after_the_document_and_replaces_an_older_one():
    several = " sebagaimana telah beberapa kali diubah terakhir dengan UU 6/2020"
    assert with_formula("Pasal 71 UU 1/2015", "UU 1/2015", several) == f"Pasal 71 UU 1/2015{several}"
    old = "Pasal 71 UU 1/2015 sebagaimana telah diubah terakhir dengan UU 10/2016"
    assert with_formula(old, "UU 1/2015", several) == f"Pasal 71 UU 1/2015{several}"
    assert with_formula("Pasal 1 UU 1/2015 (batang tubuh penetapan)", "UU 1/2015", several) == (
        f"Pasal 1 UU 1/2015{several} (batang tubuh penetapan)"
    )
    assert with_formula("Pasal 5 PP 94/2021", "UU 1/2015", several) == "Pasal 5 PP 94/2021"


@pytest.mark.parametrize(
    "written",
    [
        "sebagaimana telah diubah dengan",
        "sebagaimana telah diubah terakhir dengan",
        "sebagaimana telah beberapa kali diubah terakhir dengan",
        "sebagaimana telah beberapa kali diubah, terakhir dengan",
        "Sebagaimana Telah Diubah Beberapa Kali Terakhir Dengan",
        "sebagaimana telah diubah beberapa kali terakhir dengan",
        "sebagaimana telah beberapa kali diubah yang terakhir dengan",
    ],
)
def test_the_formula_is_read_in_every_wording_people_use(written):
    assert FORMULA.search(f"Pasal 71 UU 1/2015 {written} UU 10/2016").end() == len(f"Pasal 71 UU 1/2015 {written} ")


def test_without_formula_gives_the_plain_label():
    several = "Pasal 71 UU 1/2015 sebagaimana telah beberapa kali diubah terakhir dengan UU 6/2020"
    assert without_formula(several) == "Pasal 71 UU 1/2015"
    assert without_formula(f"{several} (batang tubuh penetapan)") == "Pasal 71 UU 1/2015 (batang tubuh penetapan)"
    assert without_formula("Pasal 52 UU 20/2023") == "Pasal 52 UU 20/2023"


def test_a_law_is_named_outside_its_labels_as_its_labels_name_it():
    from corpus.manifest import load_manifest

    manifest = load_manifest()
    assert labels.law_name("uu-1-2015", manifest) == "UU 1/2015 sebagaimana telah beberapa kali diubah terakhir dengan UU 6/2020"
    assert labels.law_name("uu-7-2017", manifest) == "UU 7/2017 sebagaimana telah diubah dengan UU 7/2023"
    assert labels.law_name("uu-5-2014", manifest) == "UU 5/2014"  # never amended: bare
    full = labels.law_name("uu-7-2017", manifest, full=True)
    assert full == manifest.get("uu-7-2017").citation + " sebagaimana telah diubah dengan " + manifest.get("uu-7-2023").citation
