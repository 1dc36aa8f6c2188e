"""Cari: the provisions that best match some words, ranked, highlighted and paged."""

from __future__ import annotations

import html
import time

import streamlit as st

from pages import view
from pages.markup import elapsed_text, shorten, snippet
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
        years = st.multiselect("Tahun", sorted({d.year for d in docs}, reverse=True), key="saring_tahun",
                               on_change=first_page)  # fmt: skip
    # Revoked provisions are not filtered out here but hidden after ranking, so that the page can
    # say how many it hides (see in_force_first).
    return Filters(doc_ids=doc_ids or None, kinds=kinds or None, years=years or None)


def in_force_first(hits: list) -> tuple[list, list]:
    """The hits still in force and the revoked ones, each in its ranked order: a revoked
    provision (UU 5/2014, replaced by UU 20/2023) is never the first thing a user reads."""
    return [h for h in hits if h.unit.status != "dicabut"], [h for h in hits if h.unit.status == "dicabut"]


def show_hits(hits, query: str, elapsed: float, hidden: int = 0) -> None:
    graph = view.graph()
    pages = (len(hits) + PER_PAGE - 1) // PER_PAGE
    caption = f"{len(hits)} ketentuan · {elapsed_text(elapsed)}"
    if hidden:
        caption += f" · {hidden} ketentuan yang dicabut disembunyikan"
    st.caption(caption)
    page = st.session_state.get("halaman_cari", 1) if pages > 1 else 1
    page = min(max(int(page or 1), 1), pages)
    for i, hit in enumerate(hits[(page - 1) * PER_PAGE : page * PER_PAGE], start=(page - 1) * PER_PAGE):
        unit = hit.unit
        with st.container(border=True):
            view.status(unit, {}, f"**{i + 1}. {unit.short_label}**", warn=False)
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
    hide_revoked = st.toggle("Sembunyikan ketentuan yang dicabut", value=True, key="sembunyikan_dicabut",
                             on_change=first_page)  # fmt: skip
    chosen = filters()
    if query.strip():
        started = time.perf_counter()
        try:
            hits = view.retriever().retrieve(query, k=SEARCH_K, filters=chosen)
        except Exception as exc:  # noqa: BLE001 - shown calmly; the details go to the log
            view.failed(exc, "search")
        else:
            in_force, revoked = in_force_first(hits)
            shown = in_force if hide_revoked else in_force + revoked
            hidden = len(revoked) if hide_revoked else 0
            if shown:
                show_hits(shown, query, (time.perf_counter() - started) * 1000, hidden)
            elif hidden:
                st.info(f"Semua {hidden} ketentuan yang cocok sudah dicabut dan disembunyikan. Matikan "
                        "'Sembunyikan ketentuan yang dicabut' untuk melihatnya.")  # fmt: skip
            else:
                st.info("Tidak ada ketentuan yang cocok. Coba kata lain atau longgarkan saringan.")
