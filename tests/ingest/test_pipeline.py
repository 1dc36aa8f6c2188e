"""The ingest pipeline on real mirror files: isolation of failures, determinism, timings."""

from __future__ import annotations

import shutil

import pytest

import cli
from corpus.settings import Settings
from ingest import store
from ingest.model import ParsedDocument, ParseReport, SourceText, Unit
from ingest.pipeline import _merge_parts, run_ingest


@pytest.fixture
def settings(tmp_path) -> Settings:
    """A private data folder (the CLI's RUJUKAN_DATA in the tests that run the command)."""
    return Settings(data_dir=tmp_path)


@pytest.fixture
def corpus(settings, monkeypatch, mirror):
    """A private data folder whose corpus holds the ASN laws and PP 42/2004 (text copies)."""
    monkeypatch.setenv("RUJUKAN_DATA", str(settings.data_dir))
    folder = settings.corpus_dir
    folder.mkdir()
    for name in ("uu-5-2014.md", "uu-20-2023.md", "pp-42-2004.md"):
        shutil.copy(mirror / name, folder)
    return folder


def test_ingest_writes_each_document_and_is_deterministic(corpus, tmp_path, manifest, settings):
    result = run_ingest(settings, manifest, only=["uu-20-2023", "pp-42-2004"], progress=False)
    # UU 20/2023 revokes UU 5/2014: the family is ingested together, in manifest order.
    assert [d.doc_id for d in result.documents] == ["uu-5-2014", "uu-20-2023", "pp-42-2004"]
    assert result.ok and result.failures == []
    assert [d.explicit for d in result.documents] == [False, True, True]
    units_dir = tmp_path / "units"
    assert sorted(p.name for p in units_dir.iterdir()) == ["pp-42-2004.json", "uu-20-2023.json", "uu-5-2014.json"]

    uu20 = store.read_document("uu-20-2023", settings.units_dir)
    assert uu20.report.source == "uu-20-2023.md"
    assert uu20.report.method == "text"
    assert uu20.report.counts["pasal"] == 77
    assert sum(u.kind == "pasal" for u in uu20.units) == 77
    res = result.documents[1]
    assert (res.pasal, res.units, res.files, res.written) == (77, len(uu20.units), ["uu-20-2023.md"], True)
    for d in result.documents:
        # UU 20/2023 is OCR text (manifest: ocr = true): it alone goes through the correction pass.
        ocr = {"ocr_correct"} if d.doc_id == "uu-20-2023" else set()
        assert set(d.timings) == {"read", "clean", "parse", "write"} | ocr
        assert all(v >= 0 for v in d.timings.values())
    assert "consolidate" in result.timings

    before = {p.name: p.read_bytes() for p in units_dir.iterdir()}
    run_ingest(settings, manifest, only=["uu-20-2023", "pp-42-2004"], progress=False)
    assert {p.name: p.read_bytes() for p in units_dir.iterdir()} == before


def test_failing_document_is_reported_and_its_previous_units_stay(corpus, tmp_path, manifest, capsys, settings):
    # An earlier ingest of PP 42/2004 is on disk.
    old = ParsedDocument("pp-42-2004", [Unit(id="pp-42-2004/pasal-1", doc_id="pp-42-2004", kind="pasal",
                                              number="1", label="Pasal 1", short_label="Pasal 1 PP 42/2004",
                                              text="Pasal 1 ...")], ParseReport(doc_id="pp-42-2004"))
    old_path = store.write_document(old, settings.units_dir)
    old_bytes = old_path.read_bytes()
    # The official PDF is preferred over the text copy; this one is truncated.
    (corpus / "pp-42-2004.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<")

    result = run_ingest(settings, manifest, only=["pp-42-2004", "uu-20-2023"], progress=False)
    assert [d.doc_id for d in result.failures] == ["pp-42-2004"]
    failed = result.failures[0]
    assert failed.error == "pp-42-2004.pdf: berkas PDF rusak atau terpotong"
    assert not failed.written
    assert old_path.read_bytes() == old_bytes
    assert {d.doc_id for d in result.documents if d.written} == {"uu-5-2014", "uu-20-2023"}

    code = cli.main(["ingest", "--only", "pp-42-2004", "--no-index", "--no-progress"])
    captured = capsys.readouterr()
    assert code == 1
    assert "GAGAL pp-42-2004: pp-42-2004.pdf: berkas PDF rusak atau terpotong" in captured.err
    assert "0 dokumen diingest, 1 gagal." in captured.out
    assert "Traceback" not in captured.out + captured.err
    assert old_path.read_bytes() == old_bytes


def test_parts_are_read_as_one_text_with_pages_numbered_on():
    from ingest.model import Line

    first = SourceText("a.pdf", [Line("Pasal 1", 1), Line("Pasal 2", 2)], page_count=2, method="pypdf")
    second = SourceText("b.pdf", [Line("Pasal 3", 1)], page_count=1, method="ocr")
    merged = _merge_parts([first, second])
    assert [(ln.text, ln.page) for ln in merged.lines] == [("Pasal 1", 1), ("Pasal 2", 2), ("Pasal 3", 3)]
    assert (merged.page_count, merged.method, merged.path) == (3, "ocr", "a.pdf, b.pdf")


def test_scanned_pdf_with_text_layer_keeps_pages(mirror, manifest, settings):
    result = run_ingest(settings, manifest, files={"pp-94-2021": [mirror / "pp-94-2021.pdf"]}, progress=False)
    [res] = result.documents
    assert (res.ok, res.method, res.pages, res.pasal) == (True, "pypdf", 51, 46)
    doc = store.read_document("pp-94-2021", settings.units_dir)
    assert (doc.report.page_count, doc.report.source) == (51, "pp-94-2021.pdf")
    pasal = [u for u in doc.units if u.kind == "pasal"]
    assert len(pasal) == 46 == doc.report.counts["pasal"]
    assert all(u.pages and 1 <= min(u.pages) <= max(u.pages) <= 51 for u in pasal)
    assert doc.report.counts == {k: sum(u.kind == k for u in doc.units) for k in doc.report.counts}


def test_ocr_text_is_cached_by_file_content(tmp_path):
    from ingest.model import Line
    from ingest.pipeline import _read_cached

    cache = tmp_path / "cache"
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4 scan one")
    calls = []

    def ocr_reader(path):  # stands in for a minute of Tesseract
        calls.append(path)
        return SourceText(str(path), [Line("SURAT EDARAN", 1), Line(path.read_bytes().decode()[-3:], 2)], 2, "ocr")

    first, cached = _read_cached(scan, ocr_reader, cache)
    assert not cached and len(calls) == 1
    again, cached = _read_cached(scan, ocr_reader, cache)
    assert cached and len(calls) == 1
    assert (again.lines, again.page_count, again.method) == (first.lines, 2, "ocr")
    scan.write_bytes(b"%PDF-1.4 scan two")  # a new file is read afresh
    changed, cached = _read_cached(scan, ocr_reader, cache)
    assert not cached and len(calls) == 2 and changed.lines[1].text == "two"
    # Text layers are fast to read and never cached.
    text = tmp_path / "a.md"
    text.write_text("Pasal 1")
    _read_cached(text, lambda p: SourceText(str(p), [Line("Pasal 1")], None, "text"), cache)
    assert len(list((tmp_path / "cache" / "read").iterdir())) == 2


def test_a_failed_relative_holds_back_the_family(corpus, tmp_path, manifest, settings):
    # UU 20/2023 revokes UU 5/2014; if UU 20/2023 fails, UU 5/2014 must not be stored as in force.
    (corpus / "uu-20-2023.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<")
    result = run_ingest(settings, manifest, only=["uu-5-2014", "pp-42-2004"], progress=False)
    errors = {d.doc_id: d.error for d in result.failures}
    assert errors == {
        "uu-20-2023": "uu-20-2023.pdf: berkas PDF rusak atau terpotong",
        "uu-5-2014": "tidak ditulis karena uu-20-2023 (perubahan/pencabutan terkait) gagal diingest; "
        "hasil lama tetap dipakai",
    }
    assert sorted(p.name for p in (tmp_path / "units").iterdir()) == ["pp-42-2004.json"]
