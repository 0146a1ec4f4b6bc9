"""The code base passes its own linter configuration (pyproject's [tool.ruff])."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_is_clean() -> None:
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    if not Path(ruff).exists():
        pytest.fail("ruff is part of the test extras: pip install -e '.[test]'")
    result = subprocess.run([ruff, "check", "tutor", "tests", "benchmarks"] if (ROOT / "benchmarks").exists()
                            else [ruff, "check", "tutor", "tests"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_no_error_in_the_package(tmp_path: Path) -> None:
    """pyproject's [tool.mypy] over tutor/: the types the code declares hold (checked from scratch,
    with its cache in a temporary folder)."""
    result = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path), "tutor"], cwd=ROOT,
                            capture_output=True, text=True)
    if "No module named mypy" in result.stderr:
        pytest.fail("mypy is part of the test extras: pip install -e '.[test]'")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout
