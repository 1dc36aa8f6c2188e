"""Tambah Dokumen: a new regulation or letter uploaded as PDF, checked, ingested and searchable."""

from __future__ import annotations

import time

import streamlit as st

from corpus.user_documents import KINDS, Upload, UserDocumentError, add_user_document
from pages import view
from qa.uploads import ingest_added


def add(upload, form: Upload) -> None:
    try:
        meta = add_user_document(
            view.settings().user_dir, form, upload.getvalue(), existing=view.manifest(), original_name=upload.name
        )
    except UserDocumentError as exc:
        st.error(f"Dokumen ditolak: {exc}", icon=":material/block:")
        return
    text = f"Berkas diterima. Membaca, mengurai dan mengindeks {meta.short_name}"
    bar = st.progress(0.05, text=f"{text}…")
    try:
        view.with_progress(bar, text, ingest_added, view.settings(), meta.id, expected=60.0)
    except UserDocumentError as exc:  # the addition was undone: nothing changed
        view.reload()
        bar.empty()
        st.error(f"Dokumen ditolak: {exc}", icon=":material/block:")
        return
    bar.progress(1.0, text="Selesai.")
    view.reload()
    stored = [u for u in view.units().values() if u.doc_id == meta.id]
    st.success(f"{meta.short_name} ditambahkan: {len(stored)} ketentuan, sekarang bisa dicari.",
               icon=":material/check_circle:")  # fmt: skip
    if stored:
        st.button(f"Baca {stored[0].short_label}", on_click=view.open_unit, args=(stored[0].id,))


view.through_app()
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
if submitted and upload is None:
    st.error("Pilih berkas PDF lebih dulu.")
elif submitted:
    add(upload, Upload(kind=kind, number=number, year=int(year), title=title, issuer=issuer))
