"""The trainer's materi set: collecting, ordering and exporting handouts ready to print.

Unit tests build Pasal 5 PP 94/2021 the way ingest stores it (the Pasal's text on one line,
each huruf and angka a child unit without its marker, the Penjelasan linked by id) and read
the exports back: the DOCX with python-docx, the PDF with pypdf. The corpus test at the end
does the same with the real units of the full index.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from corpus.ids import unit_id
from ingest.model import OCR_NOTE, Unit, Version
from qa import materi, materi_sets, outline
from qa.graph import Graph
from qa.model import Answer, Citation

FULL_87 = "Pasal 87 ayat (4) huruf c Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara"
FULL_70 = (
    "Pasal 70 ayat (1) Undang-Undang Nomor 1 Tahun 2015 tentang Penetapan Peraturan Pemerintah Pengganti "
    "Undang-Undang Nomor 1 Tahun 2014 tentang Pemilihan Gubernur, Bupati, dan Walikota menjadi Undang-Undang"
)
PP = ("PP 94/2021", "Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil")
DAY = date(2026, 11, 23)
KEEP = "sepanjang tidak bertentangan dengan UU 20/2023"
STATUS_NOTE = f"tetap berlaku berdasarkan Pasal 75 UU 20/2023 {KEEP}"

# Pasal 5 PP 94/2021 as printed (a shortened list of huruf; huruf n whole, with its angka 1-7).
HURUF_N = [
    ("1.", "ikut kampanye;"),
    ("2.", "menjadi peserta kampanye dengan menggunakan atribut partai atau atribut PNS;"),
    ("3.", "sebagai peserta kampanye dengan mengerahkan PNS lain;"),
    ("4.", "sebagai peserta kampanye dengan menggunakan fasilitas negara;"),
    ("5.", "membuat keputusan dan/atau tindakan yang menguntungkan atau merugikan salah satu pasangan calon "
           "sebelum, selama, dan sesudah masa kampanye;"),
    ("6.", "mengadakan kegiatan yang mengarah kepada keberpihakan terhadap pasangan calon yang menjadi peserta "
           "pemilu sebelum, selama, dan sesudah masa kampanye meliputi pertemuan, ajakan, himbauan, seruan, atau "
           "pemberian barang kepada PNS dalam lingkungan unit kerjanya, anggota keluarga, dan masyarakat; dan/atau"),
    ("7.", "memberikan surat dukungan disertai fotokopi Kartu Tanda Penduduk atau Surat Keterangan Tanda Penduduk."),
]  # fmt: skip
LEAD_N = ("memberikan dukungan kepada calon Presiden/Wakil Presiden, calon Kepala Daerah/Wakil Kepala Daerah, calon "
          "anggota Dewan Perwakilan Rakyat, calon anggota Dewan Perwakilan Daerah, atau calon anggota Dewan "
          "Perwakilan Rakyat Daerah dengan cara:")  # fmt: skip
PASAL_5 = ("PNS dilarang:", [
    ("a.", "menyalahgunakan wewenang;", []),
    ("c.", "menjadi pegawai atau bekerja untuk negara lain;", []),
    ("k.", "menerima hadiah yang berhubungan dengan jabatan dan/atau pekerjaan;", []),
    ("n.", LEAD_N, [(m, t, []) for m, t in HURUF_N]),
])  # fmt: skip
ATRIBUT = ("Yang dimaksud dengan \"menggunakan atribut partai\" adalah dengan menggunakan dan/ atau memanfaatkan "
           "pakaian, kendaraan, atau media lain yang bergambar partai politik dalam masa kampanye. Yang dimaksud "
           "\"menggunakan atribut PNS\" adalah menggunakan seragam Korpri, seragam dinas, kendaraan dinas, dan "
           "lain-lain.")  # fmt: skip


def _kind(marker: str) -> tuple[str, str]:
    if marker.startswith("("):
        return "ayat", marker.strip("()")
    return ("huruf" if marker[0].isalpha() else "angka"), marker.rstrip(".)")


def stored_pasal(doc_id: str, number: str, lead: str, items: list, names=PP, status_note=STATUS_NOTE) -> list[Unit]:
    """Units of one Pasal as ingest stores them: each text on one line, children without markers."""
    short, full = names
    units: list[Unit] = []

    def build(path: tuple, label: str, lead: str, items: list, parent: str | None, kind: str, num: str) -> str:
        uid = unit_id(doc_id, path)
        texts = [build(path + (_kind(m),), f"{label} {_kind(m)[0]} {m.rstrip('.') if not m.startswith('(') else m}",
                       text, kids, uid, *_kind(m)) for m, text, kids in items]  # fmt: skip
        pieces = [lead] if lead else []
        pieces += [f"{m} {t}" for (m, _, _), t in zip(items, texts, strict=True)]
        text = " ".join(pieces)
        units.append(Unit(id=uid, doc_id=doc_id, kind=kind, number=num, label=f"{label} {full}",
                          short_label=f"{label} {short}", text=text, parent_id=parent, order=len(units),
                          pages=[5], status="berlaku", status_note=status_note))  # fmt: skip
        return text

    build((("pasal", number),), f"Pasal {number}", lead, items, None, "pasal", number)
    return sorted(units, key=lambda u: u.id)


@pytest.fixture(scope="module")
def pasal_5_units() -> list[Unit]:
    units = stored_pasal("pp-94-2021", "5", *PASAL_5)
    by_id = {u.id: u for u in units}
    explained = by_id["pp-94-2021/pasal-5/huruf-n/angka-2"]
    penjelasan = Unit(id="pp-94-2021/penjelasan/pasal-5/huruf-n/angka-2", doc_id="pp-94-2021", kind="penjelasan",
                      number="2", label=f"Penjelasan Pasal 5 huruf n angka 2 {PP[1]}",
                      short_label="Penjelasan Pasal 5 huruf n angka 2 PP 94/2021", text=ATRIBUT, order=900,
                      explains=explained.id, pages=[41])  # fmt: skip
    explained.penjelasan, explained.penjelasan_id = ATRIBUT, penjelasan.id
    return [*units, penjelasan]


@pytest.fixture(scope="module")
def graph(pasal_5_units) -> Graph:
    return Graph.build(pasal_5_units)


def _mirror_line(mirror: Path, name: str, *path: str) -> str:
    """Walk a mirror text: each step is the first following line starting with that prefix."""
    lines = (mirror / name).read_text(encoding="utf-8").splitlines()
    at = 0
    for prefix in path:
        at = next(i for i in range(at, len(lines)) if lines[i].startswith(prefix))
    return lines[at]


HURUF_C_TEXT = "c. menjadi anggota dan/atau pengurus partai politik; atau"


def _huruf_c(text: str = HURUF_C_TEXT) -> Unit:
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


def _pasal_70() -> Unit:
    text = ("(1) Calon Gubernur dan Calon Wakil Gubernur, Calon Bupati dan Calon Wakil Bupati, serta Calon Walikota "
            "dan Calon Wakil Walikota, wajib memberitahukan kepada KPU Provinsi.")  # fmt: skip
    return Unit(
        id="uu-1-2015/pasal-70/ayat-1",
        doc_id="uu-1-2015",
        kind="ayat",
        number="1",
        label=FULL_70,
        short_label="Pasal 70 ayat (1) UU 1/2015 sebagaimana telah beberapa kali diubah terakhir dengan UU 6/2020",
        text=text,
        status="diubah",
        history=[Version(text=text, doc_id="uu-10-2016", source_id="uu-10-2016/pasal-I/angka-26",
                         source_label="Pasal I angka 26 UU 10/2016", change="diubah")],
    )  # fmt: skip


@pytest.fixture()
def items() -> list[materi.MateriItem]:
    huruf_c = _huruf_c()
    answer = Answer(
        question="Apakah PNS boleh menjadi pengurus partai politik?",
        answer="Tidak. PNS yang menjadi anggota atau pengurus partai politik diberhentikan tidak dengan hormat.",
        abstained=False,
        citations=[Citation.of(huruf_c)],
    )
    collected: list[materi.MateriItem] = []
    assert materi.add(collected, materi.item_from_unit(_pasal_70()))
    assert materi.add(collected, materi.item_from_answer(answer, Graph.build([huruf_c])))
    return collected


def _docx(data: bytes):
    from docx import Document

    return Document(io.BytesIO(data))


def _pdf_pages(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


# ----------------------------------------------------------------- collecting


def test_the_same_provision_is_collected_once():
    collected: list[materi.MateriItem] = []
    assert materi.add(collected, materi.item_from_unit(_huruf_c())) is True
    assert materi.add(collected, materi.item_from_unit(_huruf_c())) is False
    assert len(collected) == 1


def test_move_reorders_and_stays_in_bounds(items):
    first, second = items
    materi.move(items, 1, -1)
    assert items == [second, first]
    materi.move(items, 0, -1)  # already first: nothing changes
    assert items == [second, first]
    materi.move(items, 0, +5)
    assert items == [first, second]


def test_a_mirror_point_reads_as_printed(mirror):
    assert _mirror_line(mirror, "uu-5-2014.md", "Pasal 87", "(4)", "c. ") == HURUF_C_TEXT


# ----------------------------------------------------------------- lists stay lists


def test_a_pasal_is_laid_out_one_line_per_item_with_markers_and_levels(graph):
    rows = outline.quote(graph, graph.units["pp-94-2021/pasal-5"])
    assert [(b.level, b.marker, b.text[:20]) for b in rows] == [
        (0, "", "PNS dilarang:"),
        (1, "a.", "menyalahgunakan wewe"),
        (1, "c.", "menjadi pegawai atau"),
        (1, "k.", "menerima hadiah yang"),
        (1, "n.", LEAD_N[:20]),
        *[(2, m, t[:20]) for m, t in HURUF_N],
    ]
    assert not any(b.konteks for b in rows)
    assert rows[4].text == LEAD_N  # the lead-in of huruf n ends before its angka


def test_an_angka_is_quoted_under_the_lead_ins_it_completes(graph):
    rows = outline.quote(graph, graph.units["pp-94-2021/pasal-5/huruf-n/angka-2"])
    assert [(b.level, b.marker, b.text, b.konteks) for b in rows] == [
        (0, "", "PNS dilarang:", True),
        (1, "n.", LEAD_N, True),
        (2, "2.", HURUF_N[1][1], False),
    ]


def test_ayat_stay_at_the_margin_and_their_huruf_go_one_level_in():
    units = stored_pasal("uu-5-2014", "87", "", [
        ("(1)", "PNS diberhentikan dengan hormat karena:", [("a.", "meninggal dunia;", []),
                                                        ("b.", "atas permintaan sendiri;", [])]),
        ("(2)", "PNS diberhentikan tidak dengan hormat karena menjadi anggota partai politik.", []),
    ], names=("UU 5/2014", "Undang-Undang Nomor 5 Tahun 2014"))  # fmt: skip
    graph = Graph.build(units)
    rows = outline.quote(graph, graph.units["uu-5-2014/pasal-87"])
    assert [(b.level, b.marker) for b in rows] == [(0, "(1)"), (1, "a."), (1, "b."), (0, "(2)")]
    point = outline.quote(graph, graph.units["uu-5-2014/pasal-87/ayat-1/huruf-b"])
    assert [(b.level, b.marker, b.text, b.konteks) for b in point] == [
        (0, "(1)", "PNS diberhentikan dengan hormat karena:", True),
        (1, "b.", "atas permintaan sendiri;", False),
    ]


def test_a_text_that_does_not_split_into_its_items_is_printed_whole():
    units = stored_pasal("pp-94-2021", "9", "PNS wajib:", [("a.", "masuk kerja;", []), ("b.", "menaati jam kerja.", [])])
    pasal = next(u for u in units if u.kind == "pasal")
    pasal.text += " Ketentuan lebih lanjut diatur dengan Peraturan Badan."  # words after the last item
    graph = Graph.build(units)
    rows = outline.quote(graph, pasal)
    assert [(b.level, b.text) for b in rows] == [(0, pasal.text)]  # nothing dropped
    point = outline.quote(graph, graph.units["pp-94-2021/pasal-9/huruf-b"])
    assert [(b.level, b.text, b.konteks) for b in point] == [(0, "PNS wajib: …", True), (1, "menaati jam kerja.", False)]


def test_markdown_prints_each_item_as_its_own_indented_line(graph):
    item = materi.item_from_unit(graph.units["pp-94-2021/pasal-5"], graph)
    text = materi.to_markdown([item], "Larangan PNS", day=DAY)
    em = materi.EM
    assert "> PNS dilarang:\n>\n> " + em * 2 + "a. menyalahgunakan wewenang;\n>\n" in text
    for marker, words in HURUF_N:
        assert f"\n> {em * 4}{marker} {words}\n" in text
    assert f"> {em * 2}n. {LEAD_N}\n>\n> {em * 4}1. ikut kampanye;" in text


def test_docx_list_items_are_paragraphs_with_growing_left_indents(graph):
    item = materi.item_from_unit(graph.units["pp-94-2021/pasal-5"], graph)
    document = _docx(materi.to_docx([item], "Larangan PNS", day=DAY))
    by_text = {p.text: p for p in document.paragraphs}
    lead = by_text["PNS dilarang:"]
    huruf = by_text[f"n.\t{LEAD_N}"]
    angka = [by_text[f"{m}\t{t}"] for m, t in HURUF_N]  # one paragraph per angka, none merged
    indent = [p.paragraph_format.left_indent for p in (lead, huruf, angka[0])]
    assert indent[0] < indent[1] < indent[2]
    assert {p.paragraph_format.left_indent for p in angka} == {indent[2]}
    assert all(p.paragraph_format.first_line_indent < 0 for p in (huruf, *angka))  # hanging markers
    assert all(p.paragraph_format.alignment == 0 for p in (huruf, *angka))  # left, not justified


def test_pdf_prints_each_angka_on_a_line_of_its_own(graph):
    item = materi.item_from_unit(graph.units["pp-94-2021/pasal-5"], graph)
    (page,) = _pdf_pages(materi.to_pdf([item], "Larangan PNS", day=DAY))
    lines = page.splitlines()
    for marker, words in HURUF_N:
        assert any(line.startswith(f"{marker} {words[:30]}") for line in lines), marker
    assert any(line.startswith("a. menyalahgunakan wewenang;") for line in lines)


# ----------------------------------------------------------------- Penjelasan by choice


def test_penjelasan_is_printed_under_its_provision_only_when_asked(graph):
    item = materi.item_from_unit(graph.units["pp-94-2021/pasal-5/huruf-n/angka-2"], graph)
    assert item.kutipan[0].penjelasan_label == "Penjelasan Pasal 5 huruf n angka 2 PP 94/2021"
    without = materi.to_markdown([item], day=DAY)
    assert "atribut PNS\" adalah" not in without
    text = materi.to_markdown([item], day=DAY, penjelasan=True)
    quote_at = text.index("2. menjadi peserta kampanye")
    explained_at = text.index("**Penjelasan Pasal 5 huruf n angka 2 PP 94/2021**")
    assert quote_at < explained_at < text.index("seragam Korpri, seragam dinas") < text.index("Sumber:")
    document = _docx(materi.to_docx([item], day=DAY, penjelasan=True))
    assert ATRIBUT in [p.text for p in document.paragraphs]
    assert "seragam Korpri" not in " ".join(p.text for p in _docx(materi.to_docx([item], day=DAY)).paragraphs)
    pdf = " ".join(" ".join(_pdf_pages(materi.to_pdf([item], day=DAY, penjelasan=True))).split())
    assert "Penjelasan Pasal 5 huruf n angka 2 PP 94/2021" in pdf and "seragam Korpri, seragam dinas" in pdf


# ----------------------------------------------------------------- each text once


def _extractive(units: list[Unit], graph: Graph) -> str:
    """An answer in the extractive engine's form (qa.answering.render): label, quote, Penjelasan."""
    blocks = []
    for unit in units:
        head = graph.lead_in(unit)
        blocks.append(f"**{unit.short_label}**\n> {head} … {unit.text}" if head else f"**{unit.short_label}**\n> {unit.text}")
        if unit.penjelasan:
            blocks.append(f"*Penjelasan:* {unit.penjelasan}")
    return "\n\n".join(blocks)


def test_an_exported_answer_quotes_each_provision_once(graph):
    cited = [graph.units[f"pp-94-2021/pasal-5/huruf-n/angka-{n}"] for n in (2, 1)]
    answer = Answer(question="PNS pakai atribut PNS saat kampanye?", answer=_extractive(cited, graph),
                    abstained=False, citations=[Citation.of(u) for u in cited])  # fmt: skip
    item = materi.item_from_answer(answer, graph)
    text = materi.to_markdown([item], day=DAY, penjelasan=True)
    assert text.count(HURUF_N[1][1]) == 1
    assert text.count("ikut kampanye;") == 1
    assert text.count(LEAD_N) == 1  # the second angka does not repeat its lead-in
    assert text.count("seragam Korpri") == 1
    assert "Dasar hukum" not in text  # every quote stands where the answer put it
    assert text.index("2. menjadi peserta") < text.index("1. ikut kampanye")
    document = _docx(materi.to_docx([item], day=DAY, penjelasan=True))
    body = [p.text for p in document.paragraphs]
    assert sum(HURUF_N[1][1] in p for p in body) == 1
    assert sum("ikut kampanye;" in p for p in body) == 1
    assert "n.\t…" in body  # the place of huruf n, already quoted above


def test_a_provision_held_by_another_quote_points_to_it(graph):
    pasal = materi.item_from_unit(graph.units["pp-94-2021/pasal-5"], graph)
    angka = materi.item_from_unit(graph.units["pp-94-2021/pasal-5/huruf-n/angka-2"], graph)
    twice = [angka, pasal, materi.item_from_unit(graph.units["pp-94-2021/pasal-5"], graph)]  # Pasal 5 added twice
    text = materi.to_markdown(twice, day=DAY)
    assert text.count(HURUF_N[1][1]) == 1
    assert "Teks ketentuan ini dikutip dalam Pasal 5 PP 94/2021 pada butir 2." in text
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        "## 1. Pasal 5 huruf n angka 2 PP 94/2021", "## 2. Pasal 5 PP 94/2021"]  # fmt: skip


def test_a_docx_handout_repeats_no_text(graph):
    cited = [graph.units[f"pp-94-2021/pasal-5/huruf-n/angka-{n}"] for n in (2, 3)]
    answer = Answer(question="PNS pakai atribut PNS saat kampanye?", answer=_extractive(cited, graph),
                    abstained=False, citations=[Citation.of(u) for u in cited])  # fmt: skip
    items = [materi.item_from_answer(answer, graph), materi.item_from_unit(graph.units["pp-94-2021/pasal-5/huruf-a"], graph)]
    document = _docx(materi.to_docx(items, "Netralitas", day=DAY, penjelasan=True))
    texts = [p.text for p in document.paragraphs if p.text.strip() and not p.text.endswith("…")]
    repeated = [t for t, n in Counter(texts).items() if n > 1]
    assert repeated == []
    lines = [line for t in texts for line in t.split("\n") if not line.startswith(("Status:", "Sumber:"))]
    assert [t for t, n in Counter(lines).items() if n > 1] == []


# ----------------------------------------------------------------- page setup, language, header, footer


def test_docx_is_a4_indonesian_with_title_date_header_and_page_numbers(items):
    data = materi.to_docx(items, judul="Netralitas ASN", day=DAY)
    document = _docx(data)
    assert document.sections
    for section in document.sections:
        assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
        assert section.header.paragraphs[0].text == "Netralitas ASN · 23 November 2026"
        footer = section.footer._element.xml
        assert re.search(r'w:instr="\s*PAGE\s*"', footer) and re.search(r'w:instr="\s*NUMPAGES\s*"', footer)
        assert "".join(p.text for p in section.footer.paragraphs).startswith("Halaman ")
    styles = document.styles.element.xml
    languages = set(re.findall(r'<w:lang [^>]*w:val="([^"]+)"', styles))
    assert languages == {"id-ID"}  # the template's en-US is gone from defaults and styles
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    body = [r for p in document.paragraphs if not p.style.name.startswith(("Heading", "Title")) for r in p.runs]
    assert len(body) > 5
    for run in body:  # every run written says Indonesian; headings take it from their styles
        lang = run._r.rPr.find(f"{w}lang") if run._r.rPr is not None else None
        assert lang is not None and lang.get(f"{w}val") == "id-ID", run.text
    assert document.core_properties.language == "id-ID"


def test_docx_holds_headings_text_and_full_labels_in_order(items):
    document = _docx(materi.to_docx(items, judul="Netralitas ASN", day=DAY))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "Netralitas ASN"
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "1. Pasal 70 ayat (1) UU 1/2015 sebagaimana telah beberapa kali diubah terakhir dengan UU 6/2020",
        "2. Pertanyaan: Apakah PNS boleh menjadi pengurus partai politik?",
    ]
    assert "c.\tmenjadi anggota dan/atau pengurus partai politik; atau" in paragraphs
    assert any(p.startswith(f"Sumber: {FULL_87}, hlm. 45") for p in paragraphs)


def _long_items(graph) -> list[materi.MateriItem]:
    """Enough provisions for several pages."""
    out = [materi.item_from_unit(graph.units["pp-94-2021/pasal-5"], graph)]
    for n in range(1, 40):
        unit = Unit(id=f"pp-94-2021/pasal-{100 + n}", doc_id="pp-94-2021", kind="pasal", number=str(100 + n),
                    label=f"Pasal {100 + n} {PP[1]}", short_label=f"Pasal {100 + n} PP 94/2021",
                    text=f"Ketentuan nomor {n} " + "berlaku bagi setiap PNS di lingkungan instansi pemerintah. " * 4)  # fmt: skip
        out.append(materi.item_from_unit(unit))
    return out


def test_pdf_is_a4_with_the_title_above_and_page_numbers_below_on_every_page(graph):
    from pypdf import PdfReader

    data = materi.to_pdf(_long_items(graph), judul="Netralitas ASN — kelas", day=DAY)
    reader = PdfReader(io.BytesIO(data))
    count = len(reader.pages)
    assert count >= 3
    for number, page in enumerate(reader.pages, start=1):
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
        text = page.extract_text()
        assert f"Halaman {number} dari {count}" in text
        assert text.splitlines()[0] == "Netralitas ASN — kelas · 23 November 2026"


def test_pdf_falls_back_to_a_core_font_without_ttf(items, monkeypatch):
    monkeypatch.setattr(materi, "FONT_CANDIDATES", ())
    pages = _pdf_pages(materi.to_pdf(items, judul="Materi — tanpa font", day=DAY))
    text = " ".join(pages)
    assert "Materi - tanpa font" in text
    assert "Pasal 87 ayat (4) huruf c" in " ".join(text.split())
    assert "Halaman 1 dari 1" in pages[0]


def test_pdf_holds_the_full_labels_in_order(items):
    data = materi.to_pdf(items, judul="Netralitas ASN", day=DAY)
    assert data.startswith(b"%PDF-")
    flat = " ".join(" ".join(_pdf_pages(data)).split())
    assert "Sumber: Pasal 87 ayat (4) huruf c Undang-Undang Nomor 5 Tahun 2014" in flat
    assert "menjadi anggota dan/atau pengurus partai politik" in flat
    assert flat.index("Pasal 70 ayat (1) UU 1/2015") < flat.index("Pertanyaan: Apakah PNS")


# ----------------------------------------------------------------- labels, status, OCR


def test_markdown_keeps_order_full_labels_text_and_one_clean_status(items):
    text = materi.to_markdown(items, judul="Netralitas ASN", day=DAY)
    assert text.startswith("# Netralitas ASN\n")
    assert "23 November 2026" in text
    first = text.index("## 1. Pasal 70 ayat (1) UU 1/2015")
    second = text.index("## 2. Pertanyaan: Apakah PNS boleh menjadi pengurus partai politik?")
    assert first < second
    assert f"Sumber: {FULL_70}" in text
    assert f"Sumber: {FULL_87}, hlm. 45" in text
    assert f"> {HURUF_C_TEXT}" in text
    assert "Status: dicabut oleh Pasal 76 UU 20/2023" in text
    assert "Status: telah diubah\n" in text
    assert "**Dasar hukum:**" in text


@pytest.mark.parametrize(("status", "note", "line"), [
    ("berlaku", None, "berlaku"),
    ("berlaku", "berlaku sebagaimana diubah dengan Pasal I angka 27 UU 10/2016",
     "berlaku sebagaimana diubah dengan Pasal I angka 27 UU 10/2016"),
    ("berlaku", STATUS_NOTE, STATUS_NOTE),
    ("dicabut", "dicabut oleh Pasal 76 UU 20/2023", "dicabut oleh Pasal 76 UU 20/2023"),
    ("berlaku", "diubah dengan Pasal I angka 6 UU 10/2016", "berlaku; diubah dengan Pasal I angka 6 UU 10/2016"),
    ("diubah", None, "telah diubah"),
])  # fmt: skip
def test_status_is_one_clean_line(status, note, line):
    kutipan = materi.Kutipan("x/pasal-1", "Pasal 1 X", "Pasal 1 X", "teks", status=status, status_note=note)
    assert kutipan.status_line() == line
    assert "(" not in kutipan.status_line()


def test_answer_without_the_index_keeps_the_bare_status():
    answer = Answer(question="q", answer="a", abstained=False, citations=[Citation.of(_huruf_c())])
    item = materi.item_from_answer(answer)
    assert item.kutipan[0].status_line() == "dicabut"
    assert item.key == "jawaban:q"


def test_ocr_text_is_marked_in_every_format(graph):
    unit = Unit(id="uu-20-2023/pasal-9/ayat-2", doc_id="uu-20-2023", kind="ayat", number="2",
                label="Pasal 9 ayat (2) Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara",
                short_label="Pasal 9 ayat (2) UU 20/2023", text="Pegawai ASN harus bebas dari pengaruh dan intervensi.",
                ocr_suspect=["intervensl"])  # fmt: skip
    item = materi.item_from_unit(unit, Graph.build([unit]))
    note = f"Catatan: {OCR_NOTE} (kata meragukan: intervensl)"
    assert note in materi.to_markdown([item], day=DAY)
    assert any(note in p.text for p in _docx(materi.to_docx([item], day=DAY)).paragraphs)
    assert note in " ".join(" ".join(_pdf_pages(materi.to_pdf([item], day=DAY))).split())
    clean = materi.item_from_unit(graph.units["pp-94-2021/pasal-5/huruf-a"], graph)
    assert OCR_NOTE not in materi.to_markdown([clean], day=DAY)


def test_a_lead_in_without_the_index_is_printed_before_the_point():
    item = materi.item_from_unit(_huruf_c(), pengantar="PNS diberhentikan tidak dengan hormat karena:")
    text = materi.to_markdown([item], day=DAY)
    assert f"> _PNS diberhentikan tidak dengan hormat karena: …_\n>\n> {materi.EM * 2}{HURUF_C_TEXT}" in text


def test_a_laid_out_set_is_saved_and_read_back_equal(graph, tmp_path):
    items = [materi.item_from_unit(graph.units["pp-94-2021/pasal-5/huruf-n/angka-2"], graph)]
    name = materi_sets.save(tmp_path, "Atribut", items)
    judul, loaded = materi_sets.load(tmp_path, name)
    assert loaded == items
    assert materi.to_markdown(loaded, day=DAY, penjelasan=True) == materi.to_markdown(items, day=DAY, penjelasan=True)


# ----------------------------------------------------------------- the real Pasal 5 PP 94/2021


@pytest.fixture(scope="module")
def real_graph(full_data) -> Graph:
    from ingest import store

    return Graph.build(store.load_units(full_data / "units", ["pp-94-2021"]))


def test_the_real_pasal_5_prints_its_angka_as_a_list_with_its_penjelasan(real_graph):
    pasal = real_graph.units["pp-94-2021/pasal-5"]
    item = materi.item_from_unit(pasal, real_graph)
    angka = [real_graph.units[f"pp-94-2021/pasal-5/huruf-n/angka-{n}"].text for n in range(1, 8)]
    assert angka[0] == "ikut kampanye;"

    document = _docx(materi.to_docx([item], "Larangan PNS", day=DAY, penjelasan=True))
    body = [p for p in document.paragraphs]
    texts = [p.text for p in body]
    rows = [body[texts.index(f"{n}.\t{words}")] for n, words in enumerate(angka, start=1)]
    huruf_n = next(p for p in body if p.text.startswith("n.\tmemberikan dukungan"))
    lead = body[texts.index("PNS dilarang:")]
    assert lead.paragraph_format.left_indent < huruf_n.paragraph_format.left_indent < rows[0].paragraph_format.left_indent
    assert sum(t.startswith(("a.\t", "b.\t", "m.\t")) for t in texts) == 3
    assert any("Yang dimaksud \"menggunakan atribut PNS\" adalah menggunakan seragam Korpri" in t for t in texts)
    assert texts.index("Penjelasan Pasal 5 PP 94/2021") > texts.index(f"7.\t{angka[6]}")
    assert "Status: tetap berlaku berdasarkan Pasal 75 UU 20/2023 sepanjang tidak bertentangan dengan UU 20/2023" in "\n".join(texts)

    pages = _pdf_pages(materi.to_pdf([item], "Larangan PNS", day=DAY, penjelasan=True))
    for number, page in enumerate(pages, start=1):
        assert f"Halaman {number} dari {len(pages)}" in page
    lines = [line for page in pages for line in page.splitlines()]
    for n, words in enumerate(angka, start=1):
        assert sum(line.startswith(f"{n}. {words[:25]}") for line in lines) == 1, n

    text = materi.to_markdown([item], "Larangan PNS", day=DAY)
    for n, words in enumerate(angka, start=1):
        assert f"\n> {materi.EM * 4}{n}. {words}\n" in text


def test_every_real_unit_is_laid_out_without_losing_a_word(full_data):
    from ingest import store

    units = store.load_units(full_data / "units")
    graph = Graph.build(units)
    split = 0
    for unit in units:
        rows = outline.lines(graph, unit)
        assert re.sub(r"\s+", "", "".join(b.full for b in rows)) == re.sub(r"\s+", "", unit.text), unit.id
        split += len(rows) > 1
    assert split > 400  # the Pasal, ayat and huruf with items are laid out, not printed whole
