"""An added document ingested and indexed, or the addition undone when it cannot be read."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from corpus import user_documents as ud
from corpus.manifest import load_manifest
from corpus.settings import Settings
from qa.commands import run_ingest_command
from qa.index import current_build
from qa.retrieval import Retriever
from qa.uploads import ingest_added, remove_added, replace_added, settle, title_mismatch
from tests.fixtures.text_pdf import SE_NETRALITAS as SE
from tests.fixtures.text_pdf import text_pdf

FORM = ud.Upload(kind="Surat Edaran", number="100.2.1/1234/SJ", year=2024, title="Netralitas Aparatur Sipil Negara",
                 issuer="Menteri Dalam Negeri")  # fmt: skip


@pytest.fixture()
def settings(tmp_path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


def test_a_pdf_no_parser_can_read_is_refused_and_the_addition_undone(settings):
    data = settings.data_dir
    form = ud.Upload(kind="PP", number="77", year=2025, title="Belanja Kantor")
    lines = ["DAFTAR BELANJA KANTOR", "Kertas HVS dua rim.", "Tinta printer."]
    meta = ud.add_user_document(settings.user_dir, form, text_pdf(lines), load_manifest())
    with pytest.raises(ud.UserDocumentError) as refused:
        ingest_added(settings, meta.id)
    assert str(refused.value) == (
        "Tidak ada satu pun pasal atau butir yang dikenali. "
        "Periksa apakah berkas ini memang peraturan atau surat yang dimaksud dan jenisnya benar."
    )
    assert ud.user_manifest(settings.user_dir) == []
    assert not any((data / "user" / "files").iterdir())
    assert not (data / "units" / f"{meta.id}.json").exists()
    assert current_build(settings.index_dir) is None


def test_an_added_circular_is_ingested_indexed_and_found(settings):
    meta = ud.add_user_document(settings.user_dir, FORM, text_pdf(SE), load_manifest())
    result = ingest_added(settings, meta.id)
    assert result.index["units_indexed"] == 3
    assert current_build(settings.index_dir) is not None
    retriever = Retriever.from_settings(settings, ud.corpus_manifest(settings))
    hits = retriever.retrieve("tanda suka unggahan media sosial", k=1)
    assert hits[0].unit.id == f"{meta.id}/angka-1"
    assert hits[0].unit.short_label == "angka 1 SE 100.2.1/1234/SJ Tahun 2024"


# ----------------------------------------------------------------- title page, removal, replacement

SE_NEW = [*SE[:12], "1. Aparatur Sipil Negara dilarang membagikan ulang unggahan kampanye pasangan calon.", *SE[13:]]


def perbawaslu(tmp_path, blocks=None) -> bytes:
    from tests.fixtures.official_pdf import make_official_pdf
    from tests.fixtures.perbawaslu_pdf import PERBAWASLU_6_2018

    path = make_official_pdf(tmp_path / "perbawaslu.pdf", blocks or PERBAWASLU_6_2018, head=(), first_serial=None)
    return path.read_bytes()


PERBAWASLU_FORM = ud.Upload(kind="Peraturan Bawaslu", number="6", year=2018, title="Pengawasan Netralitas Pegawai Contoh")


def test_the_title_page_is_compared_with_the_form(tmp_path):
    data = perbawaslu(tmp_path)
    assert title_mismatch(PERBAWASLU_FORM, data) == ""
    wrong = ud.Upload(kind="PP", number="6", year=2019, title="x")
    assert title_mismatch(wrong, data) == (
        "Halaman judul berkas menyebut Peraturan Bawaslu Nomor 6 Tahun 2018, sedangkan formulir mengisi "
        "PP Nomor 6 Tahun 2019 (berbeda: jenis, tahun)."
    )
    assert title_mismatch(FORM, text_pdf(SE)) == ""
    other = ud.Upload(kind="Surat Edaran", number="100.2.1/9999/SJ", year=2024, title="x")
    assert title_mismatch(other, text_pdf(SE)) == (  # a letter's head gives its number only
        "Kepala surat pada berkas menyebut Nomor 100.2.1/1234/SJ, sedangkan formulir mengisi "
        "Nomor 100.2.1/9999/SJ (berbeda: nomor)."
    )


def _added(settings, tmp_path) -> tuple[str, str]:
    """Two added documents, indexed: the circular and a Peraturan Bawaslu."""
    se = ud.add_user_document(settings.user_dir, FORM, text_pdf(SE), load_manifest()).id
    ingest_added(settings, se)
    perb = ud.add_user_document(settings.user_dir, PERBAWASLU_FORM, perbawaslu(tmp_path), ud.corpus_manifest(settings)).id
    ingest_added(settings, perb)
    return se, perb


def _top(settings, question: str) -> str:
    retriever = Retriever.from_settings(settings, ud.corpus_manifest(settings))
    return retriever.retrieve(question, k=1)[0].unit.id


def _state(settings) -> tuple:
    """What serves and what is stored: build, metadata, files, stored unit files."""
    data = settings.data_dir
    return (
        current_build(settings.index_dir),
        (data / "user" / "documents.json").read_text(),
        sorted(p.name for p in (data / "user" / "files").iterdir()),
        sorted(p.name for p in settings.units_dir.glob("*.json")),
    )


QUESTION = "tanda suka unggahan media sosial pasangan calon"


def test_a_removed_document_leaves_the_index_units_and_files(settings, tmp_path):
    se, perb = _added(settings, tmp_path)
    assert _top(settings, QUESTION) == f"{se}/angka-1"
    remove_added(settings, se)
    assert [d.id for d in ud.user_manifest(settings.user_dir)] == [perb]
    assert not (settings.units_dir / f"{se}.json").exists()
    assert sorted(p.name for p in (settings.user_dir / "files").iterdir()) == [f"{perb}.pdf"]
    assert not ud.journal_path(settings.user_dir).exists()
    from qa.index import read_units

    assert {u.doc_id for u in read_units(current_build(settings.index_dir))} == {perb}
    assert _top(settings, QUESTION).startswith(perb)
    with pytest.raises(ud.UserDocumentError, match="bukan dokumen tambahan pengguna"):
        remove_added(settings, "pp-94-2021")


class Crash(BaseException):
    """A kill in the middle: no except clause of the code under test catches it."""


def _killed_at(monkeypatch, target: str, change, *args) -> None:
    """Run ``change(*args)`` with ``target`` killing the process at that point, then undo the patch."""

    def killed(*_args, **_kwargs):
        raise Crash

    monkeypatch.setattr(target, killed)
    with pytest.raises(Crash):
        change(*args)
    monkeypatch.undo()


def test_a_removal_killed_before_the_index_swap_leaves_the_document_serving(settings, tmp_path, monkeypatch):
    se, _ = _added(settings, tmp_path)
    before = _state(settings)

    _killed_at(monkeypatch, "qa.index.build_in", remove_added, settings, se)
    assert ud.journal_path(settings.user_dir).exists()
    assert [d.id for d in ud.user_manifest(settings.user_dir)][0] == se
    assert _top(settings, QUESTION) == f"{se}/angka-1"  # the previous state serves
    assert settle(settings) == "dibatalkan"
    assert _state(settings) == before
    assert not ud.journal_path(settings.user_dir).exists()


def test_a_removal_killed_after_the_index_swap_is_finished(settings, tmp_path, monkeypatch):
    se, perb = _added(settings, tmp_path)

    _killed_at(monkeypatch, "qa.uploads.commit_change", remove_added, settings, se)
    assert _top(settings, QUESTION).startswith(perb)  # the new index serves already
    assert settle(settings) == "selesai"
    assert [d.id for d in ud.user_manifest(settings.user_dir)] == [perb]
    assert not (settings.units_dir / f"{se}.json").exists()
    assert not (settings.user_dir / "files" / f"{se}.pdf").exists()


def test_a_replaced_file_is_ingested_before_the_old_one_goes(settings, tmp_path):
    se, _ = _added(settings, tmp_path)
    new = text_pdf(SE_NEW)
    replace_added(settings, se, FORM, new, "se-baru.pdf")
    [entry] = [e for e in ud.user_manifest(settings.user_dir) if e.id == se]
    assert entry.sources[0].note == "diunggah sebagai se-baru.pdf"
    stored = sorted(p.name for p in (settings.user_dir / "files").iterdir())
    assert len(stored) == 2 and f"{se}.pdf" not in stored  # the old file is gone, the new one kept
    assert Path(entry.sources[0].file).read_bytes() == new
    hits = Retriever.from_settings(settings, ud.corpus_manifest(settings)).retrieve("membagikan ulang unggahan", k=1)
    assert hits[0].unit.id == f"{se}/angka-1"
    assert "membagikan ulang unggahan kampanye" in hits[0].unit.text


def test_a_replacement_that_cannot_be_read_keeps_the_old_document(settings, tmp_path):
    se, _ = _added(settings, tmp_path)
    before = _state(settings)
    with pytest.raises(ud.UserDocumentError, match=r"^Dokumen lama tetap dipakai\. Struktur surat \(nomor, hal, butir\) tidak ditemukan\."):
        replace_added(settings, se, FORM, text_pdf(["DAFTAR BELANJA", "Kertas dua rim."]), "belanja.pdf")
    assert _state(settings) == before
    assert not ud.journal_path(settings.user_dir).exists()
    with pytest.raises(ud.UserDocumentError, match="Pengganti harus dokumen yang sama"):
        replace_added(settings, se, PERBAWASLU_FORM, text_pdf(SE_NEW))


def test_the_last_document_removed_leaves_no_index(settings):
    se = ud.add_user_document(settings.user_dir, FORM, text_pdf(SE), load_manifest()).id
    ingest_added(settings, se)
    remove_added(settings, se)
    assert current_build(settings.index_dir) is None
    assert ud.user_manifest(settings.user_dir) == [] and not list(settings.units_dir.glob("*.json"))


def test_a_replacement_killed_before_the_index_swap_is_rolled_back(settings, tmp_path, monkeypatch):
    se, _ = _added(settings, tmp_path)
    before = _state(settings)
    units = (settings.units_dir / f"{se}.json").read_text()

    _killed_at(monkeypatch, "qa.index.build_in", replace_added, settings, se, FORM, text_pdf(SE_NEW), "se-baru.pdf")
    assert (settings.units_dir / f"{se}.json").read_text() != units  # the new units were stored
    assert _top(settings, QUESTION) == f"{se}/angka-1"  # but the old index serves
    assert settle(settings) == "dibatalkan"
    assert _state(settings) == before
    assert (settings.units_dir / f"{se}.json").read_text() == units


def test_an_ingest_settles_an_interrupted_removal_first(settings, tmp_path, monkeypatch):
    """Killed between the index swap and the tidying, a removal is finished by the next
    `rujukan ingest`, which would otherwise index the document's stored units again."""
    se, perb = _added(settings, tmp_path)

    _killed_at(monkeypatch, "qa.uploads.commit_change", remove_added, settings, se)
    args = argparse.Namespace(doc_id=None, file=None, only=None, no_progress=True, no_index=False, wait=False,
                              force=False, json=True)  # fmt: skip
    run_ingest_command(args, settings)
    from qa.index import read_units

    assert {u.doc_id for u in read_units(current_build(settings.index_dir))} == {perb}
    assert [d.id for d in ud.user_manifest(settings.user_dir)] == [perb]
    assert not ud.journal_path(settings.user_dir).exists()
