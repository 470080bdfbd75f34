"""The code stays ruff- and mypy-clean (issue 2: "ruff and mypy clean"), checked on every CI run."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINTED = ["src", "tests", "scripts", "bench"]


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    """Run a tool from the repository root and capture what it says."""
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600)


def _ruff() -> str:
    """The ruff executable installed beside this interpreter."""
    found = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if found is None:
        pytest.skip("ruff is not installed (pip install -e '.[dev]')")
    return found


def test_ruff_check_is_clean() -> None:
    """No lint findings in the package, tests, scripts or benchmarks."""
    result = _run([_ruff(), "check", "--no-cache", *LINTED])
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean() -> None:
    """Every file is formatted as `ruff format` would write it."""
    result = _run([_ruff(), "format", "--check", "--no-cache", *LINTED])
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_is_clean_on_the_package_and_its_tests() -> None:
    """The package and its tests type-check under the strict settings in pyproject.toml."""
    pytest.importorskip("mypy")
    result = _run([sys.executable, "-m", "mypy", "src", "tests"])
    assert result.returncode == 0, result.stdout + result.stderr
