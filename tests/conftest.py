"""Shared fixtures: every test runs with its own empty progress and cache folders, never the real
ones; and the reliability figures a run gathered are printed at its end."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor import i18n


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "gdtutor-home"
    monkeypatch.setenv("GDTUTOR_HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # (the course cache's folder too)
    monkeypatch.delenv("GDTUTOR_LESSONS", raising=False)
    monkeypatch.delenv("GDTUTOR_LANG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    return home


@pytest.fixture(autouse=True)
def english_voice():  # type: ignore[no-untyped-def]
    """Every test starts in a voice of its own, speaking English. An app made outside any language
    block takes the voice of the context it is made in, and its language key changes that voice:
    without this, one test's `l` would leave every later test speaking Korean."""
    with i18n.switch("en"):
        yield


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The reliability figures of this run (see tests/scale.py), for docs/RELIABILITY.md."""
    from tests.scale import FIGURES, scale

    if FIGURES:
        terminalreporter.section(f"reliability figures (GDTUTOR_TEST_SCALE={scale():g})")
        for name, amount in sorted(FIGURES.items()):
            terminalreporter.write_line(f"{amount:>9}  {name}")
