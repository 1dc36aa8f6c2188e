"""Telusuri: each document's table of contents (Bab, Bagian, Pasal), every Pasal one click away.

Each Pasal carries its mark, read from its data (:mod:`qa.status_notes`): inserted, amended,
deleted, or text not (wholly) in the corpus; a Pasal inserted by an amendment whose text the
corpus lacks is listed, greyed out, where it stands.
"""

from __future__ import annotations

from collections import Counter

import streamlit as st

from corpus.ids import UnitId
from ingest.model import Unit
from pages import view
from pages.markup import (
    TEKS_ASLI_TIDAK_ADA,
    TEKS_BELUM_LENGKAP,
    TEKS_PERUBAHAN_TIDAK_ADA,
    group_name,
    shorten_head,
    toc_mark,
    toc_words,
)
from qa import status_notes
from qa.coverage import ingested_coverage


def title(doc_id: str) -> str:
    """What the document is about, whole: "Penetapan Peraturan Pemerintah Pengganti Undang-Undang
    Nomor 1 Tahun 2014 tentang Pemilihan Gubernur, Bupati, dan Walikota menjadi Undang-Undang"."""
    return view.doc_title(doc_id).split(" tentang ", 1)[-1]


def option(doc_id: str) -> str:
    return f"{view.doc_name(doc_id)} — {title(doc_id)}"


Entry = Unit | tuple[str, str]  # a unit, or (number, note) of a Pasal whose text the corpus lacks


def chapters(top: list[Entry]) -> list[tuple[str, list[tuple[tuple[str, ...], list[Entry]]]]]:
    """One group per BAB (or per part without one: Menimbang, Mengingat, ...); inside it, each
    Bagian/Paragraf with its Pasal, in document order. A Pasal without text joins the one before it."""
    groups: list[tuple[str, list[tuple[tuple[str, ...], list[Entry]]]]] = []
    for unit in top:
        if not isinstance(unit, Unit):
            if not groups:
                groups.append(("Ketentuan", [((), [])]))
            groups[-1][1][-1][1].append(unit)
            continue
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


def legend(pasal: list[Unit], words: dict[str, list[str]], missing: int, revoked: bool) -> str:
    """"250 pasal · 42 disisipkan · 111 diubah · 17 dihapus · 1 teks perubahan tidak ada di korpus · 2
    disisipkan tanpa teks di korpus": the marks of the table of contents, counted."""
    counts = Counter(w for u in pasal for w in words[u.id])
    if revoked:
        counts.pop(status_notes.DICABUT, None)  # said once, for the whole law
    order = [*status_notes.MARKS, TEKS_PERUBAHAN_TIDAK_ADA, TEKS_ASLI_TIDAK_ADA, TEKS_BELUM_LENGKAP]
    parts = [f"{len(pasal)} pasal", *(f"{counts[w]} {w}" for w in order if counts[w])]
    if missing:
        parts.append(f"{missing} disisipkan tanpa teks di korpus")
    return " · ".join(parts)


def with_missing(top: list[Unit], missing: list[tuple[str, str]]) -> list[Entry]:
    """The top units with each inserted-but-absent Pasal after the Pasal it follows ("122A" after "122")."""
    out: list[Entry] = list(top)
    for number, note in missing:
        key = status_notes.pasal_key(number)
        at = max((i for i, u in enumerate(out) if isinstance(u, Unit) and u.kind == "pasal"
                  and status_notes.pasal_key(u.number) < key), default=len(out) - 1)  # fmt: skip
        out.insert(at + 1, (number, note))
    return out


def table_of_contents(doc_id: str, by_id: dict[str, Unit]) -> None:
    top = sorted((u for u in by_id.values() if u.doc_id == doc_id and u.parent_id is None and u.kind != "penjelasan"),
                 key=lambda u: u.order)  # fmt: skip
    without_text = status_notes.changes_without_text(doc_id, view.manifest())
    missing = [(number, note) for number, change, note in without_text if change == status_notes.DISISIPKAN]
    pasal = [u for u in top if u.kind == "pasal"]
    changed = {u.id: status_notes.changed_without_text(u, view.manifest()) for u in top}
    words = {u.id: toc_words(u, changed[u.id]) for u in pasal}
    # A law revoked as a whole: said once, not on each of its Pasal.
    revoked = bool(pasal) and all(u.status == "dicabut" and not status_notes.is_deleted(u) for u in pasal)
    st.caption(legend(pasal, words, len(missing), revoked))
    coverage = ingested_coverage(doc_id, view.settings().data_dir)
    if coverage is not None and not coverage.complete:  # a partial copy: show what is missing
        st.warning(f"{view.doc_name(doc_id)} di korpus {coverage.describe()}. {coverage.gap_text()} belum ada "
                   "di korpus; tambahkan PDF resmi lewat Tambah Dokumen.")  # fmt: skip
    if revoked:
        st.warning(f"{view.doc_name(doc_id)} telah {pasal[0].status_note or 'dicabut'}; seluruh pasalnya tidak "
                   "berlaku lagi.", icon=":material/gavel:")  # fmt: skip
    groups = chapters(with_missing(top, missing))
    n = 0
    for chapter, sections in groups:
        with st.expander(chapter, expanded=len(groups) <= 3):
            for section, members in sections:
                if section:
                    st.caption(" › ".join(section))
                row = st.container(horizontal=True, gap="small")
                for entry in members:
                    if isinstance(entry, tuple):  # inserted by an amendment whose text the corpus lacks
                        number, note = entry
                        row.button(f"Pasal {number} (disisipkan, teks tidak ada di korpus)", key=f"toc_{n}",
                                   help=note, disabled=True, type="tertiary", icon=":material/help:")  # fmt: skip
                    else:
                        label, icon = toc_mark(entry, changed[entry.id])
                        if revoked:
                            label, icon = label.removesuffix(f" ({status_notes.DICABUT})"), None
                        tip = "; ".join(filter(None, [entry.status_note if entry.status != "berlaku" or
                                                      status_notes.marks(entry) else None, entry.coverage_note]))
                        row.button(label, key=f"toc_{n}", on_click=view.open_unit, args=(entry.id,), icon=icon,
                                   help=(f"{tip}. " if tip else "") + shorten_head(entry.text, 160),
                                   type="tertiary")  # fmt: skip
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
        doc_id = st.selectbox("Dokumen", present, format_func=option, key="telusuri_dok")
        st.markdown(f"**{view.doc_title(doc_id)}**")  # whole, wrapped: the picker may cut a long title
        table_of_contents(doc_id, by_id)
