"""Kajian: an incident report in, the provisions it may meet, their elements and sanctions out."""

from __future__ import annotations

import html

import streamlit as st

from pages import view
from pages.markup import elapsed_text, file_name, quote_html, status_badge
from qa import materi
from qa.kajian import BERTENTANGAN, JENIS_SANKSI, TERPENUHI, UNSUR_LABEL, EmptyReport, analyse
from qa.kajian_export import to_materi
from qa.kajian_rules import RulesError

CONTOH = ("Camat X hadir di deklarasi pasangan calon bupati memakai seragam dinas dan mengajak para kepala desa "
          "memilih pasangan itu; foto-fotonya beredar di grup WhatsApp.")  # fmt: skip
ICON = {TERPENUHI: ":green[●]", BERTENTANGAN: ":red[●]"}


def words(ws: list[str]) -> str:
    return ", ".join(f"“{html.escape(w)}”" for w in ws)


def quote(q) -> None:
    c = q.citation
    unit = view.units().get(c.unit_id)
    if unit is not None:  # the kajian's own warnings say what needs attention
        view.status(unit, view.units(), f"**{c.short_label}**", warn=False)
    else:
        st.markdown(f"**{c.short_label}** {status_badge(c.status)}")
    lead = f'<span class="pengantar">{html.escape(q.pengantar)} …</span> ' if q.pengantar else ""
    st.markdown(f'<div class="kutipan">{lead}{quote_html(c.text)}</div>', unsafe_allow_html=True)
    st.code(c.label, language=None, wrap_lines=True)


def add_to_materi() -> None:
    kajian = st.session_state.get("kajian")
    if kajian is not None and materi.add(st.session_state.materi, to_materi(kajian, view.graph())):
        if view.save_materi():
            st.toast("Kajian ditambahkan ke materi")
        else:
            st.toast(st.session_state.materi_pesan, icon=":material/error:")


def show(kajian) -> None:
    st.divider()
    left, right = st.columns(2)
    with left:
        st.subheader("Subjek", divider="gray")
        if kajian.subject:
            asn = "Pegawai ASN" if kajian.subject_asn else "bukan Pegawai ASN"
            st.markdown(f"**{kajian.subject.label}** · {asn}  \nmenurut kata: {words(kajian.subject.words)}")
        else:
            st.markdown("Tidak disebut dalam uraian.")
        for other in kajian.others:
            st.caption(f"Pihak lain disebut: {other.label} ({words(other.words)})")
    with right:
        st.subheader("Jenis pemilihan", divider="gray")
        label = {"pemilu": "Pemilu", "pilkada": "Pilkada"}.get(kajian.election, "Tidak jelas")
        st.markdown(f"**{label}**" + (f"  \nmenurut kata: {words(kajian.election_words)}" if kajian.election_words else ""))
    st.subheader("Perbuatan", divider="gray")
    for act in kajian.acts:
        st.markdown(f"- {act.label}: {words(act.words)}")
    for act in kajian.denied:
        st.markdown(f"- disebut **tidak** dilakukan: {act.label}: {words(act.words)}")
    if not kajian.acts and not kajian.denied:
        st.markdown("Tidak ada perbuatan yang dikenali.")
    st.subheader("Ketentuan yang mungkin dilanggar", divider="gray")
    if not kajian.provisions:
        st.info("Tidak ada ketentuan larangan dalam korpus yang cocok dengan uraian.", icon=":material/info:")
    for i, p in enumerate(kajian.provisions):
        with st.container(border=True):
            quote(p.quoted)
            st.markdown("**Unsur**")
            for e in p.elements:
                support = f": {words(e.words)}" if e.words else ""
                st.markdown(f"{ICON.get(e.status, ':gray[○]')} {UNSUR_LABEL[e.unsur]} “{html.escape(e.kutipan)}” — *{e.status}*{support}")
            if p.sanctions:
                st.markdown("**Sanksi**")
                for s in p.sanctions:
                    with st.expander(f"{JENIS_SANKSI[s.jenis]}: {s.quoted.citation.short_label}"):
                        quote(s.quoted)
            else:
                st.caption("Tidak ditemukan rujukan sanksi dalam korpus.")
            view.unit_buttons(st.container(horizontal=True), p.unit_id, "kajian_", i, read="Baca pasal")
    if kajian.authorities:
        st.subheader("Pihak yang berwenang", divider="gray")
        for q in kajian.authorities:
            with st.expander(q.citation.short_label):
                quote(q)
    st.subheader("Yang tidak ada di korpus", divider="gray")
    for gap in kajian.gaps:
        st.warning(gap.text, icon=":material/report:")
    if not kajian.gaps:
        st.markdown("-")
    if kajian.open_questions:
        st.subheader("Yang masih perlu dipastikan", divider="gray")
        for q in kajian.open_questions:
            st.markdown(f"- {q}")
    for w in kajian.warnings:
        st.warning(w, icon=":material/warning:")
    st.caption(f"Dikaji dalam {elapsed_text(kajian.elapsed_ms)} · ekstraktif; bukan putusan")
    item = to_materi(kajian, view.graph())
    row = st.container(horizontal=True)
    row.button("Tambahkan ke materi", key="kajian_ke_materi", on_click=add_to_materi, icon=":material/playlist_add:")
    # The same choice as on the Materi page: the Penjelasan printed under each provision, or not.
    penjelasan = st.checkbox("Sertakan Penjelasan", value=True, key="kajian_penjelasan",
                             help="Cetak Penjelasan setiap ketentuan di bawah teksnya.")  # fmt: skip
    name = file_name("kajian " + (kajian.subject.label if kajian.subject else "laporan"))
    text = materi.to_markdown([item], "Kajian Awal", penjelasan=penjelasan)
    row.download_button("Unduh Markdown", text, file_name=f"{name}.md",
                        mime="text/markdown", icon=":material/description:", key="kajian_md")  # fmt: skip
    row.download_button("Unduh PDF", lambda: materi.to_pdf([item], "Kajian Awal", penjelasan=penjelasan),
                        file_name=f"{name}.pdf", mime="application/pdf", icon=":material/picture_as_pdf:",
                        key="kajian_pdf")  # fmt: skip
    row.download_button("Unduh DOCX", lambda: materi.to_docx([item], "Kajian Awal", penjelasan=penjelasan),
                        file_name=f"{name}.docx",
                        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        icon=":material/article:", key="kajian_docx")  # fmt: skip
    with st.expander("Pratinjau Markdown"):
        st.code(text, language="markdown", wrap_lines=True)


view.through_app()
st.header("Kajian")
st.caption("Tulis uraian kejadian seperti dalam laporan. Rujukan menunjukkan status terlapor, ketentuan yang mungkin "
           "dilanggar beserta unsur dan sanksinya, dan apa yang belum ada di korpus.")  # fmt: skip
if view.need_index():
    st.stop()
with st.form("form_kajian"):
    text = st.text_area("Uraian kejadian", key="uraian_kajian", height=140, placeholder=CONTOH)
    submitted = st.form_submit_button("Kaji", icon=":material/gavel:")
if submitted:
    try:
        st.session_state.kajian = analyse(text, view.units(), view.manifest(), view.kajian_rules(), view.graph())
    except EmptyReport as exc:
        st.session_state.kajian = None
        st.error(str(exc))
    except RulesError as exc:  # the rules file and this index disagree: say so, change nothing
        st.session_state.kajian = None
        view.log.error("kajian rules do not match the index: %s", exc)
        st.error(f"Aturan kajian tidak cocok dengan indeks ini: {exc}", icon=":material/error:")
if st.session_state.get("kajian") is not None:
    show(st.session_state.kajian)
