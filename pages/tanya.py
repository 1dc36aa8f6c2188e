"""Tanya: a question in everyday Indonesian, answered with the provisions it rests on."""

from __future__ import annotations

import time

import streamlit as st

from pages import view
from pages.markup import elapsed_text, quote_html, status_badge
from qa.answering import answer


def show_answer(result) -> None:
    by_id = view.units()
    st.divider()
    st.markdown(f"**Pertanyaan:** {result.question}")
    for warning in result.warnings:
        st.warning(warning, icon=":material/warning:")
    engine = "LLM" if result.engine == "llm" else "ekstraktif"
    timing = f"Dijawab dalam {elapsed_text(result.elapsed_ms)} · mesin {engine}"
    if result.abstained:
        st.info(result.answer, icon=":material/help:")
        st.caption(timing)
        if result.related:
            st.subheader("Mungkin terkait", divider="gray")
            view.chips(result.related, "chip_terkait", "Buka ketentuan yang mungkin terkait")
            for citation in result.related:
                unit = by_id.get(citation.unit_id)
                if unit is not None:
                    view.status(unit, by_id, f"**{citation.short_label}**", warn=False)
                else:
                    st.markdown(f"**{citation.short_label}** {status_badge(citation.status)}")
                st.caption(" ".join(citation.text.split())[:240] + ("…" if len(citation.text) > 240 else ""))
        return
    with st.container(border=True):
        st.markdown(result.answer)
    st.caption(timing)
    st.subheader("Dasar hukum", divider="gray")
    view.chips(result.citations, "chip_dasar", "Buka pasal yang dikutip")
    for i, citation in enumerate(result.citations):
        unit = by_id.get(citation.unit_id)
        with st.container(border=True):
            if unit is not None:  # the answer's warnings above say what needs attention
                view.status(unit, by_id, f"**{citation.short_label}**", warn=False)
            else:
                st.markdown(f"**{citation.short_label}** {status_badge(citation.status)}")
            # The extractive answer already quotes each text; an LLM answer paraphrases it.
            with st.expander("Teks ketentuan", expanded=result.engine == "llm"):
                st.markdown(quote_html(citation.text), unsafe_allow_html=True)
            st.code(citation.label, language=None, wrap_lines=True)
            view.unit_buttons(st.container(horizontal=True), citation.unit_id, "", i, read="Baca pasal")
    if result.related:
        with st.expander("Ketentuan lain yang mungkin terkait"):
            view.chips(result.related, "chip_lain", "Buka")
    st.button("Tambahkan jawaban ini ke materi", key="jawaban_ke_materi", on_click=view.add_answer_to_materi,
              icon=":material/playlist_add:")  # fmt: skip


def ask(question: str) -> bool:
    """Answer ``question`` into the session; False (and an error shown) when that failed."""
    try:
        with st.spinner("Mencari dasar hukum…"):
            started = time.perf_counter()
            llm = view.llm()
            result = answer(question, retriever=view.retriever(), engine="llm" if llm else None, llm=llm)
            if not result.elapsed_ms:
                result.elapsed_ms = (time.perf_counter() - started) * 1000
    except Exception as exc:  # noqa: BLE001 - shown calmly; the details go to the log
        view.failed(exc, "answer")
        return False
    st.session_state.jawaban = result
    return True


view.through_app()
st.header("Tanya")
st.caption("Tulis pertanyaan dalam bahasa sehari-hari. Jawaban selalu mengutip pasal yang menjadi dasarnya.")
if not view.need_index():
    with st.form("form_tanya", border=False):
        question = st.text_input("Pertanyaan", key="pertanyaan", placeholder="Contoh: asn boleh like postingan paslon?")
        asked = st.form_submit_button("Tanya", type="primary", icon=":material/send:")
    answered = True
    if asked and question.strip():
        answered = ask(question)
    elif asked:
        st.warning("Tuliskan pertanyaan lebih dulu.")
    if answered and st.session_state.jawaban is not None:  # after a failure, no stale answer
        show_answer(st.session_state.jawaban)
