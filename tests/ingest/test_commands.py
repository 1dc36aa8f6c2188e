"""The argument handling of ``rujukan ingest``."""

from __future__ import annotations

import json

import cli
from ingest import store
from ingest.model import ParsedDocument, ParseReport, Unit, Version


def test_ingest_argument_errors(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("RUJUKAN_DATA", str(tmp_path))
    stray = tmp_path / "unknown-name.pdf"
    stray.write_bytes(b"%PDF-1.4")
    assert cli.main(["ingest", "--file", str(stray), "--no-index", "--no-progress"]) == 2
    assert "unknown-name.pdf: nama berkas tidak tercantum di manifest; sebutkan dokumennya dengan --id" in (
        capsys.readouterr().err
    )
    assert cli.main(["ingest", "--file", str(tmp_path / "nope.pdf")]) == 2
    assert "berkas tidak ditemukan" in capsys.readouterr().err
    assert cli.main(["ingest", "--file", str(stray), "--id", "uu-99-2099"]) == 2
    assert "id dokumen tidak dikenal di manifest: uu-99-2099" in capsys.readouterr().err
    assert cli.main(["ingest", "--only", "uu-99-2099", "--no-progress"]) == 2


def test_ingest_of_a_requested_missing_document_fails_cleanly(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("RUJUKAN_DATA", str(tmp_path))
    assert cli.main(["ingest", "--only", "skb-2-2022", "--no-index", "--no-progress"]) == 1
    captured = capsys.readouterr()
    assert "dilewati skb-2-2022: berkas tidak ada di folder korpus" in captured.err
    assert "0 dokumen diingest, 1 gagal." in captured.out
    assert "Traceback" not in captured.err
    assert not (tmp_path / "units").exists()


def test_show_of_uu_7_2017_consolidated_and_outside_the_part_held(pemilu_mirror, monkeypatch, capsys):
    monkeypatch.setenv("RUJUKAN_DATA", str(pemilu_mirror[2]))
    assert cli.main(["show", "uu-7-2017/pasal-186", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "580" in data["text"]
    assert [(v["change"], v["source_label"]) for v in data["history"]] == [
        ("asli", "Pasal 186 UU 7/2017"), ("diubah", "Pasal I angka 6 UU 7/2023"),
    ]
    assert data["short_label"] == "Pasal 186 UU 7/2017 sebagaimana telah diubah dengan UU 7/2023"

    # A Pasal beyond the copy: the same words as an answer would use, and no other suggestion.
    assert cli.main(["show", "uu-7-2017/pasal-280"]) == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == (
        "Pasal 280 UU 7/2017 sebagaimana telah diubah dengan UU 7/2023 belum ada di korpus: berkas yang tersedia hanya memuat Pasal 1\u2013214; "
        "tambahkan PDF resmi lewat Tambah Dokumen"
    )
    assert captured.out == ""
    assert cli.main(["show", "uu-7-2017/pasal-280/ayat-2", "--json"]) == 1
    assert capsys.readouterr().err.startswith("Pasal 280 UU 7/2017 sebagaimana telah diubah dengan UU 7/2023 belum ada di korpus")

    # Pasal 276 exists as amended, marked as known only from UU 7/2023; its references into the
    # missing range are shown as known-missing provisions.
    assert cli.main(["show", "uu-7-2017/pasal-276/ayat-1"]) == 0
    out = capsys.readouterr().out
    assert "catatan: Teks asli pasal ini tidak ada di korpus" in out
    assert "  - uu-7-2017/pasal-267 \u2014 Pasal 267 UU 7/2017 sebagaimana telah diubah dengan UU 7/2023 belum ada di korpus" in out
    assert cli.main(["show", "uu-7-2017/pasal-276/ayat-1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["coverage_note"].endswith("teks ini diketahui hanya dari Pasal I angka 8 UU 7/2023.")
    assert data["missing_refs"]["uu-7-2017/pasal-267"].startswith("Pasal 267 UU 7/2017 sebagaimana telah diubah dengan UU 7/2023 belum ada di korpus")
