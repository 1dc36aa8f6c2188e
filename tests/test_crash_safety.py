"""``rujukan ingest`` killed with SIGKILL while it builds the index: the old index keeps answering.

The index is built in a new folder and ``CURRENT`` is swapped only when the build is complete
(``qa.index``), so a process killed half-way leaves an orphan folder and nothing else. A fresh
process must find the same top hit as before, and the next ingest must finish and clear the orphan.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.fixtures.tiny_corpus import CUTI, REPO, command, environment, write_corpus

QUERY = "pengawas dilarang menjadi anggota partai politik"


def search(data: Path) -> list[str]:
    done = subprocess.run(
        command("search", QUERY, "--json", "--k", "3"), capture_output=True, text=True, env=environment(data),
        cwd=REPO, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return [hit["unit_id"] for hit in json.loads(done.stdout)]


def ingest(data: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        command("ingest", "--no-progress"), capture_output=True, text=True, env=environment(data), cwd=REPO,
        timeout=600, check=False,
    )  # fmt: skip


@pytest.mark.slow
def test_sigkill_during_the_index_build_leaves_the_previous_index_serving(tmp_path):
    data = tmp_path / "data"
    write_corpus(data, checksums=False)
    first = ingest(data)
    assert first.returncode == 0, first.stderr
    current = (data / "index" / "CURRENT").read_text(encoding="utf-8")
    before = search(data)
    assert before[0] == "uu-91-2091/pasal-2/ayat-2/huruf-a"

    # A changed document makes the next ingest build a new index.
    path = data / "corpus" / CUTI.file
    path.write_text(path.read_text(encoding="utf-8").replace("fasilitas negara", "fasilitas milik negara"), "utf-8")
    builds = data / "index" / "builds"
    old_builds = {p.name for p in builds.iterdir()}
    proc = subprocess.Popen(
        command("ingest", "--no-progress"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env=environment(data), cwd=REPO,
    )  # fmt: skip
    try:
        new = None
        deadline = time.monotonic() + 300
        while new is None and time.monotonic() < deadline and proc.poll() is None:
            new = next((p for p in builds.iterdir() if p.name not in old_builds), None)
            time.sleep(0.005)
        assert new is not None and proc.poll() is None, "ingest finished before a new build folder was seen"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert not (new / "build.json").exists()  # killed before the build was complete
    assert (data / "index" / "CURRENT").read_text(encoding="utf-8") == current

    assert search(data) == before  # a fresh process still answers from the previous index

    again = ingest(data)
    assert again.returncode == 0, again.stderr
    assert "2 dokumen diingest, 0 gagal." in again.stdout
    assert (data / "index" / "CURRENT").read_text(encoding="utf-8") != current
    assert not new.exists()  # the orphan folder was collected
    assert search(data)[0] == before[0]


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["units.json", "bm25/ids.json", "chroma"])
def test_a_damaged_serving_index_is_reported_and_rebuilt(tmp_path, damage):
    """Files of the serving build damaged outside Rujukan (disk, hand edits): a clear message, then repair."""
    import shutil

    data = tmp_path / "data"
    write_corpus(data, checksums=False)
    assert ingest(data).returncode == 0
    build = data / "index" / (data / "index" / "CURRENT").read_text(encoding="utf-8").strip()
    target = build / damage
    if target.is_dir():
        shutil.rmtree(target)
    else:
        target.write_text(target.read_text(encoding="utf-8")[:50], encoding="utf-8")

    done = subprocess.run(
        command("search", QUERY), capture_output=True, text=True, env=environment(data), cwd=REPO, timeout=600,
        check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert f"gagal: indeks di {build} rusak atau tidak lengkap" in done.stderr
    assert "bangun ulang dengan 'rujukan ingest'" in done.stderr

    repaired = ingest(data)
    assert repaired.returncode == 0, repaired.stderr
    assert "indeks: " in repaired.stdout  # rebuilt although the units did not change
    assert search(data)[0] == "uu-91-2091/pasal-2/ayat-2/huruf-a"
