"""Baca: one provision in its Pasal, with its status, Penjelasan, history and references.

The unit read is mirrored in the URL (``?unit=uu-5-2014/pasal-87/ayat-4/huruf-c``), so a
provision can be linked to and bookmarked.
"""

from __future__ import annotations

import html
from functools import partial

import streamlit as st

from corpus import ids
from corpus.sources import page_pdf
from ingest.model import Unit
from pages import view
from pages.markup import (
    breadcrumb,
    enclosing_pasal,
    history_rows,
    marker,
    pasal_html,
    quote_html,
    unit_href,
    word_diff,
)
from qa.model import Citation


def open_typed() -> None:
    typed = ids.typed(st.session_state.get("id_ketik") or "")
    if typed:
        view.open_unit(typed)


def heading(unit: Unit, by_id: dict[str, Unit]) -> None:
    crumbs = breadcrumb(unit, by_id, view.doc_name(unit.doc_id))
    st.markdown('<div class="remah">' + " › ".join(html.escape(c) for c in crumbs) + "</div>",
                unsafe_allow_html=True)  # fmt: skip
    st.subheader(unit.short_label)
    view.status(unit, by_id, after=f" · hlm. {', '.join(str(p) for p in unit.pages)}" if unit.pages else "")
    st.code(unit.label, language=None, wrap_lines=True)


def succession(unit: Unit, by_id: dict[str, Unit]) -> None:
    if unit.successors:
        row = st.container(horizontal=True, vertical_alignment="center")
        row.markdown("**Penggantinya:**")
        for j, successor in enumerate(unit.successors):
            target = by_id.get(successor)
            row.button(target.short_label if target else successor, key=f"pengganti_{j}", on_click=view.open_unit,
                       args=(successor,), icon=":material/arrow_forward:", disabled=target is None)  # fmt: skip
    replaced = [u for u in by_id.values() if unit.id in u.successors]
    if replaced:
        row = st.container(horizontal=True, vertical_alignment="center")
        row.markdown("**Menggantikan:**")
        for j, old in enumerate(sorted(replaced, key=lambda u: (u.doc_id, u.order))):
            row.button(old.short_label, key=f"diganti_{j}", on_click=view.open_unit, args=(old.id,),
                       icon=":material/history:")  # fmt: skip


def actions(unit: Unit, pasal: Unit) -> None:
    row = st.container(horizontal=True)
    row.button("Materi", key="baca_materi", on_click=view.add_unit_to_materi, args=(unit.id,),
               icon=":material/playlist_add:", help="Tambahkan ke materi")  # fmt: skip
    page = unit.pages[0] if unit.pages else None
    pdf = view.source_file(unit.doc_id)
    if pdf:
        # The bytes are read from the data folder when the button is pressed (deferred data).
        row.download_button(
            f"PDF hlm. {page}" if page else "Unduh PDF", partial(pdf.read_bytes), file_name=f"{unit.doc_id}.pdf",
            mime="application/pdf", on_click="ignore", key="baca_pdf", icon=":material/picture_as_pdf:",
            help=f"PDF sumber {view.doc_name(unit.doc_id)}" + (f"; ketentuan ini di halaman {page}" if page else ""),
        )
        if page:
            row.download_button(
                f"Halaman {page} saja", partial(page_pdf, pdf, page), file_name=f"{unit.doc_id}-hlm-{page}.pdf",
                mime="application/pdf", on_click="ignore", key="baca_pdf_hlm", type="tertiary",
                help=f"Hanya halaman {page} dari PDF sumber",
            )
    if pasal.id != unit.id:
        row.button(f"Buka {marker(pasal)}", key="baca_pasal", on_click=view.open_unit, args=(pasal.id,),
                   icon=":material/article:")  # fmt: skip


def penjelasan(unit: Unit, pasal: Unit, by_id: dict[str, Unit]) -> None:
    text = unit.penjelasan or (pasal.penjelasan if pasal.id != unit.id else None)
    if text:
        with st.expander("Penjelasan", expanded=True):
            st.markdown(quote_html(text), unsafe_allow_html=True)
            target = unit.penjelasan_id or pasal.penjelasan_id
            if target and target in by_id:
                st.button("Buka penjelasan", key="buka_penjelasan", on_click=view.open_unit, args=(target,),
                          type="tertiary")  # fmt: skip
    if unit.explains and unit.explains in by_id:
        st.button(f"Menjelaskan {by_id[unit.explains].short_label}", key="dijelaskan", on_click=view.open_unit,
                  args=(unit.explains,))  # fmt: skip


def history(unit: Unit, pasal: Unit, by_id: dict[str, Unit]) -> None:
    versions = unit.history or pasal.history
    if not versions:
        return
    owner = unit if unit.history else pasal
    with st.expander(f"Riwayat perubahan ({len(versions)} versi)", expanded=len(versions) > 1):
        previous = None
        for j, row in enumerate(history_rows(owner)):
            with st.container(border=True):
                st.markdown(f"**Versi {row['versi']}** · {row['perubahan']} · {row['sumber']}"
                            + (f" · {row['tanggal']}" if row["tanggal"] else ""))  # fmt: skip
                if row["teks"] == previous:
                    st.caption("Teksnya sama dengan versi sebelumnya.")
                elif previous is None:
                    st.markdown(quote_html(row["teks"]), unsafe_allow_html=True)
                else:
                    st.markdown(f'<div class="kutipan">{word_diff(previous, row["teks"])}</div>',
                                unsafe_allow_html=True)  # fmt: skip
                    st.caption("Dibanding versi sebelumnya: kata yang ditambahkan bergaris bawah hijau, "
                               "yang dihapus dicoret.")  # fmt: skip
                previous = row["teks"]
                if row["sumber_id"] in by_id and row["sumber_id"] != owner.id:
                    st.button(f"Buka {row['sumber']}", key=f"riwayat_{j}", on_click=view.open_unit,
                              args=(row["sumber_id"],), type="tertiary", icon=":material/open_in_new:")  # fmt: skip


def references(unit: Unit, pasal: Unit) -> None:
    graph = view.graph()
    cited = {u.id: u for u in graph.cited(unit.id)}
    if pasal.id != unit.id:
        cited.update({u.id: u for u in graph.cited(pasal.id)})
    citing = graph.citing(unit.id)
    left, right = st.columns(2)
    with left:
        st.markdown(f"**Menyebut** ({len(cited)})")
        if cited:
            view.chips([Citation.of(u) for u in cited.values()], "chip_menyebut", "Ketentuan yang disebut")
        else:
            st.caption("Tidak menyebut ketentuan lain.")
    with right:
        st.markdown(f"**Disebut oleh** ({len(citing)})")
        if citing:
            view.chips([Citation.of(u) for u in citing], "chip_disebut", "Ketentuan yang menyebutnya")
        else:
            st.caption("Belum ada ketentuan lain yang menyebutnya.")


def show_unit(unit: Unit, by_id: dict[str, Unit]) -> None:
    pasal = enclosing_pasal(unit, by_id)
    heading(unit, by_id)
    succession(unit, by_id)
    actions(unit, pasal)
    st.markdown(pasal_html(pasal, unit, by_id, view.graph().children), unsafe_allow_html=True)
    penjelasan(unit, pasal, by_id)
    history(unit, pasal, by_id)
    references(unit, pasal)
    st.markdown(f":material/link: [Tautan ke ketentuan ini]({unit_href(unit.id)}) · `{unit.id}`")


view.through_app()
st.header("Baca")
if not view.need_index():
    by_id = view.units()
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
