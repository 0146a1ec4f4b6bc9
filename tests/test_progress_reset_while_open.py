"""`gdtutor reset` while the app is open: the reset wins for what it erased, what comes after is kept.

The open session (the app's) holds the erased record in memory; its next save must not write it
back. `gdtutor reset` runs as the real command, in a child process, between the session's changes.
Merging two sessions stays loss-free beside it: another session's completion is never taken for a
reset.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tutor.progress import ProgressStore
from tutor.progress.session import ProgressSession


def reset(path: Path, *lesson: str) -> None:
    env = {**os.environ, "GDTUTOR_HOME": str(path.parent), "GDTUTOR_LANG": "en"}
    done = subprocess.run([sys.executable, "-m", "tutor", "reset", *lesson, "--yes"], capture_output=True,
                          text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "home" / "progress.json"


def test_a_reset_lesson_stays_reset_and_later_changes_are_kept(path: Path) -> None:
    app = ProgressSession(ProgressStore(path))
    app.open_lesson("weights-and-loss")
    app.complete("weights-and-loss")
    app.reveal_hint("weights-and-loss", 3)
    app.answer("weights-and-loss", 0, 2)
    app.complete("learning-rate")
    reset(path, "weights-and-loss")
    app.set_params("weights-and-loss", {"w0": 0.5})  # the learner goes on in the open lesson
    saved = ProgressStore(path).load()
    entry = saved.lessons["weights-and-loss"]
    assert not entry.complete and entry.completed_at is None and entry.hints_used == 0 and entry.quiz == {}
    assert entry.params == {"w0": 0.5} and entry.status == "in-progress"
    assert saved.lessons["learning-rate"].complete  # not reset: untouched
    app.complete("weights-and-loss")  # completed again after the reset: that stands
    assert ProgressStore(path).load().lessons["weights-and-loss"].complete


def test_a_whole_reset_stays_done(path: Path) -> None:
    app = ProgressSession(ProgressStore(path))
    for lesson in ("weights-and-loss", "learning-rate"):
        app.open_lesson(lesson)
        app.complete(lesson)
    reset(path)
    app.answer("learning-rate", 1, 0)
    saved = ProgressStore(path).load()
    assert "weights-and-loss" not in saved.lessons
    entry = saved.lessons["learning-rate"]
    assert not entry.complete and entry.quiz == {"1": 0}


def test_another_sessions_completion_is_not_a_reset(path: Path) -> None:
    app = ProgressSession(ProgressStore(path))
    app.open_lesson("learning-rate")
    other = ProgressSession(ProgressStore(path))
    other.complete("learning-rate")
    other.reveal_hint("learning-rate", 3)
    app.set_params("learning-rate", {"lr": 0.4})
    entry = ProgressStore(path).load().lessons["learning-rate"]
    assert entry.complete and entry.hints_used == 1 and entry.params == {"lr": 0.4}
