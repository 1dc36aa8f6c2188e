"""Configuration is read from the environment at the edges only (cli.py, app.py, pages/)."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EDGES = {"cli.py", "app.py"}
ENV_NAMES = {"environ", "environb", "getenv", "getenvb", "putenv", "unsetenv"}


def library_modules() -> list[Path]:
    found = []
    for path in sorted(REPO.rglob("*.py")):
        rel = path.relative_to(REPO)
        if rel.parts[0].startswith(".") or rel.parts[0] in {"tests", "pages", "build", "data"}:
            continue
        if "site-packages" in rel.parts or str(rel) in EDGES:
            continue
        found.append(path)
    return found


def environment_reads(source: str) -> list[int]:
    """Lines reading the process environment: ``os.environ``, ``os.getenv``, ``from os import environ``."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in ENV_NAMES:
            if isinstance(node.value, ast.Name) and node.value.id == "os":
                lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module == "os":
            if any(alias.name in ENV_NAMES for alias in node.names):
                lines.append(node.lineno)
    return lines


def test_no_library_module_reads_the_environment():
    modules = library_modules()
    assert len(modules) > 40 and REPO / "qa" / "index.py" in modules  # the scan sees the packages
    offenders = [
        f"{path.relative_to(REPO)}:{line}"
        for path in modules
        for line in environment_reads(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "read the setting in corpus.settings.Settings.from_env instead"


def test_the_check_catches_each_way_of_reading():
    assert environment_reads("import os\nx = os.environ.get('RUJUKAN_DATA')\n") == [2]
    assert environment_reads("import os\nx = os.getenv('RUJUKAN_DATA')\n") == [2]
    assert environment_reads("import os\nx = os.environ['RUJUKAN_DATA']\n") == [2]
    assert environment_reads("from os import environ\n") == [1]
    assert environment_reads("from os import getenv as g\n") == [1]
    assert environment_reads("import os\nos.replace('a', 'b')\nsettings.environ\n") == []
