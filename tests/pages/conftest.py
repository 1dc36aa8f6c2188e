"""The app over the real index, opened at one page (the pages' AppTest flows)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture()
def open_page(full_data, monkeypatch):
    """``open_page(page)``: the app on the real index, switched to ``page`` (a ``pages.view``
    page) and checked to show its header."""
    monkeypatch.setenv("RUJUKAN_DATA", str(full_data))

    def opened(page) -> AppTest:
        app = AppTest.from_file(APP, default_timeout=300).run()
        app.switch_page(page.file).run()
        assert app.header[0].value == page.title
        return app

    return opened
