"""Materi sets saved in the data folder: written whole, renamed, listed, reopened, shared as files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qa import materi_sets as ms
from qa.materi import JAWABAN, KETENTUAN, Kutipan, MateriItem

PASAL = MateriItem(
    kind=KETENTUAN,
    judul="Pasal 5 huruf n angka 1 PP 94/2021",
    kutipan=[Kutipan("pp-94-2021/pasal-5/huruf-n/angka-1", "Pasal 5 huruf n angka 1 Peraturan Pemerintah Nomor 94 "
                     "Tahun 2021 tentang Disiplin Pegawai Negeri Sipil", "Pasal 5 huruf n angka 1 PP 94/2021",
                     "ikut kampanye;", page=5, pengantar="memberikan dukungan ... dengan cara:")],
)  # fmt: skip
JAWAB = MateriItem(kind=JAWABAN, judul="Apakah PNS boleh ikut kampanye?", isi="Tidak boleh.", kutipan=list(PASAL.kutipan))


@pytest.fixture()
def where(tmp_path) -> Path:
    return tmp_path / "user" / "materi"


def test_a_saved_set_reads_back_equal_and_becomes_the_current_one(where):
    name = ms.save(where, "Materi  Netralitas ASN", [PASAL, JAWAB])
    assert name == "materi-netralitas-asn"
    assert ms.current(where) == name
    assert ms.load(where, name) == ("Materi Netralitas ASN", [PASAL, JAWAB])
    assert sorted(p.name for p in where.iterdir()) == ["CURRENT", "materi-netralitas-asn.json"]  # no temp file


def test_a_renamed_set_moves_and_never_overwrites_another(where):
    first = ms.save(where, "Pelatihan Panwascam", [PASAL])
    other = ms.save(where, "Bimtek Pengawas", [JAWAB])
    moved = ms.save(where, "Pelatihan Panwascam 2026", [PASAL], previous=first)
    assert not (where / f"{first}.json").exists()
    assert ms.current(where) == moved
    with pytest.raises(ms.MateriSetError, match="Sudah ada set materi berjudul “Bimtek pengawas”"):
        ms.save(where, "Bimtek  pengawas", [PASAL], previous=moved)
    assert ms.load(where, other) == ("Bimtek Pengawas", [JAWAB])  # untouched
    with pytest.raises(ms.MateriSetError, match="Judul materi tidak boleh kosong"):
        ms.save(where, "  ", [PASAL])


def test_listing_shows_every_readable_set_newest_first(where):
    (where / "lama.json").parent.mkdir(parents=True)
    (where / "lama.json").write_text(ms.to_json("Lama", [PASAL], saved="2020-01-01T00:00:00Z"))
    ms.save(where, "Baru", [PASAL, JAWAB])
    (where / "rusak.json").write_text("{bukan json")
    assert [(s.name, s.judul, s.count) for s in ms.listing(where)] == [("baru", "Baru", 2), ("lama", "Lama", 1)]
    assert ms.listing(where / "tidak-ada") == []


def test_the_current_set_is_forgotten_when_its_file_is_gone(where):
    name = ms.save(where, "Sementara", [PASAL])
    ms.remove(where, name)
    assert ms.current(where) is None
    assert not (where / ms.CURRENT).exists()
    with pytest.raises(ms.MateriSetError, match="tidak ada lagi"):
        ms.load(where, name)


def test_an_exported_set_is_imported_under_a_free_name(where, tmp_path):
    exported = ms.to_json("Materi Netralitas ASN", [PASAL, JAWAB]).encode()
    ms.save(where, "Materi Netralitas ASN", [JAWAB])
    name, judul, items = ms.import_set(where, exported)
    assert (name, judul, items) == ("materi-netralitas-asn-2", "Materi Netralitas ASN (2)", [PASAL, JAWAB])
    assert ms.current(where) == name
    assert ms.load(where, "materi-netralitas-asn") == ("Materi Netralitas ASN", [JAWAB])  # the old set is kept


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe bukan teks", "bukan set materi Rujukan (bukan JSON yang sah)"),
        (b'{"judul": "x", "butir": []}', "bukan set materi Rujukan."),
        (json.dumps({"format": "rujukan-materi", "versi": 9, "judul": "x", "butir": []}).encode(), "Versi set materi 9"),
        (json.dumps({"format": "rujukan-materi", "versi": 1, "butir": []}).encode(), "judul atau daftar butirnya"),
        (json.dumps({"format": "rujukan-materi", "versi": 1, "judul": "x", "butir": [{"kind": "lain", "judul": "y"}]})
         .encode(), "Butir ke-1 set materi ini rusak"),
        (json.dumps({"format": "rujukan-materi", "versi": 1, "judul": "x",
                     "butir": [{"kind": "ketentuan", "judul": "y", "kutipan": [{"unit_id": "a"}]}]}).encode(),
         "Butir ke-1 set materi ini rusak"),
    ],
)  # fmt: skip
def test_a_file_that_is_not_a_set_is_refused_and_nothing_is_written(where, content, message):
    with pytest.raises(ms.MateriSetError, match=message.replace("(", r"\(").replace(")", r"\)")):
        ms.import_set(where, content)
    assert not where.exists()
