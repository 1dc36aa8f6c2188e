"""``corpus status`` in full: the files and what ingest stored of each (:mod:`ingest.corpus_status`),
through ``rujukan corpus status`` (:mod:`ingest.commands`)."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil

import cli
from corpus.status import ADA, BELUM_PASTI, CHECKSUM_SALAH, TIDAK_ADA, ingest_sources
from ingest import store
from ingest.corpus_status import corpus_status
from ingest.model import ParsedDocument, ParseReport, Unit
from tests.fixtures.tiny_corpus import CUTI, environment, write_corpus


def _unit(doc_id, n):
    return Unit(id=f"{doc_id}/pasal-{n}", doc_id=doc_id, kind="pasal", number=str(n), label=f"Pasal {n}",
                short_label=f"Pasal {n} X", text=f"Pasal {n}", order=n)


def test_status_per_document(tmp_path, mirror, manifest):
    corpus, units = tmp_path / "corpus", tmp_path / "units"
    corpus.mkdir()
    shutil.copy(mirror / "uu-5-2014.md", corpus)
    (corpus / "pp-94-2021.pdf").write_bytes(b"%PDF-1.4 not the Setneg salinan")
    shutil.copy(mirror / "pp-42-2004.md", corpus)
    (corpus / "pp-42-2004.pdf").write_bytes(b"%PDF-1.4 an official PDF, checksum unknown")
    report = ParseReport(doc_id="uu-5-2014", counts={"pasal": 2, "ayat": 5}, source="uu-5-2014.md",
                         method="text", warnings=["Pasal 3 tidak ditemukan"],
                         unresolved_refs=[{"unit": "uu-5-2014/pasal-1", "text": "Pasal 99"}])
    store.write_document(ParsedDocument("uu-5-2014", [_unit("uu-5-2014", 1), _unit("uu-5-2014", 2)], report), units)

    by_id = {s.doc_id: s for s in corpus_status(manifest, corpus, units)}
    uu5 = by_id["uu-5-2014"]
    assert (uu5.state, uu5.ingest_files, uu5.ingested) == (ADA, ["uu-5-2014.md"], True)
    assert [(f.file, f.state, f.verified) for f in uu5.files] == [
        ("uu-5-2014.pdf", TIDAK_ADA, False), ("uu-5-2014.md", ADA, True),
    ]
    assert (uu5.pasal, uu5.units, uu5.unresolved_refs, uu5.method) == (2, 2, 1, "text")
    assert uu5.counts == {"ayat": 5, "pasal": 2}
    assert "Pasal 3 tidak ditemukan" in uu5.warnings

    pp94 = by_id["pp-94-2021"]
    assert (pp94.state, pp94.ingest_files, pp94.ingested) == (CHECKSUM_SALAH, [], False)
    assert any("checksum tidak cocok" in w for w in pp94.warnings)
    # The official PDF is preferred over the text copy, even without a known checksum.
    pp42 = by_id["pp-42-2004"]
    assert pp42.ingest_files == ["pp-42-2004.pdf"]
    assert any("belum diperiksa" in w for w in pp42.warnings)
    assert by_id["uu-7-2017"].state == TIDAK_ADA
    assert by_id["surat-mendagri-netralitas-asn"].state == BELUM_PASTI
    assert ingest_sources(manifest.get("uu-5-2014"), corpus) == [corpus / "uu-5-2014.md"]


def test_status_command_text_and_json(tmp_path, monkeypatch, capsys, manifest):
    monkeypatch.setenv("RUJUKAN_DATA", str(tmp_path))  # empty: nothing fetched, nothing ingested
    assert cli.main(["corpus", "status"]) == 0
    out = capsys.readouterr().out
    assert f"0 dari {len(manifest.documents)} dokumen tersedia, 0 sudah diingest." in out
    assert "- uu-5-2014: berkas tidak ada (uu-5-2014.pdf, uu-5-2014.md); jalankan `rujukan corpus fetch`" in out

    assert cli.main(["corpus", "status", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["doc_id"] for d in data] == manifest.ids()
    assert {d["state"] for d in data} == {TIDAK_ADA, BELUM_PASTI}


def test_status_shows_the_coverage_of_a_partial_copy_until_the_official_pdf_replaces_it(
    tmp_path, monkeypatch, capsys, mirror
):
    monkeypatch.setenv("RUJUKAN_DATA", str(tmp_path))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(mirror / "uu-7-2017-pasal-1-214.txt", corpus)
    assert cli.main(["corpus", "status"]) == 0
    out = capsys.readouterr().out
    assert "- uu-7-2017: cakupan sebagian: Pasal 1\u2013214 dari 573, tanpa Penjelasan; tambahkan PDF resmi" in out
    assert cli.main(["corpus", "status", "--json"]) == 0
    uu7 = next(d for d in json.loads(capsys.readouterr().out) if d["doc_id"] == "uu-7-2017")
    assert uu7["ingest_files"] == ["uu-7-2017-pasal-1-214.txt"]
    assert uu7["coverage"] == "sebagian: Pasal 1\u2013214 dari 573, tanpa Penjelasan"
    assert uu7["coverage_detail"] == {"pasal_first": 1, "pasal_last": 214, "pasal_total": 573, "penjelasan": False}

    # The official copy (named by the manifest) is read instead; the document is then complete.
    (corpus / "uu7-2017bt.pdf").write_bytes(b"%PDF-1.4 the official copy")
    assert cli.main(["corpus", "status", "--json"]) == 0
    uu7 = next(d for d in json.loads(capsys.readouterr().out) if d["doc_id"] == "uu-7-2017")
    assert (uu7["ingest_files"], uu7["coverage"], uu7["coverage_detail"]) == (["uu7-2017bt.pdf"], "lengkap", None)


def test_counts_are_those_of_the_serving_index_when_one_is_given(tmp_path, mirror, manifest):
    """After an ingest interrupted between writing units/ and swapping the index, status counts
    what answers are drawn from, and says that units/ differs."""
    corpus, units = tmp_path / "corpus", tmp_path / "units"
    corpus.mkdir()
    shutil.copy(mirror / "pp-42-2004.md", corpus)
    doc = ParsedDocument("pp-42-2004", [_unit("pp-42-2004", n) for n in (1, 2, 3)], ParseReport(doc_id="pp-42-2004"))
    store.write_document(doc, units)

    same = {s.doc_id: s for s in corpus_status(manifest, corpus, units, serving={"pp-42-2004": 3})}["pp-42-2004"]
    assert same.units == 3 and not any("indeks yang dipakai" in w for w in same.warnings)
    behind = {s.doc_id: s for s in corpus_status(manifest, corpus, units, serving={"pp-42-2004": 2})}["pp-42-2004"]
    assert behind.units == 2
    assert "3 unit tersimpan, 2 unit di indeks yang dipakai (ingest terakhir tidak selesai?); jalankan `rujukan ingest`" in behind.warnings


def test_status_tells_the_parse_warnings_in_indonesian(tmp_path, monkeypatch, capsys):
    """A Penjelasan of an ayat the law lacks, as ingest finds it and `corpus status` tells it."""
    doc = dataclasses.replace(CUTI, body=CUTI.body + PENJELASAN_OF_A_MISSING_AYAT)
    write_corpus(tmp_path, (doc,), checksums=False)
    for name, value in environment(tmp_path).items():
        monkeypatch.setenv(name, value)
    assert cli.main(["ingest", "--no-index", "--no-progress"]) == 0
    capsys.readouterr()
    assert cli.main(["corpus", "status"]) == 0
    out = capsys.readouterr().out
    assert ("- uu-92-2092: uu-92-2092/penjelasan/pasal-1/ayat-3: uu-92-2092/pasal-1/ayat-3 tidak ada; "
            "dipasang sebagai penjelasan uu-92-2092/pasal-1\n") in out  # fmt: skip
    assert not re.search(r"\b(?:does not|not found|no \w+ found|explains)\b", out)


PENJELASAN_OF_A_MISSING_AYAT = """
PENJELASAN
ATAS
UNDANG-UNDANG REPUBLIK INDONESIA
NOMOR 92 TAHUN 2092
TENTANG
CUTI PEJABAT CONTOH
I. UMUM
Cukup jelas.
II. PASAL DEMI PASAL
Pasal 1
Ayat (1)
Cukup jelas.
Ayat (3)
Yang dimaksud dengan cuti adalah cuti contoh.
Pasal 2
Cukup jelas.
"""
