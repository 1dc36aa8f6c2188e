"""Materi: provisions and answers collected for a training, ordered, then downloaded."""

from __future__ import annotations

import html

import streamlit as st

from pages.markup import file_name, shorten, shorten_head
from qa import materi


def move_item(index: int, delta: int) -> None:
    materi.move(st.session_state.materi, index, delta)


def remove_item(index: int) -> None:
    del st.session_state.materi[index]


def show_item(i: int, item, count: int) -> None:
    with st.container(border=True):
        head, tools = st.columns([5, 2], vertical_alignment="top")
        kind = "Jawaban" if item.kind == materi.JAWABAN else "Ketentuan"
        head.markdown(f"**{i + 1}. {item.judul}**  \n:gray[{kind}]")
        row = tools.container(horizontal=True, horizontal_alignment="right")
        row.button("↑", key=f"naik_{i}", on_click=move_item, args=(i, -1), disabled=i == 0, help="Naikkan")
        row.button("↓", key=f"turun_{i}", on_click=move_item, args=(i, 1), disabled=i == count - 1,
                   help="Turunkan")  # fmt: skip
        row.button("✕", key=f"hapus_{i}", on_click=remove_item, args=(i,), help="Hapus dari materi")
        if item.isi:
            with st.expander("Jawaban"):
                st.markdown(item.isi)
        elif item.kutipan:
            first = item.kutipan[0]
            lead = html.escape(shorten(first.pengantar, 160)) if first.pengantar else ""
            lead = f'<span class="pengantar">{lead}</span> ' if lead else ""
            st.markdown(f'<div class="kutipan">{lead}{html.escape(shorten_head(first.text, 400))}</div>',
                        unsafe_allow_html=True)  # fmt: skip
        for kutipan in item.kutipan:
            st.code(kutipan.label, language=None, wrap_lines=True)


def downloads(items: list, judul: str) -> None:
    name = file_name(judul)
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


st.header("Materi")
st.caption("Kumpulan ketentuan dan jawaban untuk bahan pelatihan. Urutkan, lalu unduh.")
items = st.session_state.materi
if not items:
    st.info("Materi masih kosong. Tambahkan ketentuan dari Tanya, Cari atau Baca dengan tombol Materi.")
else:
    judul = st.text_input("Judul materi", value="Materi Netralitas ASN", key="judul_materi")
    for i, item in enumerate(items):
        show_item(i, item, len(items))
    downloads(items, judul)
    with st.expander("Pratinjau Markdown"):
        st.code(materi.to_markdown(items, judul), language="markdown", wrap_lines=True)
