"""A kajian as an item of the Materi set, so it exports to Markdown, PDF and DOCX like the rest.

The summary is plain text (it is printed as is in PDF and DOCX, and as Markdown lines joined
by hard breaks); the provisions, sanctions and the authorities' provisions follow as quotes
with their full citation labels.
"""

from __future__ import annotations

from qa.graph import Graph
from qa.kajian import JENIS_SANKSI, UNSUR_LABEL, Kajian, Quoted
from qa.materi import JAWABAN, Kutipan, MateriItem

TITLE_CHARS = 90


def summary_lines(kajian: Kajian) -> list[str]:
    """The kajian's findings in plain Indonesian, one line each."""
    subject = kajian.subject
    words = ", ".join(f"\u201c{w}\u201d" for w in subject.words) if subject else ""
    lines = [
        "Subjek: " + (f"{subject.label} (menurut kata {words})" if subject else "tidak disebut"),
        "Jenis pemilihan: " + {"pemilu": "Pemilu", "pilkada": "Pilkada"}.get(kajian.election, "tidak jelas"),
        "Perbuatan: " + ("; ".join(a.label for a in kajian.acts) or "tidak ada yang dikenali"),
    ]
    if not kajian.provisions:
        lines.append("Ketentuan yang mungkin dilanggar: tidak ada yang cocok dengan uraian dalam korpus.")
    for p in kajian.provisions:
        lines.append(f"Ketentuan: {p.quoted.citation.short_label}")
        for e in p.elements:
            lines.append(f"- {UNSUR_LABEL[e.unsur]} \u201c{e.kutipan}\u201d: {e.status}")
        for s in p.sanctions:
            lines.append(f"- Sanksi ({JENIS_SANKSI[s.jenis]}): {s.quoted.citation.short_label}")
    lines += [f"Tidak ada di korpus: {g.text}" for g in kajian.gaps]
    lines += [f"Perlu dipastikan: {q}" for q in kajian.open_questions]
    return lines


def _kutipan(q: Quoted, graph: Graph | None) -> Kutipan:
    unit = graph.units.get(q.citation.unit_id) if graph is not None else None
    if unit is not None:
        return Kutipan.of_unit(unit, graph, q.pengantar)
    kutipan = Kutipan.of_citation(q.citation)
    kutipan.pengantar = q.pengantar
    return kutipan


def to_materi(kajian: Kajian, graph: Graph | None = None) -> MateriItem:
    """One Materi item: the report as its title, the summary, then every quoted provision once;
    with ``graph`` each provision is laid out as in the statute, with its Penjelasan."""
    quoted: list[Quoted] = []
    for p in kajian.provisions:
        quoted += [p.quoted, *(s.quoted for s in p.sanctions)]
    quoted += kajian.authorities
    seen: set[str] = set()
    kutipan = []
    for q in quoted:
        if q.citation.unit_id not in seen:
            seen.add(q.citation.unit_id)
            kutipan.append(_kutipan(q, graph))
    title = kajian.report if len(kajian.report) <= TITLE_CHARS else kajian.report[: TITLE_CHARS - 1].rstrip() + "\u2026"
    return MateriItem(kind=JAWABAN, judul=f"Kajian: {title}", isi="  \n".join(summary_lines(kajian)), kutipan=kutipan)
