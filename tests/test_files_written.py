"""Everything Rujukan writes goes under RUJUKAN_DATA and RUJUKAN_REPORTS.

The CLI (ingest, ask, search, show, kajian, corpus status), a real ``streamlit run`` server
and the app driven through AppTest (ask, read, materi and its exports, kajian, upload of a
document, its deletion) run against temporary data and report folders, and every file under
the installation (this repository) is listed before and after: nothing may appear or change
there. The CLI processes get an empty HOME, which must stay empty too. Python's bytecode cache
is switched off for the run: it is the interpreter's, not Rujukan's, and would otherwise be
written beside the code on the first import of a module.
"""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.fixtures.streamlit_app import running_app
from tests.fixtures.text_pdf import SE_NETRALITAS as SE
from tests.fixtures.text_pdf import text_pdf
from tests.fixtures.tiny_corpus import command, environment, write_corpus

REPO = Path(__file__).resolve().parents[1]
APP = str(REPO / "app.py")
# Written by pytest itself at the end of a session, not by Rujukan.
IGNORED = {".pytest_cache"}


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``root`` (links not followed): path -> (mtime in ns, size)."""
    files = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d not in IGNORED]
        for name in names:
            path = Path(folder) / name
            try:
                stat = path.lstat()
            except FileNotFoundError:
                continue
            files[str(path.relative_to(root))] = (stat.st_mtime_ns, stat.st_size)
    return files


def changed(before: dict, after: dict) -> list[str]:
    return sorted(p for p in after if before.get(p) != after[p]) + sorted(f"deleted {p}" for p in before.keys() - after.keys())


def _cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(command(*args), env=env, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, (args, done.stdout[-2000:], done.stderr[-2000:])
    return done.stdout


def _run_app(monkeypatch) -> None:
    def ok(at: AppTest) -> AppTest:
        assert not at.exception, [e.value for e in at.exception]
        return at

    def goto(at: AppTest, script: str) -> AppTest:
        return ok(at.switch_page(script).run())

    def start(unit: str = "") -> AppTest:
        at = AppTest.from_file(APP, default_timeout=300)
        if unit:
            at.query_params["unit"] = unit
        return ok(at.run())

    at = start()
    at.text_input(key="pertanyaan").input("apakah pengawas boleh menjadi anggota partai politik?")
    ok(at.form_submit_button[0].click().run())
    assert at.session_state.jawaban is not None
    at = start("uu-91-2091/pasal-2")
    at.button(key="baca_materi").click().run()  # the materi set is saved in the data folder
    goto(at, "pages/materi.py")
    assert at.get("download_button")
    # The PDF and DOCX are made when their button is pressed, which AppTest cannot do: made here,
    # in this process, by the functions the buttons call.
    from qa import materi

    items = list(at.session_state.materi)
    assert [i.key for i in items] and materi.to_pdf(items, "Uji")[:5] == b"%PDF-"
    assert materi.to_docx(items, "Uji")[:2] == b"PK"
    at = goto(at, "pages/kajian.py")
    at.text_area(key="uraian_kajian").input("Camat X hadir di deklarasi pasangan calon bupati memakai seragam dinas")
    ok(at.form_submit_button[0].click().run())
    assert at.session_state.kajian is not None, [e.value for e in at.error]
    assert at.download_button(key="kajian_md").label == "Unduh Markdown"
    goto(at, "pages/cari.py")

    at = goto(at, "pages/tambah_dokumen.py")
    at.file_uploader[0].set_value(("se.pdf", text_pdf(SE), "application/pdf"))
    at.selectbox(key="jenis").set_value("Surat Edaran")
    at.text_input(key="nomor").input("100.2.1/1234/SJ")
    at.number_input(key="tahun").set_value(2024)
    at.text_input(key="judul").input("Netralitas Aparatur Sipil Negara")
    ok(at.form_submit_button[0].click().run())
    assert at.success[0].value.startswith("SE 100.2.1/1234/SJ Tahun 2024 ditambahkan:"), [e.value for e in at.error]
    assert start("se-100-2-1-1234-sj-2024/angka-1").get("download_button")  # its PDF, from the data folder
    at = goto(start(), "pages/tambah_dokumen.py")
    at.button(key="hapus_0").click().run()
    ok(at.button(key="hapus_ya_0").click().run())
    assert at.success[0].value.startswith("SE 100.2.1/1234/SJ Tahun 2024 dihapus")


def test_the_cli_and_the_app_write_only_into_the_data_and_reports_folders(tmp_path, monkeypatch):
    data, reports, home = tmp_path / "data", tmp_path / "reports", tmp_path / "home"
    home.mkdir()
    manifest = write_corpus(data)
    # The corpus's own manifest too (its sources are absent, only the tiny laws are ingested):
    # the kajian rules name its documents.
    from corpus.settings import MANIFEST_PATH

    manifest.write_text(MANIFEST_PATH.read_text(encoding="utf-8") + "\n" + manifest.read_text(encoding="utf-8"))
    env = environment(data, RUJUKAN_REPORTS=str(reports), RUJUKAN_EMBED_THREADS="1", PYTHONDONTWRITEBYTECODE="1",
                      HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"))  # fmt: skip
    env.pop("RUJUKAN_LLM", None)
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    before = snapshot(REPO)

    _cli(env, "ingest", "--no-progress", "--only", "uu-91-2091", "uu-92-2092")
    assert "UU 91/2091" in _cli(env, "ask", "apakah pengawas boleh menjadi anggota partai politik?")
    _cli(env, "search", "partai politik")
    _cli(env, "show", "uu-91-2091/pasal-2")
    _cli(env, "kajian", "--json", "Camat X hadir di deklarasi pasangan calon bupati memakai seragam dinas")
    _cli(env, "corpus", "status")
    assert not any(home.rglob("*")), sorted(str(p) for p in home.rglob("*"))

    with running_app(env, tmp_path / "streamlit.log") as url:  # a real server, opened on a unit
        with urllib.request.urlopen(f"{url}/?unit=uu-91-2091/pasal-2", timeout=30) as response:
            assert response.status == 200

    for name, value in (("RUJUKAN_DATA", data), ("RUJUKAN_REPORTS", reports), ("RUJUKAN_MANIFEST", data / "manifest.toml")):
        monkeypatch.setenv(name, str(value))
    monkeypatch.delenv("RUJUKAN_LLM", raising=False)
    _run_app(monkeypatch)

    assert changed(before, snapshot(REPO)) == []
    assert (data / "index" / "CURRENT").is_file() and any((data / "user" / "materi").iterdir())
