"""The divergence check: a clause that matches its counterpart in the replaced law except for a
few missing words is flagged, on synthetic units and on UU 20/2023 against UU 5/2014."""

from __future__ import annotations

import pytest

from corpus.manifest import load_manifest
from ingest.divergence import check_divergence
from ingest.model import ParsedDocument, ParseReport, Unit


def _doc(doc_id: str, short: str, texts: dict[str, str]) -> ParsedDocument:
    units = [
        Unit(f"{doc_id}/pasal-{n}", doc_id, "pasal", n, f"Pasal {n} {short}", f"Pasal {n} {short}", text, order=i)
        for i, (n, text) in enumerate(texts.items())
    ]
    return ParsedDocument(doc_id, units, ParseReport(doc_id))


def test_a_clause_missing_a_few_words_is_flagged():
    old = _doc("uu-5-2014", "UU 5/2014", {
        "2": "Penyelenggaraan kebijakan dan Manajemen ASN berdasarkan pada asas kepastian hukum.",
        "3": "ASN sebagai profesi berlandaskan pada prinsip nilai dasar.",
        "4": "Pegawai ASN dilarang menjadi anggota dan/atau pengurus partai politik.",
    })  # fmt: skip
    new = _doc("uu-20-2023", "UU 20/2023", {
        "2": "Penyelenggaraan kebijakan dan berdasarkan pada asas kepastian hukum.",  # lost "Manajemen ASN"
        "3": "ASN sebagai profesi berlandaskan pada prinsip nilai dasar.",  # the same: nothing to say
        "4": "Pegawai ASN dilarang menjadi anggota pengurus partai politik.",  # only "dan/atau": a wording change
    })  # fmt: skip
    check_divergence({"uu-5-2014": old, "uu-20-2023": new}, load_manifest())
    assert new.report.divergences == [{
        "unit": "uu-20-2023/pasal-2", "counterpart": "uu-5-2014/pasal-2", "missing": "Manajemen ASN",
        "after": "Penyelenggaraan kebijakan dan",
    }]  # fmt: skip
    assert new.report.divergence_checked == ["uu-5-2014"]
    assert new.units[0].divergence_note == (
        'kemungkinan ada kata yang hilang dari sumber: Pasal 2 UU 5/2014 memuat "Manajemen ASN" setelah '
        '"Penyelenggaraan kebijakan dan" pada kalimat yang sama; periksa dengan salinan resmi'
    )
    assert new.units[1].divergence_note is None and new.units[2].divergence_note is None
    assert old.report.divergences == [] and all(u.divergence_note is None for u in old.units)


def test_laws_that_only_amend_are_not_compared():
    old = _doc("uu-1-2015", "UU 1/2015", {"7": "Warga negara Indonesia dapat menjadi calon Gubernur yang sah."})
    new = _doc("uu-10-2016", "UU 10/2016", {"7": "Warga negara Indonesia dapat menjadi calon yang sah."})
    check_divergence({"uu-1-2015": old, "uu-10-2016": new}, load_manifest())
    assert new.report.divergences == [] and new.report.divergence_checked == []


@pytest.fixture(scope="module")
def asn(mirror, tmp_path_factory):
    from corpus.manifest import load_manifest
    from corpus.settings import Settings
    from ingest import store
    from ingest.pipeline import run_ingest

    settings = Settings(data_dir=tmp_path_factory.mktemp("asn"))
    settings.corpus_dir.symlink_to(mirror)  # read straight from the mirror
    units = settings.units_dir
    result = run_ingest(settings, load_manifest(), only=["uu-20-2023"], progress=False)
    assert not result.failures, [d.error for d in result.failures]
    return {d: store.read_document(d, units) for d in ("uu-20-2023", "uu-5-2014")}, units


def test_uu_20_2023_pasal_2_is_flagged_against_uu_5_2014(asn, monkeypatch, capsys):
    import cli

    docs, units = asn
    report = docs["uu-20-2023"].report
    assert report.divergence_checked == ["uu-5-2014"]
    found = {(d["unit"], d["counterpart"], d["missing"]) for d in report.divergences}
    assert ("uu-20-2023/pasal-2", "uu-5-2014/pasal-2", "Manajemen ASN") in found
    # Further real divergences the check finds in the mirror copies, listed for review:
    assert {
        ("uu-20-2023/pasal-1/angka-9", "uu-5-2014/pasal-1/angka-18", "pendayagunaan"),
        ("uu-20-2023/penjelasan/pasal-2/huruf-a", "uu-5-2014/penjelasan/pasal-2/huruf-a", "dalam setiap"),
    } <= found
    monkeypatch.setenv("RUJUKAN_DATA", str(units.parent))
    assert cli.main(["show", "uu-20-2023/pasal-2"]) == 0
    out = capsys.readouterr().out
    assert 'catatan: kemungkinan ada kata yang hilang dari sumber: Pasal 2 UU 5/2014 memuat "Manajemen ASN"' in out
