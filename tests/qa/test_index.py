"""Index builds: what is indexed as what text, self-contained builds, cache, atomic swap, offline."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from corpus.manifest import load_manifest
from ingest.model import Unit
from qa.index import (
    CURRENT_FILE,
    UNITS_FILE,
    build_index,
    children_of,
    current_build,
    indexed_text,
    lead_in,
    open_collection,
    read_info,
    select_units,
)
from qa.retrieval import Retriever
from tests.fixtures.chroma_server import ChromaServer



def test_leaf_units_are_indexed_and_cukup_jelas_is_not(units):
    chosen = {u.id for u in select_units(units)}
    assert "uu-5-2014/pasal-87/ayat-4/huruf-c" in chosen
    assert "uu-5-2014/pasal-87/ayat-2" in chosen  # an ayat without huruf
    assert "uu-1-2015/pasal-188" in chosen  # a Pasal without ayat
    assert "uu-5-2014/pasal-87" not in chosen  # represented by its ayat
    assert "uu-5-2014/pasal-87/ayat-4" not in chosen  # represented by its huruf
    assert "uu-5-2014/penjelasan/pasal-2/huruf-f" in chosen
    assert "uu-20-2023/penjelasan/pasal-52" not in chosen  # "Cukup jelas."


def test_indexed_text_carries_label_headings_and_lead_in(units):
    by_id = {u.id: u for u in units}
    kids = children_of(units)
    assert indexed_text(by_id["uu-5-2014/pasal-87/ayat-4/huruf-c"], by_id, kids) == (
        "Pasal 87 ayat (4) huruf c UU 5/2014 — BAB VIII MANAJEMEN ASN / Paragraf 12 Pemberhentian — "
        "PNS diberhentikan tidak dengan hormat karena: menjadi anggota dan/atau pengurus partai politik; atau"
    )
    text = indexed_text(by_id["pp-94-2021/pasal-5/huruf-n/angka-1"], by_id, kids)
    assert text.startswith("Pasal 5 huruf n angka 1 PP 94/2021 — BAB II KEWAJIBAN DAN LARANGAN / Bagian Kedua Larangan — PNS dilarang: memberikan dukungan")
    assert text.endswith("dengan cara: ikut kampanye;")


def test_indexed_text_names_the_law_that_changed_the_provision_not_the_documents_formula():
    """The formula is the same on every unit of an amended law and tells nothing apart; which law
    changed a provision does (and is what the index held before the formula became the document's)."""
    manifest = load_manifest()
    several = "sebagaimana telah beberapa kali diubah terakhir dengan UU 6/2020"
    plain = Unit(id="uu-1-2015/pasal-188", doc_id="uu-1-2015", kind="pasal", number="188", label="",
                 short_label=f"Pasal 188 UU 1/2015 {several}", text="Setiap pejabat negara ... dipidana")  # fmt: skip
    assert indexed_text(plain, {plain.id: plain}, {}, manifest) == "Pasal 188 UU 1/2015 — Setiap pejabat negara ... dipidana"
    changed = Unit(id="uu-1-2015/pasal-71/ayat-1", doc_id="uu-1-2015", kind="ayat", number="1", label="",
                   short_label=f"Pasal 71 ayat (1) UU 1/2015 {several}", text="Pejabat negara ... dilarang",
                   status_note="diubah terakhir oleh Pasal I angka 27 UU 10/2016",
                   status_source="uu-10-2016/pasal-I/angka-27")  # fmt: skip
    assert indexed_text(changed, {changed.id: changed}, {}, manifest) == (
        "Pasal 71 ayat (1) UU 1/2015 sebagaimana telah diubah terakhir dengan UU 10/2016 — Pejabat negara ... dilarang"
    )
    # A revocation is no amendment: the revoking law is not named as the one that changed it.
    revoked = Unit(id="uu-5-2014/pasal-87", doc_id="uu-5-2014", kind="pasal", number="87", label="",
                   short_label="Pasal 87 UU 5/2014", text="PNS diberhentikan", status="dicabut",
                   status_note="dicabut oleh Pasal 76 UU 20/2023", status_source="uu-20-2023/pasal-76")  # fmt: skip
    assert indexed_text(revoked, {revoked.id: revoked}, {}, manifest) == "Pasal 87 UU 5/2014 — PNS diberhentikan"


def test_lead_in_stops_at_first_marker_when_child_text_differs():
    parent = Unit(id="d/pasal-1", doc_id="d", kind="pasal", number="1", label="", short_label="",
                  text="(1) PNS wajib:\na. setia; dan\nb. taat.")
    child = Unit(id="d/pasal-1/ayat-1", doc_id="d", kind="ayat", number="1", label="", short_label="",
                 text="PNS  wajib: a. setia; dan b. taat.", parent_id="d/pasal-1")
    assert lead_in(parent, child) == ""  # the Pasal's text begins with its first ayat
    assert lead_in(child, None) == "PNS wajib:"


def test_build_is_self_contained(sample_index, units):
    root, info = sample_index
    build = current_build(root)
    assert build is not None and str(build) == info.build_dir
    assert info.units_total == len(units) == 63
    assert info.units_indexed == 51
    assert info.indexed_by_kind == {"huruf": 34, "ayat": 8, "angka": 7, "pasal": 1, "penjelasan": 1}
    assert set(info.timings) == {"embed", "chroma", "bm25", "total"}
    stored = json.loads((build / UNITS_FILE).read_text(encoding="utf-8"))["units"]
    assert [Unit.from_dict(u) for u in stored] == units
    assert read_info(build) == info


def test_chroma_holds_vectors_with_metadata_and_no_embedding_function(sample_index):
    root, info = sample_index
    collection = open_collection(current_build(root), info.chroma)
    assert collection.count() == 51
    got = collection.get(ids=["uu-5-2014/pasal-87/ayat-4/huruf-c"], include=["metadatas", "embeddings"])
    meta = got["metadatas"][0]
    assert (meta["doc"], meta["doc_kind"], meta["year"], meta["status"], meta["unit_kind"]) == (
        "uu-5-2014", "UU", 2014, "dicabut", "huruf"
    )
    assert len(got["embeddings"][0]) == 384
    assert collection.metadata.get("hnsw:space") == "cosine"
    # Chroma has no embedding function of its own, so it can never fetch a model to embed text.
    with pytest.raises(Exception):
        collection.query(query_texts=["kampanye"], n_results=1)


def test_rebuild_uses_cache_swaps_and_collects_garbage(tmp_path, embedding_cache, sample_index, make_units):
    manifest = load_manifest()
    first = build_index(make_units(), manifest, progress=False, root=tmp_path, cache_path=embedding_cache)
    assert first.embedded == 0 and first.cache_hits == 51  # the session index embedded them already
    second = build_index(make_units(), manifest, progress=False, root=tmp_path, cache_path=embedding_cache)
    assert current_build(tmp_path) == Path(second.build_dir)
    assert Path(first.build_dir).is_dir()  # the previous build is kept
    third = build_index(make_units(), manifest, progress=False, root=tmp_path, cache_path=embedding_cache)
    builds = sorted(p.name for p in (tmp_path / "builds").iterdir())
    assert builds == sorted([Path(second.build_dir).name, Path(third.build_dir).name])
    assert (tmp_path / CURRENT_FILE).read_text().strip() == f"builds/{Path(third.build_dir).name}"


def test_changed_unit_is_the_only_one_embedded(tmp_path, embedding_cache, sample_index, make_units):
    units = make_units()
    target = next(u for u in units if u.id == "uu-1-2015/pasal-188")
    target.text = target.text.replace("paling singkat 1 (satu) bulan", "paling singkat 2 (dua) bulan")
    info = build_index(units, load_manifest(), progress=False, root=tmp_path, cache_path=embedding_cache)
    assert (info.embedded, info.cache_hits) == (1, 50)


def test_failed_build_leaves_previous_index_serving(tmp_path, embedding_cache, sample_index, monkeypatch, make_units):
    import bm25s

    manifest = load_manifest()
    good = build_index(make_units(), manifest, progress=False, root=tmp_path, cache_path=embedding_cache)

    def broken_save(self, *args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(bm25s.BM25, "save", broken_save)
    with pytest.raises(OSError, match="disk full"):
        build_index(make_units(), manifest, progress=False, root=tmp_path, cache_path=embedding_cache)
    assert current_build(tmp_path) == Path(good.build_dir)
    assert [p.name for p in (tmp_path / "builds").iterdir()] == [Path(good.build_dir).name]
    hits = Retriever(root=tmp_path, manifest=manifest).retrieve("Pasal 71 ayat 2 UU Pilkada", k=1)
    assert hits[0].unit.id == "uu-1-2015/pasal-71/ayat-2"


def test_interrupted_build_is_never_served(tmp_path, embedding_cache, sample_index, make_units):
    manifest = load_manifest()
    good = build_index(make_units(), manifest, progress=False, root=tmp_path, cache_path=embedding_cache)
    (tmp_path / "builds" / "29990101T000000-000").mkdir()  # a build killed before build.json
    (tmp_path / CURRENT_FILE).write_text("builds/29990101T000000-000\n")
    assert current_build(tmp_path) is None  # an incomplete build is not an index
    (tmp_path / CURRENT_FILE).write_text(f"builds/{Path(good.build_dir).name}\n")
    newer = build_index(make_units(), manifest, progress=False, root=tmp_path, cache_path=embedding_cache)
    assert not (tmp_path / "builds" / "29990101T000000-000").exists()
    assert current_build(tmp_path) == Path(newer.build_dir)


def test_duplicate_unit_ids_are_refused(tmp_path, embedding_cache, make_units):
    units = make_units()
    units.append(units[1])
    with pytest.raises(ValueError, match="duplicate unit ids"):
        build_index(units, load_manifest(), progress=False, root=tmp_path, cache_path=embedding_cache)
    assert current_build(tmp_path) is None


def test_build_and_query_work_offline(tmp_path, no_network, make_units):
    # A fresh cache: the model must embed, and nothing may reach the network for weights.
    manifest = load_manifest()
    info = build_index(make_units(), manifest, progress=False, root=tmp_path / "index", cache_path=tmp_path / "c.sqlite")
    assert info.embedded == 51
    hits = Retriever(root=tmp_path / "index", manifest=manifest).retrieve("PNS ikut kampanye", k=3)
    assert hits and hits[0].unit.id.startswith("pp-94-2021/pasal-5/huruf-n")
    assert no_network == []  # nothing even tried (telemetry off, no model download)
    with pytest.raises(OSError):
        socket.create_connection(("huggingface.co", 443), timeout=1)
    assert no_network == ["('huggingface.co', 443)"]  # the guard itself works


# ---------------------------------------------------------------- a real Chroma server


@pytest.fixture
def chroma_server(tmp_path):
    server = ChromaServer(tmp_path / "server").start()
    try:
        yield server.port
    finally:
        server.stop()


@pytest.mark.server
def test_http_chroma_server(tmp_path, chroma_server, embedding_cache, sample_index, make_units):
    import chromadb

    manifest = load_manifest()
    server = ("127.0.0.1", chroma_server)
    first = build_index(make_units(), manifest, progress=False, root=tmp_path / "index", cache_path=embedding_cache,
                        server=server)  # fmt: skip
    assert first.chroma["mode"] == "http"
    assert not (Path(first.build_dir) / "chroma").exists()  # vectors live on the server
    retriever = Retriever(root=tmp_path / "index", manifest=manifest)
    hits = retriever.retrieve("asn menjadi pengurus partai politik", k=3, mode="dense")
    assert "uu-20-2023/pasal-52/ayat-3/huruf-j" in [h.unit.id for h in hits]
    second = build_index(make_units(), manifest, progress=False, root=tmp_path / "index", cache_path=embedding_cache,
                         server=server)  # fmt: skip
    third = build_index(make_units(), manifest, progress=False, root=tmp_path / "index", cache_path=embedding_cache,
                        server=server)  # fmt: skip
    client = chromadb.HttpClient(host="127.0.0.1", port=chroma_server)
    names = sorted(c.name if hasattr(c, "name") else c for c in client.list_collections())
    # the oldest build's collection was dropped with its folder; the previous one is kept
    assert names == sorted([second.chroma["collection"], third.chroma["collection"]])


# ---------------------------------------------------------------- real units from the mirror


def test_real_units_indexed_text(real_units):
    by_id = {u.id: u for u in real_units}
    kids = children_of(real_units)
    chosen = {u.id for u in select_units(real_units)}
    assert "uu-5-2014/pasal-87/ayat-4/huruf-c" in chosen and "uu-5-2014/pasal-87" not in chosen
    text = indexed_text(by_id["uu-5-2014/pasal-87/ayat-4/huruf-c"], by_id, kids)
    assert text.startswith("Pasal 87 ayat (4) huruf c UU 5/2014 — BAB VIII")
    assert text.endswith("PNS diberhentikan tidak dengan hormat karena: menjadi anggota dan/atau pengurus partai politik; atau")
    text = indexed_text(by_id["pp-94-2021/pasal-5/huruf-n/angka-1"], by_id, kids)
    assert "PNS dilarang: memberikan dukungan kepada calon Presiden" in text and text.endswith("ikut kampanye;")
    # Penjelasan that say nothing ("Cukup jelas.", once or per ayat) are left out, the others are in
    assert "uu-20-2023/penjelasan/pasal-52" not in chosen
    assert by_id["uu-20-2023/penjelasan/pasal-26/ayat-3"].text.count("Cukup jelas") == 2
    assert "uu-20-2023/penjelasan/pasal-26/ayat-3" not in chosen
    assert "uu-5-2014/penjelasan/pasal-2/huruf-f" in chosen
    for unit_id in chosen:
        if by_id[unit_id].kind == "penjelasan":
            assert len(by_id[unit_id].text.lower().replace("cukup jelas", "").split()) >= 3, unit_id


def test_real_units_references_resolve(real_units, manifest):
    from qa.references import resolve_all

    ids = {u.id for u in real_units}
    assert resolve_all("Pasal 87 ayat (4) huruf c UU 5/2014", ids, manifest) == ["uu-5-2014/pasal-87/ayat-4/huruf-c"]
    assert resolve_all("pasal 87 uu asn 2014", ids, manifest) == ["uu-5-2014/pasal-87"]
    assert resolve_all("Pasal 52 ayat (3) UU ASN", ids, manifest) == ["uu-20-2023/pasal-52/ayat-3"]
    assert resolve_all("Pasal 5 huruf n PP 94/2021", ids, manifest) == ["pp-94-2021/pasal-5/huruf-n"]
    assert resolve_all("Pasal 999 UU ASN", ids, manifest) == []
