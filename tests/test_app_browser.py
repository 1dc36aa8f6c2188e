"""End to end: the app served by ``streamlit run`` and driven in headless Chromium.

Screenshots go to ``tests/artifacts/`` (gitignored) for a person to look at.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.fixtures.streamlit_app import running_app

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "tests" / "artifacts"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
SLOW = 120_000  # ms; the first query loads the embedding model on a shared machine


@pytest.fixture(scope="module")
def server(app_data, chromium):
    shutil.rmtree(app_data / "user" / "materi", ignore_errors=True)  # no materi set from other tests
    env = {**os.environ, "RUJUKAN_DATA": str(app_data)}
    env.pop("RUJUKAN_LLM", None)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with running_app(env, ARTIFACTS / "streamlit.log") as url:
        yield url


@pytest.fixture()
def page(server, chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1360, "height": 1000}, accept_downloads=True)
        tab = context.new_page()
        tab.set_default_timeout(SLOW)
        yield tab
        context.close()
        browser.close()


def _shot(page, name: str) -> None:
    """Screenshot of the whole page: Streamlit scrolls inside its main block, so grow the viewport."""
    _idle(page)
    size = page.viewport_size
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], min(height + 40, 6000))})
    page.wait_for_timeout(400)
    page.screenshot(path=str(ARTIFACTS / name))
    page.set_viewport_size(size)


def _idle(page) -> None:
    """Wait for the script run to finish (the running icon of the status widget goes away)."""
    page.wait_for_timeout(300)
    page.locator('[data-testid="stStatusWidgetRunningIcon"]').wait_for(state="detached")


def _menu(page, name: str) -> None:
    # A navigation link holds its icon's name and the page title (in a span labelled with it).
    page.locator('[data-testid="stSidebarNavLink"]').filter(has=page.locator(f'span[label="{name}"]')).click()


def test_ask_open_the_citation_read_and_export(server, page, app_data):
    page.goto(server)
    page.get_by_role("heading", name="Tanya").wait_for()
    page.get_by_label("Pertanyaan").fill("Apakah PNS boleh ikut kampanye?")
    page.get_by_role("button", name="Tanya").click()
    page.get_by_text("Dijawab dalam").wait_for()
    _idle(page)
    chips = page.locator('[data-testid="stButtonGroup"]').first.get_by_role("radio")  # pills are a radiogroup
    first = chips.first.inner_text().strip()
    assert re.fullmatch(r"(Penjelasan )?Pasal \d+.* (PP|UU) \d+/\d{4}.*", first), first
    codes = page.locator('[data-testid="stCode"]')
    codes.first.wait_for()  # the code element's script loads on its first use in a tab
    assert codes.count() == chips.count()  # one full label, with its copy button, per citation
    _shot(page, "tanya.png")

    chips.first.click()
    page.get_by_role("heading", name=first, exact=True).wait_for()
    assert "unit=" in page.url
    _idle(page)
    _shot(page, "baca-dari-chip.png")

    page.goto(f"{server}/?unit=pp-94-2021/pasal-5/huruf-n/angka-1")
    page.get_by_role("heading", name="Pasal 5 huruf n angka 1 PP 94/2021").wait_for()
    _idle(page)
    assert page.locator(".fokus").inner_text().strip() == "1.\nikut kampanye;"
    assert page.get_by_text("PP 94/2021 › BAB II KEWAJIBAN DAN LARANGAN › Bagian Ketiga Larangan").is_visible()
    page.locator('[data-testid="stCode"]').first.wait_for()
    assert page.get_by_text(
        "Pasal 5 huruf n angka 1 Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil"
    ).first.is_visible()
    # The source PDF comes from the data folder as a download; nothing is linked into the installation.
    with page.expect_download() as info:
        page.get_by_role("button", name="PDF hlm. 5").click()
    assert info.value.suggested_filename == "pp-94-2021.pdf"
    assert Path(info.value.path()).read_bytes() == (app_data / "corpus" / "pp-94-2021.pdf").read_bytes()
    with page.expect_download() as info:
        page.get_by_role("button", name="Halaman 5 saja").click()
    from pypdf import PdfReader

    [only] = PdfReader(info.value.path()).pages
    assert "ikut kampanye" in only.extract_text()
    assert not _serves_pdf(f"{server}/app/static/pdf/pp-94-2021.pdf")
    _shot(page, "baca.png")

    page.locator('[data-testid="stMain"]').get_by_role("button", name=re.compile(r"Materi$")).click()
    page.get_by_text("ditambahkan ke materi").wait_for()
    _menu(page, "Materi")
    page.get_by_role("heading", name="Materi").wait_for()
    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile("Unduh PDF")).click()
    data = Path(info.value.path()).read_bytes()
    from pypdf import PdfReader

    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)
    assert "Sumber: Pasal 5 huruf n angka 1 Peraturan Pemerintah Nomor 94 Tahun 2021" in text
    assert "dengan cara: 1. ikut kampanye;" in text  # the angka on its own line under huruf n
    assert "Halaman 1 dari 1" in text
    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile("Unduh DOCX")).click()
    from docx import Document

    paragraphs = [p.text for p in Document(info.value.path()).paragraphs]
    source = "Sumber: Pasal 5 huruf n angka 1 Peraturan Pemerintah Nomor 94 Tahun 2021"
    assert any(p.startswith(source) for p in paragraphs)
    _shot(page, "materi.png")


def _serves_pdf(url: str) -> bool:
    """Whether ``url`` answers with the bytes of a PDF."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read(5) == b"%PDF-"
    except urllib.error.HTTPError:
        return False


def test_abstention_lists_what_may_be_related(server, page):
    page.goto(server)
    page.get_by_label("Pertanyaan").fill("Berapa tarif pajak kendaraan bermotor listrik?")
    page.get_by_role("button", name="Tanya").click()
    page.get_by_role("heading", name="Mungkin terkait").wait_for()
    _idle(page)
    assert page.get_by_text("Korpus Rujukan tidak memuat ketentuan yang menjawab pertanyaan ini").is_visible()
    assert page.locator('[data-testid="stButtonGroup"]').first.get_by_role("radio").count() >= 1
    assert page.locator('[data-testid="stCode"]').count() == 0  # nothing is offered as a citation
    _shot(page, "tanya-abstain.png")


def test_search_and_browse(server, page):
    page.goto(server)
    _menu(page, "Cari")
    page.wait_for_url(f"{server}/cari")  # each page has its own URL
    page.get_by_label("Kata kunci").fill("pns ikut kampanye")
    page.get_by_label("Kata kunci").press("Enter")
    page.get_by_text("1. Pasal 5 huruf n angka 1 PP 94/2021", exact=True).wait_for()
    _idle(page)
    assert page.locator("mark", has_text="kampanye").count() >= 3
    _shot(page, "cari.png")

    _menu(page, "Telusuri")
    page.get_by_text("Daftar isi tiap dokumen").wait_for()
    page.get_by_text("BAB XI KAMPANYE", exact=True).wait_for()
    page.get_by_text("Bagian Kelima Larangan dalam Kampanye").wait_for()
    _shot(page, "telusuri.png")

    page.goto(f"{server}/?unit=uu-5-2014/pasal-87/ayat-4/huruf-c")
    page.get_by_text("Ketentuan ini dicabut oleh Pasal 76 UU 20/2023").wait_for()
    link = page.get_by_role("link", name="Tautan ke ketentuan ini")
    assert link.get_attribute("href") == "?unit=uu-5-2014/pasal-87/ayat-4/huruf-c"
    page.get_by_role("button", name="Pasal 52 ayat (3) huruf j UU 20/2023").click()
    page.get_by_role("heading", name="Pasal 52 ayat (3) huruf j UU 20/2023").wait_for()
    assert "unit=uu-20-2023" in page.url
    _shot(page, "baca-dicabut-pengganti.png")

    page.goto(f"{server}/?unit=uu-1-2015/pasal-70/ayat-1/huruf-b")
    page.get_by_text("Riwayat perubahan (3 versi)").wait_for()
    _idle(page)
    assert "aparatur sipil Negara" in page.locator(".fokus").inner_text()
    _shot(page, "baca-riwayat.png")


def test_a_fresh_server_opened_on_a_page_url_shows_that_page_in_the_app(app_data, chromium):
    """The first run of a server decides between Streamlit's old pages/ mode and st.navigation;
    a first visit straight to /telusuri must still get the app's navigation and the page."""
    from playwright.sync_api import sync_playwright

    env = {**os.environ, "RUJUKAN_DATA": str(app_data)}
    env.pop("RUJUKAN_LLM", None)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with running_app(env, ARTIFACTS / "streamlit-first.log") as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            tab = browser.new_page()
            tab.set_default_timeout(SLOW)
            tab.goto(f"{url}/telusuri")
            tab.get_by_text("Daftar isi tiap dokumen").wait_for()
            _idle(tab)
            assert tab.get_by_role("dialog").count() == 0  # no "Page not found"
            links = tab.locator('[data-testid="stSidebarNavLink"] span[label]')
            assert [links.nth(i).get_attribute("label") for i in range(links.count())] == [
                "Tanya", "Kajian", "Cari", "Baca", "Telusuri", "Materi", "Tambah Dokumen", "Pengaturan",
            ]  # fmt: skip
            assert tab.get_by_text("Dasar hukum pengawasan pemilu").is_visible()  # app.py's sidebar ran
        finally:
            browser.close()


def test_a_materi_set_survives_a_reload_and_a_restart_and_travels_as_a_file(app_data, chromium, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    data = tmp_path / "data"
    shutil.copytree(app_data, data, symlinks=True, ignore=shutil.ignore_patterns("materi"))
    env = {**os.environ, "RUJUKAN_DATA": str(data)}
    env.pop("RUJUKAN_LLM", None)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    heading = "1. Pasal 5 huruf n angka 1 PP 94/2021"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            tab = browser.new_context(accept_downloads=True).new_page()
            tab.set_default_timeout(SLOW)
            with running_app(env, ARTIFACTS / "streamlit-materi-1.log") as url:
                tab.goto(f"{url}/?unit=pp-94-2021/pasal-5/huruf-n/angka-1")
                tab.get_by_role("heading", name="Pasal 5 huruf n angka 1 PP 94/2021").wait_for()
                tab.locator('[data-testid="stMain"]').get_by_role("button", name=re.compile(r"Materi$")).click()
                tab.get_by_text("ditambahkan ke materi").wait_for()
                tab.reload()  # a new session
                _menu(tab, "Materi")
                tab.locator("strong").get_by_text(heading, exact=True).wait_for()
                with tab.expect_download() as info:
                    tab.get_by_role("button", name=re.compile(r"Ekspor set")).click()
                exported = tmp_path / info.value.suggested_filename
                info.value.save_as(exported)
            assert info.value.suggested_filename == "materi-netralitas-asn.json"
            with running_app(env, ARTIFACTS / "streamlit-materi-2.log") as url:  # a restart
                tab.goto(f"{url}/materi")
                tab.locator("strong").get_by_text(heading, exact=True).wait_for()
                # The text input is filled after it is drawn: wait for the value, do not read it once.
                expect(tab.get_by_label("Judul materi")).to_have_value("Materi Netralitas ASN", timeout=SLOW)
                tab.get_by_text("Set materi tersimpan (1)").click()  # the list is folded while a set is open
                tab.get_by_role("button", name="Set baru").click()
                tab.get_by_text("Materi masih kosong.").wait_for()
                tab.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(exported))
                tab.locator('[data-testid="stFileChipName"]').wait_for()  # the file is uploaded
                tab.get_by_role("button", name="Impor", exact=True).click()
                tab.locator("strong").get_by_text(heading, exact=True).wait_for()
                expect(tab.get_by_label("Judul materi")).to_have_value("Materi Netralitas ASN (2)", timeout=SLOW)
                _shot(tab, "materi-impor.png")
        finally:
            browser.close()


def test_the_example_question_names_the_document_that_holds_the_rule(server, page):
    """The placeholder's own example: social-media conduct of ASN is ruled by SKB 2/2022, which
    the corpus lacks; the answer says so by name."""
    page.goto(server)
    page.get_by_label("Pertanyaan").fill("asn boleh like postingan paslon?")
    page.get_by_role("button", name="Tanya").click()
    page.get_by_text("Aturan yang rinci tentang hal ini ada di SKB 2/2022", exact=False).first.wait_for()
    _idle(page)
    _shot(page, "tanya-contoh.png")


def test_telusuri_marks_pilkada_articles_and_shows_the_whole_title(full_data, chromium):
    """Over the real index: the picker's document title is shown whole, inserted, amended and deleted
    Pasal carry their marks, and an amended article in force opens without a warning."""
    from playwright.sync_api import expect, sync_playwright

    env = {**os.environ, "RUJUKAN_DATA": str(full_data)}
    env.pop("RUJUKAN_LLM", None)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with running_app(env, ARTIFACTS / "streamlit-telusuri.log") as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport={"width": 1360, "height": 1000}).new_page()
            page.set_default_timeout(SLOW)
            page.goto(f"{url}/telusuri")
            page.get_by_text("Daftar isi tiap dokumen").wait_for()
            _idle(page)
            page.get_by_label("Dokumen").click()  # the picker: UU 1/2015 is listed by its whole subject
            page.get_by_role("option", name=re.compile(r"^UU 1.2015 — Penetapan .* Pemilihan Gubernur, Bupati, "
                                                       r"dan Walikota menjadi Undang-Undang$")).click()  # fmt: skip
            _idle(page)
            # expect() waits for the rerun the picker started (a loaded machine may not show its
            # running icon within _idle's first look).
            title = page.get_by_text("Undang-Undang Republik Indonesia Nomor 1 Tahun 2015 tentang Penetapan", exact=False)
            whole = re.compile(r"Pemilihan Gubernur, Bupati, dan Walikota menjadi Undang-Undang$")
            expect(title.first).to_have_text(whole, timeout=SLOW)
            expect(title.first).to_be_visible(timeout=SLOW)
            for chapter in ("BAB II ASAS", "BAB IV PENYELENGGARA", "BAB V PENDAFTARAN", "BAB XI KAMPANYE",
                            "BAB XVI PEMILIHAN LANJUTAN"):  # fmt: skip
                page.locator("summary", has_text=chapter).first.click()
            _idle(page)
            for label in ("Pasal 22A (disisipkan)", "Pasal 71 (diubah)", "Pasal 4 (dihapus)", "Pasal 37 (dihapus)",
                          "Pasal 122A (disisipkan, teks tidak ada di korpus)"):  # fmt: skip
                expect(page.get_by_role("button", name=label, exact=False).first).to_be_attached(timeout=SLOW)
            absent = page.get_by_role("button", name="Pasal 122A (disisipkan, teks tidak ada di korpus)")
            expect(absent).to_be_disabled(timeout=SLOW)
            _shot(page, "telusuri-tanda.png")

            page.get_by_role("button", name=re.compile(r"Pasal 71 \(diubah\)$")).click()
            page.get_by_role("heading", name=re.compile(r"^Pasal 71 UU 1.2015")).wait_for()
            _idle(page)
            expect(page.get_by_text("diubah", exact=True).first).to_be_visible(timeout=SLOW)  # the badge
            assert page.get_by_text("disisipkan", exact=True).count() == 0
            assert page.locator('[data-testid="stAlertContentWarning"]').count() == 0
            page.goto(f"{url}/?unit=uu-1-2015/pasal-4")
            page.get_by_text("Ketentuan ini dihapus oleh Pasal I angka 3 UU 8/2015").wait_for()
            assert page.get_by_text("dihapus", exact=True).first.is_visible()
            assert page.locator('[data-testid="stAlertContentWarning"]').count() == 1  # the selector above is live
            _shot(page, "baca-dihapus.png")
        finally:
            browser.close()


def test_an_upload_is_refused_the_second_time_and_another_data_folder_does_not_serve_it(
    server, app_data, chromium, tmp_path
):
    """Upload a Peraturan Bawaslu into a copy of the data, upload it again under another number
    (refused, naming the first), download its PDF there; the app on the original data folder
    knows nothing of it and serves none of its bytes."""
    from playwright.sync_api import sync_playwright

    from tests.fixtures.official_pdf import make_official_pdf
    from tests.fixtures.perbawaslu_pdf import PERBAWASLU_6_2018

    data = tmp_path / "data"
    shutil.copytree(app_data, data, symlinks=True, ignore=shutil.ignore_patterns("materi"))
    pdf = make_official_pdf(tmp_path / "perbawaslu 6 2018.pdf", PERBAWASLU_6_2018, head=(), first_serial=None)
    env = {**os.environ, "RUJUKAN_DATA": str(data)}
    env.pop("RUJUKAN_LLM", None)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def upload(tab, number: str) -> None:
        tab.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(str(pdf))
        tab.locator('[data-testid="stFileChipName"]').first.wait_for()
        tab.get_by_label("Jenis").click()
        tab.get_by_role("option", name="Peraturan Bawaslu", exact=True).click()
        tab.get_by_role("textbox", name="Nomor").fill(number)
        tab.get_by_role("spinbutton", name="Tahun").fill("2018")
        tab.get_by_role("textbox", name="Judul (tentang …)").fill("Pengawasan Netralitas Pegawai Contoh")
        tab.get_by_role("button", name="Periksa dan tambahkan").click()

    with running_app(env, ARTIFACTS / "streamlit-upload.log") as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            tab = browser.new_context(accept_downloads=True).new_page()
            tab.set_default_timeout(SLOW)
            tab.goto(f"{url}/tambah_dokumen")
            tab.get_by_role("heading", name="Tambah Dokumen").wait_for()
            upload(tab, "6")
            tab.get_by_text("Perbawaslu 6/2018 ditambahkan:").wait_for()
            _idle(tab)
            upload(tab, "7")
            tab.get_by_text("Dokumen ditolak: Berkas yang sama persis sudah ada di korpus sebagai Perbawaslu 6/2018").wait_for()
            _idle(tab)
            _shot(tab, "tambah-duplikat.png")
            tab.goto(f"{url}/?unit=perbawaslu-6-2018/pasal-5/ayat-1")
            tab.get_by_role("heading", name="Pasal 5 ayat (1) Perbawaslu 6/2018").wait_for()
            with tab.expect_download() as info:
                tab.get_by_role("button", name=re.compile(r"^PDF hlm\. \d+$")).click()
            assert Path(info.value.path()).read_bytes() == pdf.read_bytes()

            other = browser.new_page()  # the app on the original data folder
            other.set_default_timeout(SLOW)
            other.goto(f"{server}/?unit=perbawaslu-6-2018/pasal-5/ayat-1")
            other.get_by_text("tidak ada di indeks").wait_for()
            assert other.get_by_role("button", name=re.compile("PDF")).count() == 0
            for base in (server, url):  # neither app serves the file at a path of its own
                for path in ("app/static/pdf/perbawaslu-6-2018.pdf", "static/pdf/perbawaslu-6-2018.pdf",
                             "app/static/perbawaslu-6-2018.pdf", "media/perbawaslu-6-2018.pdf"):  # fmt: skip
                    assert not _serves_pdf(f"{base}/{path}"), f"{base}/{path}"
        finally:
            browser.close()
    assert (data / "user" / "files" / "perbawaslu-6-2018.pdf").read_bytes() == pdf.read_bytes()


def test_baca_dates_each_version_and_says_which_law_last_changed_the_provision(server, page):
    page.goto(f"{server}/?unit=uu-1-2015/pasal-71/ayat-1")
    page.get_by_role("heading", name="Pasal 71 ayat (1) UU 1/2015 sebagaimana telah beberapa kali diubah "
                                      "terakhir dengan UU 6/2020").wait_for()  # fmt: skip
    page.get_by_text("diubah terakhir oleh Pasal I angka 27 UU 10/2016", exact=False).first.wait_for()
    page.get_by_text("Riwayat perubahan (2 versi)").wait_for()
    page.get_by_text("Pasal I angka 27 UU 10/2016 · disahkan 1 Juli 2016", exact=False).first.wait_for()
    page.get_by_text("Pasal 71 ayat (1) UU 1/2015 · disahkan 2 Februari 2015", exact=False).first.wait_for()
    _idle(page)
    _shot(page, "baca-riwayat-bertanggal.png")
