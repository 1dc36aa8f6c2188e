"""Pengaturan: which documents are present and ingested, the index build, the answer engine."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ingest.corpus_status import corpus_status
from pages import view
from pages.markup import when
from qa.index import read_info


def documents() -> None:
    st.subheader("Dokumen", divider="gray")
    statuses = corpus_status(view.manifest(), view.settings().corpus_dir, view.settings().units_dir)
    rows = [
        {
            "Dokumen": s.short_name,
            "Id": s.doc_id,
            "Jenis": s.kind,
            "Berkas": s.state,
            "Diingest": "ya" if s.ingested else "belum",
            "Metode": s.method or "-",
            "Pasal": "-" if s.pasal is None else str(s.pasal),
            "Unit": "-" if s.units is None else str(s.units),
        }
        for s in statuses
    ]
    st.dataframe(rows, hide_index=True, width="stretch")
    ingested = sum(1 for s in statuses if s.ingested)
    st.caption(f"{ingested} dari {len(statuses)} dokumen sudah diingest.")
    warnings = [f"{s.doc_id}: {w}" for s in statuses for w in s.warnings]
    if warnings:
        with st.expander(f"Catatan ({len(warnings)})"):
            st.markdown("\n".join(f"- {w}" for w in warnings))


def index() -> None:
    st.subheader("Indeks", divider="gray")
    build = view.build_key()
    if not build:
        view.build_button(key="bangun_pengaturan")
        return
    info = read_info(Path(build))
    st.markdown(
        f"Dibangun **{when(info.created)}** · {info.units_indexed} dari {info.units_total} unit diindeks · "
        f"model `{info.model or '-'}` · "
        + ("server Chroma" if info.chroma.get("mode") == "http" else "Chroma lokal")
    )


def engine() -> None:
    st.subheader("Mesin jawaban", divider="gray")
    config = view.settings().llm
    if config.configured:
        st.markdown(
            f"LLM: **{config.provider}** `{config.model}` — "
            "jawaban ditulis ulang oleh LLM dari sumber yang sama; bila gagal, kembali ke ekstraktif."
        )
    else:
        st.markdown("**Ekstraktif** — jawaban mengutip teks pasal apa adanya. "
                    "Atur `RUJUKAN_LLM` untuk memakai LLM.")  # fmt: skip


view.through_app()
st.header("Pengaturan")
documents()
index()
engine()
