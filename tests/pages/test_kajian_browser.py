"""The Kajian page served by ``streamlit run`` over the real index, driven in headless Chromium."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.fixtures.streamlit_app import running_app

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
SLOW = 180_000  # ms; the first kajian loads the index on a shared machine
CAMAT = ("Camat X hadir di deklarasi pasangan calon bupati memakai seragam dinas dan mengajak para kepala desa "
         "memilih pasangan itu; foto-fotonya beredar di grup WhatsApp")  # fmt: skip


def _idle(page) -> None:
    """Wait for the script run to finish (the running icon of the status widget goes away)."""
    page.wait_for_timeout(300)
    page.locator('[data-testid="stStatusWidgetRunningIcon"]').wait_for(state="detached")


def test_kajian_in_the_browser_down_to_the_docx(full_data, chromium):
    from docx import Document
    from playwright.sync_api import sync_playwright

    env = {**os.environ, "RUJUKAN_DATA": str(full_data)}
    env.pop("RUJUKAN_LLM", None)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with running_app(env, ARTIFACTS / "streamlit-kajian.log") as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1360, "height": 1000}, accept_downloads=True)
        page = context.new_page()
        page.set_default_timeout(SLOW)
        try:
            page.goto(url)
            page.get_by_role("heading", name="Tanya").wait_for()
            page.locator('[data-testid="stSidebarNavLink"]').filter(has=page.locator('span[label="Kajian"]')).click()
            page.get_by_role("heading", name="Kajian").wait_for()
            _idle(page)
            page.get_by_label("Uraian kejadian").fill(CAMAT)
            page.get_by_role("button", name="Kaji").click()
            page.get_by_text("Dikaji dalam").wait_for()
            _idle(page)
            assert page.get_by_text("Pasal 5 huruf n angka 2 PP 94/2021").first.is_visible()
            assert page.get_by_text(re.compile("SKB 2/2022 tidak ada di korpus")).first.is_visible()
            with page.expect_download() as info:
                page.get_by_role("button", name=re.compile("Unduh DOCX")).click()
            paragraphs = [p.text for p in Document(info.value.path()).paragraphs]
            assert any(p.startswith("Sumber: Pasal 14 huruf i angka 4 Peraturan Pemerintah Nomor 94 Tahun 2021") for p in paragraphs)
            assert any("Ketentuan: Pasal 71 ayat (1) UU 1/2015" in p for p in paragraphs)
            page.screenshot(path=str(ARTIFACTS / "kajian.png"))
        finally:
            context.close()
            browser.close()
