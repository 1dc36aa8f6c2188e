"""``rujukan ingest`` (one file, --json) and ``rujukan show``: one unit as the serving index holds it
(as ingest stored it before any index)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time

import pytest

import cli
from corpus import user_documents
from corpus.settings import Settings
from ingest import store
from ingest.model import ParsedDocument, ParseReport, Unit, Version
from tests.fixtures.tiny_corpus import CUTI, REPO, command, environment, write_corpus


def _store_sample(units_folder):
    pasal = Unit(
        id="uu-1-2015/pasal-71/ayat-1", doc_id="uu-1-2015", kind="ayat", number="1",
        label="Pasal 71 ayat (1) Undang-Undang Nomor 1 Tahun 2015 tentang ...",
        short_label="Pasal 71 ayat (1) UU 1/2015 sebagaimana telah beberapa kali diubah terakhir dengan UU 6/2020",
        text="(1) Pejabat negara, pejabat daerah, pejabat aparatur sipil negara, ... dilarang membuat keputusan",
        order=1, pages=[30], refs=["uu-1-2015/pasal-1"], penjelasan="Cukup jelas.",
        status_note="diubah terakhir oleh Pasal I angka 27 UU 10/2016",
        history=[Version(text="(1) Pejabat negara ... (teks lama)", doc_id="uu-1-2015",
                         source_id="uu-1-2015/pasal-71/ayat-1", source_label="Pasal 71 ayat (1) UU 1/2015")],
    )
    target = Unit(id="uu-1-2015/pasal-1", doc_id="uu-1-2015", kind="pasal", number="1", label="Pasal 1",
                  short_label="Pasal 1 UU 1/2015", text="Pasal 1 ...", order=0)
    store.write_document(ParsedDocument("uu-1-2015", [target, pasal], ParseReport(doc_id="uu-1-2015")), units_folder)


def test_show_prints_unit_with_refs_and_history(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("RUJUKAN_DATA", str(tmp_path))
    _store_sample(tmp_path / "units")
    assert cli.main(["show", "uu-1-2015/pasal-71/ayat-1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Pasal 71 ayat (1) Undang-Undang Nomor 1 Tahun 2015")
    assert "status: berlaku — diubah terakhir oleh Pasal I angka 27 UU 10/2016" in out
    assert "halaman: 30" in out
    assert "Penjelasan:\nCukup jelas." in out
    assert "  - Pasal 1 UU 1/2015 [uu-1-2015/pasal-1]" in out
    assert "  - asli: Pasal 71 ayat (1) UU 1/2015\n      (1) Pejabat negara ... (teks lama)" in out

    assert cli.main(["show", "uu-1-2015/pasal-71/ayat-1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ref_labels"] == {"uu-1-2015/pasal-1": "Pasal 1 UU 1/2015"}
    assert data["history"][0]["source_label"] == "Pasal 71 ayat (1) UU 1/2015"


def test_show_missing_unit_suggests_close_ids(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("RUJUKAN_DATA", str(tmp_path))
    assert cli.main(["show", "uu-1-2015/pasal-71"]) == 1
    assert "belum ada dokumen yang diingest" in capsys.readouterr().err
    _store_sample(tmp_path / "units")
    assert cli.main(["show", "uu-1-2015/pasal-71/ayat-1x"]) == 1
    err = capsys.readouterr().err
    assert "'uu-1-2015/pasal-71/ayat-1x' tidak ditemukan" in err
    assert "Mungkin maksud Anda:\n  uu-1-2015/pasal-71/ayat-1" in err
    # An id of a provision that does not exist gets what `ask` says of it, not a neighbour.
    assert cli.main(["show", "uu-1-2015/pasal-72"]) == 1
    assert capsys.readouterr().err == "Pasal 72 UU 1/2015 tidak ada: UU 1/2015 memuat Pasal 1–1.\n"


def test_show_says_a_revocation_as_the_app_does():
    """The CLI's revocation lines come from qa.status_notes, the owner the app uses: the counterpart
    where the manifest's [[successor]] gives one (a successor id outside the corpus is not named),
    otherwise the revoking provision only."""
    from qa import status_notes
    from qa.commands import format_unit

    def revoked(unit_id, label, successors=()):
        return Unit(id=unit_id, doc_id="uu-5-2014", kind="huruf", number="c", label=label, short_label=label,
                    text="...", order=0, status="dicabut", status_note="dicabut oleh Pasal 76 UU 20/2023",
                    successors=list(successors))  # fmt: skip

    new = Unit(id="uu-20-2023/pasal-52/ayat-3/huruf-j", doc_id="uu-20-2023", kind="huruf", number="j", label="x",
               short_label="Pasal 52 ayat (3) huruf j UU 20/2023", text="...", order=0)  # fmt: skip
    old = revoked("uu-5-2014/pasal-87/ayat-4/huruf-c", "Pasal 87 ayat (4) huruf c UU 5/2014",
                  [new.id, "uu-20-2023/pasal-999"])  # fmt: skip
    alone = revoked("uu-5-2014/pasal-3", "Pasal 3 UU 5/2014")
    by_id = {u.id: u for u in (new, old, alone)}
    lines = format_unit(old, by_id).splitlines()
    assert lines[4] == f"perhatian: {status_notes.revocation_note(old, by_id)}"
    assert lines[4].endswith("Padanannya yang berlaku: Pasal 52 ayat (3) huruf j UU 20/2023.")
    assert lines[5] == "padanan yang berlaku: Pasal 52 ayat (3) huruf j UU 20/2023 [uu-20-2023/pasal-52/ayat-3/huruf-j]"
    lines = format_unit(alone, by_id).splitlines()
    assert lines[4] == "perhatian: Ketentuan ini dicabut oleh Pasal 76 UU 20/2023 dan tidak berlaku lagi."
    assert not any(line.startswith(("padanan", "penggantinya")) for line in lines)
    assert not any(line.startswith("perhatian") for line in format_unit(new, by_id).splitlines())


def test_show_and_ask_agree_when_units_were_written_but_the_index_not_swapped(tmp_path):
    """The state a kill between writing units/ and swapping the index leaves (here made with
    --no-index): show still shows what ask cites, from the serving build."""
    data = tmp_path / "data"
    write_corpus(data, checksums=False)

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(command(*args), capture_output=True, text=True, env=environment(data), cwd=REPO,
                              timeout=600, check=False)  # fmt: skip

    assert run("ingest", "--no-progress").returncode == 0
    path = data / "corpus" / CUTI.file  # Pasal 2 of UU 92/2092 goes, Pasal 3 comes
    path.write_text(path.read_text(encoding="utf-8").replace("Pasal 2\n", "Pasal 3\n"), encoding="utf-8")
    assert run("ingest", "--no-progress", "--no-index").returncode == 0
    stored = {u.id for u in store.load_units(folder=data / "units")}
    assert "uu-92-2092/pasal-3" in stored and "uu-92-2092/pasal-2" not in stored  # the index: the old text
    old = run("show", "uu-92-2092/pasal-2", "--json")
    assert old.returncode == 0, old.stderr
    asked = run("ask", "Pasal 2 UU 92/2092", "--json")
    assert json.loads(asked.stdout)["citations"][0]["unit_id"] == "uu-92-2092/pasal-2"
    assert json.loads(old.stdout)["text"] == json.loads(asked.stdout)["citations"][0]["text"]
    new = run("show", "uu-92-2092/pasal-3")
    assert new.returncode == 1 and new.stderr == "Pasal 3 UU 92/2092 tidak ada: UU 92/2092 memuat Pasal 1–2.\n"
    assert run("ingest", "--no-progress").returncode == 0  # the next ingest swaps both
    assert run("show", "uu-92-2092/pasal-3").returncode == 0
    assert run("show", "uu-92-2092/pasal-2").returncode == 1


def test_ingest_one_file_by_name(tmp_path, monkeypatch, mirror, capsys):
    monkeypatch.setenv("RUJUKAN_DATA", str(tmp_path / "data"))
    outside = tmp_path / "downloads"
    outside.mkdir()
    shutil.copy(mirror / "pp-42-2004.md", outside)
    assert cli.main(["ingest", "--file", str(outside / "pp-42-2004.md"), "--no-index", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "1 dokumen diingest, 0 gagal." in out
    assert sorted(p.name for p in (tmp_path / "data" / "units").iterdir()) == ["pp-42-2004.json"]
    # A file under another name needs --id.
    renamed = outside / "kode-etik.md"
    shutil.copy(mirror / "pp-42-2004.md", renamed)
    assert cli.main(["ingest", "--file", str(renamed), "--id", "pp-42-2004", "--no-index", "--no-progress"]) == 0
    assert store.read_document("pp-42-2004", tmp_path / "data" / "units").report.source == "kode-etik.md"


def test_ingest_json_carries_timings_per_stage(tmp_path, monkeypatch, mirror, capsys):
    monkeypatch.setenv("RUJUKAN_DATA", str(tmp_path))
    assert cli.main(["ingest", "--file", str(mirror / "pp-42-2004.md"), "--no-index", "--no-progress", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    [doc] = data["documents"]
    assert (doc["doc_id"], doc["method"], doc["written"], doc["read_cached"]) == ("pp-42-2004", "text", True, False)
    assert set(doc["timings"]) == {"read", "clean", "parse", "write"}
    assert {"write", "total"} <= set(data["timings"]) and data["index"] is None


@pytest.fixture
def held_elsewhere(tmp_path):
    """A tiny corpus in ``tmp_path/data`` whose ingest lock another process holds: (data, holder pid)."""
    data = tmp_path / "data"
    write_corpus(data, checksums=False)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from corpus.lock import ingest_lock\n"
         f"with ingest_lock({str(data / 'index')!r}):\n print('held', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO,
    )  # fmt: skip
    assert holder.stdout.readline() == "held\n"
    yield data, holder
    if holder.poll() is None:
        holder.communicate("", timeout=60)


@pytest.mark.parametrize("pending", [False, True], ids=["ingest", "settling-an-added-document"])
def test_an_ingest_while_another_holds_the_lock_says_so_and_changes_nothing(held_elsewhere, monkeypatch, capsys, pending):
    """Busy is said the same way whether the lock is met settling an interrupted change of an added
    document or ingesting."""
    data, holder = held_elsewhere
    monkeypatch.setenv("RUJUKAN_DATA", str(data))
    monkeypatch.setenv("RUJUKAN_MANIFEST", str(data / "manifest.toml"))
    user = Settings.from_env(environment(data)).user_dir
    if pending:
        user_documents.begin_change(user, "se-1-2024", before="")
    assert cli.main(["ingest", "--no-progress"]) == 3
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"gagal: ingest lain sedang berjalan pada folder data {data} (pid {holder.pid}, mulai ")
    assert err.endswith("; ingest ini tidak dijalankan agar indeks tidak rusak. Tunggu sampai selesai, "
                        "atau ulangi dengan --wait untuk menunggu otomatis\n")  # fmt: skip
    assert not (data / "units").exists()
    assert (user_documents.pending_change(user) is not None) == pending  # the change waits for the next run


def test_an_ingest_with_wait_settles_an_added_document_when_the_lock_is_free(held_elsewhere):
    """--wait waits for the lock at its first use too: settling an interrupted change."""
    data, holder = held_elsewhere
    user = Settings.from_env(environment(data)).user_dir
    user_documents.begin_change(user, "se-1-2024", before="")  # no build was serving: rolled back
    waiting = subprocess.Popen(command("ingest", "--wait", "--no-index", "--no-progress"), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=environment(data), cwd=REPO)  # fmt: skip
    time.sleep(3)
    assert waiting.poll() is None  # waiting, not failed
    holder.communicate("", timeout=60)
    out, err = waiting.communicate(timeout=600)
    assert waiting.returncode == 0, err
    assert user_documents.pending_change(user) is None
    assert "dokumen diingest, 0 gagal." in out
