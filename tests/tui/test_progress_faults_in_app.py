"""In the app, a progress file that cannot be written, or that a newer or older gdtutor wrote, is a
notification, never a crash: the lesson goes on, and the learner hears of each problem once.

The full disk is a monkeypatched OS error (os.fsync failing with ENOSPC, as it does on a full
network file system); tests/test_progress_real_failures.py makes real ones for the store itself.
"""

from __future__ import annotations

import errno
import json
import os

from tests.tui.conftest import open_lesson, saved, settled, until
from tests.tui.test_lesson_screen import notes, row, type_value
from tutor.progress.location import progress_path
from tutor.progress.model import SCHEMA_VERSION
from tutor.tui.screens.lesson import LessonScreen
from tutor.tui.widgets.challenge import ChallengePanel

FULL = os.strerror(errno.ENOSPC)


async def test_a_disk_that_fills_during_a_lesson(make_app, monkeypatch) -> None:
    app = make_app()
    seen = notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        real_fsync = os.fsync

        def full(fd: int) -> None:
            raise OSError(errno.ENOSPC, FULL)

        monkeypatch.setattr(os, "fsync", full)
        row(screen, "lr").focus()
        await type_value(pilot, "0.35")  # meets the challenge: a save that fails
        await until(pilot, lambda: screen.settled and screen.query_one(ChallengePanel).met, "the challenge met")
        await pilot.press("h", "right", "h")  # two more saves that fail (a hint opens after each try)
        await pilot.press("right")
        await settled(pilot)
        assert isinstance(app.screen, LessonScreen) and screen.values["lr"] > 0.35  # the lesson goes on
        failures = [m for m in seen if FULL in m]
        assert len(failures) == 1 and "goes on" in failures[0]
        assert any("Challenge met" in m for m in seen)
        assert saved()["lessons"]["bowl"]["status"] == "in-progress"  # the file is as it was
        monkeypatch.setattr(os, "fsync", real_fsync)
        row(screen, "steps").focus()  # space again: the next change saves what failed before
        await pilot.press("right")
        screen.save_now()
        await until(pilot, lambda: "Progress is being saved again." in seen, "the all-clear")
        entry = saved()["lessons"]["bowl"]
        assert entry["status"] == "complete" and entry["hints_used"] == 2


async def test_a_file_from_a_newer_gdtutor_is_shown_and_never_written(make_app) -> None:
    path = progress_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"schema": 99, "lessons": {"slope": {"status": "complete"}}, "future": [1]}))
    before = path.read_bytes()
    app = make_app()
    seen = notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: any("newer gdtutor" in m for m in seen), "the notice")
        screen = await open_lesson(pilot, "bowl")
        row(screen, "lr").focus()
        await type_value(pilot, "0.35")
        await until(pilot, lambda: screen.settled and screen.query_one(ChallengePanel).met, "the challenge met")
        await pilot.press("h")
        await pilot.press("ctrl+q")
    assert path.read_bytes() == before
    assert len([m for m in seen if "newer gdtutor" in m]) == 1


async def test_a_file_from_an_older_gdtutor_is_upgraded_and_kept(make_app) -> None:
    path = progress_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"schema": 0, "last_lesson": "slope", "lessons": {"slope": {"status": "complete"}}}))
    before = path.read_bytes()
    app = make_app()
    seen = notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: any("older gdtutor" in m for m in seen), "the notice")
        await pilot.press("2", "enter")  # the old file's last lesson, still complete
        screen = await settled(pilot)
        assert screen.lesson.id == "slope" and screen.record.complete
    [kept] = path.parent.glob("progress.json.schema-0-*")
    assert kept.read_bytes() == before and saved()["schema"] == SCHEMA_VERSION
