from corpus.ids import UnitId
from ingest.decree import parse_decree
from ingest.model import Unit
from ingest.read import read_source
from qa.graph import Graph
from tests.fixtures.skb_pdf import write_skb_pdf


def unit(uid, text, kind="huruf", refs=(), parent=None, order=0):
    parsed = UnitId.parse(uid)
    return Unit(id=uid, doc_id=parsed.doc, kind=kind, number=parsed.number, label=uid, short_label=uid,
                text=text, parent_id=parent, refs=list(refs), order=order)


UNITS = [
    unit("pp-94-2021/pasal-1/angka-1", "Pegawai Negeri Sipil yang selanjutnya disingkat PNS adalah warga negara "
         "Indonesia yang memenuhi syarat tertentu.", kind="angka", parent="pp-94-2021/pasal-1", order=1),
    unit("pp-94-2021/pasal-5", "PNS dilarang: a. ... n. memberikan dukungan kepada calon ...", kind="pasal", order=2),
    unit("pp-94-2021/pasal-5/huruf-n", "memberikan dukungan kepada calon Presiden dengan cara:",
         parent="pp-94-2021/pasal-5", order=3),
    unit("pp-94-2021/pasal-5/huruf-n/angka-2", "menjadi peserta kampanye dengan menggunakan atribut partai;",
         kind="angka", parent="pp-94-2021/pasal-5/huruf-n", order=4),
    unit("pp-94-2021/pasal-13", "Hukuman Disiplin sedang dijatuhkan bagi PNS yang: g. melanggar ...",
         kind="pasal", order=5),
    unit("pp-94-2021/pasal-13/huruf-g", "melanggar larangan sebagaimana dimaksud dalam Pasal 5 huruf n angka 2.",
         refs=["pp-94-2021/pasal-5/huruf-n/angka-2"], order=5),
    unit("pp-94-2021/pasal-12", "Hukuman disiplin sedang dijatuhkan bagi PNS yang ... Pasal 5 huruf n.",
         kind="pasal", refs=["pp-94-2021/pasal-5/huruf-n"], order=6),
    unit("pp-94-2021/penjelasan/pasal-5/huruf-n", "Cukup jelas.", kind="penjelasan",
         refs=["pp-94-2021/pasal-5/huruf-n"], order=7),
]


def test_ancestors_nearest_first():
    assert [str(a) for a in UnitId.parse("a/pasal-5/huruf-n/angka-2").ancestors] == ["a/pasal-5/huruf-n", "a/pasal-5"]


def test_citing_follows_references_up_and_down_the_hierarchy_but_not_penjelasan():
    graph = Graph.build(UNITS)
    assert [u.id for u in graph.citing("pp-94-2021/pasal-5/huruf-n")] == [
        "pp-94-2021/pasal-13/huruf-g",
        "pp-94-2021/pasal-12",
    ]
    # Pasal 13 huruf g holds no sanction word itself; its Pasal's opening words do.
    assert [u.id for u in graph.sanctions_for("pp-94-2021/pasal-5/huruf-n/angka-2")] == [
        "pp-94-2021/pasal-13/huruf-g",
        "pp-94-2021/pasal-12",
    ]


def test_definitions_used_finds_pasal_1_terms():
    graph = Graph.build(UNITS)
    used = graph.definitions_used(graph.units["pp-94-2021/pasal-5"])
    assert [u.id for u in used] == ["pp-94-2021/pasal-1/angka-1"]


SCALE = [
    unit("pp-94-2021/pasal-1/angka-4", "Disiplin PNS adalah kesanggupan PNS untuk menaati kewajiban.",
         kind="angka", parent="pp-94-2021/pasal-1", order=1),
    unit("pp-94-2021/pasal-8/ayat-1", "Tingkat Hukuman Disiplin terdiri atas:", kind="ayat", order=2),
    unit("pp-94-2021/pasal-8/ayat-1/huruf-b", "Hukuman Disiplin sedang; atau",
         parent="pp-94-2021/pasal-8/ayat-1", order=3),
    unit("pp-94-2021/pasal-8/ayat-1/huruf-c", "Hukuman Disiplin berat.",
         parent="pp-94-2021/pasal-8/ayat-1", order=4),
    unit("pp-94-2021/pasal-8/ayat-3", "Jenis Hukuman Disiplin sedang sebagaimana dimaksud pada ayat (1) huruf b "
         "terdiri atas: a. pemotongan tunjangan kinerja ...", kind="ayat",
         refs=["pp-94-2021/pasal-8/ayat-1/huruf-b"], order=5),
    unit("pp-94-2021/pasal-8/ayat-3/huruf-a", "pemotongan tunjangan kinerja ...",
         parent="pp-94-2021/pasal-8/ayat-3", order=6),
    unit("pp-94-2021/pasal-13", "Hukuman Disiplin sedang dijatuhkan bagi PNS yang ... Pasal 8 ayat (1) huruf b.",
         kind="pasal", refs=["pp-94-2021/pasal-8/ayat-1/huruf-b"], order=7),
]


def test_the_list_that_spells_out_an_item_is_the_one_in_its_pasal_with_items():
    graph = Graph.build(SCALE)
    # Pasal 13 cites huruf b too, but it is another Pasal and not a list of what the item holds.
    assert graph.elaborating("pp-94-2021/pasal-8/ayat-1/huruf-b").id == "pp-94-2021/pasal-8/ayat-3"
    assert graph.elaborating("pp-94-2021/pasal-8/ayat-1/huruf-c") is None


def test_a_term_nothing_defines_is_answered_by_the_list_that_spells_it_out():
    graph = Graph.build(SCALE)
    assert [u.id for u in graph.defining("Jenis Hukuman Disiplin sedang")] == ["pp-94-2021/pasal-8/ayat-3"]
    assert [u.id for u in graph.defining("disiplin pns")] == ["pp-94-2021/pasal-1/angka-4"]
    assert graph.defining("Hukuman Disiplin berat") == []


def test_skb_lampiran_cross_references_are_kept(tmp_path, manifest):
    """Two points of one Lampiran chapter are two provisions: the sanctions in BAB II huruf C
    ("Pelanggaran sebagaimana dimaksud pada huruf B dikenai sanksi") cite the prohibited acts of
    huruf B, and that edge is not dropped as a reference inside one "Pasal"."""
    doc = parse_decree(read_source(write_skb_pdf(tmp_path / "skb-2-2022.pdf")), manifest.get("skb-2-2022"))
    graph = Graph.build(doc.units)
    act = "skb-2-2022/lampiran/bab-ii/huruf-b/angka-3"
    assert [u.id for u in graph.citing(act)] == ["skb-2-2022/lampiran/bab-ii/huruf-c"]
    assert [u.id for u in graph.sanctions_for(act)] == ["skb-2-2022/lampiran/bab-ii/huruf-c"]
    assert [u.id for u in graph.cited("skb-2-2022/lampiran/bab-ii/huruf-c")] == ["skb-2-2022/lampiran/bab-ii/huruf-b"]
    assert [u.id for u in graph.citing("skb-2-2022/diktum-kesatu")] == ["skb-2-2022/diktum-kedua"]


PENAL = [
    unit("uu-1-2015/pasal-71/ayat-1", "Pejabat negara ... dilarang membuat keputusan ...", kind="ayat", order=1),
    unit("uu-1-2015/pasal-71/ayat-2", "Gubernur ... dilarang melakukan penggantian pejabat ...", kind="ayat", order=2),
    unit("uu-1-2015/pasal-76/ayat-1", "Pasangan Calon dilarang menerima sumbangan ...", kind="ayat", order=3),
    unit("uu-1-2015/pasal-162/ayat-3", "Bupati dilarang melakukan penggantian pejabat ...", kind="ayat", order=4),
    unit("uu-1-2015/pasal-187/ayat-6", "Setiap orang yang dengan sengaja menerima atau memberi dana Kampanye dari atau "
         "kepada pihak yang dilarang sebagaimana dimaksud dalam Pasal 76 ayat (1) dan/atau tidak memenuhi kewajiban "
         "sebagaimana dimaksud dalam Pasal 71, dipidana dengan pidana penjara ...", kind="ayat",
         refs=["uu-1-2015/pasal-76/ayat-1", "uu-1-2015/pasal-71"], order=5),
    unit("uu-1-2015/pasal-188", "Setiap pejabat negara ... yang dengan sengaja melanggar ketentuan sebagaimana "
         "dimaksud dalam Pasal 71, dipidana dengan pidana penjara ...", kind="pasal", refs=["uu-1-2015/pasal-71"], order=6),
    unit("uu-1-2015/pasal-190", "Pejabat yang melanggar ketentuan Pasal 71 ayat (2) atau Pasal 162 ayat (3), dipidana "
         "dengan pidana penjara ...", kind="pasal", refs=["uu-1-2015/pasal-71/ayat-2", "uu-1-2015/pasal-162/ayat-3"],
         order=7),
    unit("pp-94-2021/pasal-8/ayat-1/huruf-c", "Hukuman Disiplin berat.", order=8),
    unit("pp-94-2021/pasal-5/huruf-a", "menyalahgunakan wewenang;", order=9),
    unit("pp-94-2021/pasal-14", "Hukuman Disiplin berat sebagaimana dimaksud dalam Pasal 8 ayat (1) huruf c dijatuhkan "
         "bagi PNS yang melanggar ketentuan larangan: a. menyalahgunakan wewenang sebagaimana dimaksud dalam Pasal 5 "
         "huruf a;", kind="pasal", refs=["pp-94-2021/pasal-8/ayat-1/huruf-c", "pp-94-2021/pasal-5/huruf-a"], order=10),
    unit("pp-94-2021/pasal-7", "PNS yang tidak menaati ketentuan sebagaimana dimaksud dalam Pasal 3 sampai dengan "
         "Pasal 5 dijatuhi Hukuman Disiplin.", kind="pasal", refs=["pp-94-2021/pasal-5"], order=11),
]


def test_a_penal_provision_is_the_sanction_only_of_the_act_it_names_first():
    graph = Graph.build(PENAL)
    assert [u.id for u in graph.sanctions_for("uu-1-2015/pasal-71/ayat-1")] == ["uu-1-2015/pasal-188"]
    assert [u.id for u in graph.sanctions_for("uu-1-2015/pasal-71/ayat-2")] == [
        "uu-1-2015/pasal-188", "uu-1-2015/pasal-190"]
    # Pasal 187 ayat (6) punishes campaign funds (Pasal 76) and names Pasal 71 only in passing.
    assert [u.id for u in graph.penal_mentions("uu-1-2015/pasal-71/ayat-1")] == ["uu-1-2015/pasal-187/ayat-6"]
    assert [u.id for u in graph.sanctions_for("uu-1-2015/pasal-76/ayat-1")] == ["uu-1-2015/pasal-187/ayat-6"]
    # "Pasal 71 ayat (2) atau Pasal 162 ayat (3)" is one act in two places.
    assert [u.id for u in graph.sanctions_for("uu-1-2015/pasal-162/ayat-3")] == ["uu-1-2015/pasal-190"]


def test_the_penalty_scale_is_not_the_act_and_ranges_count():
    graph = Graph.build(PENAL)
    assert [u.id for u in graph.sanctions_for("pp-94-2021/pasal-5/huruf-a")] == ["pp-94-2021/pasal-14", "pp-94-2021/pasal-7"]
    assert graph.sanctions_for("pp-94-2021/pasal-8/ayat-1/huruf-c") == []
