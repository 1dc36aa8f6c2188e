"""Limits and identity checks on a source before its units are stored."""

from __future__ import annotations

import pytest

from ingest.checks import MAX_UNITS, check_identity, check_repetition, check_units, title_identity
from ingest.errors import IngestError
from ingest.model import Line, SourceText, Unit


def source(text: str) -> SourceText:
    return SourceText("x.md", [Line(t) for t in text.splitlines()])


def unit(n: int, text: str, kind: str = "ayat") -> Unit:
    return Unit(id=f"uu-1-2015/pasal-{n}/ayat-1", doc_id="uu-1-2015", kind=kind, number="1", label="", short_label="",
                text=text, order=n)  # fmt: skip


def test_the_title_before_the_enacting_formula_names_the_document():
    head = "SALINAN\nPERATURAN PEMERINTAH REPUBLIK INDONESIA\nNOMOR 94 TAHUN 2021\nTENTANG\nDISIPLIN PNS\n"
    assert title_identity(source(head + "DENGAN RAHMAT TUHAN YANG MAHA ESA\n")) == ("PP", "94", 2021)
    # OCR's "UNDANG.UNDANG", and a Menimbang citing another law after the formula
    ocr = "Menimbang\nUNDANG.UNDANG REPUBLIK INDONESIA\nNOMOR 20 TAHUN 2023\nDENGAN RAHMAT TUHAN\nUndang-Undang Nomor 5 Tahun 2014"
    assert title_identity(source(ocr)) == ("UU", "20", 2023)
    assert title_identity(source("DENGAN RAHMAT TUHAN\nUndang-Undang Nomor 5 Tahun 2014")) is None
    assert title_identity(source("Catatan rapat tanpa judul\nPasal 1\nIsi.")) is None


def test_a_file_naming_another_document_is_refused(manifest):
    pp42 = source("PERATURAN PEMERINTAH REPUBLIK INDONESIA\nNOMOR 42 TAHUN 2004\nTENTANG\nDENGAN RAHMAT TUHAN")
    with pytest.raises(IngestError, match=r"berjudul PP Nomor 42 Tahun 2004, bukan PP Nomor 94 Tahun 2021 \(pp-94-2021\)"):
        check_identity(pp42, manifest.get("pp-94-2021"), "pp-42-2004.md")
    assert check_identity(pp42, manifest.get("pp-42-2004"), "pp-42-2004.md") == ""
    assert "tidak terbaca" in check_identity(source("Pasal 1\nIsi."), manifest.get("pp-42-2004"), "x.md")


def test_real_title_pages_of_the_mirror_name_their_documents(mirror, manifest):
    from ingest.read import read_source

    for doc_id, name in [("uu-1-2015", "uu-1-2015.md"), ("uu-20-2023", "uu-20-2023.md"), ("pp-42-2004", "pp-42-2004.md"),
                         ("uu-5-2014", "uu-5-2014.md"), ("uu-7-2023", "uu-7-2023.md")]:  # fmt: skip
        assert check_identity(read_source(mirror / name), manifest.get(doc_id), name) == "", name


def test_unit_limits():
    check_units([unit(n, "x") for n in range(MAX_UNITS)], "x.md")
    with pytest.raises(IngestError, match=rf"terlalu banyak unit \({MAX_UNITS + 1}; batas {MAX_UNITS}"):
        check_units([unit(n, "x") for n in range(MAX_UNITS + 1)], "x.md")


def test_a_text_that_repeats_itself():
    body = "".join(f"(1) Pengawas contoh wajib melaksanakan tugas pengawasan tahapan ke-{n} secara netral.\n"
                   for n in range(30))  # fmt: skip
    ten = "".join(body.splitlines(keepends=True)[:10])
    check_repetition(source(body + ten + "Pasal 1\n" * 100), "x.md")  # 20 of 40 long lines repeated; short ones ignored
    check_repetition(source(body[:200] * 8), "x.md")  # too few long lines to judge
    with pytest.raises(IngestError, match=r"isi berkas berulang \(90 dari 90 baris panjang"):
        check_repetition(source(body * 3), "x.md")


def test_the_mirror_texts_do_not_repeat_themselves(mirror):
    from ingest.read import read_source

    for path in sorted(mirror.glob("*.md")) + sorted(mirror.glob("*.txt")):
        if path.name != "SOURCES.md":
            check_repetition(read_source(path), path.name)
