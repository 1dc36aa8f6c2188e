"""Cari: the provisions that best match some words, ranked, highlighted and paged."""

from __future__ import annotations

import html
import time

import streamlit as st

from pages import view
from pages.markup import elapsed_text, shorten, snippet, status_badge
from qa.model import Filters

PER_PAGE = 10
SEARCH_K = 50


def first_page() -> None:
    """Callback: a new query or filter shows its results from the first page."""
    st.session_state.halaman_cari = 1


def filters() -> Filters:
    docs = view.manifest().documents
    with st.expander("Saring", expanded=False):
        c1, c2 = st.columns(2)
        doc_ids = c1.multiselect("Dokumen", [d.id for d in docs], format_func=view.doc_name, key="saring_dokumen",
                                 on_change=first_page)  # fmt: skip
        kinds = c2.multiselect("Jenis", sorted({d.kind for d in docs}), key="saring_jenis", on_change=first_page)
        c3, c4 = st.columns(2)
        years = c3.multiselect("Tahun", sorted({d.year for d in docs}, reverse=True), key="saring_tahun",
                               on_change=first_page)  # fmt: skip
        in_force = c4.checkbox("Hanya yang berlaku", key="saring_berlaku", on_change=first_page)
    return Filters(doc_ids=doc_ids or None, kinds=kinds or None, years=years or None, in_force_only=in_force)


def show_hits(hits, query: str, elapsed: float) -> None:
    graph = view.graph()
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
                + (f'<span class="pengantar">{html.escape(shorten(lead, 160))}</span> ' if lead else "")
                + snippet(unit.text, query)
                + "</div>",
                unsafe_allow_html=True,
            )
            view.unit_buttons(st.container(horizontal=True), unit.id, "cari_", i)
    if pages > 1:
        st.pagination(pages, key="halaman_cari")


view.through_app()
st.header("Cari")
st.caption("Daftar ketentuan yang paling cocok dengan kata kunci, tanpa jawaban ringkas.")
if not view.need_index():
    query = st.text_input("Kata kunci", key="kata_kunci", placeholder="Contoh: netralitas pegawai ASN kampanye",
                          on_change=first_page)  # fmt: skip
    chosen = filters()
    if query.strip():
        started = time.perf_counter()
        try:
            hits = view.retriever().retrieve(query, k=SEARCH_K, filters=chosen)
        except Exception as exc:  # noqa: BLE001 - shown calmly; the details go to the log
            view.failed(exc, "search")
        else:
            if hits:
                show_hits(hits, query, (time.perf_counter() - started) * 1000)
            else:
                st.info("Tidak ada ketentuan yang cocok. Coba kata lain atau longgarkan saringan.")
