"""Rujukan in the browser: ask, search, read, browse, collect materi, add documents.

The app only presents. Retrieval is ``qa.retrieve``, answers are ``qa.answer``, units come
from the index build (``Retriever.units()``), ingest is ``ingest.pipeline``; nothing here parses
or ranks. Every text a user reads is Indonesian.

State lives in ``st.session_state`` (the page, the last answer, the materi set). The unit
being read is mirrored in the URL (``?unit=uu-5-2014/pasal-87/ayat-4/huruf-c``) so a
provision can be linked to and bookmarked. Source PDFs are served through Streamlit's static
file serving (``.streamlit/config.toml``): the app places a link (or copy) of each PDF under
``static/pdf/`` and links ``app/static/pdf/<doc>.pdf#page=N``.

Run: ``streamlit run app.py`` (``make app``).
"""

from __future__ import annotations

import html
import logging
import os
import re
import shutil
import time
from pathlib import Path

import streamlit as st

from ingest.model import Unit

log = logging.getLogger("rujukan.app")

APP_DIR = Path(__file__).resolve().parent
STATIC_PDF_DIR = APP_DIR / "static" / "pdf"

TANYA, CARI, BACA, TELUSURI, MATERI, TAMBAH, PENGATURAN = (
    "Tanya", "Cari", "Baca", "Telusuri", "Materi", "Tambah Dokumen", "Pengaturan",
)  # fmt: skip
HALAMAN = (TANYA, CARI, BACA, TELUSURI, MATERI, TAMBAH, PENGATURAN)
IKON = {
    TANYA: ":material/chat:",
    CARI: ":material/search:",
    BACA: ":material/menu_book:",
    TELUSURI: ":material/account_tree:",
    MATERI: ":material/school:",
    TAMBAH: ":material/upload_file:",
    PENGATURAN: ":material/settings:",
}
PER_PAGE = 10
SEARCH_K = 50

BUILD_HINT = (
    "Indeks belum dibangun. Jalankan `make run` atau `rujukan ingest` di folder proyek, "
    "lalu muat ulang halaman ini — atau bangun sekarang dengan tombol di bawah."
)

STATUS_BADGE = {
    "berlaku": ":green-badge[berlaku]",
    "diubah": ":orange-badge[telah diubah]",
    "dicabut": ":red-badge[dicabut]",
}

KIND_NAMES = {
    "pasal": "Pasal", "ayat": "ayat", "huruf": "huruf", "angka": "angka", "penjelasan": "Penjelasan",
    "penjelasan-umum": "Penjelasan Umum", "menimbang": "Menimbang", "mengingat": "Mengingat",
    "diktum": "Diktum", "lampiran": "Lampiran", "butir": "butir", "baris": "baris", "kepala": "Kepala surat",
    "bab": "Bab", "tabel": "Tabel",
}  # fmt: skip


# ----------------------------------------------------------------- presentation helpers (pure)


def status_badge(status: str) -> str:
    return STATUS_BADGE.get(status, f":gray-badge[{status}]")


def query_stems(query: str) -> set[str]:
    """Stems of the query's content words, with the analyzer the BM25 index uses."""
    from qa.tokenization import stem, stopwords

    words = re.findall(r"[a-z]+(?:-[a-z]+)*", query.lower())
    return {stem(w) for w in words if len(w) > 2 and w not in stopwords()}


def highlight(text: str, query: str) -> str:
    """HTML-escaped ``text`` with the words matching the query (by stem) in ``<mark>``."""
    from qa.tokenization import stem

    stems = query_stems(query)
    out: list[str] = []
    last = 0
    for match in re.finditer(r"[A-Za-z]+(?:-[A-Za-z]+)*", text):
        word = match.group(0)
        if len(word) > 2 and (stem(word.lower()) in stems or word.lower() in stems):
            out.append(html.escape(text[last : match.start()]))
            out.append(f"<mark>{html.escape(word)}</mark>")
            last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def snippet(text: str, query: str, width: int = 320) -> str:
    """A window of ``text`` around the first matched word, highlighted, with ellipses."""
    from qa.tokenization import stem

    text = " ".join(text.split())
    if len(text) <= width:
        return highlight(text, query)
    stems = query_stems(query)
    start = 0
    for match in re.finditer(r"[A-Za-z]+(?:-[A-Za-z]+)*", text):
        if stem(match.group(0).lower()) in stems:
            start = max(0, match.start() - width // 3)
            break
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + width // 2 else end
    body = highlight(text[start:end], query)
    return ("… " if start else "") + body + (" …" if end < len(text) else "")


def _shorten(text: str, width: int) -> str:
    """The end of a long lead-in ("… dengan cara:"), which is what connects it to the point."""
    text = " ".join(text.split())
    return text if len(text) <= width else "… " + text[-width:].split(" ", 1)[-1]


def _shorten_head(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width].rsplit(" ", 1)[0] + " …"


def enclosing_pasal(unit: Unit, units: dict[str, Unit]) -> Unit:
    """The Pasal holding ``unit`` (itself if it is one; the top provision otherwise)."""
    current = unit
    while current.kind != "pasal" and current.parent_id and current.parent_id in units:
        current = units[current.parent_id]
    return current


def breadcrumb(unit: Unit, units: dict[str, Unit], doc_name: str) -> list[str]:
    """["UU 5/2014", "BAB IX ...", "Bagian Kesatu ...", "Pasal 87", "ayat (4)", "huruf c"]."""
    if unit.kind in ("penjelasan", "penjelasan-umum"):
        # "Penjelasan Pasal 5 huruf n PP 94/2021" -> ["PP 94/2021", "Penjelasan", "Pasal 5 huruf n"]
        own = unit.short_label.removesuffix(doc_name).strip()
        rest = own.removeprefix("Penjelasan").strip()
        return [doc_name, "Penjelasan", *([rest] if rest else [])] if unit.kind == "penjelasan" else [doc_name, own]
    pasal = enclosing_pasal(unit, units)
    parts = [doc_name, *pasal.hierarchy]
    chain: list[Unit] = []
    current: Unit | None = unit
    while current is not None:
        chain.append(current)
        if current.id == pasal.id:
            break
        current = units.get(current.parent_id or "")
    for node in reversed(chain):
        parts.append(marker(node))
    return parts


def marker(unit: Unit) -> str:
    """How a unit is named inside its parent: "Pasal 87", "ayat (4)", "huruf c", "angka 2"."""
    if unit.kind == "ayat":
        return f"ayat ({unit.number})"
    if unit.kind in ("penjelasan-umum",):
        return "Penjelasan Umum"
    name = KIND_NAMES.get(unit.kind, unit.kind)
    return f"{name} {unit.number}".strip()


_TRAILING_MARKER = re.compile(r"(?:\(\s*\d+\s*\)|\b[a-z]\.|\b\d+\.)\s*$")


def child_marker(unit: Unit) -> str:
    """The marker printed before a child in the Pasal: "(2)", "c.", "3."."""
    if unit.kind == "ayat":
        return f"({unit.number})"
    if unit.kind in ("huruf", "angka"):
        return f"{unit.number}."
    return ""


def pasal_html(pasal: Unit, focus: Unit | None, by_id: dict[str, Unit], children: dict[str, list[str]]) -> str:
    """The whole Pasal as HTML, one ayat/huruf/angka per line, the focused one highlighted."""
    focus_id = focus.id if focus is not None and focus.id != pasal.id else None
    lines: list[str] = []

    def render(unit: Unit, depth: int) -> None:
        kids = [by_id[k] for k in children.get(unit.id, []) if k in by_id and by_id[k].kind != "penjelasan"]
        cut = unit.text.find(kids[0].text) if kids and kids[0].text else -1
        if kids and cut < 0:
            kids = []  # the parent's text does not hold its children verbatim: show it whole
        lead = _TRAILING_MARKER.sub("", unit.text[:cut]).strip() if kids else unit.text.strip()
        if unit.id == focus_id:
            lines.append('<div class="fokus">')
        mark = child_marker(unit) if depth else ""
        if lead or mark:
            body = html.escape(lead).replace("\n", "<br>")
            lines.append(
                f'<div class="baris" style="margin-left:{max(depth - 1, 0) * 1.6}em">'
                + (f'<span class="mk">{html.escape(mark)}</span>' if mark else "")
                + f"<span>{body}</span></div>"
            )
        for kid in kids:
            render(kid, depth + 1)
        if unit.id == focus_id:
            lines.append("</div>")

    render(pasal, 0)
    return '<div class="pasal">' + "".join(lines) + "</div>"


def history_rows(unit: Unit) -> list[dict[str, str]]:
    """One row per version, oldest first; the last one is in force."""
    rows = []
    for i, version in enumerate(unit.history):
        rows.append(
            {
                "versi": f"{i + 1}" + (" (berlaku)" if i == len(unit.history) - 1 and unit.status != "dicabut" else ""),
                "perubahan": version.change,
                "sumber": version.source_label,
                "sumber_id": version.source_id,
                "teks": version.text,
            }
        )
    return rows


def word_diff(old: str, new: str) -> str:
    """``new`` as HTML, words added since ``old`` in ``<ins>``, words removed in ``<del>``."""
    from difflib import SequenceMatcher

    a, b = old.split(), new.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(html.escape(" ".join(b[j1:j2])))
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{html.escape(' '.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{html.escape(' '.join(b[j1:j2]))}</ins>")
    return " ".join(out)


def unit_href(unit_id: str) -> str:
    """A link that opens the app on this unit (the page's own URL with ``?unit=``)."""
    from urllib.parse import quote

    return f"?unit={quote(unit_id, safe='/')}"


def pdf_href(doc_id: str, page: int | None) -> str:
    return f"app/static/pdf/{doc_id}.pdf" + (f"#page={page}" if page else "")


def when(iso: str) -> str:
    """"2026-11-23T14:56:53Z" -> "23 November 2026 14.56 UTC"."""
    from qa.materi import BULAN

    match = re.match(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})", iso or "")
    if not match:
        return iso or "-"
    year, month, day, hour, minute = match.groups()
    return f"{int(day)} {BULAN[int(month) - 1]} {year} {hour}.{minute} UTC"


def elapsed_text(ms: float) -> str:
    return f"{ms / 1000:.2f} detik" if ms >= 100 else f"{ms:.0f} ms"


# ----------------------------------------------------------------- data (cached, read-only)


def _build_key() -> str:
    from qa.index import current_build

    build = current_build()
    return str(build) if build else ""


def _corpus_key() -> tuple:
    """What the manifest depends on: data folder, manifest file, documents added by users."""
    from corpus.paths import data_dir, manifest_path
    from corpus.user_documents import user_dir

    def stamp(path: Path) -> float:
        return path.stat().st_mtime if path.is_file() else 0.0

    main = manifest_path()
    return (str(data_dir()), str(main), stamp(main), stamp(user_dir() / "documents.json"))


@st.cache_resource(show_spinner=False, max_entries=4)
def _manifest(key: tuple):
    from corpus.user_documents import merged_manifest

    return merged_manifest()


def manifest():
    return _manifest(_corpus_key())


@st.cache_resource(show_spinner="Memuat indeks…", max_entries=2)  # an old build is dropped
def _retriever(build_key: str, corpus_key: tuple):
    from qa.retrieval import Retriever

    return Retriever(manifest=_manifest(corpus_key))


def retriever():
    return _retriever(_build_key(), _corpus_key())


def units() -> dict[str, Unit]:
    return retriever().units()


def doc_name(doc_id: str) -> str:
    try:
        return manifest().get(doc_id).short_name
    except KeyError:
        return doc_id


def source_pdf(doc_id: str) -> Path | None:
    """The PDF a document was published as, if it is in the corpus folder (or was uploaded)."""
    from corpus.paths import corpus_dir
    from corpus.status import source_path

    try:
        meta = manifest().get(doc_id)
    except KeyError:
        return None
    for src in meta.sources:
        if src.format == "pdf":
            path = source_path(src, corpus_dir())
            if path.is_file():
                return path
    return None


def served_pdf(doc_id: str) -> str | None:
    """Make the source PDF reachable under ``static/pdf/`` and return its relative URL."""
    source = source_pdf(doc_id)
    if source is None:
        return None
    source = source.resolve()  # Streamlit refuses to serve a symlink that leads out of static/
    target = STATIC_PDF_DIR / f"{doc_id}.pdf"
    try:
        if target.is_symlink() or not target.is_file() or target.stat().st_size != source.stat().st_size:
            STATIC_PDF_DIR.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            tmp.unlink(missing_ok=True)
            try:
                os.link(source, tmp)  # no second copy when the data folder shares the disk
            except OSError:
                shutil.copyfile(source, tmp)
            os.replace(tmp, target)
    except OSError:
        return None
    return pdf_href(doc_id, None)


# ----------------------------------------------------------------- navigation and state


def init_state() -> None:
    state = st.session_state
    state.setdefault("materi", [])
    state.setdefault("jawaban", None)
    state.setdefault("unit", None)
    if "halaman" not in state:
        state.halaman = TANYA
        unit_id = st.query_params.get("unit")
        if unit_id:
            state.unit = unit_id
            state.halaman = BACA
        else:
            wanted = st.query_params.get("hal", "").lower()
            for name in HALAMAN:
                if wanted and slug(name) == wanted:
                    state.halaman = name


def slug(name: str) -> str:
    return name.lower().replace(" ", "-")


def open_unit(unit_id: str) -> None:
    """Callback: read a unit (chips, results, tables of contents, references)."""
    st.session_state.unit = unit_id
    st.session_state.halaman = BACA


def open_chip(key: str) -> None:
    """Callback of a pills row: open the chosen unit and clear the selection."""
    chosen = st.session_state.get(key)
    if chosen:
        open_unit(chosen)
    st.session_state[key] = None


def open_typed() -> None:
    typed = (st.session_state.get("id_ketik") or "").strip().strip("/")
    if typed:
        open_unit(typed)


def add_unit_to_materi(unit_id: str) -> None:
    from qa import materi
    from qa.graph import Graph

    by_id = units()
    unit = by_id.get(unit_id)
    if unit is None:
        return
    if materi.add(st.session_state.materi, materi.item_from_unit(unit, Graph.of(by_id).lead_in(unit))):
        st.toast(f"{unit.short_label} ditambahkan ke materi.", icon=":material/check:")
    else:
        st.toast("Ketentuan ini sudah ada di materi.", icon=":material/info:")


def add_answer_to_materi() -> None:
    from qa import materi

    answer = st.session_state.jawaban
    if answer is None:
        return
    if materi.add(st.session_state.materi, materi.item_from_answer(answer, units())):
        st.toast("Jawaban ditambahkan ke materi.", icon=":material/check:")
    else:
        st.toast("Jawaban ini sudah ada di materi.", icon=":material/info:")


def chips(citations, key: str, label: str) -> None:
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


# ----------------------------------------------------------------- pages


def index_missing() -> bool:
    return not _build_key()


def with_progress(bar, text: str, func, *args, expected: float = 120.0, **kwargs):
    """Run ``func`` in a worker thread while the bar shows the seconds that passed.

    The pipeline reports no fractions, so the bar creeps towards 95% over ``expected``
    seconds: honest about time spent, never claiming to be done before it is.
    """
    import threading

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
    from ingest.pipeline import run_ingest

    bar = st.progress(0.05, text="Membaca, membersihkan, mengurai dan mengindeks dokumen…")
    try:
        result = with_progress(bar, "Membaca, membersihkan, mengurai dan mengindeks dokumen", run_ingest,
                               manifest=manifest(), progress=False)  # fmt: skip
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
    _retriever.clear()


def need_index() -> bool:
    """Show how to build the index when there is none; True when the page must stop."""
    if not index_missing():
        return False
    st.info(BUILD_HINT, icon=":material/info:")
    if st.button("Bangun indeks sekarang", icon=":material/build:"):
        build_index_here()
    return True


def page_tanya() -> None:
    st.header("Tanya")
    st.caption("Tulis pertanyaan dalam bahasa sehari-hari. Jawaban selalu mengutip pasal yang menjadi dasarnya.")
    if need_index():
        return
    with st.form("form_tanya", border=False):
        question = st.text_input(
            "Pertanyaan",
            key="pertanyaan",
            placeholder="Contoh: asn boleh like postingan paslon?",
        )
        asked = st.form_submit_button("Tanya", type="primary", icon=":material/send:")
    if asked and question.strip():
        from qa.answering import answer
        from qa.index import ChromaUnavailable
        from qa.llm import configured

        try:
            with st.spinner("Mencari dasar hukum…"):
                started = time.perf_counter()
                result = answer(question, retriever=retriever(), engine="llm" if configured() else None)
                if not result.elapsed_ms:
                    result.elapsed_ms = (time.perf_counter() - started) * 1000
        except ChromaUnavailable as exc:  # the server may come back; the app stays up
            st.error(f"Pencarian gagal: {exc}.", icon=":material/cloud_off:")
            return
        except Exception as exc:  # noqa: BLE001 - shown calmly; the details go to the log
            log.exception("answer failed")
            st.error(f"Pertanyaan tidak bisa dijawab karena kesalahan sistem ({type(exc).__name__}). "
                     "Coba lagi, atau gunakan halaman Cari.")  # fmt: skip
            return
        st.session_state.jawaban = result
    elif asked:
        st.warning("Tuliskan pertanyaan lebih dulu.")

    result = st.session_state.jawaban
    if result is None:
        return
    show_answer(result)


def show_answer(result) -> None:
    by_id = units()
    st.divider()
    st.markdown(f"**Pertanyaan:** {result.question}")
    for warning in result.warnings:
        st.warning(warning, icon=":material/warning:")
    engine = "LLM" if result.engine == "llm" else "ekstraktif"
    timing = f"Dijawab dalam {elapsed_text(result.elapsed_ms)} · mesin {engine}"
    if result.abstained:
        st.info(result.answer, icon=":material/help:")
        st.caption(timing)
        if result.related:
            st.subheader("Mungkin terkait", divider="gray")
            chips(result.related, "chip_terkait", "Buka ketentuan yang mungkin terkait")
            for citation in result.related:
                st.markdown(f"{status_badge(citation.status)} **{citation.short_label}**")
                st.caption(" ".join(citation.text.split())[:240] + ("…" if len(citation.text) > 240 else ""))
    else:
        with st.container(border=True):
            st.markdown(result.answer)
        st.caption(timing)
        st.subheader("Dasar hukum", divider="gray")
        chips(result.citations, "chip_dasar", "Buka pasal yang dikutip")
        for i, citation in enumerate(result.citations):
            unit = by_id.get(citation.unit_id)
            with st.container(border=True):
                note = f" · {unit.status_note}" if unit is not None and unit.status_note else ""
                st.markdown(f"{status_badge(citation.status)} **{citation.short_label}**{note}")
                # The extractive answer already quotes each text; an LLM answer paraphrases it.
                with st.expander("Teks ketentuan", expanded=result.engine == "llm"):
                    st.markdown(f'<div class="kutipan">{html.escape(citation.text).replace(chr(10), "<br>")}</div>',
                                unsafe_allow_html=True)  # fmt: skip
                st.code(citation.label, language=None, wrap_lines=True)
                row = st.container(horizontal=True)
                row.button("Baca pasal", key=f"baca_{i}", on_click=open_unit, args=(citation.unit_id,),
                           icon=":material/menu_book:")  # fmt: skip
                row.button("Materi", key=f"materi_{i}", on_click=add_unit_to_materi, args=(citation.unit_id,),
                           icon=":material/playlist_add:", help="Tambahkan ke materi")  # fmt: skip
        if result.related:
            with st.expander("Ketentuan lain yang mungkin terkait"):
                chips(result.related, "chip_lain", "Buka")
        st.button("Tambahkan jawaban ini ke materi", key="jawaban_ke_materi", on_click=add_answer_to_materi,
                  icon=":material/playlist_add:")  # fmt: skip


def first_page() -> None:
    """Callback: a new query or filter shows its results from the first page."""
    st.session_state.halaman_cari = 1


def page_cari() -> None:
    from qa.index import ChromaUnavailable
    from qa.model import Filters

    st.header("Cari")
    st.caption("Daftar ketentuan yang paling cocok dengan kata kunci, tanpa jawaban ringkas.")
    if need_index():
        return
    docs = manifest().documents
    query = st.text_input("Kata kunci", key="kata_kunci", placeholder="Contoh: netralitas pegawai ASN kampanye",
                          on_change=first_page)  # fmt: skip
    with st.expander("Saring", expanded=False):
        c1, c2 = st.columns(2)
        doc_ids = c1.multiselect("Dokumen", [d.id for d in docs], format_func=doc_name, key="saring_dokumen",
                                 on_change=first_page)  # fmt: skip
        kinds = c2.multiselect("Jenis", sorted({d.kind for d in docs}), key="saring_jenis", on_change=first_page)
        c3, c4 = st.columns(2)
        years = c3.multiselect("Tahun", sorted({d.year for d in docs}, reverse=True), key="saring_tahun",
                               on_change=first_page)  # fmt: skip
        in_force = c4.checkbox("Hanya yang berlaku", key="saring_berlaku", on_change=first_page)
    if not query.strip():
        return
    filters = Filters(doc_ids=doc_ids or None, kinds=kinds or None, years=years or None, in_force_only=in_force)
    started = time.perf_counter()
    try:
        hits = retriever().retrieve(query, k=SEARCH_K, filters=filters)
    except ChromaUnavailable as exc:  # the server may come back; the app stays up
        st.error(f"Pencarian gagal: {exc}.", icon=":material/cloud_off:")
        return
    except Exception as exc:  # noqa: BLE001 - shown calmly; the details go to the log
        log.exception("search failed")
        st.error(f"Pencarian gagal karena kesalahan sistem ({type(exc).__name__}). Coba lagi sebentar lagi.")
        return
    elapsed = (time.perf_counter() - started) * 1000
    if not hits:
        st.info("Tidak ada ketentuan yang cocok. Coba kata lain atau longgarkan saringan.")
        return
    from qa.graph import Graph

    graph = Graph.of(units())
    pages = (len(hits) + PER_PAGE - 1) // PER_PAGE
    st.caption(f"{len(hits)} ketentuan · {elapsed_text(elapsed)}")
    page = st.session_state.get("halaman_cari", 1) if pages > 1 else 1
    page = min(max(int(page or 1), 1), pages)
    for i, hit in enumerate(hits[(page - 1) * PER_PAGE : page * PER_PAGE], start=(page - 1) * PER_PAGE):
        unit = hit.unit
        with st.container(border=True):
            st.markdown(f"**{i + 1}. {unit.short_label}** {status_badge(unit.status)}")
            lead = graph.lead_in(unit)
            st.markdown(
                '<div class="kutipan">'
                + (f'<span class="pengantar">{html.escape(_shorten(lead, 160))}</span> ' if lead else "")
                + snippet(unit.text, query)
                + "</div>",
                unsafe_allow_html=True,
            )
            row = st.container(horizontal=True)
            row.button("Baca", key=f"cari_baca_{i}", on_click=open_unit, args=(unit.id,), icon=":material/menu_book:")
            row.button("Materi", key=f"cari_materi_{i}", on_click=add_unit_to_materi, args=(unit.id,),
                       icon=":material/playlist_add:", help="Tambahkan ke materi")  # fmt: skip
    if pages > 1:
        st.pagination(pages, key="halaman_cari")


def page_baca() -> None:
    st.header("Baca")
    if need_index():
        return
    by_id = units()
    unit_id = st.session_state.unit
    unit = by_id.get(unit_id) if unit_id else None
    if not unit_id:
        st.info("Pilih ketentuan dari Tanya, Cari atau Telusuri — atau tulis id-nya di bawah.")
    elif unit is None:
        st.error(f"Ketentuan `{unit_id}` tidak ada di indeks.")
    else:
        st.query_params["unit"] = unit.id
        show_unit(unit, by_id)
        st.divider()
    st.text_input("Buka ketentuan lain lewat id", key="id_ketik", on_change=open_typed,
                  placeholder="uu-5-2014/pasal-87/ayat-4/huruf-c")  # fmt: skip


def show_unit(unit: Unit, by_id: dict[str, Unit]) -> None:
    from qa.graph import Graph

    graph = Graph.of(by_id)
    pasal = enclosing_pasal(unit, by_id)
    crumbs = breadcrumb(unit, by_id, doc_name(unit.doc_id))
    st.markdown('<div class="remah">' + " › ".join(html.escape(c) for c in crumbs) + "</div>",
                unsafe_allow_html=True)  # fmt: skip
    st.subheader(unit.short_label)
    if unit.status == "dicabut":
        after = [by_id[i].short_label for i in unit.successors if i in by_id]
        st.warning(
            f"Ketentuan ini {unit.status_note or 'telah dicabut'} dan tidak berlaku lagi."
            + (f" Ketentuan yang berlaku: {', '.join(after)}." if after else ""),
            icon=":material/gavel:",
        )
    st.markdown(
        status_badge(unit.status)
        + (f" {unit.status_note}" if unit.status_note else "")
        + (f" · hlm. {', '.join(str(p) for p in unit.pages)}" if unit.pages else "")
    )
    st.code(unit.label, language=None, wrap_lines=True)

    if unit.successors:
        row = st.container(horizontal=True, vertical_alignment="center")
        row.markdown("**Penggantinya:**")
        for j, successor in enumerate(unit.successors):
            target = by_id.get(successor)
            row.button(target.short_label if target else successor, key=f"pengganti_{j}", on_click=open_unit,
                       args=(successor,), icon=":material/arrow_forward:", disabled=target is None)  # fmt: skip

    replaced = [u for u in by_id.values() if unit.id in u.successors]
    if replaced:
        row = st.container(horizontal=True, vertical_alignment="center")
        row.markdown("**Menggantikan:**")
        for j, old in enumerate(sorted(replaced, key=lambda u: (u.doc_id, u.order))):
            row.button(old.short_label, key=f"diganti_{j}", on_click=open_unit, args=(old.id,),
                       icon=":material/history:")  # fmt: skip

    row = st.container(horizontal=True)
    row.button("Materi", key="baca_materi", on_click=add_unit_to_materi, args=(unit.id,),
               icon=":material/playlist_add:", help="Tambahkan ke materi")  # fmt: skip
    if served_pdf(unit.doc_id):
        page = unit.pages[0] if unit.pages else None
        row.link_button(
            f"PDF hlm. {page}" if page else "Buka PDF", pdf_href(unit.doc_id, page), icon=":material/picture_as_pdf:"
        )
    if pasal.id != unit.id:
        row.button(f"Buka {marker(pasal)}", key="baca_pasal", on_click=open_unit, args=(pasal.id,),
                   icon=":material/article:")  # fmt: skip

    st.markdown(pasal_html(pasal, unit, by_id, graph.children), unsafe_allow_html=True)

    penjelasan = unit.penjelasan or (pasal.penjelasan if pasal.id != unit.id else None)
    if penjelasan:
        with st.expander("Penjelasan", expanded=True):
            st.markdown(f'<div class="kutipan">{html.escape(penjelasan).replace(chr(10), "<br>")}</div>',
                        unsafe_allow_html=True)  # fmt: skip
            target = unit.penjelasan_id or pasal.penjelasan_id
            if target and target in by_id:
                st.button("Buka penjelasan", key="buka_penjelasan", on_click=open_unit, args=(target,), type="tertiary")
    if unit.explains and unit.explains in by_id:
        st.button(f"Menjelaskan {by_id[unit.explains].short_label}", key="dijelaskan", on_click=open_unit,
                  args=(unit.explains,))  # fmt: skip

    history = unit.history or pasal.history
    if history:
        owner = unit if unit.history else pasal
        with st.expander(f"Riwayat perubahan ({len(history)} versi)", expanded=len(history) > 1):
            previous = None
            for j, row in enumerate(history_rows(owner)):
                with st.container(border=True):
                    st.markdown(f"**Versi {row['versi']}** · {row['perubahan']} · {row['sumber']}")
                    if row["teks"] == previous:
                        st.caption("Teksnya sama dengan versi sebelumnya.")
                    elif previous is None:
                        st.markdown(f'<div class="kutipan">{html.escape(row["teks"]).replace(chr(10), "<br>")}</div>',
                                    unsafe_allow_html=True)  # fmt: skip
                    else:
                        st.markdown(f'<div class="kutipan">{word_diff(previous, row["teks"])}</div>',
                                    unsafe_allow_html=True)  # fmt: skip
                        st.caption("Dibanding versi sebelumnya: kata yang ditambahkan bergaris bawah hijau, "
                                   "yang dihapus dicoret.")  # fmt: skip
                    previous = row["teks"]
                    if row["sumber_id"] in by_id and row["sumber_id"] != owner.id:
                        st.button(f"Buka {row['sumber']}", key=f"riwayat_{j}", on_click=open_unit,
                                  args=(row["sumber_id"],), type="tertiary", icon=":material/open_in_new:")  # fmt: skip

    cited = {u.id: u for u in graph.cited(unit.id)}
    if pasal.id != unit.id:
        cited.update({u.id: u for u in graph.cited(pasal.id)})
    citing = graph.citing(unit.id)
    left, right = st.columns(2)
    with left:
        st.markdown(f"**Menyebut** ({len(cited)})")
        if cited:
            chips([_cite(u) for u in cited.values()], "chip_menyebut", "Ketentuan yang disebut")
        else:
            st.caption("Tidak menyebut ketentuan lain.")
    with right:
        st.markdown(f"**Disebut oleh** ({len(citing)})")
        if citing:
            chips([_cite(u) for u in citing], "chip_disebut", "Ketentuan yang menyebutnya")
        else:
            st.caption("Belum ada ketentuan lain yang menyebutnya.")
    st.markdown(f":material/link: [Tautan ke ketentuan ini]({unit_href(unit.id)}) · `{unit.id}`")


def _cite(unit: Unit):
    from qa.model import Citation

    return Citation.of(unit)


def page_telusuri() -> None:
    st.header("Telusuri")
    st.caption("Daftar isi tiap dokumen: Bab, Bagian dan Pasal.")
    if need_index():
        return
    by_id = units()
    present = sorted({u.doc_id for u in by_id.values()})
    order = {d.id: i for i, d in enumerate(manifest().documents)}
    present.sort(key=lambda d: order.get(d, len(order)))
    if not present:
        st.info("Belum ada dokumen di indeks.")
        return
    doc_id = st.selectbox("Dokumen", present, format_func=lambda d: f"{doc_name(d)} — {_title(d)}",
                          key="telusuri_dok")  # fmt: skip
    top = sorted((u for u in by_id.values() if u.doc_id == doc_id and u.parent_id is None and u.kind != "penjelasan"),
                 key=lambda u: u.order)  # fmt: skip
    st.caption(f"{sum(1 for u in top if u.kind == 'pasal')} pasal")
    # One expander per BAB (or per part without one: Menimbang, Mengingat, ...); inside it, each
    # Bagian/Paragraf as a small heading over its Pasal, in document order.
    chapters: list[tuple[str, list[tuple[tuple[str, ...], list[Unit]]]]] = []
    for unit in top:
        chapter = unit.hierarchy[0] if unit.hierarchy else _group_name(unit)
        if "/penetapan/" in unit.id:  # UU 1/2015: the law enacting the Perppu, before its Lampiran
            chapter = f"Penetapan · {chapter}"
        section = tuple(unit.hierarchy[1:])
        if not chapters or chapters[-1][0] != chapter:
            chapters.append((chapter, []))
        sections = chapters[-1][1]
        if not sections or sections[-1][0] != section:
            sections.append((section, []))
        sections[-1][1].append(unit)
    n = 0
    for chapter, sections in chapters:
        with st.expander(chapter, expanded=len(chapters) <= 3):
            for section, members in sections:
                if section:
                    st.caption(" › ".join(section))
                row = st.container(horizontal=True, gap="small")
                for unit in members:
                    row.button(marker(unit), key=f"toc_{n}", on_click=open_unit, args=(unit.id,),
                               help=_shorten_head(unit.text, 160), type="tertiary")  # fmt: skip
                    n += 1


def _title(doc_id: str) -> str:
    try:
        title = manifest().get(doc_id).title
    except KeyError:
        return ""
    return _shorten_head(title.split(" tentang ", 1)[-1], 90)


def _group_name(unit: Unit) -> str:
    return {"menimbang": "Menimbang", "mengingat": "Mengingat", "penjelasan-umum": "Penjelasan Umum"}.get(
        unit.kind, "Ketentuan"
    )


def move_item(index: int, delta: int) -> None:
    from qa import materi

    materi.move(st.session_state.materi, index, delta)


def remove_item(index: int) -> None:
    del st.session_state.materi[index]


def page_materi() -> None:
    from qa import materi

    st.header("Materi")
    st.caption("Kumpulan ketentuan dan jawaban untuk bahan pelatihan. Urutkan, lalu unduh.")
    items = st.session_state.materi
    if not items:
        st.info("Materi masih kosong. Tambahkan ketentuan dari Tanya, Cari atau Baca dengan tombol Materi.")
        return
    judul = st.text_input("Judul materi", value="Materi Netralitas ASN", key="judul_materi")
    for i, item in enumerate(items):
        with st.container(border=True):
            head, tools = st.columns([5, 2], vertical_alignment="top")
            kind = "Jawaban" if item.kind == materi.JAWABAN else "Ketentuan"
            head.markdown(f"**{i + 1}. {item.judul}**  \n:gray[{kind}]")
            row = tools.container(horizontal=True, horizontal_alignment="right")
            row.button("↑", key=f"naik_{i}", on_click=move_item, args=(i, -1), disabled=i == 0, help="Naikkan")
            row.button("↓", key=f"turun_{i}", on_click=move_item, args=(i, 1), disabled=i == len(items) - 1,
                       help="Turunkan")  # fmt: skip
            row.button("✕", key=f"hapus_{i}", on_click=remove_item, args=(i,), help="Hapus dari materi")
            if item.isi:
                with st.expander("Jawaban"):
                    st.markdown(item.isi)
            elif item.kutipan:
                first = item.kutipan[0]
                lead = html.escape(_shorten(first.pengantar, 160)) if first.pengantar else ""
                lead = f'<span class="pengantar">{lead}</span> ' if lead else ""
                st.markdown(f'<div class="kutipan">{lead}{html.escape(_shorten_head(first.text, 400))}</div>',
                            unsafe_allow_html=True)  # fmt: skip
            for kutipan in item.kutipan:
                st.code(kutipan.label, language=None, wrap_lines=True)
    name = re.sub(r"[^A-Za-z0-9]+", "-", judul).strip("-").lower() or "materi"
    row = st.container(horizontal=True)
    row.download_button("Unduh Markdown", materi.to_markdown(items, judul), file_name=f"{name}.md",
                        mime="text/markdown", icon=":material/description:")  # fmt: skip
    # PDF and DOCX are built only when asked for (on Streamlit's thread for the download).
    snapshot = list(items)
    row.download_button("Unduh PDF", lambda: materi.to_pdf(snapshot, judul), file_name=f"{name}.pdf",
                        mime="application/pdf", icon=":material/picture_as_pdf:")  # fmt: skip
    row.download_button("Unduh DOCX", lambda: materi.to_docx(snapshot, judul), file_name=f"{name}.docx",
                        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        icon=":material/article:")  # fmt: skip
    with st.expander("Pratinjau Markdown"):
        st.code(materi.to_markdown(items, judul), language="markdown", wrap_lines=True)


def page_tambah() -> None:
    from corpus.user_documents import KINDS, Upload, UserDocumentError, add_user_document, remove_user_document

    st.header("Tambah Dokumen")
    st.caption("Unggah PDF peraturan atau surat baru (misalnya Surat Edaran). Dokumen diperiksa, diingest, "
               "lalu bisa dicari.")  # fmt: skip
    with st.form("form_tambah"):
        upload = st.file_uploader("Berkas PDF (maks. 60 MB)", type=["pdf"], key="berkas",
                                  help="Seret berkas ke kotak ini atau tekan Upload untuk memilihnya.")  # fmt: skip
        c1, c2 = st.columns(2)
        kind = c1.selectbox("Jenis", KINDS, index=KINDS.index("Surat Edaran"), key="jenis")
        number = c2.text_input("Nomor", key="nomor", placeholder="100.2.1/1234/SJ")
        c3, c4 = st.columns([1, 3])
        year = c3.number_input("Tahun", min_value=1945, max_value=2100, value=time.localtime().tm_year, step=1,
                               key="tahun")  # fmt: skip
        issuer = c4.text_input("Penerbit (untuk surat dan surat edaran)", key="penerbit",
                               placeholder="Menteri Dalam Negeri")  # fmt: skip
        title = st.text_input("Judul (tentang …)", key="judul", placeholder="Netralitas Aparatur Sipil Negara")
        submitted = st.form_submit_button("Periksa dan tambahkan", type="primary", icon=":material/upload:")
    if not submitted:
        return
    if upload is None:
        st.error("Pilih berkas PDF lebih dulu.")
        return
    data = upload.getvalue()
    try:
        meta = add_user_document(Upload(kind=kind, number=number, year=int(year), title=title, issuer=issuer), data,
                                 original_name=upload.name, existing=manifest())  # fmt: skip
    except UserDocumentError as exc:
        st.error(f"Dokumen ditolak: {exc}", icon=":material/block:")
        return
    bar = st.progress(0.05, text=f"Berkas diterima. Membaca, mengurai dan mengindeks {meta.short_name}…")
    error = with_progress(bar, f"Berkas diterima. Membaca, mengurai dan mengindeks {meta.short_name}",
                          ingest_upload, meta.id, expected=60.0)  # fmt: skip
    if error:
        remove_user_document(meta.id)  # a refused document changes nothing
        _manifest.clear()
        bar.empty()
        st.error(f"Dokumen ditolak: {error}", icon=":material/block:")
        return
    bar.progress(1.0, text="Selesai.")
    _manifest.clear()
    _retriever.clear()
    stored = [u for u in units().values() if u.doc_id == meta.id]
    st.success(f"{meta.short_name} ditambahkan: {len(stored)} ketentuan, sekarang bisa dicari.",
               icon=":material/check_circle:")  # fmt: skip
    if stored:
        st.button(f"Baca {stored[0].short_label}", on_click=open_unit, args=(stored[0].id,))


def ingest_upload(doc_id: str) -> str:
    """Ingest one added document and rebuild the index; returns the error in Indonesian, or ""."""
    from corpus.paths import units_dir
    from corpus.user_documents import merged_manifest
    from ingest.pipeline import run_ingest

    try:
        result = run_ingest(manifest=merged_manifest(), only=[doc_id], progress=False)
    except Exception as exc:  # noqa: BLE001 - reported to the person uploading
        error = f"{type(exc).__name__}: {exc}"
    else:
        failed = [d for d in result.documents if d.doc_id == doc_id and (d.failed or not d.ok)]
        error = (failed[0].error or failed[0].skipped) if failed else result.index_error
    if error:
        (units_dir() / f"{doc_id}.json").unlink(missing_ok=True)
        # The pipeline names the stored copy ("<doc_id>.pdf: ..."); the person knows their own file.
        error = error.removeprefix(f"{doc_id}.pdf: ")
        error = (f"{error[:1].upper()}{error[1:]}. Periksa apakah berkas ini memang peraturan atau surat "
                 "yang dimaksud dan jenisnya benar.")  # fmt: skip
    return error


def page_pengaturan() -> None:
    from corpus.status import corpus_status

    st.header("Pengaturan")
    st.subheader("Dokumen", divider="gray")
    statuses = corpus_status(manifest())
    rows = [
        {
            "Dokumen": s.short_name,
            "Id": s.doc_id,
            "Jenis": s.kind,
            "Berkas": s.state,
            "Diingest": "ya" if s.ingested else "belum",
            "Metode": s.method or "-",
            "Pasal": "-" if s.pasal is None else str(s.pasal),
            "Unit": "-" if s.units is None else str(s.units),
        }
        for s in statuses
    ]
    st.dataframe(rows, hide_index=True, width="stretch")
    ingested = sum(1 for s in statuses if s.ingested)
    st.caption(f"{ingested} dari {len(statuses)} dokumen sudah diingest.")
    warnings = [f"{s.doc_id}: {w}" for s in statuses for w in s.warnings]
    if warnings:
        with st.expander(f"Catatan ({len(warnings)})"):
            st.markdown("\n".join(f"- {w}" for w in warnings))

    st.subheader("Indeks", divider="gray")
    build = _build_key()
    if not build:
        st.info(BUILD_HINT, icon=":material/info:")
        if st.button("Bangun indeks sekarang", key="bangun_pengaturan", icon=":material/build:"):
            build_index_here()
    else:
        from qa.index import read_info

        info = read_info(Path(build))
        st.markdown(
            f"Dibangun **{when(info.created)}** · {info.units_indexed} dari {info.units_total} unit diindeks · "
            f"model `{info.model or '-'}` · "
            + ("server Chroma" if info.chroma.get("mode") == "http" else "Chroma lokal")
        )
    st.subheader("Mesin jawaban", divider="gray")
    from qa.llm import configured

    if configured():
        st.markdown(
            f"LLM: **{os.environ.get('RUJUKAN_LLM')}** `{os.environ.get('RUJUKAN_LLM_MODEL', '')}` — "
            "jawaban ditulis ulang oleh LLM dari sumber yang sama; bila gagal, kembali ke ekstraktif."
        )
    else:
        st.markdown("**Ekstraktif** — jawaban mengutip teks pasal apa adanya. "
                    "Atur `RUJUKAN_LLM` untuk memakai LLM.")  # fmt: skip


PAGES = {
    TANYA: page_tanya,
    CARI: page_cari,
    BACA: page_baca,
    TELUSURI: page_telusuri,
    MATERI: page_materi,
    TAMBAH: page_tambah,
    PENGATURAN: page_pengaturan,
}


def main() -> None:
    st.set_page_config(page_title="Rujukan", page_icon=":material/balance:", layout="wide")
    st.markdown(CSS, unsafe_allow_html=True)
    init_state()
    with st.sidebar:
        st.title("Rujukan")
        st.caption("Dasar hukum pengawasan pemilu dan netralitas ASN — dengan kutipan pasal yang tepat.")
        st.radio(
            "Menu",
            HALAMAN,
            key="halaman",
            format_func=lambda name: f"{IKON[name]} {name}",
            label_visibility="collapsed",
        )
        if st.session_state.materi:
            st.caption(f"Materi: {len(st.session_state.materi)} butir")
    page = st.session_state.halaman
    # The URL names the page (?hal=cari) or, in Baca, the unit: either can be bookmarked.
    if page == BACA:
        st.query_params.pop("hal", None)
    else:
        st.query_params.pop("unit", None)
        st.query_params["hal"] = slug(page)
    PAGES[page]()


if __name__ == "__main__":
    main()
