"""Cross-references found in provision text and resolved to unit ids."""

from corpus.manifest import DocumentMeta
from ingest.model import Unit
from ingest.references import find_references, resolve_references

META = DocumentMeta(id="x", kind="PP", number="1", year=2020, title="t", citation="PP X", short_name="PP 1/2020")


def steps(text, docs=None):
    return [(r.steps, r.doc_id) for r in find_references(text, "x", docs)]


def test_chain_list_and_range():
    assert steps("sebagaimana dimaksud dalam Pasal 5 huruf n angka 2") == [((("pasal", "5"), ("huruf", "n"), ("angka", "2")), "x")]
    assert [s for s, _ in steps("dalam Pasal 87 dan Pasal 88")] == [(("pasal", "87"),), (("pasal", "88"),)]
    got = [s for s, _ in steps("Pasal 69 huruf a sampai dengan huruf d")]
    assert got == [(("pasal", "69"), ("huruf", k)) for k in "abcd"]
    got = [s for s, _ in steps("pada ayat (1), ayat (2), dan ayat (3)")]
    assert got == [(("ayat", n),) for n in "123"]


def test_other_documents():
    docs = {("UU", "5", 2014): "uu-5-2014"}
    assert steps("Pasal 86 ayat (4) Undang-Undang Nomor 5 Tahun 2014 tentang", docs) == [
        ((("pasal", "86"), ("ayat", "4")), "uu-5-2014")
    ]
    refs = find_references("Pasal 18 ayat (4) Undang-Undang Dasar Negara", "x", docs)
    assert [r.external for r in refs] == [True]
    refs = find_references("Pasal 3 Undang-Undang Nomor 8 Tahun 1974", "x", docs)
    assert [r.external for r in refs] == [True]


def _unit(uid, text, parent=None, order=0):
    return Unit(id=uid, doc_id="x", kind="pasal", number="", label="", short_label="", text=text, parent_id=parent, order=order)


def test_resolution_relative_absolute_and_unresolved():
    units = [
        _unit("x/pasal-1", "(1) A. (2) B sebagaimana dimaksud pada ayat (1).", order=1),
        _unit("x/pasal-1/ayat-1", "A.", "x/pasal-1", 2),
        _unit("x/pasal-1/ayat-2", "B sebagaimana dimaksud pada ayat (1).", "x/pasal-1", 3),
        _unit("x/pasal-2", "Lihat Pasal 1 ayat (2) dan Pasal 9.", order=4),
    ]
    own = {"x/pasal-1": "", "x/pasal-1/ayat-1": "A.", "x/pasal-1/ayat-2": units[2].text, "x/pasal-2": units[3].text}
    unresolved = resolve_references(units, META, None, own_text=own)
    assert units[2].refs == ["x/pasal-1/ayat-1"]
    assert units[0].refs == []  # a Pasal's references to its own ayat are not outgoing
    assert units[3].refs == ["x/pasal-1/ayat-2"]
    assert unresolved == [{"unit": "x/pasal-2", "text": "Pasal 9"}]


def test_refs_keep_the_order_written_and_parents_gather_childrens():
    units = [
        _unit("x/pasal-3", "Tiga.", order=1),
        _unit("x/pasal-10", "Sepuluh.", order=2),
        _unit("x/pasal-11", "(1) Lihat Pasal 10 dan Pasal 3. (2) Lihat Pasal 3 dan ayat (1).", order=3),
        _unit("x/pasal-11/ayat-1", "Lihat Pasal 10 dan Pasal 3.", "x/pasal-11", 4),
        _unit("x/pasal-11/ayat-2", "Lihat Pasal 3 dan ayat (1).", "x/pasal-11", 5),
    ]
    own = {u.id: u.text for u in units} | {"x/pasal-11": ""}
    assert resolve_references(units, META, None, own_text=own) == []
    assert units[3].refs == ["x/pasal-10", "x/pasal-3"]
    assert units[4].refs == ["x/pasal-3", "x/pasal-11/ayat-1"]
    assert units[2].refs == ["x/pasal-10", "x/pasal-3"]
