"""Stored documents: a round trip gives back the same units, byte-identical files on rewrite."""

from __future__ import annotations

import json

import pytest

from ingest import store
from ingest.model import CleanReport, ParsedDocument, ParseReport, Unit, Version


def sample(doc_id="uu-5-2014") -> ParsedDocument:
    pasal = Unit(
        id=f"{doc_id}/pasal-87", doc_id=doc_id, kind="pasal", number="87",
        label="Pasal 87 Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara",
        short_label="Pasal 87 UU 5/2014", text="Pasal 87\n(4) PNS diberhentikan tidak dengan hormat karena: ...",
        order=2, pages=[40, 41], hierarchy=["BAB XI MANAJEMEN ASN"],
    )
    huruf = Unit(
        id=f"{doc_id}/pasal-87/ayat-4/huruf-c", doc_id=doc_id, kind="huruf", number="c",
        label="Pasal 87 ayat (4) huruf c Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara",
        short_label="Pasal 87 ayat (4) huruf c UU 5/2014",
        text="c. menjadi anggota dan/atau pengurus partai politik; atau", parent_id=pasal.id, order=3,
        refs=[pasal.id], status="dicabut", status_note="dicabut oleh Pasal 76 UU 20/2023",
        history=[Version(text="c. lama", doc_id=doc_id, source_id=pasal.id, source_label="Pasal 87 UU 5/2014")],
    )
    penjelasan = Unit(
        id=f"{doc_id}/penjelasan-umum", doc_id=doc_id, kind="penjelasan-umum", number="",
        label="Penjelasan Umum", short_label="Penjelasan Umum UU 5/2014", text="I. UMUM — ‘ASN’", order=1,
    )
    report = ParseReport(
        doc_id=doc_id, counts={"pasal": 1, "huruf": 1}, warnings=["contoh"], source="uu-5-2014.md",
        method="text", cleaning=CleanReport(removed={"running_head": 3}, examples={"running_head": ["- 2 -"]}),
    )
    # Units deliberately out of order: storage sorts by ``order``.
    return ParsedDocument(doc_id=doc_id, units=[huruf, pasal, penjelasan], report=report)


def test_round_trip_and_order(tmp_path):
    units = tmp_path / "units"
    path = store.write_document(sample(), units)
    assert path == tmp_path / "units" / "uu-5-2014.json"
    doc = store.read_document("uu-5-2014", units)
    assert [u.id for u in doc.units] == [
        "uu-5-2014/penjelasan-umum", "uu-5-2014/pasal-87", "uu-5-2014/pasal-87/ayat-4/huruf-c",
    ]
    huruf = doc.units[2]
    assert huruf == sample().units[0]
    assert isinstance(huruf.history[0], Version) and huruf.history[0].text == "c. lama"
    assert doc.report == sample().report
    assert isinstance(doc.report.cleaning, CleanReport)
    assert "‘ASN’" in path.read_text(encoding="utf-8")  # kept readable, not \u-escaped


def test_rewrite_is_byte_identical_and_leaves_no_temp_files(tmp_path):
    units = tmp_path / "units"
    first = store.write_document(sample(), units).read_bytes()
    second = store.write_document(sample(), units).read_bytes()
    assert first == second
    assert sorted(p.name for p in (tmp_path / "units").iterdir()) == ["uu-5-2014.json"]


def test_load_units_and_reports(tmp_path):
    units = tmp_path / "units"
    assert store.load_units(units) == [] and store.load_reports(units) == {}
    store.write_document(sample("uu-5-2014"), units)
    store.write_document(sample("uu-20-2023"), units)
    assert store.stored_ids(units) == ["uu-20-2023", "uu-5-2014"]
    assert len(store.load_units(units)) == 6
    assert {u.doc_id for u in store.load_units(units, ["uu-20-2023"])} == {"uu-20-2023"}
    assert set(store.load_reports(units)) == {"uu-5-2014", "uu-20-2023"}
    assert store.load_reports(units)["uu-5-2014"].counts == {"pasal": 1, "huruf": 1}


def test_corrupt_or_old_file_is_named(tmp_path):
    units = tmp_path / "units"
    path = store.write_document(sample(), units)
    path.write_text(path.read_text()[:100], encoding="utf-8")
    with pytest.raises(store.StoreError, match=r"uu-5-2014\.json: unreadable"):
        store.read_document("uu-5-2014", units)
    path.write_text(json.dumps({"format": 0, "doc_id": "uu-5-2014"}), encoding="utf-8")
    with pytest.raises(store.StoreError, match="re-ingest"):
        store.load_units(units)
