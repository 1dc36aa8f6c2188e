"""Server mode against a real ``chroma run``: the server dies, freezes or restarts mid-session.

The user gets a clear Indonesian message (API exception, CLI stderr, app error box) instead
of a traceback or a hang, the app stays up, and the next query succeeds once the server is
back on the same port and path.
"""

from __future__ import annotations

import json
import subprocess
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
    from qa.index import ChromaUnavailable
    from qa.retrieval import Retriever

    _, data, manifest = served
    retriever = Retriever(root=data / "index", manifest=manifest)
    assert bounded(retriever.retrieve, QUERY, k=3)[0].unit.id == TOP

    server.stop()
    with pytest.raises(ChromaUnavailable, match=rf"server Chroma di 127\.0\.0\.1:{server.port} tidak dapat dihubungi"):
        bounded(retriever.retrieve, QUERY, k=3, mode="dense")
    bm25 = bounded(retriever.retrieve, QUERY, k=3, mode="bm25")  # the part without Chroma still works
    assert bm25[0].unit.id == TOP

    server.start()  # same port, same path
    assert bounded(retriever.retrieve, QUERY, k=3)[0].unit.id == TOP


def test_api_first_load_while_the_server_is_down(served, server):
    from qa.index import ChromaUnavailable
    from qa.retrieval import Retriever

    _, data, manifest = served
    server.stop()
    retriever = Retriever(root=data / "index", manifest=manifest)
    with pytest.raises(ChromaUnavailable):
        bounded(retriever.retrieve, QUERY, k=3)
    server.start()
    assert bounded(retriever.retrieve, QUERY, k=3)[0].unit.id == TOP


def test_a_frozen_server_times_out_instead_of_hanging(served, server):
    from qa.answering import answer
    from qa.index import ChromaUnavailable
    from qa.retrieval import Retriever

    _, data, manifest = served
    retriever = Retriever(root=data / "index", manifest=manifest)
    assert bounded(answer, QUERY, retriever=retriever).citations[0].unit_id == TOP
    server.freeze()  # accepts connections, never answers
    with pytest.raises(ChromaUnavailable):
        bounded(answer, QUERY, retriever=retriever)
    server.thaw()
    assert bounded(answer, QUERY, retriever=retriever).citations[0].unit_id == TOP


def search(data: Path, server: ChromaServer) -> subprocess.CompletedProcess:
    return subprocess.run(
        command("search", QUERY, "--json", "--k", "3"), capture_output=True, text=True, cwd=REPO, timeout=HANG,
        env=environment(data, RUJUKAN_CHROMA_TIMEOUT="5", **server.env()), check=False,
    )  # fmt: skip


def test_cli_search_with_the_server_down_and_back(served, server):
    _, data, _ = served
    server.stop()
    down = search(data, server)
    assert down.returncode == 1
    assert f"gagal: server Chroma di 127.0.0.1:{server.port} tidak dapat dihubungi" in down.stderr
    assert "Traceback" not in down.stdout + down.stderr
    server.start()
    up = search(data, server)
    assert up.returncode == 0, up.stderr
    assert json.loads(up.stdout)[0]["unit_id"] == TOP


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

        server.stop()
        at.text_input(key="pertanyaan").input("pengawas wajib bersikap netral")
        at.form_submit_button[0].click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert any("tidak dapat dihubungi" in e.value for e in at.error)
        at.switch_page("pages/page_cari.py").run()
        at.text_input(key="kata_kunci").input("partai politik").run()
        assert not at.exception and any("tidak dapat dihubungi" in e.value for e in at.error)

        server.start()
        at.text_input(key="kata_kunci").input(QUERY).run()
        assert not at.exception and not at.error
        assert any("Pasal 2 ayat (2) huruf a UU 91/2091" in m.value for m in at.markdown)
        at.switch_page("pages/page_tanya.py").run()
        at.text_input(key="pertanyaan").input("pengawas wajib bersikap netral")
        at.form_submit_button[0].click().run()
        assert not at.exception and not at.error
        assert at.session_state.jawaban.citations[0].unit_id == "uu-91-2091/pasal-2/ayat-1"
    finally:
        st.cache_resource.clear()
