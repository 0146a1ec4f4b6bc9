"""Shared fixtures: every test runs with its own empty progress folder, never the real one."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "gdtutor-home"
    monkeypatch.setenv("GDTUTOR_HOME", str(home))
    monkeypatch.delenv("GDTUTOR_LESSONS", raising=False)
    monkeypatch.delenv("GDTUTOR_LANG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    return home
