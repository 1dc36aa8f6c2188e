"""Imports are static and at module top: every module imports on its own, and no function imports the project.

An import inside a function hides a cycle until the function runs, and a missing module until
then too. The only imports allowed inside functions are the heavy third-party libraries of
:data:`LAZY_THIRD_PARTY`, each for the reason given there.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("corpus", "ingest", "qa", "evals", "pages")
PROJECT = frozenset({*PACKAGES, "cli", "app"})

# Third-party libraries that may be imported inside the function that needs them, and why.
# Project modules never belong here.
LAZY_THIRD_PARTY = {
    "chromadb": "over 1 s to import: paid by what opens the index (qa.index, qa.retrieval), not by `rujukan --help`",
    "httpx": "the transport of a Chroma server client: only server mode needs it",
    "llama_index": "about 2 s to import: only an index build and the optional LLM (qa.llm) need it",
    "matplotlib": "about 0.7 s to import: only the charts of the eval and bench reports",
    "fpdf": "about 0.5 s to import: only materi handouts as PDF",
    "docx": "only materi handouts as DOCX",
    "pypdf": "brings Pillow and fontTools (about 0.15 s): only reading, checking or cutting a PDF needs it",
}

# Modules that run a Streamlit page when imported (app.py runs them with st.navigation).
PAGE_SCRIPTS = {"baca", "cari", "kajian", "materi", "pengaturan", "tambah_dokumen", "tanya", "telusuri"}


def source_files() -> list[Path]:
    files = [p for package in PACKAGES for p in sorted((REPO / package).rglob("*.py"))]
    return [*files, REPO / "cli.py", REPO / "app.py"]


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def importable_modules() -> list[str]:
    return [
        module_name(p) for p in source_files()
        if not (p.parent.name == "pages" and p.stem in PAGE_SCRIPTS)
    ]  # fmt: skip


def _imported(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.ImportFrom):
        return ["." * node.level + (node.module or "")]
    return [alias.name for alias in node.names]


def _type_checking_block(node: ast.stmt) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
    )


def late_imports(source: str) -> list[tuple[int, str]]:
    """(line, module) of every import that is not a statement of the module body itself
    (or of its ``if TYPE_CHECKING:`` block): inside a function, a class, a ``try``."""
    tree = ast.parse(source)
    at_top = set()
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            at_top.add(node)
        elif _type_checking_block(node):
            at_top.update(n for n in node.body if isinstance(n, (ast.Import, ast.ImportFrom)))
    return sorted(
        (node.lineno, name)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom)) and node not in at_top
        for name in _imported(node)
    )


def offending(source: str) -> list[tuple[int, str]]:
    """Late imports that are not allowed: the project's own, and third-party ones not in the list."""
    return [
        (line, name) for line, name in late_imports(source)
        if name.startswith(".") or name.split(".")[0] in PROJECT or name.split(".")[0] not in LAZY_THIRD_PARTY
    ]  # fmt: skip


def test_no_function_imports_a_module_of_the_project():
    files = source_files()
    assert len(files) > 80 and REPO / "ingest" / "amend.py" in files  # the scan sees the packages
    found = [
        f"{path.relative_to(REPO)}:{line}: {name}"
        for path in files
        for line, name in offending(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "import these at module top (a cycle means a function belongs in another module)"


def test_the_check_catches_each_kind_of_late_import():
    assert offending("def f():\n    from ingest.parse import parse_document\n") == [(2, "ingest.parse")]
    assert offending("class A:\n    def f(self):\n        import qa.index\n") == [(3, "qa.index")]
    assert offending("try:\n    from qa import llm\nexcept ImportError:\n    llm = None\n") == [(2, "qa")]
    assert offending("def f():\n    from . import model\n") == [(2, ".")]
    assert offending("def f():\n    import yaml\n") == [(2, "yaml")]  # cheap: belongs at the top
    assert offending("def f():\n    import chromadb\n") == []
    assert offending("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from qa.model import Answer\n") == []
    assert offending("import qa.index\nfrom ingest import store\n") == []


# Run in a fresh interpreter: imports nothing of the project, then forks once per module, so that
# each module is imported alone, as the first module of the project, in a clean process.
_ALONE = r"""
import importlib, json, os, sys, traceback
PROJECT = set(json.loads(sys.argv[1]))
assert not [m for m in sys.modules if m.split(".")[0] in PROJECT], "the project is imported already"
failures = {}
for name in json.loads(sys.argv[2]):
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            importlib.import_module(name)
            code = 0
        except BaseException:
            os.write(write, traceback.format_exc(limit=-3).encode())
            code = 1
        os._exit(code)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        message = pipe.read().decode()
    _, status = os.waitpid(pid, 0)
    if status:
        failures[name] = message or f"exit status {status}"
print(json.dumps(failures))
"""


def test_every_module_imports_on_its_own():
    modules = importable_modules()
    assert len(modules) > 80 and "ingest.amend" in modules and "cli" in modules
    done = subprocess.run(
        [sys.executable, "-c", _ALONE, json.dumps(sorted(PROJECT)), json.dumps(modules)],
        cwd=REPO, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    failures = json.loads(done.stdout.strip().splitlines()[-1])
    assert failures == {}, "\n".join(f"{name}:\n{message}" for name, message in failures.items())


def test_the_commands_load_no_heavy_library_until_one_runs():
    """`rujukan --help` builds every subcommand's parser: that must not import what a command
    needs only when it runs (LAZY_THIRD_PARTY)."""
    code = (
        "import json, sys, cli; cli.build_parser(); "
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    loaded = set(json.loads(done.stdout))
    assert {"cli", "qa", "evals"} <= loaded
    assert loaded & set(LAZY_THIRD_PARTY) == set()
