"""Materi: provisions and answers collected for a training, ordered, saved, shared, downloaded.

The set is saved in the data folder at every change (``qa.materi_sets``); saved sets are
listed here to reopen, and a set travels between installations as an exported file.
"""

from __future__ import annotations

import html

import streamlit as st

from pages import view
from pages.markup import file_name, shorten, shorten_head, when
from qa import materi, materi_sets


def move_item(index: int, delta: int) -> None:
    materi.move(st.session_state.materi, index, delta)
    view.save_materi()


def remove_item(index: int) -> None:
    del st.session_state.materi[index]
    view.save_materi()


def rename() -> None:
    """Callback of the title field: the set is saved under its new title."""
    if not view.save_materi(st.session_state.judul_materi):
        st.session_state.judul_materi = st.session_state.materi_judul  # refused: the old title stays


def import_file() -> None:
    upload = st.session_state.get("impor_materi")
    if upload is None:
        st.session_state.materi_pesan = "Pilih berkas set materi (.json) lebih dulu."
        return
    try:
        name, _, _ = materi_sets.import_set(view.materi_folder(), upload.getvalue())
    except materi_sets.MateriSetError as exc:
        st.session_state.materi_pesan = f"Set materi tidak bisa diimpor: {exc}"
        return
    view.open_materi(name)
    st.toast(f"Set “{st.session_state.materi_judul}” diimpor.", icon=":material/check:")


def ask_delete(name: str) -> None:
    st.session_state.hapus_set = name


def delete_set(name: str) -> None:
    """Callback of the confirmation: the saved set goes; the open one is replaced by an empty set."""
    st.session_state.pop("hapus_set", None)
    judul = next((s.judul for s in materi_sets.listing(view.materi_folder()) if s.name == name), name)
    try:
        materi_sets.remove(view.materi_folder(), name)
    except OSError as exc:
        st.session_state.materi_pesan = f"Set “{judul}” tidak bisa dihapus: {exc.strerror or exc}"
        return
    if name == st.session_state.materi_nama:
        view.open_materi(None)
    st.toast(f"Set “{judul}” dihapus.", icon=":material/delete:")


def cancel_delete() -> None:
    st.session_state.pop("hapus_set", None)


def saved_sets() -> None:
    sets = materi_sets.listing(view.materi_folder())
    asked = st.session_state.get("hapus_set")
    with st.expander(f"Set materi tersimpan ({len(sets)})", expanded=not st.session_state.materi or bool(asked)):
        for i, saved in enumerate(sets):
            row = st.container(horizontal=True, vertical_alignment="center")
            opened = saved.name == st.session_state.materi_nama
            row.markdown(f"**{saved.judul}** · {saved.count} butir · disimpan {when(saved.saved)}"
                         + (" · :blue-badge[sedang dibuka]" if opened else ""))  # fmt: skip
            row.button("Buka", key=f"buka_set_{i}", on_click=view.open_materi, args=(saved.name,), disabled=opened,
                       icon=":material/folder_open:")  # fmt: skip
            row.button("Hapus", key=f"hapus_set_{i}", on_click=ask_delete, args=(saved.name,),
                       icon=":material/delete:", help="Hapus set ini dari folder data (ada konfirmasi).")  # fmt: skip
            if asked == saved.name:
                st.warning(f"Hapus set “{saved.judul}” ({saved.count} butir) dari folder data? "
                           "Set yang dihapus tidak bisa dibuka lagi.", icon=":material/warning:")  # fmt: skip
                confirm = st.container(horizontal=True)
                confirm.button("Ya, hapus", key="hapus_set_ya", on_click=delete_set, args=(saved.name,), type="primary",
                               icon=":material/delete_forever:")  # fmt: skip
                confirm.button("Batal", key="hapus_set_batal", on_click=cancel_delete)
        if not sets:
            st.caption("Belum ada set yang tersimpan.")
        st.button("Set baru", key="set_baru", on_click=view.open_materi, args=(None,), icon=":material/add:",
                  help="Mulai set kosong; set yang sekarang tetap tersimpan.")  # fmt: skip
        st.file_uploader("Impor set materi (.json)", type=["json"], key="impor_materi",
                         help="Berkas yang diekspor dari Rujukan, misalnya kiriman pelatih lain.")  # fmt: skip
        st.button("Impor", key="impor", on_click=import_file, icon=":material/upload:")


PREVIEW_LINES = 10


def preview(kutipan) -> str:
    """The quote as the handout prints it: one line per item, indented per level (the first lines)."""
    rows = kutipan.baris()
    out = []
    for row in rows[:PREVIEW_LINES]:
        text = html.escape(shorten(row.text, 160) if row.konteks else shorten_head(row.text, 400))
        marker = f"{html.escape(row.marker)} " if row.marker else ""
        text = f'<span class="pengantar">{marker}{text}</span>' if row.konteks else marker + text
        out.append(f'<div style="padding-left:{1.5 * row.level}em">{text}</div>')
    if len(rows) > PREVIEW_LINES:
        out.append(f'<div class="pengantar">… {len(rows) - PREVIEW_LINES} baris lagi</div>')
    return "".join(out)


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
            st.markdown(f'<div class="kutipan">{preview(item.kutipan[0])}</div>', unsafe_allow_html=True)
        for kutipan in item.kutipan:
            st.code(kutipan.label, language=None, wrap_lines=True)


def downloads(items: list, judul: str, penjelasan: bool) -> None:
    name = file_name(judul)
    row = st.container(horizontal=True)
    row.download_button("Unduh Markdown", materi.to_markdown(items, judul, penjelasan=penjelasan),
                        file_name=f"{name}.md", mime="text/markdown", icon=":material/description:")  # fmt: skip
    # PDF and DOCX are built only when asked for (on Streamlit's thread for the download).
    snapshot = list(items)
    row.download_button("Unduh PDF", lambda: materi.to_pdf(snapshot, judul, penjelasan=penjelasan),
                        file_name=f"{name}.pdf", mime="application/pdf", icon=":material/picture_as_pdf:")  # fmt: skip
    row.download_button("Unduh DOCX", lambda: materi.to_docx(snapshot, judul, penjelasan=penjelasan),
                        file_name=f"{name}.docx",
                        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        icon=":material/article:")  # fmt: skip
    row.download_button("Ekspor set (.json)", materi_sets.to_json(judul, snapshot), file_name=f"{name}.json",
                        mime="application/json", icon=":material/ios_share:",
                        help="Berkas untuk dibuka lagi di Rujukan lain lewat Impor.")  # fmt: skip


view.through_app()
st.header("Materi")
st.caption("Kumpulan ketentuan dan jawaban untuk bahan pelatihan. Urutkan, lalu unduh. "
           "Set tersimpan otomatis di folder data.")  # fmt: skip
message = st.session_state.pop("materi_pesan", None)
if message:
    st.error(message, icon=":material/error:")
saved_sets()
items = st.session_state.materi
if not items:
    st.info("Materi masih kosong. Tambahkan ketentuan dari Tanya, Cari atau Baca dengan tombol Materi.")
else:
    st.session_state.setdefault("judul_materi", st.session_state.materi_judul)
    judul = st.text_input("Judul materi", key="judul_materi", on_change=rename)
    for i, item in enumerate(items):
        show_item(i, item, len(items))
    penjelasan = st.checkbox("Sertakan Penjelasan", value=True, key="materi_penjelasan",
                             help="Cetak Penjelasan setiap ketentuan di bawah teksnya.")  # fmt: skip
    downloads(items, judul, penjelasan)
    with st.expander("Pratinjau Markdown"):
        st.code(materi.to_markdown(items, judul, penjelasan=penjelasan), language="markdown", wrap_lines=True)
