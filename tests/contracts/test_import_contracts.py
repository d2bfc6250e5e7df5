"""DESIGN.md's arrows as import-linter contracts (pyproject.toml): a copy of the rooms passes as it
is, and one forbidden import planted in it makes `lint-imports` fail, naming the contract."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _python_only(folder: str, names: list[str]) -> list[str]:
    return [n for n in names if n == "__pycache__" or (Path(folder, n).is_file() and not n.endswith(".py"))]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The rooms' Python files and pyproject.toml, copied once."""
    copy = tmp_path_factory.mktemp("rooms")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    for room in config["root_packages"]:
        shutil.copytree(ROOT / room, copy / room, ignore=_python_only)
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    return copy


def lint_imports(where: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=where, capture_output=True, text=True, timeout=300)


def test_the_rooms_keep_every_contract(pristine: Path) -> None:
    out = lint_imports(pristine)
    assert out.returncode == 0, out.stdout[-3000:]
    assert " broken" in out.stdout and "0 broken" in out.stdout


@pytest.mark.parametrize(("module", "planted", "contract"), [
    ("profiles/__init__.py", "import billing", "profiles imports only core"),
    ("scanner/__init__.py", "import standins", "scanner imports only core, profiles and ocr"),
    ("scanner/runner.py", "import asyncpg", "asyncpg and boto3 (and botocore) only in store"),
    ("packs/health.py", "from jobs import tasks", "packs imports only core, profiles, store, scanner, analysis"),
    ("store/db.py", "import bench", "nothing imports cli or the benches but themselves"),
])
def test_a_planted_forbidden_import_fails_its_contract(pristine: Path, tmp_path: Path, module: str, planted: str,
                                                       contract: str) -> None:
    copy = tmp_path / "rooms"
    shutil.copytree(pristine, copy)
    target = copy / module
    target.write_text(target.read_text() + f"\n{planted}  # planted by the test\n")
    out = lint_imports(copy)
    assert out.returncode != 0
    broken = out.stdout.split("Broken contracts", 1)[-1]
    assert contract in broken, out.stdout[-3000:]
    assert f"{module.removesuffix('.py').removesuffix('/__init__').replace('/', '.')} -> " in broken
