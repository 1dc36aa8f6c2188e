"""What the pages share: the loaded corpus and index, navigation callbacks, common widgets.

The manifest and the retriever are loaded once per server (``st.cache_resource``), keyed by
the settings and what they are read from, so a rebuilt index or an added document is picked
up on the next run. The settings are read from the environment by ``app.py``, once per run,
and handed to this module (:func:`use`) for the pages and their callbacks. Callbacks never switch pages themselves: they name the page to open in
``st.session_state[GOTO]`` and ``app.py`` switches before the next page is drawn.
"""

from __future__ import annotations

import logging
import runpy
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from corpus.manifest import Manifest
from corpus.settings import Settings
from corpus.sources import source_pdf
from corpus.user_documents import corpus_manifest, manifest_stamp
from ingest.model import Unit
from pages.markup import status_line
from qa import materi, materi_sets, status_notes
from qa.build import ingest_and_index
from qa.graph import Graph
from qa.index import ChromaUnavailable, current_build
from qa.kajian_rules import Rules, load_rules
from qa.llm import get_llm
from qa.model import Citation
from qa.retrieval import Retriever

log = logging.getLogger("rujukan.app")

APP = Path(__file__).resolve().parent.parent / "app.py"


@dataclass(frozen=True)
class Halaman:
    """A page of the app: its title (shown, and used in texts), script and icon."""

    title: str
    file: str
    icon: str

    @property
    def url_path(self) -> str:
        """The page's URL is its script's name ("pages/cari.py" serves /cari), as Streamlit's
        old pages-folder mode names it too: see :func:`through_app`."""
        return Path(self.file).stem


TANYA = Halaman("Tanya", "pages/tanya.py", ":material/chat:")
CARI = Halaman("Cari", "pages/cari.py", ":material/search:")
BACA = Halaman("Baca", "pages/baca.py", ":material/menu_book:")
TELUSURI = Halaman("Telusuri", "pages/telusuri.py", ":material/account_tree:")
MATERI = Halaman("Materi", "pages/materi.py", ":material/school:")
TAMBAH = Halaman("Tambah Dokumen", "pages/tambah_dokumen.py", ":material/upload_file:")
PENGATURAN = Halaman("Pengaturan", "pages/pengaturan.py", ":material/settings:")
KAJIAN = Halaman("Kajian", "pages/kajian.py", ":material/gavel:")
HALAMAN = (TANYA, KAJIAN, CARI, BACA, TELUSURI, MATERI, TAMBAH, PENGATURAN)

GOTO = "buka_halaman"  # session key: the title of the page a callback asked to open

BUILD_HINT = (
    "Indeks belum dibangun. Jalankan `make run` atau `rujukan ingest` di folder proyek, "
    "lalu muat ulang halaman ini — atau bangun sekarang dengan tombol di bawah."
)

CSS = """
<style>
mark { background: #fff1a8; padding: 0 .1em; border-radius: 2px; }
.fokus { background: #fff3b0; border-radius: 4px; margin: 2px -6px; padding: 2px 6px; }
.baris { display: flex; gap: .5em; margin: .15em 0; }
.baris .mk { min-width: 1.9em; color: #57606a; flex-shrink: 0; }
.pasal { font-family: Georgia, 'DejaVu Serif', serif; font-size: 1.02rem; line-height: 1.6;
         border-left: 3px solid #d0d7de; padding: .2rem 0 .2rem 1rem; }
.kutipan { font-family: Georgia, 'DejaVu Serif', serif; line-height: 1.55; }
.remah { color: #57606a; font-size: .9rem; }
.pengantar { color: #6e7781; }
ins { background: #dafbe1; text-decoration: underline #1a7f37; }
del { background: #ffebe9; color: #82071e; }
</style>
"""


# ----------------------------------------------------------------- running a page


def through_app() -> None:
    """First line of every page script: a page run on its own runs ``app.py`` instead.

    With a ``pages/`` folder beside ``app.py``, Streamlit starts in its old pages-folder
    mode, in which a server's first run (and every AppTest run) executes ``pages/<url>.py``
    alone, without the navigation and session set up in ``app.py``; ``st.navigation`` ends
    that mode. Running the app here, in the same script run, keeps the click that started it.
    """
    if PagesManager.uses_pages_directory:
        runpy.run_path(str(APP), run_name="__main__")
        st.stop()


# ----------------------------------------------------------------- corpus and index (cached)


# The settings app.py read at the start of the latest run. Not session state: widget format
# functions and worker threads read them outside the script run, and the environment they
# come from is the process's anyway.
_settings: Settings | None = None


def use(settings: Settings) -> None:
    global _settings
    _settings = settings


def settings() -> Settings:
    if _settings is None:
        raise RuntimeError("app.py hands the settings to pages.view before a page runs")
    return _settings


def build_key() -> str:
    """The serving index build ("" when there is none): a new build loads a new retriever."""
    build = current_build(settings().index_dir)
    return str(build) if build else ""


@st.cache_resource(show_spinner=False, max_entries=4)
def _manifest(config: Settings, stamp: tuple) -> Manifest:
    return corpus_manifest(config)


@st.cache_resource(show_spinner="Memuat indeks…", max_entries=2)  # an old build is dropped
def _retriever(config: Settings, build: str, stamp: tuple) -> Retriever:
    return Retriever.from_settings(config, _manifest(config, stamp))


@st.cache_resource(show_spinner=False, max_entries=2)
def _llm(config: Settings):
    return get_llm(config.llm)


def manifest() -> Manifest:
    return _manifest(settings(), manifest_stamp(settings()))


def retriever() -> Retriever:
    return _retriever(settings(), build_key(), manifest_stamp(settings()))


def llm():
    """The configured LLM (None without one); a misconfigured one raises ValueError."""
    return _llm(settings()) if settings().llm.configured else None


def reload() -> None:
    """Forget the loaded manifest and index (after a document was added or the index rebuilt)."""
    _manifest.clear()
    _retriever.clear()


def units() -> dict[str, Unit]:
    return retriever().units()


def graph() -> Graph:
    return retriever().graph()


@st.cache_resource(show_spinner=False, max_entries=2)
def _kajian_rules(config: Settings, build: str, stamp: tuple) -> Rules:
    return load_rules(units(), manifest())


def kajian_rules() -> Rules:
    """The kajian rules checked against the serving build, once per build."""
    return _kajian_rules(settings(), build_key(), manifest_stamp(settings()))


def doc_name(doc_id: str) -> str:
    try:
        return manifest().get(doc_id).short_name
    except KeyError:
        return doc_id


def doc_title(doc_id: str) -> str:
    try:
        return manifest().get(doc_id).title
    except KeyError:
        return ""


def source_file(doc_id: str) -> Path | None:
    """The document's source PDF in the data folder the app runs on (None when it has none).

    Its bytes are handed to the browser by the page (a download), never copied where a web
    server would serve them: a file of another data folder cannot be reached."""
    try:
        return source_pdf(manifest().get(doc_id), settings().corpus_dir)
    except KeyError:
        return None


# ----------------------------------------------------------------- callbacks


def open_unit(unit_id: str) -> None:
    """Callback: read a unit (chips, results, tables of contents, references)."""
    st.session_state.unit = unit_id
    st.session_state[GOTO] = BACA.title


def open_chip(key: str) -> None:
    """Callback of a pills row: open the chosen unit and clear the selection."""
    chosen = st.session_state.get(key)
    if chosen:
        open_unit(chosen)
    st.session_state[key] = None


def add_unit_to_materi(unit_id: str) -> None:
    unit = units().get(unit_id)
    if unit is None:
        return
    if materi.add(st.session_state.materi, materi.item_from_unit(unit, graph())):
        if save_materi():
            st.toast(f"{unit.short_label} ditambahkan ke materi.", icon=":material/check:")
        else:
            st.toast(st.session_state.materi_pesan, icon=":material/error:")
    else:
        st.toast("Ketentuan ini sudah ada di materi.", icon=":material/info:")


def add_answer_to_materi() -> None:
    answer = st.session_state.jawaban
    if answer is None:
        return
    if materi.add(st.session_state.materi, materi.item_from_answer(answer, graph())):
        if save_materi():
            st.toast("Jawaban ditambahkan ke materi.", icon=":material/check:")
        else:
            st.toast(st.session_state.materi_pesan, icon=":material/error:")
    else:
        st.toast("Jawaban ini sudah ada di materi.", icon=":material/info:")


# ----------------------------------------------------------------- the materi set (kept in the data folder)


def materi_folder() -> Path:
    return settings().user_dir / "materi"


def open_materi(name: str | None) -> None:
    """Make the saved set ``name`` the session's set (a new, empty one for None)."""
    state = st.session_state
    state.materi, state.materi_judul, state.materi_nama = [], materi_sets.DEFAULT_TITLE, None
    if name:
        try:
            state.materi_judul, state.materi = materi_sets.load(materi_folder(), name)
            state.materi_nama = name
        except materi_sets.MateriSetError as exc:
            state.materi_pesan = str(exc)
    state.pop("judul_materi", None)  # the title field shows the opened set's title


def reopen_materi() -> None:
    """A new session continues the set worked on last (after a reload, a deep link, a restart)."""
    open_materi(materi_sets.current(materi_folder()))


def save_materi(judul: str | None = None) -> bool:
    """Write the session's set to the data folder after every change; False (and the reason
    kept for the Materi page) when it could not be saved."""
    state = st.session_state
    where = materi_folder()
    if judul is None:
        judul = state.materi_judul
        if state.materi_nama is None:  # a new set never takes over a saved one's name
            judul = materi_sets.free_title(where, judul)
    try:
        state.materi_nama = materi_sets.save(where, judul, state.materi, previous=state.materi_nama)
    except (materi_sets.MateriSetError, OSError) as exc:
        state.materi_pesan = str(exc) if isinstance(exc, materi_sets.MateriSetError) else (
            f"Materi tidak bisa disimpan ke {where}: {exc.strerror or exc}")  # fmt: skip
        return False
    state.materi_judul = " ".join(judul.split())
    return True


# ----------------------------------------------------------------- widgets


def chips(citations: list[Citation], key: str, label: str) -> None:
    """Citation labels as clickable chips; choosing one opens it in Baca."""
    options = [c.unit_id for c in citations]
    names = {c.unit_id: c.short_label for c in citations}
    if not options:
        return
    st.pills(
        label,
        options,
        format_func=lambda unit_id: names.get(unit_id, unit_id),
        key=key,
        on_change=open_chip,
        args=(key,),
        selection_mode="single",
    )


ATTENTION_ICON = {
    status_notes.DICABUT: ":material/gavel:",
    status_notes.DIHAPUS: ":material/gavel:",
    status_notes.TEKS_TIDAK_ADA: ":material/find_in_page:",
    status_notes.TEKS_OCR: ":material/document_scanner:",
    status_notes.KEMUNGKINAN_CELAH: ":material/difference:",
}


def status(unit: Unit, by_id: dict[str, Unit], head: str = "", *, warn: bool = True, after: str = "") -> None:
    """A provision's status, drawn the same way on every page: a warning for each thing that needs
    attention (revoked, text missing, OCR-suspect, possible gap; :mod:`qa.status_notes`), and one
    line with ``head``, its badges and its neutral note. Lists (Cari) pass ``warn=False``: their
    badges say it, and the warning is shown where the provision is read."""
    if warn:
        for item in status_notes.attention(unit, by_id):
            st.warning(item.text, icon=ATTENTION_ICON[item.kind])
    st.markdown(status_line(unit, head, status_notes.changed_without_text(unit, manifest())) + after)


def unit_buttons(row, unit_id: str, prefix: str, i: int, read: str = "Baca") -> None:
    """The "read it" and "add to materi" buttons of the ``i``-th unit listed, side by side in ``row``."""
    row.button(read, key=f"{prefix}baca_{i}", on_click=open_unit, args=(unit_id,), icon=":material/menu_book:")
    row.button("Materi", key=f"{prefix}materi_{i}", on_click=add_unit_to_materi, args=(unit_id,),
               icon=":material/playlist_add:", help="Tambahkan ke materi")  # fmt: skip


def with_progress(bar, text: str, func, *args, expected: float = 120.0, **kwargs):
    """Run ``func`` in a worker thread while the bar shows the seconds that passed.

    The pipeline reports no fractions, so the bar creeps towards 95% over ``expected``
    seconds: honest about time spent, never claiming to be done before it is.
    """
    outcome: dict = {}

    def work() -> None:
        try:
            outcome["value"] = func(*args, **kwargs)
        except BaseException as exc:  # re-raised in the script thread
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="rujukan-ingest", daemon=True)
    started = time.perf_counter()
    worker.start()
    while worker.is_alive():
        worker.join(0.5)
        spent = time.perf_counter() - started
        bar.progress(min(0.95, 0.05 + 0.9 * spent / (spent + expected)), text=f"{text}… {spent:.0f} detik")
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def build_index_here() -> None:
    """Run the real pipeline over the corpus folder, with a progress bar."""
    text = "Membaca, membersihkan, mengurai dan mengindeks dokumen"
    bar = st.progress(0.05, text=f"{text}…")
    try:
        result = with_progress(bar, text, ingest_and_index, settings(), manifest(), progress=False)
    except Exception as exc:  # shown to the user; the previous index (if any) keeps serving
        bar.empty()
        st.error(f"Indeks gagal dibangun: {exc}")
        return
    bar.progress(1.0, text="Selesai.")
    for doc in result.failures:
        st.warning(f"{doc.doc_id}: {doc.error or doc.skipped}")
    if result.index_error or not result.index:
        st.error(result.index_error or "Tidak ada dokumen yang bisa diingest. Jalankan `rujukan corpus fetch` dahulu.")
        return
    st.success(f"Indeks sudah dibangun: {result.index.get('units_indexed', 0)} ketentuan diindeks.")
    reload()


def build_button(key: str | None = None) -> None:
    st.info(BUILD_HINT, icon=":material/info:")
    if st.button("Bangun indeks sekarang", key=key, icon=":material/build:"):
        build_index_here()


def need_index() -> bool:
    """Show how to build the index when there is none; True when the page must stop."""
    if build_key():
        return False
    build_button()
    return True


def failed(exc: Exception, what: str) -> None:
    """A failed answer (``what="answer"``) or search, said calmly; the details go to the log."""
    if isinstance(exc, ChromaUnavailable):  # the server may come back; the app stays up
        st.error(f"Pencarian gagal: {exc}.", icon=":material/cloud_off:")
        return
    log.error("%s failed", what, exc_info=exc)
    if what == "answer":
        st.error(f"Pertanyaan tidak bisa dijawab karena kesalahan sistem ({type(exc).__name__}). "
                 "Coba lagi, atau gunakan halaman Cari.")  # fmt: skip
    else:
        st.error(f"Pencarian gagal karena kesalahan sistem ({type(exc).__name__}). Coba lagi sebentar lagi.")
