"""The ``rujukan`` entry point: every command registered, settings read once from the environment."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
from pathlib import Path

import pytest

import cli
import qa.commands
from tests.fixtures.tiny_corpus import REPO, command


def test_every_command_is_registered():
    sub = next(a for a in cli.build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert {"corpus", "ingest", "show", "search", "ask", "eval", "bench"} <= set(sub.choices)


def test_commands_get_the_settings_of_the_environment(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("RUJUKAN_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("RUJUKAN_MIRROR", str(tmp_path / "mirror"))
    assert cli.main(["corpus", "fetch", "--only", "pp-42-2004", "--no-progress"]) == 2
    assert capsys.readouterr().err == f"folder mirror tidak ditemukan: {tmp_path / 'mirror'}\n"


@pytest.mark.parametrize("name", ["RUJUKAN_EMBED_THREADS", "RUJUKAN_CHROMA_TIMEOUT"])
def test_an_unusable_setting_is_a_clear_error(tmp_path, monkeypatch, capsys, name):
    monkeypatch.setenv("RUJUKAN_DATA", str(tmp_path))
    monkeypatch.setenv(name, "dua")
    assert cli.main(["corpus", "status"]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"pengaturan tidak dapat dipakai: {name}='dua' bukan angka\n"
    assert captured.out == "" and not (tmp_path / "corpus").exists()


def _commands() -> list[list[str]]:
    sub = next(a for a in cli.build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    out = [[]]
    for name, parser in sub.choices.items():
        out.append([name])
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                out += [[name, child] for child in action.choices]
    return out


@pytest.mark.parametrize("command_line", _commands(), ids=lambda c: " ".join(c) or "rujukan")
def test_help_is_indonesian(command_line, capsys):
    with pytest.raises(SystemExit) as done:
        cli.main([*command_line, "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith("pemakaian: rujukan") and "\nopsi:\n" in text
    assert "  -h, --help" in text and "tampilkan bantuan ini lalu keluar" in text
    prose = re.sub(r"--?[\w-]+|\S+[./]\S+", " ", text)  # option names and paths aside
    english = re.findall(r"\b(?:usage|options|the|and|of|or|with|this|only|file|run|write|from|into)\b", prose)
    assert not english, english


def test_command_line_mistakes_are_told_in_indonesian(capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(["search", "kampanye", "--k", "dua"])
    assert done.value.code == 2
    assert capsys.readouterr().err.endswith("rujukan search: galat: argumen --k: nilai int tidak sah: 'dua'\n")
    with pytest.raises(SystemExit):
        cli.main(["ask"])
    assert capsys.readouterr().err.endswith("rujukan ask: galat: argumen berikut wajib diisi: PERTANYAAN\n")
    with pytest.raises(SystemExit):
        cli.main(["tanya"])
    assert "galat: argumen PERINTAH: pilihan tidak sah: 'tanya' (pilih dari 'corpus', " in capsys.readouterr().err
    assert cli.main(["corpus"]) == 2  # no subcommand: the help, in Indonesian too
    assert capsys.readouterr().out.startswith("pemakaian: rujukan corpus [-h] SUBPERINTAH ...")
    # Only while a command runs: argparse elsewhere in the process keeps its own words.
    assert argparse.ArgumentParser(prog="lain").format_usage() == "usage: lain [-h]\n"


def test_a_failure_nobody_foresaw_is_told_in_indonesian(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("RUJUKAN_DATA", str(tmp_path))
    monkeypatch.setattr(qa.commands, "format_unit", lambda *a: 1 / 0)
    from ingest import store
    from ingest.model import ParsedDocument, ParseReport, Unit

    unit = Unit(id="uu-1-2015/pasal-1", doc_id="uu-1-2015", kind="pasal", number="1", label="Pasal 1",
                short_label="Pasal 1 UU 1/2015", text="Pasal 1 ...", order=0)  # fmt: skip
    store.write_document(ParsedDocument("uu-1-2015", [unit], ParseReport(doc_id="uu-1-2015")), tmp_path / "units")
    assert cli.main(["show", "uu-1-2015/pasal-1"]) == 1
    captured = capsys.readouterr()
    assert captured.err == ("gagal karena kesalahan sistem (ZeroDivisionError: division by zero); "
                            "jalankan lagi dengan `rujukan -v ...` untuk rinciannya\n")  # fmt: skip
    assert "Traceback" not in captured.err


# ----------------------------------------------------------------- the real CLI on the real index


def _rujukan(data: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, RUJUKAN_DATA=str(data), RUJUKAN_EMBED_THREADS="1")
    return subprocess.run(command(*args), capture_output=True, text=True, env=env, cwd=REPO, timeout=600, check=False)


@pytest.mark.parametrize(
    ("asked", "unit_id", "label"),
    [
        ("UU-1-2015/Pasal-71", "uu-1-2015/pasal-71", "(Pasal 71 UU 1/2015"),
        ("uu-1-2015/pasal-22b", "uu-1-2015/pasal-22B", "(Pasal 22B UU 1/2015"),
        ("UU-10-2016/PASAL-I/ANGKA-26", "uu-10-2016/pasal-I/angka-26", "(Pasal I angka 26 UU 10/2016"),
        ("Pasal 22B UU 1/2015", "uu-1-2015/pasal-22B", "(Pasal 22B UU 1/2015"),
        ("pasal 71 ayat (1) uu 1/2015", "uu-1-2015/pasal-71/ayat-1", "(Pasal 71 ayat (1) UU 1/2015"),
        ("Penjelasan Pasal 5 PP 94/2021", "pp-94-2021/penjelasan/pasal-5", "(Penjelasan Pasal 5 PP 94/2021)"),
        ("Pasal 87 ayat 4 huruf b UU ASN 2014", "uu-5-2014/pasal-87/ayat-4/huruf-b", "(Pasal 87 ayat (4) huruf b UU 5/2014"),
        ("Penjelasan Umum UU 1/2015", "uu-1-2015/penjelasan-umum", "(Penjelasan Umum UU 1/2015 sebagaimana"),
        ("uu-1-2015/penjelasan-umum", "uu-1-2015/penjelasan-umum", "(Penjelasan Umum UU 1/2015 sebagaimana"),
    ],
)
def test_show_takes_ids_in_any_case_and_labels(full_data, asked, unit_id, label):
    shown = _rujukan(full_data, "show", asked)
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[1].startswith(label) and lines[2] == f"id: {unit_id}"
    assert shown.stderr == ""


@pytest.mark.parametrize(
    ("asked", "message"),
    [
        ("Pasal 150 UU 5/2014", "Pasal 150 UU 5/2014 tidak ada: UU 5/2014 memuat Pasal 1–141."),
        ("uu-5-2014/pasal-150", "Pasal 150 UU 5/2014 tidak ada: UU 5/2014 memuat Pasal 1–141."),
        ("Pasal 71 ayat (9) UU 1/2015", "Pasal 71 ayat (9) UU 1/2015 tidak ada: Pasal 71 UU 1/2015 memuat ayat (1)–(6)."),
        ("Pasal 5 huruf z PP 94/2021", "Pasal 5 huruf z PP 94/2021 tidak ada: Pasal 5 PP 94/2021 memuat huruf a–n."),
        ("Pasal 15 PP 11/2017", "PP 11/2017 tidak ada di korpus Rujukan."),
        ("uu-99-2020/pasal-1", "Dokumen 'uu-99-2020' tidak ada di korpus Rujukan."),
        ("Penjelasan Umum UU 7/2017", "Penjelasan Umum UU 7/2017 tidak ada di korpus Rujukan."),
        ("Pasal 122A UU 1/2015", "Pasal 122A UU 1/2015 sebagaimana telah beberapa kali diubah terakhir dengan "
         "UU 6/2020 disisipkan oleh UU 6/2020; teksnya tidak ada di korpus (periksa UU 6/2020)."),
    ],
)
def test_show_says_what_ask_says_of_what_the_corpus_lacks(full_data, asked, message):
    shown = _rujukan(full_data, "show", asked)
    assert (shown.returncode, shown.stdout, shown.stderr) == (1, "", message + "\n")
    if " " in asked:  # a label: the same words as the answer to the same question
        assert _rujukan(full_data, "ask", asked).stdout.startswith(message + "\n")


def test_show_of_a_typo_suggests_ids_and_never_reads_a_wrong_provision(full_data):
    shown = _rujukan(full_data, "show", "uu-1-2015/pasal-71/ayat-1x")  # not ayat (1)
    assert shown.returncode == 1 and shown.stdout == ""
    assert shown.stderr.startswith("'uu-1-2015/pasal-71/ayat-1x' tidak ditemukan")
    assert "Mungkin maksud Anda:\n  uu-1-2015/pasal-71/ayat-1  (Pasal 71 ayat (1) UU 1/2015" in shown.stderr
    bare = _rujukan(full_data, "show", "pasal 71")
    assert bare.returncode == 1 and "Sebutkan dokumennya, mis. 'Pasal 71 UU 1/2015'" in bare.stderr
    for document in ("UU 1/2015", "UU-1-2015"):
        whole = _rujukan(full_data, "show", document)
        assert (whole.returncode, whole.stdout) == (1, "")
        assert whole.stderr.startswith(f"'{document}' menyebut dokumen UU 1/2015, bukan salah satu ketentuannya; ")


def test_show_of_a_revoked_provision_names_its_counterpart_or_only_the_revoking_provision(full_data):
    paired = _rujukan(full_data, "show", "uu-5-2014/pasal-87/ayat-4/huruf-c").stdout.splitlines()
    assert paired[3:6] == [
        "status: dicabut — dicabut oleh Pasal 76 UU 20/2023",
        "perhatian: Ketentuan ini dicabut oleh Pasal 76 UU 20/2023 dan tidak berlaku lagi. "
        "Padanannya yang berlaku: Pasal 52 ayat (3) huruf j UU 20/2023.",
        "padanan yang berlaku: Pasal 52 ayat (3) huruf j UU 20/2023 [uu-20-2023/pasal-52/ayat-3/huruf-j]",
    ]
    alone = _rujukan(full_data, "show", "uu-5-2014/pasal-3").stdout.splitlines()
    assert alone[4] == "perhatian: Ketentuan ini dicabut oleh Pasal 76 UU 20/2023 dan tidak berlaku lagi."
    assert not any(line.startswith("padanan") for line in alone)


def test_search_shows_labels_and_retrievers_and_scores_only_when_asked(full_data):
    plain = _rujukan(full_data, "search", "Pasal 71 UU 1/2015", "--k", "3")
    assert plain.returncode == 0, plain.stderr
    lines = plain.stdout.splitlines()
    assert len(lines) == 6
    assert re.fullmatch(r" 1\. Pasal 71 UU 1/2015.* \(rujukan\)", lines[0])
    assert all(re.fullmatch(r" [23]\. .*  \((dense\+bm25|dense|bm25)\)", line) for line in lines[2::2])
    assert "skor" not in plain.stdout and not re.search(r"\d\.\d{4}", plain.stdout)
    verbose = _rujukan(full_data, "search", "Pasal 71 UU 1/2015", "--k", "3", "--verbose")
    scored = verbose.stdout.splitlines()
    assert re.fullmatch(r" 1\. Pasal 71 UU 1/2015.* \(rujukan\)  skor 1\.0000", scored[0])
    assert all(re.search(r"\)  skor 0\.\d{4}$", line) for line in scored[2::2])
    # The same hits in the same order, the scores aside.
    assert [re.sub(r"  skor \d\.\d{4}$", "", line) for line in scored] == lines
    assert plain.stderr == verbose.stderr == ""


def test_search_labels_the_prohibitions_a_situation_meets(full_data):
    found = _rujukan(full_data, "search", "camat jadi timses paslon, kena pasal apa?", "--k", "3")
    assert found.returncode == 0, found.stderr
    lines = found.stdout.splitlines()
    assert lines[0] == " 1. Pasal 5 huruf n angka 1 PP 94/2021  (situasi)"
    assert not any("situasi" in line for line in lines[2::2])


def test_search_names_a_provision_the_corpus_lacks_before_what_is_similar(full_data):
    found = _rujukan(full_data, "search", "Pasal 150 UU 5/2014", "--k", "3")
    assert found.returncode == 0
    assert found.stderr == "perhatian: Pasal 150 UU 5/2014 tidak ada: UU 5/2014 memuat Pasal 1–141.\n"
    labels = found.stdout.splitlines()[::2]
    assert len(labels) == 3 and not any(re.match(r" \d\. Pasal 150\b.*UU 5/2014", label) for label in labels)


@pytest.mark.parametrize(
    "args",
    [("search", "netralitas pegawai", "--k", "50"), ("show", "uu-1-2015/pasal-71"), ("corpus", "status"),
     ("ask", "asn boleh ikut kampanye?"), ("--help",)],
)
def test_a_closed_pipe_ends_quietly(full_data, args):
    """`rujukan search ... | head -1`: the reader is gone before the first line is written."""
    env = dict(os.environ, RUJUKAN_DATA=str(full_data), RUJUKAN_EMBED_THREADS="1")
    process = subprocess.Popen(command(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=REPO)
    process.stdout.close()
    err = process.stderr.read().decode()
    assert process.wait(timeout=600) in (0, 141)  # 141: ended by the closed pipe, as SIGPIPE would
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err


def test_ask_speaks_indonesian_to_the_end(full_data):
    asked = _rujukan(full_data, "ask", "asn boleh ikut kampanye?")
    assert asked.returncode == 0, asked.stderr
    assert re.search(r"\n\(\d+ ms, mesin ekstraktif\)\n$", asked.stdout)
    assert "extractive" not in asked.stdout
