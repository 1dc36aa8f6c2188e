"""Rujukan in the browser: ask, search, read, browse, collect materi, add documents.

This file only sets up the pages (``st.navigation``); each page is a script in ``pages/``
that presents what the library returns, with the helpers of ``pages/view.py`` and
``pages/markup.py``. Every text a user reads is Indonesian.

The environment is read here, once per run, into a :class:`corpus.settings.Settings` that the
pages take from ``pages.view.settings()``. State lives in ``st.session_state``: the last
answer, the materi set, the unit being read. Each page has its own URL (``/cari``,
``/telusuri``); a unit is linked as ``?unit=uu-5-2014/pasal-87/ayat-4/huruf-c``, on any
page, and opens in Baca. The materi set is saved in the data folder at every change and
reopened by a new session, so a reload, a deep link or a restart keeps it. Source PDFs are
read from the data folder when a download button asks for them; nothing is served from the
installation (static file serving is off in ``.streamlit/config.toml``).

Run: ``streamlit run app.py`` (``make app``).
"""

from __future__ import annotations

import os

import streamlit as st

from corpus.settings import Settings, SettingsError
from pages import view


def start_session() -> bool:
    """Set the session's defaults, reopening the materi set worked on last; True on its first run."""
    state = st.session_state
    first = "materi" not in state
    if first:
        view.reopen_materi()
    state.setdefault("jawaban", None)
    state.setdefault("unit", None)
    return first


def linked_page() -> str | None:
    """The page a link opened the app on: ``?unit=`` reads a unit; ``?hal=cari`` (older links) names a page."""
    unit_id = st.query_params.get("unit")
    if unit_id:
        st.session_state.unit = unit_id
        return view.BACA.title
    wanted = st.query_params.get("hal", "").lower().replace("-", "_")
    return next((h.title for h in view.HALAMAN if wanted and h.url_path == wanted), None)


def main() -> None:
    st.set_page_config(page_title="Rujukan", page_icon=":material/balance:", layout="wide")
    st.markdown(view.CSS, unsafe_allow_html=True)
    try:
        view.use(Settings.from_env(os.environ))
    except SettingsError as exc:
        st.error(f"Pengaturan Rujukan tidak dapat dipakai: {exc}", icon=":material/error:")
        st.stop()
    first = start_session()
    pages = {
        h.title: st.Page(h.file, title=h.title, icon=h.icon, url_path=h.url_path, default=h is view.TANYA)
        for h in view.HALAMAN
    }
    current = st.navigation(list(pages.values()))
    # A callback (a chip, a "Baca" button) or a link asks for a page: open it before drawing.
    wanted = st.session_state.pop(view.GOTO, None) or (linked_page() if first else None)
    if wanted and wanted != current.title:
        st.switch_page(pages[wanted])
    with st.sidebar:
        st.title("Rujukan")
        st.caption("Dasar hukum pengawasan pemilu dan netralitas ASN — dengan kutipan pasal yang tepat.")
        if st.session_state.materi:
            st.caption(f"Materi: {len(st.session_state.materi)} butir")
    current.run()


main()
