"""Two ``rujukan ingest`` runs on one data folder at once, many times, at random offsets.

Before the ingest lock, half such pairs failed with missing files, and some left ``CURRENT``
naming a deleted build while both runs reported success. Now the second run either waits
(``--wait``) or stops at once saying another ingest is running; the serving index is intact
after every pair, and answers.
"""

from __future__ import annotations

import json
import random
import subprocess
import time
from pathlib import Path

import pytest

from tests.fixtures.tiny_corpus import CUTI, REPO, command, environment, write_corpus

QUERY = "pengawas dilarang menjadi anggota partai politik"
BUSY = "ingest lain sedang berjalan pada folder data"
PAIRS = 8


def start(data: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        command("ingest", "--no-progress", *extra), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=environment(data), cwd=REPO,
    )  # fmt: skip


def assert_serving(data: Path, marker: str | None) -> None:
    """CURRENT names a complete build whose units, BM25 and vectors agree, and it answers."""
    index = data / "index"
    build = index / (index / "CURRENT").read_text(encoding="utf-8").strip()
    info = json.loads((build / "build.json").read_text(encoding="utf-8"))
    units = json.loads((build / "units.json").read_text(encoding="utf-8"))["units"]
    assert info["units_total"] == len(units)
    assert len(json.loads((build / "bm25" / "ids.json").read_text(encoding="utf-8"))) == info["units_indexed"]
    assert len(list((index / "builds").iterdir())) <= 2  # the serving build and the one before
    done = subprocess.run(
        command("search", QUERY, "--json", "--k", "3"), capture_output=True, text=True, env=environment(data),
        cwd=REPO, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert json.loads(done.stdout)[0]["unit_id"] == "uu-91-2091/pasal-2/ayat-2/huruf-a"
    if marker:
        assert any(marker in u["text"] for u in units)


@pytest.mark.slow
def test_two_ingests_at_once_never_break_the_serving_index(tmp_path):
    data = tmp_path / "data"
    write_corpus(data, checksums=False)
    first = start(data)
    assert first.wait(timeout=600) == 0, first.stderr.read()
    rng = random.Random(18)
    path = data / "corpus" / CUTI.file
    outcomes = []
    for n in range(PAIRS):
        # A changed document, so that a run does build a new index.
        marker = f"kegiatan kampanye putaran {n}"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("kegiatan kampanye", marker, 1) if n == 0 else
                        text.replace(f"putaran {n - 1}", f"putaran {n}"), encoding="utf-8")  # fmt: skip
        a = start(data)
        time.sleep(rng.uniform(0, 1.5))
        b = start(data)
        results = [(p.wait(timeout=600), *p.communicate()) for p in (a, b)]
        codes = sorted(code for code, _, _ in results)
        assert codes in ([0, 0], [0, 3]), results
        for code, out, err in results:
            assert "Traceback" not in err
            if code == 3:  # the losing run says why, and changed nothing
                assert BUSY in err and "--wait" in err, err
        outcomes.append(codes[1])
        assert_serving(data, marker)
    assert 3 in outcomes  # the pairs did overlap


@pytest.mark.slow
def test_the_second_ingest_waits_with_wait(tmp_path):
    data = tmp_path / "data"
    write_corpus(data, checksums=False)
    from corpus.lock import ingest_lock

    with ingest_lock(data / "index"):  # an ingest in progress
        waiting = start(data, "--wait")
        time.sleep(3)
        assert waiting.poll() is None  # still waiting, not failed
        busy = start(data)
        code, _, err = busy.wait(timeout=600), *busy.communicate()
        assert code == 3 and BUSY in err
    assert waiting.wait(timeout=600) == 0, waiting.stderr.read()
    assert_serving(data, None)
