"""Unit ids and citation labels agree with the team contract."""

from corpus.ids import UnitId, unit_id
from ingest.labels import full_label, short_label

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
