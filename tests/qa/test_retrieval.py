"""Retrieval over the sample index: references first, fusion, filters, parents, modes, threads."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from corpus.manifest import load_manifest
from qa.model import Filters, Hit
from qa.retrieval import IndexNotBuilt, Retriever, passes, rrf


def ids(hits: list[Hit]) -> list[str]:
    return [h.unit.id for h in hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Pasal 71 ayat 2 UU Pilkada", "uu-1-2015/pasal-71/ayat-2"),
        ("pasal 87 uu asn 2014", "uu-5-2014/pasal-87"),
        ("Pasal 5 huruf n PP 94/2021", "pp-94-2021/pasal-5/huruf-n"),
        ("UU 10/2016 pasal 71", "uu-1-2015/pasal-71"),
        ("Pasal 52 ayat (3) huruf j UU ASN", "uu-20-2023/pasal-52/ayat-3/huruf-j"),
    ],
)
def test_named_provision_comes_first(sample_retriever, query, expected):
    hits = sample_retriever.retrieve(query, k=5)
    assert hits[0].unit.id == expected
    assert hits[0].retrievers[0] == "reference"
    assert len(ids(hits)) == len(set(ids(hits)))


def test_unknown_provision_is_not_invented(sample_retriever):
    hits = sample_retriever.retrieve("Pasal 999 UU 5/2014", k=5)
    assert all("reference" not in h.retrievers for h in hits)
    assert not any("pasal-999" in h.unit.id for h in hits)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("asn jadi pengurus partai politik", {"uu-20-2023/pasal-52/ayat-3/huruf-j", "uu-5-2014/pasal-87/ayat-4/huruf-c"}),
        ("PNS ikut kampanye calon kepala daerah", {"pp-94-2021/pasal-5/huruf-n/angka-1"}),
        ("petahana mengganti pejabat enam bulan sebelum masa jabatan berakhir", {"uu-1-2015/pasal-71/ayat-2"}),
        ("sanksi pidana pejabat yang melanggar pasal 71", {"uu-1-2015/pasal-188"}),
    ],
)
def test_meaning_queries_find_the_provision_in_the_top_3(sample_retriever, query, expected):
    assert expected & set(ids(sample_retriever.retrieve(query, k=3)))


def test_hit_has_its_pasal_as_parent(sample_retriever):
    hit = next(h for h in sample_retriever.retrieve("pengurus partai politik", k=10)
               if h.unit.id == "uu-5-2014/pasal-87/ayat-4/huruf-c")
    assert hit.parent.id == "uu-5-2014/pasal-87"
    assert "(4) PNS diberhentikan tidak dengan hormat" in hit.parent.text
    top = sample_retriever.retrieve("Pasal 188 UU 1/2015", k=1)[0]
    assert top.unit.id == "uu-1-2015/pasal-188" and top.parent is None


def test_modes_report_their_retrievers(sample_retriever):
    query = "pns dilarang menerima hadiah yang berhubungan dengan jabatan"
    for mode in ("dense", "bm25"):
        hits = sample_retriever.retrieve(query, k=5, mode=mode)
        assert hits and all(h.retrievers == [mode] for h in hits)
        assert hits[0].unit.id == "pp-94-2021/pasal-5/huruf-k"
    hybrid = sample_retriever.retrieve(query, k=5)
    assert hybrid[0].unit.id == "pp-94-2021/pasal-5/huruf-k"
    assert hybrid[0].retrievers == ["dense", "bm25"]
    assert hybrid[0].score == pytest.approx(1 / 61 + 0.5 / 61)  # first in both, BM25 at half weight
    with pytest.raises(ValueError):
        sample_retriever.retrieve(query, mode="sparse")


def test_scores_descend(sample_retriever):
    hits = sample_retriever.retrieve("Pasal 71 ayat (1) UU 1/2015 pejabat negara dilarang", k=10)
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert len(hits) == 10


def test_in_force_filter_drops_revoked_units(sample_retriever):
    query = "pns diberhentikan karena menjadi pengurus partai politik"
    # revoked provisions rank below those in force (qa.rescoring) but are not left out
    assert any(h.unit.doc_id == "uu-5-2014" for h in sample_retriever.retrieve(query, k=30))
    for mode in ("hybrid", "dense", "bm25"):
        hits = sample_retriever.retrieve(query, k=10, filters=Filters(in_force_only=True), mode=mode)
        assert hits and all(h.unit.status != "dicabut" for h in hits)
    # a named provision of a revoked law is still not shown when only in-force law is asked for
    hits = sample_retriever.retrieve("Pasal 87 UU 5/2014", k=3, filters=Filters(in_force_only=True))
    assert "uu-5-2014/pasal-87" not in ids(hits)


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_document_kind_and_year_filters(sample_retriever, mode):
    query = "pegawai dilarang ikut kampanye"
    hits = sample_retriever.retrieve(query, k=10, filters=Filters(doc_ids=["uu-1-2015"]), mode=mode)
    assert hits and {h.unit.doc_id for h in hits} == {"uu-1-2015"}
    hits = sample_retriever.retrieve(query, k=10, filters=Filters(kinds=["PP"]), mode=mode)
    assert hits and {h.unit.doc_id for h in hits} == {"pp-94-2021"}
    hits = sample_retriever.retrieve(query, k=10, filters=Filters(years=[2014, 2023]), mode=mode)
    assert hits and {h.unit.doc_id for h in hits} <= {"uu-5-2014", "uu-20-2023"}


def test_document_filter_supplies_the_document_of_a_bare_reference(sample_retriever):
    hits = sample_retriever.retrieve("pasal 71 ayat 2", k=3, filters=Filters(doc_ids=["uu-1-2015"]))
    assert hits[0].unit.id == "uu-1-2015/pasal-71/ayat-2" and "reference" in hits[0].retrievers


def test_penjelasan_hit_is_credited_to_the_unit_it_explains(sample_index):
    manifest = load_manifest()
    # UU 5/2014 is revoked: named, so that its provisions are not ranked below those in force
    query = "tidak berpihak dari segala bentuk pengaruh manapun UU 5/2014"
    body, note = "uu-5-2014/pasal-2/huruf-f", "uu-5-2014/penjelasan/pasal-2/huruf-f"

    def top(policy, question=query):
        hits = Retriever(root=sample_index[0], manifest=manifest, penjelasan=policy).retrieve(question, k=5, mode="bm25")
        return ids(hits)[:2]

    assert top("both") == [body, note]  # users cite the body: it comes first
    # unless the Penjelasan is what the question asks for
    assert top("both", f"penjelasan: {query}") == [note, body]
    assert top("explained")[0] == body and note not in top("explained")
    assert top("keep")[0] == note
    with pytest.raises(ValueError):
        Retriever(root=sample_index[0], manifest=manifest, penjelasan="merge")


def test_concurrent_queries_from_threads(sample_retriever):
    queries = ["PNS ikut kampanye", "Pasal 71 ayat 2 UU Pilkada", "pengurus partai politik", "asas netralitas"] * 3
    expected = [ids(sample_retriever.retrieve(q, k=5)) for q in queries]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda q: ids(sample_retriever.retrieve(q, k=5)), queries))
    assert got == expected


def test_retriever_reloads_when_current_changes(tmp_path, embedding_cache, sample_index, make_units):
    from qa.index import build_index

    manifest = load_manifest()
    retriever = Retriever(root=tmp_path, manifest=manifest)
    with pytest.raises(IndexNotBuilt):
        retriever.retrieve("kampanye")
    units = make_units()
    build_index(units, manifest, progress=False, root=tmp_path, cache_path=embedding_cache)
    assert retriever.retrieve("Pasal 188 UU 1/2015", k=1)[0].unit.id == "uu-1-2015/pasal-188"
    units = [u for u in make_units() if u.id != "uu-1-2015/pasal-188"]
    build_index(units, manifest, progress=False, root=tmp_path, cache_path=embedding_cache)
    hits = retriever.retrieve("Pasal 188 UU 1/2015", k=3)
    assert "uu-1-2015/pasal-188" not in ids(hits)


def test_a_snapshot_knows_the_documents_of_its_units(sample_retriever):
    snapshot = sample_retriever.snapshot()
    assert snapshot.doc_ids == {"uu-5-2014", "uu-20-2023", "pp-94-2021", "uu-1-2015"}
    assert snapshot.doc_ids == {u.doc_id for u in snapshot.units.values()}
    assert snapshot.doc_ids is snapshot.doc_ids  # read once per build, not per question


def test_empty_query_returns_nothing(sample_retriever):
    assert sample_retriever.retrieve("   ") == []


def test_rrf_sums_weighted_reciprocal_ranks():
    fused = rrf({"dense": ["a", "b"], "bm25": ["b", "c"]})
    assert fused["b"] == (pytest.approx(1 / 62 + 1 / 61), ["dense", "bm25"])
    assert fused["a"][1] == ["dense"] and fused["c"][1] == ["bm25"]
    fused = rrf({"dense": ["a", "b"], "bm25": ["b", "c"]}, weights={"bm25": 0.5})
    assert fused["b"][0] == pytest.approx(1 / 62 + 0.5 / 61)
    assert fused["c"][0] == pytest.approx(0.5 / 62)


def test_passes_matches_filters(units, manifest):
    unit = next(u for u in units if u.id == "uu-5-2014/pasal-87/ayat-4/huruf-c")
    assert passes(unit, None, manifest)
    assert not passes(unit, Filters(in_force_only=True), manifest)
    assert passes(unit, Filters(kinds=["UU"], years=[2014], doc_ids=["uu-5-2014"]), manifest)
    assert not passes(unit, Filters(kinds=["PP"]), manifest)


def test_a_retriever_from_settings_reads_their_data_folder(tmp_path, embedding_cache, sample_index, make_units):
    from corpus.settings import Settings
    from qa.index import build_index

    settings = Settings(data_dir=tmp_path, chroma_timeout=7.0, embed_threads=1)
    build_index(make_units(), load_manifest(), progress=False, root=settings.index_dir, cache_path=embedding_cache)
    assert (tmp_path / "index" / "CURRENT").is_file()
    retriever = Retriever.from_settings(settings, load_manifest())
    assert (retriever.root, retriever.chroma_timeout, retriever.embed_threads) == (tmp_path / "index", 7.0, 1)
    hits = retriever.retrieve("Pasal 5 huruf n PP 94/2021", k=2)
    assert hits[0].unit.id == "pp-94-2021/pasal-5/huruf-n"
    assert retriever.graph() is retriever.graph()  # built once per loaded build
    assert retriever.graph().units == retriever.units()



# ---------------------------------------------------------------- real units from the mirror


@pytest.fixture(scope="module")
def real_retriever(full_data, manifest):
    """The index over the whole mirror corpus that the session builds once (``full_data``)."""
    return Retriever(root=full_data / "index", manifest=manifest)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("query", "filters", "expected", "within"),
    [
        ("Pasal 87 ayat (4) huruf c UU 5/2014", None, "uu-5-2014/pasal-87/ayat-4/huruf-c", 1),
        ("pasal 52 ayat 3 uu asn", None, "uu-20-2023/pasal-52/ayat-3", 1),
        ("asn jadi pengurus partai politik", Filters(in_force_only=True), "uu-20-2023/pasal-52/ayat-3/huruf-j", 5),
        ("PNS ikut kampanye calon presiden", None, "pp-94-2021/pasal-5/huruf-n/angka-1", 5),
        ("batas usia pensiun PNS", Filters(doc_ids=["uu-5-2014"]), "uu-5-2014/pasal-90", 5),
    ],
)
def test_real_corpus_queries(real_retriever, query, filters, expected, within):
    got = ids(real_retriever.retrieve(query, k=10, filters=filters))[:within]
    assert any(i == expected or i.startswith(expected + "/") for i in got), got


def test_bm25_searches_the_question_in_the_statutes_words(real_retriever):
    # "kades", "timses" and "paslon" are never written in a statute: only their translation
    # ("kepala desa", "tim kampanye", "pasangan calon") can match.
    hits = real_retriever.retrieve("kades dilibatkan timses paslon", k=5, mode="bm25")
    assert hits[0].unit.id == "uu-1-2015/pasal-70/ayat-1/huruf-c"  # Kepala Desa ... (dilarang dilibatkan)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Apa itu PPPK?", "uu-20-2023/pasal-1/angka-4"),
        ("Apa yang dimaksud dengan Majelis Kode Etik?", "pp-42-2004/pasal-1/angka-3"),
        # Two laws define "Pemilih": the one the question names.
        ("Siapa yang disebut Pemilih dalam UU Pilkada?", "uu-1-2015/pasal-1/angka-6"),
        # Pilkada's own definition of "Kampanye" for a Pilkada question, not Pemilu's.
        ("Apa definisi kampanye dalam pemilihan kepala daerah?", "uu-1-2015/pasal-1/angka-21"),
        ("Gakkumdu itu apa?", "uu-7-2017/pasal-1/angka-38"),
    ],
)
def test_a_definition_question_finds_the_definition_first(real_retriever, query, expected):
    hits = real_retriever.retrieve(query, k=10)
    assert hits[0].unit.id == expected
    assert "definition" in hits[0].retrievers


def test_a_situation_ranks_the_prohibitions_it_meets_first(real_retriever, monkeypatch):
    # Dense and BM25 alone rank an election-equipment article (Pasal 78 UU 1/2015) near the top.
    question = "camat jadi timses paslon, kena pasal apa?"
    hits = real_retriever.retrieve(question, k=10)
    assert hits[0].unit.id == "pp-94-2021/pasal-5/huruf-n/angka-1"
    assert hits[0].retrievers[0] == "situation"
    assert hits[0].situation.subject == "camat/lurah (PNS, Pegawai ASN)"
    assert hits[0].situation.acts == ("ikut berkampanye",)
    assert "pp-94-2021/pasal-7" in hits[0].situation.sanctions
    situational = [h for h in hits if "situation" in h.retrievers]
    assert hits[: len(situational)] == situational
    met = [h.situation.met for h in situational]
    assert met == sorted(met, reverse=True)
    # The fused hits follow, in their own order, without the situation's units.
    monkeypatch.setattr("qa.retrieval.read_situation", lambda *args: [])
    fused = [h.unit.id for h in real_retriever.retrieve(question, k=10)]
    rest = [i for i in fused if i not in {h.unit.id for h in situational}]
    assert ids(hits[len(situational):]) == rest[: 10 - len(situational)]


@pytest.mark.parametrize("question", ["Berapa lama masa kampanye Pilkada?", "Pasal 71 ayat (2) UU 1/2015 camat ikut kampanye"])
def test_a_question_that_is_no_situation_keeps_its_ranking(real_retriever, monkeypatch, question):
    # The second names a provision: it answers itself, whatever situation it describes.
    hits = real_retriever.retrieve(question, k=10)
    assert not any("situation" in h.retrievers or h.situation for h in hits)
    monkeypatch.setattr("qa.retrieval.read_situation", lambda *args: [])
    assert real_retriever.retrieve(question, k=10) == hits


def test_search_command(tmp_path, monkeypatch, capsys, embedding_cache, sample_index, make_units):
    import json

    import cli
    from qa.index import build_index

    monkeypatch.setenv("RUJUKAN_DATA", str(tmp_path))
    assert cli.main(["search", "kampanye"]) == 1
    assert "rujukan ingest" in capsys.readouterr().err
    build_index(make_units(), load_manifest(), progress=False, root=tmp_path / "index", cache_path=embedding_cache)
    assert cli.main(["search", "Pasal 71 ayat (2) UU Pilkada", "--k", "3", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [o["rank"] for o in out] == [1, 2, 3]
    assert out[0]["unit_id"] == "uu-1-2015/pasal-71/ayat-2" and out[0]["retrievers"][0] == "reference"
    assert out[0]["parent_id"] == "uu-1-2015/pasal-71"
    assert cli.main(["search", "pengurus partai politik", "--in-force", "--doc", "uu-20-2023", "--doc", "uu-5-2014"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r" 1\. Pasal 52 ayat \(3\) huruf j UU 20/2023  \((dense\+bm25|dense|bm25)\)", lines[0])
    assert "UU 5/2014" not in "\n".join(lines)  # revoked, filtered out


def brute_force(build, query: str, k: int, keep=None) -> list[tuple[str, float]]:
    """The exact cosine top ``k`` computed independently of the retriever: float64, from the
    build's own vectors.npy (the order of bm25/ids.json), plain sort."""
    import json

    import numpy as np

    from qa.embedding import embed_query

    vectors = np.load(build / "vectors.npy").astype(np.float64)
    ids_ = json.loads((build / "bm25" / "ids.json").read_text(encoding="utf-8"))
    q = embed_query(query).astype(np.float64)
    cos = vectors @ q / (np.linalg.norm(vectors, axis=1) * np.linalg.norm(q))
    scored = sorted(((i, float(c)) for i, c in zip(ids_, cos) if keep is None or keep(i)), key=lambda x: (-x[1], x[0]))
    return scored[:k]


DENSE_QUERIES = [
    "asn jadi pengurus partai politik", "PNS ikut kampanye calon kepala daerah",
    "petahana mengganti pejabat enam bulan sebelum masa jabatan berakhir", "sanksi pidana pejabat",
    "apa yang dimaksud asas netralitas", "syarat calon gubernur", "Can a civil servant join a political party?",
]  # fmt: skip


@pytest.mark.parametrize("query", DENSE_QUERIES)
def test_dense_search_is_exact_cosine(sample_retriever, query):
    """Dense results are the true nearest neighbours, in order, with their cosine similarity."""
    snapshot = sample_retriever.snapshot()
    similarity: dict[str, float] = {}
    found = sample_retriever._dense(snapshot, query, 10, None, similarity)
    exact = brute_force(snapshot.build_dir, query, 10)
    assert found == [i for i, _ in exact]
    for unit_id, cos in exact:
        assert similarity[unit_id] == pytest.approx(cos, abs=1e-5)
    in_force = Filters(in_force_only=True)
    found = sample_retriever._dense(snapshot, query, 5, in_force, {})
    units = snapshot.units
    assert found == [i for i, _ in brute_force(snapshot.build_dir, query, 5, lambda i: units[i].status != "dicabut")]
