"""The point tree shared by decrees and letters: nesting by marker style, units with ids and labels."""

from __future__ import annotations

from corpus.manifest import DocumentMeta
from ingest.model import Line
from ingest.points import Node, PointTree, Step, UnitBuilder, join_text, match_marker

META = DocumentMeta(
    id="se-fixture",
    kind="Surat Edaran",
    number="1",
    year=2024,
    title="Surat Edaran (fixture)",
    citation="Surat Edaran Nomor 1",
    short_name="SE 1",
)


def _tree(texts: list[str], titles: bool = False) -> Node:
    root = Node("root", "")
    tree = PointTree(root, titles=titles)
    for page, text in enumerate(texts, start=1):
        tree.feed(Line(text, page))
    return root


def test_markers_nest_by_style_and_continue_by_sequence():
    root = _tree([
        "1. Pertama",
        "a. huruf a dari angka 1",
        "b. huruf b dari angka 1",
        "2. Kedua",
        "a. huruf a dari angka 2",
    ])
    assert [(n.style, n.marker) for n in root.children] == [("1.", "1"), ("1.", "2")]
    assert [n.marker for n in root.children[0].children] == ["a", "b"]
    assert [n.marker for n in root.children[1].children] == ["a"]
    assert root.children[1].text() == "Kedua\na. huruf a dari angka 2"


def test_a_number_out_of_sequence_is_text_not_a_point():
    # "5." after "1." neither continues the sequence nor starts one: a wrapped line.
    root = _tree(["1. jumlahnya paling sedikit", "5. orang dari setiap desa"])
    assert len(root.children) == 1
    assert root.children[0].own_text() == "jumlahnya paling sedikit 5. orang dari setiap desa"


def test_section_titles_only_when_asked():
    assert _tree(["A. Latar Belakang", "isi"], titles=True).children[0].title == "Latar Belakang"
    assert _tree(["A. Latar Belakang", "isi"]).children[0].title == ""


def test_match_marker_and_ocr_comma():
    assert match_marker("1) setiap orang") == ("1)", "1", "setiap orang")
    assert match_marker("4, setiap orang") is None
    assert match_marker("4, setiap orang", ocr=True) == ("1.", "4", "setiap orang")


def test_join_text_keeps_reduplication_hyphen():
    assert join_text(["masing-", "masing daerah"]) == "masing-masing daerah"


def test_unit_builder_ids_labels_and_parents():
    root = _tree(["1. Pertama", "a. huruf a", "a. huruf a lagi"])
    builder = UnitBuilder(META)
    builder.add_tree(root, [], [], label_style="after", parent_id=None, hierarchy=[])
    got = [(u.id, u.short_label, u.parent_id) for u in builder.units]
    assert got == [
        ("se-fixture/angka-1", "angka 1 SE 1", None),
        ("se-fixture/angka-1/huruf-a", "angka 1 huruf a SE 1", "se-fixture/angka-1"),
    ]
    # A repeated marker is text of the open point, not a second unit that would overwrite the first.
    assert builder.units[1].text == "huruf a a. huruf a lagi"
    assert Step("diktum", "KETIGA").words == "Diktum KETIGA"
