"""The import contracts of pyproject.toml hold, and a back-edge, an import of the edges or a cycle breaks them.

``make test`` runs ``lint-imports`` before pytest; these tests show that it would catch each kind
of violation, on a copy of the source tree with one import added.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
PACKAGES = ("corpus", "ingest", "qa", "evals")


def lint(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=root, env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_the_source_tree_keeps_every_contract():
    done = lint(REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 4 kept, 0 broken." in done.stdout


@pytest.mark.parametrize(
    "module, added, broken",
    [
        ("ingest/store.py", "from qa import index", "ingest is not allowed to import qa"),
        ("corpus/manifest.py", "from ingest import model", "corpus is not allowed to import ingest"),
        ("qa/verify.py", "from evals import metrics", "qa is not allowed to import evals"),
        ("evals/metrics.py", "import cli", "evals is not allowed to import cli"),
        ("qa/model.py", "import streamlit", "qa is not allowed to import streamlit"),
        ("ingest/model.py", "import chromadb", "ingest is not allowed to import chromadb"),
        ("ingest/points.py", "from ingest import letter", "No cycles are allowed in ingest."),
    ],
    ids=["ingest->qa", "corpus->ingest", "qa->evals", "evals->cli", "qa->streamlit", "ingest->chromadb", "cycle"],
)
def test_a_forbidden_import_breaks_the_build(tmp_path, module, added, broken):
    for package in PACKAGES:
        shutil.copytree(REPO / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    shutil.copy(REPO / "cli.py", tmp_path)
    path = tmp_path / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{added}  # noqa\n", encoding="utf-8")
    done = lint(tmp_path)
    assert done.returncode == 1, done.stdout
    assert broken in done.stdout
