"""The trainer's materi set: collecting, ordering and exporting with full citation labels."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from ingest.model import Unit, Version
from qa import materi
from qa.model import Answer, Citation

FULL_87 = "Pasal 87 ayat (4) huruf c Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara"
FULL_70 = (
    "Pasal 70 ayat (1) Undang-Undang Nomor 1 Tahun 2015 tentang Penetapan Peraturan Pemerintah Pengganti "
    "Undang-Undang Nomor 1 Tahun 2014 tentang Pemilihan Gubernur, Bupati, dan Walikota menjadi Undang-Undang"
)
DAY = date(2026, 11, 23)


def _mirror_line(mirror: Path, name: str, *path: str) -> str:
    """Walk a mirror text: each step is the first following line starting with that prefix."""
    lines = (mirror / name).read_text(encoding="utf-8").splitlines()
    at = 0
    for prefix in path:
        at = next(i for i in range(at, len(lines)) if lines[i].startswith(prefix))
    return lines[at]


@pytest.fixture(scope="module")
def huruf_c(mirror) -> Unit:
    text = _mirror_line(mirror, "uu-5-2014.md", "Pasal 87", "(4)", "c. ")
    return Unit(
        id="uu-5-2014/pasal-87/ayat-4/huruf-c",
        doc_id="uu-5-2014",
        kind="huruf",
        number="c",
        label=FULL_87,
        short_label="Pasal 87 ayat (4) huruf c UU 5/2014",
        text=text,
        pages=[45],
        status="dicabut",
        status_note="dicabut oleh Pasal 76 UU 20/2023",
    )


@pytest.fixture(scope="module")
def pasal_70(mirror) -> Unit:
    text = _mirror_line(mirror, "uu-10-2016.md", "Pasal 70", "(1)")
    return Unit(
        id="uu-1-2015/pasal-70/ayat-1",
        doc_id="uu-1-2015",
        kind="ayat",
        number="1",
        label=FULL_70,
        short_label="Pasal 70 ayat (1) UU 1/2015 sebagaimana telah diubah terakhir dengan UU 10/2016",
        text=text,
        status="diubah",
        history=[Version(text=text, doc_id="uu-10-2016", source_id="uu-10-2016/pasal-I/angka-26",
                         source_label="Pasal I angka 26 UU 10/2016", change="diubah")],
    )  # fmt: skip


@pytest.fixture()
def items(huruf_c, pasal_70) -> list[materi.MateriItem]:
    answer = Answer(
        question="Apakah PNS boleh menjadi pengurus partai politik?",
        answer="Tidak. PNS yang menjadi anggota atau pengurus partai politik diberhentikan tidak dengan hormat.",
        abstained=False,
        citations=[Citation.of(huruf_c)],
    )
    collected: list[materi.MateriItem] = []
    assert materi.add(collected, materi.item_from_unit(pasal_70))
    assert materi.add(collected, materi.item_from_answer(answer, {huruf_c.id: huruf_c}))
    return collected


def test_a_point_is_exported_after_its_lead_in(huruf_c):
    item = materi.item_from_unit(huruf_c, pengantar="PNS diberhentikan tidak dengan hormat karena:")
    text = materi.to_markdown([item], day=DAY)
    assert "> _PNS diberhentikan tidak dengan hormat karena: …_\n>\n> c. menjadi anggota" in text


def test_the_same_provision_is_collected_once(huruf_c):
    collected: list[materi.MateriItem] = []
    assert huruf_c.text == "c. menjadi anggota dan/atau pengurus partai politik; atau"
    assert materi.add(collected, materi.item_from_unit(huruf_c)) is True
    assert materi.add(collected, materi.item_from_unit(huruf_c)) is False
    assert len(collected) == 1


def test_move_reorders_and_stays_in_bounds(items):
    first, second = items
    materi.move(items, 1, -1)
    assert items == [second, first]
    materi.move(items, 0, -1)  # already first: nothing changes
    assert items == [second, first]
    materi.move(items, 0, +5)
    assert items == [first, second]


def test_markdown_keeps_order_full_labels_text_and_status(items, huruf_c, pasal_70):
    text = materi.to_markdown(items, judul="Netralitas ASN", day=DAY)
    assert text.startswith("# Netralitas ASN\n")
    assert "23 November 2026" in text
    first = text.index("## 1. Pasal 70 ayat (1) UU 1/2015")
    second = text.index("## 2. Pertanyaan: Apakah PNS boleh menjadi pengurus partai politik?")
    assert first < second
    assert f"Sumber: {FULL_70}" in text
    assert f"Sumber: {FULL_87}, hlm. 45" in text
    assert f"> {huruf_c.text}" in text
    assert f"> {pasal_70.text}" in text
    assert "Status: dicabut (dicabut oleh Pasal 76 UU 20/2023)" in text
    assert "Status: telah diubah\n" in text
    assert "**Dasar hukum:**" in text


def test_answer_without_unit_lookup_keeps_the_bare_status(huruf_c):
    answer = Answer(question="q", answer="a", abstained=False, citations=[Citation.of(huruf_c)])
    item = materi.item_from_answer(answer)
    assert item.kutipan[0].status_line() == "dicabut"
    assert item.key == "jawaban:q"


def test_pdf_holds_the_full_labels_in_a_unicode_font(items):
    from pypdf import PdfReader

    data = materi.to_pdf(items, judul="Netralitas ASN — kelas", day=DAY)
    assert data.startswith(b"%PDF-")
    text = " ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages)
    flat = " ".join(text.split())
    assert "Netralitas ASN — kelas" in flat if materi.find_unicode_font() else "Netralitas ASN - kelas" in flat
    assert "Sumber: Pasal 87 ayat (4) huruf c Undang-Undang Nomor 5 Tahun 2014" in flat
    assert "menjadi anggota dan/atau pengurus partai politik" in flat
    assert flat.index("Pasal 70 ayat (1) UU 1/2015") < flat.index("Pertanyaan: Apakah PNS")


def test_pdf_falls_back_to_a_core_font_without_ttf(items, monkeypatch):
    from pypdf import PdfReader

    monkeypatch.setattr(materi, "FONT_CANDIDATES", ())
    data = materi.to_pdf(items, judul="Materi — tanpa font", day=DAY)
    text = " ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages)
    assert "Materi - tanpa font" in text
    assert "Pasal 87 ayat (4) huruf c" in " ".join(text.split())


def test_docx_holds_headings_text_and_full_labels_in_order(items, huruf_c):
    from docx import Document

    document = Document(io.BytesIO(materi.to_docx(items, judul="Netralitas ASN", day=DAY)))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "Netralitas ASN"
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "1. Pasal 70 ayat (1) UU 1/2015 sebagaimana telah diubah terakhir dengan UU 10/2016",
        "2. Pertanyaan: Apakah PNS boleh menjadi pengurus partai politik?",
    ]
    assert huruf_c.text in paragraphs
    assert any(p.startswith(f"Sumber: {FULL_87}, hlm. 45") for p in paragraphs)
