"""Server mode against a real ``chroma run``: the server dies, freezes or restarts mid-session.

References and BM25 keep answering, with a warning that dense search is down; a batch
answers every line; a frozen server costs one short timeout; ingest rebuilds a collection
the server lost and fails when it cannot reach the server; dense search comes back once the
server is back on the same port and path; the app stays up throughout.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.fixtures.chroma_server import ChromaServer
from tests.fixtures.tiny_corpus import REPO, build_tiny_index, command, environment

pytestmark = [pytest.mark.server, pytest.mark.slow]
QUERY = "pengawas dilarang menjadi anggota partai politik"
TOP = "uu-91-2091/pasal-2/ayat-2/huruf-a"
HANG = 180  # seconds after which a call counts as hung (the client's timeout is far shorter)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A tiny index whose vectors live in a Chroma server; the server is restarted per test."""
    root = tmp_path_factory.mktemp("served")
    server = ChromaServer(root / "chroma").start()
    data = root / "data"
    manifest = build_tiny_index(data, env=server.env())
    info = json.loads(next((data / "index" / "builds").glob("*/build.json")).read_text())
    assert info["chroma"]["mode"] == "http" and info["chroma"]["port"] == server.port
    yield server, data, manifest
    server.stop()


@pytest.fixture()
def server(served, monkeypatch):
    server, data, _ = served
    monkeypatch.setenv("RUJUKAN_CHROMA_TIMEOUT", "5")
    if not server.alive():
        server.start()
    yield server
    if server.proc is not None:
        server.thaw()


def bounded(func, *args, **kwargs):
    """Run ``func`` in a thread; a call still running after HANG seconds fails the test as a hang."""
    with ThreadPoolExecutor(1) as pool:
        future = pool.submit(func, *args, **kwargs)
        try:
            return future.result(timeout=HANG)
        except TimeoutError:
            pytest.fail(f"{func.__name__} hung for {HANG} s")


def test_api_server_killed_then_restarted(served, server):
    from qa.answering import answer
    from qa.index import ChromaUnavailable
    from qa.retrieval import Retriever

    _, data, manifest = served
    loaded = Retriever(root=data / "index", manifest=manifest, chroma_timeout=5.0)
    assert bounded(loaded.retrieve, QUERY, k=3)[0].unit.id == TOP

    server.stop()
    # Vectors are read once per build: a loaded retriever still searches them.
    assert bounded(loaded.retrieve, QUERY, k=3, mode="dense")[0].unit.id == TOP
    # A fresh process cannot read them: references and BM25 still answer, with a warning.
    fresh = Retriever(root=data / "index", manifest=manifest, chroma_timeout=5.0)
    hits = bounded(fresh.retrieve, QUERY, k=3)
    assert hits[0].unit.id == TOP and hits[0].retrievers == ["bm25"]
    down = fresh.snapshot().dense_error
    assert f"server Chroma di 127.0.0.1:{server.port} tidak dapat dihubungi" in down
    assert down.startswith("pencarian semantik tidak tersedia")
    with pytest.raises(ChromaUnavailable, match="pencarian semantik tidak tersedia"):
        bounded(fresh.retrieve, QUERY, k=3, mode="dense")
    named = bounded(answer, "Pasal 2 ayat (1) UU 91/2091", retriever=fresh)
    assert named.citations[0].unit_id == "uu-91-2091/pasal-2/ayat-1"
    assert any(w.startswith("Pencarian semantik tidak tersedia") for w in named.warnings)

    server.start()  # same port, same path: dense search comes back at the next attempt
    fresh.dense_retry = 0
    hits = bounded(fresh.retrieve, QUERY, k=3)
    assert hits[0].unit.id == TOP and "dense" in hits[0].retrievers
    assert fresh.snapshot().dense_error == ""


def test_a_frozen_server_costs_one_short_timeout(served, server):
    from qa.answering import answer
    from qa.retrieval import Retriever

    _, data, manifest = served
    server.freeze()  # accepts connections, never answers
    retriever = Retriever(root=data / "index", manifest=manifest, chroma_timeout=5.0)
    started = time.monotonic()
    result = bounded(answer, "Pasal 2 ayat (2) huruf a UU 91/2091", retriever=retriever)
    assert time.monotonic() - started < 60  # one 5 s timeout (plus loading), not 30 s per request
    assert result.citations[0].unit_id == TOP
    assert any("tidak dapat dihubungi" in w for w in result.warnings)
    server.thaw()
    retriever.dense_retry = 0
    assert bounded(answer, QUERY, retriever=retriever).citations[0].unit_id == TOP


def run(data: Path, server: ChromaServer, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        command(*args), capture_output=True, text=True, cwd=REPO, timeout=HANG, input=stdin,
        env=environment(data, **server.env()), check=False,
    )  # fmt: skip


def test_cli_with_the_server_down_answers_from_bm25_and_references(served, server):
    _, data, _ = served
    server.stop()
    down = run(data, server, "search", QUERY, "--json", "--k", "3")
    assert down.returncode == 0, down.stderr
    assert json.loads(down.stdout)[0]["unit_id"] == TOP
    assert f"peringatan: pencarian semantik tidak tersedia (server Chroma di 127.0.0.1:{server.port}" in down.stderr
    assert "Traceback" not in down.stdout + down.stderr
    dense = run(data, server, "search", QUERY, "--mode", "dense")
    assert dense.returncode == 1 and "gagal: pencarian semantik tidak tersedia" in dense.stderr
    batch = run(data, server, "ask", "-", stdin=f"{QUERY}\nPasal 3 UU 91/2091\n")
    assert batch.returncode == 0, batch.stderr
    answers = [json.loads(line) for line in batch.stdout.splitlines()]
    assert [a["citations"][0]["unit_id"] for a in answers[1:]] == ["uu-91-2091/pasal-3"]
    assert all(any("Pencarian semantik tidak tersedia" in w for w in a["warnings"]) for a in answers)
    server.start()
    up = run(data, server, "search", QUERY, "--json", "--k", "3")
    assert up.returncode == 0 and "peringatan" not in up.stderr, up.stderr
    assert json.loads(up.stdout)[0]["retrievers"] == ["dense", "bm25"]


def test_batch_ask_answers_every_line(served, server, tmp_path):
    """Every line gets its own line of output, an error line for one that fails, and the batch goes on."""
    _, data, _ = served
    broken = tmp_path / "data"
    shutil.copytree(data, broken)
    (broken / "index" / "CURRENT").unlink()  # no index: every question fails, none stops the batch
    done = run(broken, server, "ask", "-", stdin=f"{QUERY}\n\nPasal 3 UU 91/2091\nketiga\n")
    assert done.returncode == 1
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [x["question"] for x in lines] == [QUERY, "Pasal 3 UU 91/2091", "ketiga"]
    assert all("indeks belum dibangun" in x["error"] for x in lines)


def test_ingest_rebuilds_a_collection_the_server_lost_and_fails_without_the_server(served, server, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(served[1], data)  # the other tests keep their build and its collection
    unchanged = run(data, server, "ingest", "--no-progress")
    assert unchanged.returncode == 0 and "indeks tidak diubah" in unchanged.stdout, unchanged.stderr
    server.stop()
    offline = run(data, server, "ingest", "--no-progress")
    assert offline.returncode == 1, offline.stdout
    assert "tidak dapat dihubungi" in offline.stderr and "indeks lama tetap dipakai" in offline.stderr
    # Restarted on an empty path: the collection is gone, and ingest builds it again.
    empty = ChromaServer(tmp_path / "empty-chroma", port=server.port).start()
    try:
        rebuilt = run(data, empty, "ingest", "--no-progress")
        assert rebuilt.returncode == 0, rebuilt.stderr
        assert "indeks tidak diubah" not in rebuilt.stdout
        found = run(data, empty, "search", QUERY, "--json", "--k", "3")
        assert found.returncode == 0 and "peringatan" not in found.stderr, found.stderr
        assert json.loads(found.stdout)[0]["retrievers"] == ["dense", "bm25"]
    finally:
        empty.stop()


def test_app_stays_up_while_the_server_restarts(served, server, monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    _, data, _ = served
    for key, value in environment(data, RUJUKAN_CHROMA_TIMEOUT="5", **server.env()).items():
        monkeypatch.setenv(key, value)
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=HANG).run()
        at.text_input(key="pertanyaan").input(QUERY)
        at.form_submit_button[0].click().run()
        assert not at.exception and at.session_state.jawaban.citations[0].unit_id == TOP

        server.stop()  # the app read the vectors when it loaded the build: it answers on
        at.text_input(key="pertanyaan").input("pengawas wajib bersikap netral")
        at.form_submit_button[0].click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert at.session_state.jawaban.citations[0].unit_id == "uu-91-2091/pasal-2/ayat-1"
        at.switch_page("pages/cari.py").run()
        at.text_input(key="kata_kunci").input("partai politik").run()
        assert not at.exception and not at.error

        server.start()
        at.text_input(key="kata_kunci").input(QUERY).run()
        assert not at.exception and not at.error
        assert any("Pasal 2 ayat (2) huruf a UU 91/2091" in m.value for m in at.markdown)
        at.switch_page("pages/tanya.py").run()
        at.text_input(key="pertanyaan").input("pengawas wajib bersikap netral")
        at.form_submit_button[0].click().run()
        assert not at.exception and not at.error
        assert at.session_state.jawaban.citations[0].unit_id == "uu-91-2091/pasal-2/ayat-1"
    finally:
        st.cache_resource.clear()
