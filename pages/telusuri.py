"""Telusuri: each document's table of contents (Bab, Bagian, Pasal), every Pasal one click away."""

from __future__ import annotations

import streamlit as st

from corpus.ids import UnitId
from ingest.model import Unit
from pages import view
from pages.markup import group_name, marker, shorten_head
from qa.coverage import ingested_coverage


def title(doc_id: str) -> str:
    return shorten_head(view.doc_title(doc_id).split(" tentang ", 1)[-1], 90)


def chapters(top: list[Unit]) -> list[tuple[str, list[tuple[tuple[str, ...], list[Unit]]]]]:
    """One group per BAB (or per part without one: Menimbang, Mengingat, ...); inside it, each
    Bagian/Paragraf with its Pasal, in document order."""
    groups: list[tuple[str, list[tuple[tuple[str, ...], list[Unit]]]]] = []
    for unit in top:
        chapter = unit.hierarchy[0] if unit.hierarchy else group_name(unit)
        if UnitId.parse(unit.id).in_penetapan:  # UU 1/2015: the law enacting the Perppu, before its Lampiran
            chapter = f"Penetapan · {chapter}"
        section = tuple(unit.hierarchy[1:])
        if not groups or groups[-1][0] != chapter:
            groups.append((chapter, []))
        sections = groups[-1][1]
        if not sections or sections[-1][0] != section:
            sections.append((section, []))
        sections[-1][1].append(unit)
    return groups


def table_of_contents(doc_id: str, by_id: dict[str, Unit]) -> None:
    top = sorted((u for u in by_id.values() if u.doc_id == doc_id and u.parent_id is None and u.kind != "penjelasan"),
                 key=lambda u: u.order)  # fmt: skip
    st.caption(f"{sum(1 for u in top if u.kind == 'pasal')} pasal")
    coverage = ingested_coverage(doc_id, view.settings().data_dir)
    if coverage is not None and not coverage.complete:  # a partial copy: show what is missing
        st.warning(f"{view.doc_name(doc_id)} di korpus {coverage.describe()}. {coverage.gap_text()} belum ada "
                   "di korpus; tambahkan PDF resmi lewat Tambah Dokumen.")  # fmt: skip
    groups = chapters(top)
    n = 0
    for chapter, sections in groups:
        with st.expander(chapter, expanded=len(groups) <= 3):
            for section, members in sections:
                if section:
                    st.caption(" › ".join(section))
                row = st.container(horizontal=True, gap="small")
                for unit in members:
                    row.button(marker(unit), key=f"toc_{n}", on_click=view.open_unit, args=(unit.id,),
                               help=shorten_head(unit.text, 160), type="tertiary")  # fmt: skip
                    n += 1


view.through_app()
st.header("Telusuri")
st.caption("Daftar isi tiap dokumen: Bab, Bagian dan Pasal.")
if not view.need_index():
    by_id = view.units()
    order = {d.id: i for i, d in enumerate(view.manifest().documents)}
    present = sorted({u.doc_id for u in by_id.values()}, key=lambda d: (order.get(d, len(order)), d))
    if not present:
        st.info("Belum ada dokumen di indeks.")
    else:
        doc_id = st.selectbox("Dokumen", present, format_func=lambda d: f"{view.doc_name(d)} — {title(d)}",
                              key="telusuri_dok")  # fmt: skip
        table_of_contents(doc_id, by_id)
