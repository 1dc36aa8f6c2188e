"""The corpus folder against the manifest: what is present, what ingest would read; ``corpus fetch``."""

from __future__ import annotations

import shutil

import cli
from corpus.status import ADA, BELUM_PASTI, CHECKSUM_SALAH, TIDAK_ADA, file_status, ingest_sources


def test_file_status_per_document(tmp_path, mirror, manifest):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(mirror / "uu-5-2014.md", corpus)
    (corpus / "pp-94-2021.pdf").write_bytes(b"%PDF-1.4 not the Setneg salinan")
    (corpus / "pp-42-2004.pdf").write_bytes(b"%PDF-1.4 an official PDF, checksum unknown")

    by_id = {s.doc_id: s for s in file_status(manifest, corpus)}
    uu5 = by_id["uu-5-2014"]
    assert (uu5.state, uu5.ingest_files, uu5.ingested, uu5.units) == (ADA, ["uu-5-2014.md"], False, None)
    assert [(f.file, f.state, f.verified) for f in uu5.files] == [
        ("uu-5-2014.pdf", TIDAK_ADA, False), ("uu-5-2014.md", ADA, True),
    ]
    assert uu5.warnings == []
    pp94 = by_id["pp-94-2021"]
    assert (pp94.state, pp94.ingest_files) == (CHECKSUM_SALAH, [])
    assert pp94.warnings == ["pp-94-2021.pdf: checksum tidak cocok dengan manifest; berkas ini tidak dipakai"]
    assert by_id["pp-42-2004"].warnings == [
        "checksum berkas yang dipakai tidak tercatat di manifest; keasliannya belum diperiksa"
    ]
    assert by_id["uu-7-2017"].state == TIDAK_ADA
    assert by_id["surat-mendagri-netralitas-asn"].state == BELUM_PASTI


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
