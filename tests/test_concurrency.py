"""Many questions at once: ``qa.answering.answer`` from 32 threads (embedded Chroma and a Chroma server),
and the Streamlit app serving several browser sessions at the same time.

Concurrent answers must equal the serial ones exactly (timings aside); the app must give each
session its own answer.
"""

from __future__ import annotations

import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.fixtures.chroma_server import ChromaServer
from tests.fixtures.streamlit_app import healthy, running_app
from tests.fixtures.tiny_corpus import DOCS, build_tiny_index, environment

QUESTIONS = {
    "pengawas dilarang menjadi anggota partai politik": "Pasal 2 ayat (2) huruf a UU 91/2091",
    "pengawas wajib bersikap netral": "Pasal 2 ayat (1) UU 91/2091",
    "pejabat yang mencalonkan diri wajib cuti di luar tanggungan negara": "Pasal 1 ayat (1) UU 92/2092",
    "bolehkah pejabat memakai fasilitas negara untuk kampanye?": "Pasal 2 UU 92/2092",
    "apa sanksi bagi pengawas pemilu yang mendukung peserta lewat media sosial?": "Pasal 2 ayat (2) huruf b UU 91/2091",
    "siapa yang dimaksud dengan pengawas": "Pasal 1 angka 1 UU 91/2091",
    "公务员可以参加竞选活动吗？": None,  # abstains
    "": None,  # validation message
}
CALLS = 32


def comparable(result) -> dict:
    data = result.to_dict()
    data.pop("elapsed_ms")
    return data


def hammer(retriever) -> None:
    from qa.answering import answer

    questions = [list(QUESTIONS)[i % len(QUESTIONS)] for i in range(CALLS)]
    serial = {q: comparable(answer(q, retriever=retriever)) for q in QUESTIONS}
    for question, label in QUESTIONS.items():
        if label:
            assert serial[question]["citations"][0]["short_label"] == label, question
        else:
            assert serial[question]["abstained"], question
    with ThreadPoolExecutor(max_workers=CALLS) as pool:
        results = list(pool.map(lambda q: comparable(answer(q, retriever=retriever)), questions))
    for question, result in zip(questions, results):
        assert result == serial[question], question


@pytest.mark.slow
def test_32_concurrent_answers_on_the_embedded_store(tmp_path):
    from qa.retrieval import Retriever

    manifest = build_tiny_index(tmp_path / "data")
    retriever = Retriever(root=tmp_path / "data" / "index", manifest=manifest)
    hammer(retriever)
    # A fresh retriever loaded by the threads themselves: the first load races too.
    hammer(Retriever(root=tmp_path / "data" / "index", manifest=manifest))


@pytest.mark.slow
@pytest.mark.server
def test_32_concurrent_answers_against_a_chroma_server(tmp_path):
    from qa.retrieval import Retriever

    server = ChromaServer(tmp_path / "chroma").start()
    try:
        manifest = build_tiny_index(tmp_path / "data", env=server.env())
        hammer(Retriever(root=tmp_path / "data" / "index", manifest=manifest))
    finally:
        server.stop()


# ----------------------------------------------------------------- the app, several sessions

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


@pytest.fixture(scope="module")
def streamlit(tmp_path_factory):
    data = tmp_path_factory.mktemp("app") / "data"
    build_tiny_index(data, DOCS)
    env = environment(data)
    env.pop("RUJUKAN_LLM", None)
    with running_app(env, data.parent / "streamlit.log") as url:
        yield url


def test_app_answers_health_checks_in_parallel(streamlit):
    def page(_):
        with urllib.request.urlopen(streamlit, timeout=30) as response:
            return response.status, b"<noscript>" in response.read()

    with ThreadPoolExecutor(16) as pool:
        assert all(pool.map(lambda _: healthy(streamlit), range(32)))
        assert set(pool.map(page, range(16))) == {(200, True)}


@pytest.mark.slow
@pytest.mark.browser
def test_app_serves_several_sessions_at_once(streamlit, chromium):
    from playwright import sync_api

    asked = {q: label for q, label in QUESTIONS.items() if label}
    asked = dict(list(asked.items())[:4])
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            pages = []
            for _ in asked:  # one browser context each: separate Streamlit sessions
                tab = browser.new_context().new_page()
                tab.set_default_timeout(180_000)
                tab.goto(streamlit)
                pages.append(tab)
            for tab in pages:
                tab.get_by_label("Pertanyaan").wait_for()
            for tab, question in zip(pages, asked):  # all submitted before any answer is awaited
                tab.get_by_label("Pertanyaan").fill(question)
                tab.get_by_role("button", name="Tanya").click()
            for tab, (question, label) in zip(pages, asked.items()):
                tab.get_by_text("Dijawab dalam").wait_for()
                assert tab.get_by_text(f"Pertanyaan: {question}").is_visible()
                assert tab.get_by_text(label, exact=True).first.is_visible(), question
                body = tab.locator('[data-testid="stMain"]').inner_text()
                # Each session shows its own question only: no answer leaked between sessions.
                assert [q for q in asked if f"Pertanyaan: {q}" in body] == [question]
        finally:
            browser.close()
