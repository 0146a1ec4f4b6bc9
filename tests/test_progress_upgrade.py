"""A progress file from an older gdtutor is upgraded, and a copy of it is kept first.

A file that says schema 0 stands for one with no migration of its own; a real schema-1 file goes
through the real migration to schema 2 (predictions, review items, time spent, days).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tutor.progress import ProgressStore
from tutor.progress import model as progress_model
from tutor.progress import store as progress_store
from tutor.progress.session import ProgressSession

STAMP = re.compile(r"\d{8}T\d{6}Z")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder / "progress.json"


def backups(path: Path) -> list[Path]:
    return sorted(p for p in path.parent.iterdir() if ".schema-" in p.name)


def write(path: Path, schema: int, lessons: dict[str, dict]) -> bytes:
    raw = json.dumps({"schema": schema, "last_lesson": "bowl", "lessons": lessons}).encode()
    path.write_bytes(raw)
    return raw


def test_an_older_file_is_upgraded_once_and_the_original_kept(path: Path) -> None:
    original = write(path, 0, {"bowl": {"status": "complete", "params": {"lr": 1.5}}})
    store = ProgressStore(path)
    progress = store.load()
    assert progress.lessons["bowl"].complete and progress.lessons["bowl"].params == {"lr": 1.5}
    assert progress.last_lesson == "bowl"
    [kept] = backups(path)
    assert kept.read_bytes() == original  # byte for byte
    assert kept.name.startswith("progress.json.schema-0-") and STAMP.search(kept.name)
    [notice] = [str(n) for n in store.notices]
    assert "older gdtutor" in notice and str(kept) in notice
    assert json.loads(path.read_text())["schema"] == progress_model.SCHEMA_VERSION  # written at once
    again = ProgressStore(path)
    assert again.load().lessons["bowl"].complete and again.notices == []
    assert len(backups(path)) == 1  # upgraded once, kept once


def test_a_migration_runs_on_a_real_older_file(path: Path) -> None:
    original = write(path, 1, {"bowl": {"status": "complete", "params": {"lr": 1.5}, "hints_used": 1},
                               "slope": {"status": "in-progress", "quiz": {"0": 1}}})
    session = ProgressSession(ProgressStore(path))
    bowl, slope = session.progress.lessons["bowl"], session.progress.lessons["slope"]
    assert bowl.params == {"lr": 1.5} and bowl.hints_used == 1 and bowl.complete
    assert list(bowl.review) == ["challenge"] and slope.review == {}  # a met challenge is scheduled
    assert slope.quiz == {"0": 1} and slope.predictions == {} and slope.seconds == 0 and slope.days == []
    assert "older gdtutor" in str(session.take_notices()[0])
    [kept] = backups(path)
    assert kept.read_bytes() == original and kept.name.startswith("progress.json.schema-1-")
    on_disk = json.loads(path.read_text())
    assert on_disk["schema"] == 2 and on_disk["lessons"]["bowl"]["params"] == {"lr": 1.5}
    assert on_disk["lessons"]["slope"]["review"] == {} and "challenge" in on_disk["lessons"]["bowl"]["review"]
    session.complete("ravine")  # and the session saves as usual
    assert ProgressStore(path).load().lessons["ravine"].complete
    assert len(backups(path)) == 1


def test_without_room_for_the_copy_the_old_file_stays_untouched(path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                ) -> None:
    """A monkeypatched failure: the copy's write fails, as on a full disk."""
    original = write(path, 0, {"bowl": {"status": "complete"}})
    real = progress_store._write_atomic

    def full(target: Path, data: bytes) -> None:
        if ".schema-" in target.name:
            raise OSError(28, "No space left on device")
        real(target, data)

    monkeypatch.setattr(progress_store, "_write_atomic", full)
    session = ProgressSession(ProgressStore(path))
    assert session.progress.lessons["bowl"].complete  # the learner still sees their progress
    notices = [str(n) for n in session.take_notices()]
    assert len(notices) == 1 and "No space left on device" in notices[0]
    session.complete("ravine")
    assert path.read_bytes() == original and backups(path) == []
