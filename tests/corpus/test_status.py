"""``corpus status``: what is present, what would be read, what ingest produced."""

from __future__ import annotations

import json
import shutil

import cli
from corpus.status import ADA, BELUM_PASTI, CHECKSUM_SALAH, TIDAK_ADA, corpus_status, ingest_sources
from ingest import store
from ingest.model import ParsedDocument, ParseReport, Unit


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


def test_fetch_command_from_mirror(tmp_path, monkeypatch, capsys, mirror):
    monkeypatch.setenv("RUJUKAN_DATA", str(tmp_path))
    assert cli.main(["corpus", "fetch", "--mirror", str(mirror), "--only", "pp-42-2004", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "ok pp-42-2004: pp-42-2004.md: diambil, sha256 cocok" in out
    assert "-- pp-42-2004: pp-42-2004.pdf: tidak ada di mirror" in out
    assert sorted(p.name for p in (tmp_path / "corpus").iterdir()) == ["pp-42-2004.md"]
    assert cli.main(["corpus", "fetch", "--only", "no-such-doc"]) == 2
    assert "id dokumen tidak dikenal di manifest: no-such-doc" in capsys.readouterr().err


def test_fetch_without_official_url_is_reported_not_a_crash(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("RUJUKAN_DATA", str(tmp_path))
    monkeypatch.delenv("RUJUKAN_MIRROR", raising=False)
    assert cli.main(["corpus", "fetch", "--only", "skb-2-2022", "--no-progress"]) == 0
    assert "skb-2-2022: skb-2-2022.pdf: tidak ada URL resmi di manifest" in capsys.readouterr().out


def test_fetch_uses_rujukan_mirror_from_the_environment(tmp_path, monkeypatch, capsys, mirror):
    monkeypatch.setenv("RUJUKAN_DATA", str(tmp_path))
    monkeypatch.setenv("RUJUKAN_MIRROR", str(mirror))
    assert cli.main(["corpus", "fetch", "--only", "uu-20-2023", "--no-progress"]) == 0
    assert f"dari mirror {mirror.resolve()}" in capsys.readouterr().out  # paths are reported resolved
    assert (tmp_path / "corpus" / "uu-20-2023.md").is_file()
    monkeypatch.setenv("RUJUKAN_MIRROR", str(tmp_path / "nowhere"))
    assert cli.main(["corpus", "fetch", "--no-progress"]) == 2
    assert "folder mirror tidak ditemukan" in capsys.readouterr().err


def test_whole_file_preferred_and_parts_only_as_a_complete_set(tmp_path):
    from corpus.manifest import DocumentMeta, SourceFile

    doc = DocumentMeta(
        id="uu-7-2017", kind="UU", number="7", year=2017, title="t", citation="c", short_name="UU 7/2017",
        sources=(
            SourceFile("bt-1.pdf", part=1), SourceFile("bt-2.pdf", part=2),
            SourceFile("whole.pdf"), SourceFile("copy.md", format="text"),
        ),
    )
    (tmp_path / "copy.md").write_text("Pasal 1")
    (tmp_path / "bt-2.pdf").write_bytes(b"%PDF")
    assert ingest_sources(doc, tmp_path) == [tmp_path / "copy.md"]  # part 1 missing: parts unusable
    (tmp_path / "bt-1.pdf").write_bytes(b"%PDF")
    assert ingest_sources(doc, tmp_path) == [tmp_path / "bt-1.pdf", tmp_path / "bt-2.pdf"]
    (tmp_path / "whole.pdf").write_bytes(b"%PDF")
    assert ingest_sources(doc, tmp_path) == [tmp_path / "whole.pdf"]


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
