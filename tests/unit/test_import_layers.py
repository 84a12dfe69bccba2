"""The import contracts (pyproject.toml, run by `make lint`): layers hold, no cycles, and a planted breach fails."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from api.settings import PROJECT_ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
PACKAGES = ("api", "graph", "seed", "ops")


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", str(PROJECT_ROOT / "pyproject.toml")],
                          cwd=root, env={**os.environ, "PYTHONPATH": str(root)}, capture_output=True, text=True,
                          timeout=120, check=False)


@pytest.fixture
def copy_of_the_project(tmp_path: Path) -> Path:
    for package in PACKAGES:
        shutil.copytree(PROJECT_ROOT / package, tmp_path / package,
                        ignore=shutil.ignore_patterns("__pycache__", "*.json", "*.cypher", "*.ttf"))
    return tmp_path


def _plant(root: Path, module: str, line: str) -> None:
    path = root / (module.replace(".", "/") + ".py")
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_the_project_keeps_its_import_contracts() -> None:
    result = _lint_imports(PROJECT_ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_graph_layer_importing_the_api_breaks_the_layers(copy_of_the_project: Path) -> None:
    _plant(copy_of_the_project, "graph.db", "import api.app  # noqa")
    result = _lint_imports(copy_of_the_project)
    assert result.returncode == 1
    assert "Layers: entry points" in result.stdout
    assert "graph.db -> api.app" in result.stdout


def test_two_domains_importing_each_other_break_the_no_cycles_contract(copy_of_the_project: Path) -> None:
    _plant(copy_of_the_project, "api.organizations.rules", "import api.cases.rules  # noqa")
    result = _lint_imports(copy_of_the_project)
    assert result.returncode == 1
    assert "No import cycles" in result.stdout
    assert "BROKEN" in result.stdout
