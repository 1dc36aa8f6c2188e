"""Tambah Dokumen: a new regulation or letter uploaded as PDF, checked, ingested and searchable;
the documents added earlier listed, each replaceable and removable (after a confirmation)."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

import streamlit as st

from corpus import user_documents as ud
from corpus.lock import IngestBusy
from corpus.user_documents import Upload, UserDocumentError
from pages import view
from qa.uploads import added_documents, ingest_added, remove_added, replace_added, settle, title_mismatch

PENDING = "tambah_tertunda"  # session key: an upload whose title page disagrees with the form
REMOVE = "hapus_dokumen"  # session key: the id of the document whose removal awaits confirmation
REPLACE = "ganti_dokumen"  # session key: a replacement awaiting confirmation


@dataclass(frozen=True)
class Pending:
    """An upload held back for the person to confirm (title mismatch, replacement)."""

    name: str
    data: bytes
    form: Upload
    mismatch: str
    doc_id: str = ""  # the document it replaces


def refused(exc: Exception) -> None:
    st.error(f"Dokumen ditolak: {exc}", icon=":material/block:")


def check(name: str, data: bytes, form: Upload) -> None:
    """Check the form and the file; a title page naming another document waits for the person."""
    try:
        ud.validate(view.settings().user_dir, form, data, view.manifest(), view.settings().corpus_dir)
    except UserDocumentError as exc:
        refused(exc)
        return
    mismatch = title_mismatch(form, data)
    if mismatch:
        st.session_state[PENDING] = Pending(name, data, form, mismatch)
        st.rerun()
    add(name, data, form)


def add(name: str, data: bytes, form: Upload) -> None:
    try:
        meta = ud.add_user_document(view.settings().user_dir, form, data, existing=view.manifest(), original_name=name,
                                    corpus_dir=view.settings().corpus_dir)  # fmt: skip
    except UserDocumentError as exc:
        refused(exc)
        return
    text = f"Berkas diterima. Membaca, mengurai dan mengindeks {meta.short_name}"
    bar = st.progress(0.05, text=f"{text}…")
    try:
        view.with_progress(bar, text, ingest_added, view.settings(), meta.id, expected=60.0)
    except UserDocumentError as exc:  # the addition was undone: nothing changed
        view.reload()
        bar.empty()
        refused(exc)
        return
    bar.progress(1.0, text="Selesai.")
    view.reload()
    stored = [u for u in view.units().values() if u.doc_id == meta.id]
    st.success(f"{meta.short_name} ditambahkan: {len(stored)} ketentuan, sekarang bisa dicari.",
               icon=":material/check_circle:")  # fmt: skip
    if stored:
        st.button(f"Baca {stored[0].short_label}", key="tambah_baca", on_click=view.open_unit, args=(stored[0].id,))


def confirm_mismatch(pending: Pending) -> None:
    with st.container(border=True):
        st.warning(f"{pending.mismatch} Periksa kembali isian formulir.", icon=":material/warning:")
        st.caption("Bila Anda yakin isian formulir benar, dokumen tetap bisa ditambahkan; "
                   "ketidakcocokan ini dicatat bersama dokumen.")  # fmt: skip
        row = st.container(horizontal=True)
        go = row.button("Tetap tambahkan", key="tambah_tetap", type="primary", icon=":material/check:")
        row.button("Batal", key="tambah_batal", on_click=st.session_state.pop, args=(PENDING, None))
    if go:
        del st.session_state[PENDING]
        note = f"judul berkas tidak cocok dengan formulir, tetap ditambahkan: {pending.mismatch}"
        add(pending.name, pending.data, replace(pending.form, title_mismatch=note))


# ----------------------------------------------------------------- documents added earlier


def ask_removal(doc_id: str) -> None:
    st.session_state[REMOVE] = doc_id
    st.session_state.pop(REPLACE, None)


def remove(meta) -> None:
    bar = st.progress(0.05, text=f"Menghapus {meta.short_name} dan membangun ulang indeks…")
    try:
        view.with_progress(bar, f"Menghapus {meta.short_name}", remove_added, view.settings(), meta.id, expected=30.0)
    except UserDocumentError as exc:
        bar.empty()
        st.error(str(exc), icon=":material/error:")
        return
    finally:
        view.reload()
    bar.empty()
    st.session_state.tambah_pesan = f"{meta.short_name} dihapus: ketentuannya tidak lagi dicari atau dikutip."
    st.rerun()


def replace_file(pending: Pending, meta) -> None:
    bar = st.progress(0.05, text=f"Mengganti berkas {meta.short_name}…")
    form = replace(pending.form, title_mismatch=(
        f"judul berkas pengganti tidak cocok, tetap dipakai: {pending.mismatch}" if pending.mismatch else ""))  # fmt: skip
    try:
        view.with_progress(bar, f"Mengganti berkas {meta.short_name}", replace_added, view.settings(), meta.id,
                           form, pending.data, pending.name, expected=60.0)  # fmt: skip
    except UserDocumentError as exc:
        bar.empty()
        st.error(f"Berkas pengganti ditolak: {exc}", icon=":material/block:")
        return
    finally:
        view.reload()
    bar.empty()
    stored = sum(1 for u in view.units().values() if u.doc_id == meta.id)
    st.session_state.tambah_pesan = f"Berkas {meta.short_name} diganti: {stored} ketentuan, sekarang bisa dicari."
    st.rerun()


def confirmed(question: str, icon: str, yes: str, action: str, j: int, state_key: str) -> bool:
    """Ask before a change that cannot be undone; True once the person said yes (the request is cleared)."""
    st.warning(question, icon=icon)
    row = st.container(horizontal=True)
    sure = row.button(yes, key=f"{action}_ya_{j}", type="primary")
    row.button("Batal", key=f"{action}_batal_{j}", on_click=st.session_state.pop, args=(state_key, None))
    if sure:
        del st.session_state[state_key]
    return sure


def added_list() -> None:
    docs = added_documents(view.settings())
    st.subheader("Dokumen tambahan")
    if not docs:
        st.caption("Belum ada dokumen yang ditambahkan lewat aplikasi.")
        return
    for j, meta in enumerate(docs):
        with st.container(border=True):
            st.markdown(f"**{meta.short_name}** · {meta.citation}")
            st.caption(f"{meta.sources[0].note} · id `{meta.id}`" + (f" · {meta.note}" if "judul" in meta.note else ""))
            if st.session_state.get(REMOVE) == meta.id:
                question = (f"Hapus {meta.short_name}? Berkas, ketentuan dan entri indeksnya dihapus; "
                            "jawaban tidak lagi mengutipnya.")  # fmt: skip
                if confirmed(question, ":material/delete:", "Ya, hapus", "hapus", j, REMOVE):
                    remove(meta)
                continue
            pending = st.session_state.get(REPLACE)
            if pending is not None and pending.doc_id == meta.id:
                if pending.mismatch:
                    st.warning(pending.mismatch, icon=":material/warning:")
                question = (f"Ganti berkas {meta.short_name} dengan {pending.name}? Ketentuan lamanya diganti "
                            "dengan isi berkas baru.")  # fmt: skip
                if confirmed(question, ":material/swap_horiz:", "Ya, ganti", "ganti", j, REPLACE):
                    replace_file(pending, meta)
                continue
            row = st.container(horizontal=True)
            row.button("Hapus", key=f"hapus_{j}", on_click=ask_removal, args=(meta.id,), icon=":material/delete:")
            with row.popover("Ganti berkas", icon=":material/swap_horiz:"):
                with st.form(f"form_ganti_{j}"):
                    new = st.file_uploader("Berkas PDF pengganti", type=["pdf"], key=f"ganti_berkas_{j}")
                    title = st.text_input("Judul (tentang …)", value=meta.title, key=f"ganti_judul_{j}",
                                          max_chars=ud.TITLE_MAX)  # fmt: skip
                    chosen = st.form_submit_button("Periksa berkas")
            if chosen and new is None:
                st.error("Pilih berkas PDF pengganti lebih dulu.")
            elif chosen:
                entry = ud.entry_of(view.settings().user_dir, meta.id) or {}
                same_title = " ".join(title.split()) == meta.title
                form = Upload(kind=meta.kind, number=meta.number, year=meta.year, title=title,
                              issuer=entry.get("issuer", ""), citation=meta.citation if same_title else "",
                              short_name=meta.short_name)  # fmt: skip
                try:
                    ud.validate(view.settings().user_dir, form, new.getvalue(), view.manifest(),
                                view.settings().corpus_dir, replacing=meta.id)  # fmt: skip
                except UserDocumentError as exc:
                    st.error(f"Berkas pengganti ditolak: {exc}", icon=":material/block:")
                    continue
                st.session_state[REPLACE] = Pending(new.name, new.getvalue(), form,
                                                    title_mismatch(form, new.getvalue()), meta.id)  # fmt: skip
                st.session_state.pop(REMOVE, None)
                st.rerun()


view.through_app()
try:
    if settle(view.settings()):  # a change interrupted earlier (a crash) is finished or rolled back
        view.reload()
except IngestBusy:  # another run holds the data folder; it is settled on the next visit
    pass
st.header("Tambah Dokumen")
st.caption("Unggah PDF peraturan atau surat baru (misalnya Surat Edaran). Dokumen diperiksa, diingest, "
           "lalu bisa dicari.")  # fmt: skip
if message := st.session_state.pop("tambah_pesan", None):
    st.success(message, icon=":material/check_circle:")
with st.form("form_tambah"):
    upload = st.file_uploader(f"Berkas PDF (maks. {ud.MAX_BYTES // (1024 * 1024)} MB)", type=["pdf"], key="berkas",
                              help="Seret berkas ke kotak ini atau tekan Upload untuk memilihnya.")  # fmt: skip
    c1, c2 = st.columns(2)
    kind = c1.selectbox("Jenis", ud.KINDS, index=ud.KINDS.index("Surat Edaran"), key="jenis")
    number = c2.text_input("Nomor", key="nomor", placeholder="100.2.1/1234/SJ", max_chars=ud.NUMBER_MAX,
                           help=ud.NUMBER_HINT)  # fmt: skip
    c3, c4 = st.columns([1, 3])
    year = c3.number_input("Tahun", min_value=ud.YEAR_MIN, max_value=ud.YEAR_MAX,
                           value=min(time.localtime().tm_year, ud.YEAR_MAX), step=1, key="tahun")  # fmt: skip
    issuer = c4.text_input("Penerbit (untuk surat dan surat edaran)", key="penerbit",
                           placeholder="Menteri Dalam Negeri")  # fmt: skip
    title = st.text_input("Judul (tentang …)", key="judul", placeholder="Netralitas Aparatur Sipil Negara",
                          max_chars=ud.TITLE_MAX)  # fmt: skip
    submitted = st.form_submit_button("Periksa dan tambahkan", type="primary", icon=":material/upload:")
if submitted:
    st.session_state.pop(PENDING, None)
if submitted and upload is None:
    st.error("Pilih berkas PDF lebih dulu.")
elif submitted:
    check(upload.name, upload.getvalue(), Upload(kind=kind, number=number, year=int(year), title=title, issuer=issuer))
elif st.session_state.get(PENDING) is not None:  # (a class of a page script is new at every run)
    confirm_mismatch(st.session_state[PENDING])
added_list()
