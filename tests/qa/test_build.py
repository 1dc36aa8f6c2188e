"""After ingest: the index is rebuilt from the stored units, unless the serving build already holds them."""

from __future__ import annotations

import json
import shutil
from itertools import groupby

import cli
from corpus.manifest import load_manifest
from corpus.settings import Settings
from ingest import store
from ingest.model import ParsedDocument, ParseReport, Unit
from ingest.pipeline import DocResult, IngestResult
from qa import index
from qa.build import FACTS_FILE, _build_intact, update_index


def test_build_intact_notices_a_damaged_build(sample_index, tmp_path):
    _, info = sample_index
    build = tmp_path / "build"
    shutil.copytree(info.build_dir, build)
    indexed = [u.id for u in index.select_units(_units_of(build))]
    assert _build_intact(build, info, indexed)
    assert not _build_intact(build, info, indexed[:-1])  # BM25 ids differ
    (build / "chroma" / "chroma.sqlite3").unlink()
    assert not _build_intact(build, info, indexed)


def _units_of(build):
    data = json.loads((build / index.UNITS_FILE).read_text(encoding="utf-8"))
    return [Unit.from_dict(u) for u in data["units"]]


def test_update_index_rebuilds_only_when_units_or_build_changed(tmp_path, make_units, embedding_cache,
                                                                  sample_index):  # fmt: skip
    settings = Settings(data_dir=tmp_path)
    settings.cache_dir.mkdir(parents=True)
    shutil.copy(embedding_cache, settings.cache_dir / "embeddings.sqlite")  # sample_index filled it
    manifest = load_manifest()
    units = make_units()
    for doc_id, group in groupby(sorted(units, key=lambda u: (u.doc_id, u.order)), key=lambda u: u.doc_id):
        store.write_document(ParsedDocument(doc_id, list(group), ParseReport(doc_id=doc_id)), settings.units_dir)

    def run() -> IngestResult:
        result = IngestResult(documents=[DocResult("uu-5-2014", ok=True, written=True)])
        update_index(settings, manifest, result, progress=False)
        assert not result.index_error, result.index_error
        return result

    first = run()
    assert first.index["units_total"] == len(units) and first.index["embedded"] == 0  # all from the cache
    build = index.current_build(settings.index_dir)
    assert (settings.index_dir / FACTS_FILE).is_file()

    again = run()
    assert again.index is None
    assert again.messages == ["indeks tidak diubah: unit sama dengan indeks yang dipakai"]
    assert index.current_build(settings.index_dir) == build

    (build / "vectors.npy").unlink()  # damaged outside Rujukan: the next ingest must rebuild
    repaired = run()
    assert repaired.index is not None and index.current_build(settings.index_dir) != build

    nothing = IngestResult(documents=[DocResult("uu-5-2014", error="rusak")])
    update_index(settings, manifest, nothing, progress=False)
    assert nothing.messages == ["indeks tidak diubah: tidak ada dokumen yang berhasil diingest"]


def test_index_failure_is_reported_and_units_are_kept(tmp_path, monkeypatch, mirror, capsys):
    monkeypatch.setenv("RUJUKAN_DATA", str(tmp_path))
    (tmp_path / "index").mkdir()  # the ingest lock lives here; no build folder can be made beside it
    (tmp_path / "index" / "builds").write_text("not a folder")
    code = cli.main(["ingest", "--file", str(mirror / "pp-42-2004.md"), "--no-progress"])
    out = capsys.readouterr().err
    assert code == 1
    assert "GAGAL indeks: indeks gagal dibangun (FileExistsError" in out
    assert "indeks lama tetap dipakai" in out
    assert (tmp_path / "units" / "pp-42-2004.json").is_file()
    assert (tmp_path / "index" / "builds").read_text() == "not a folder"
