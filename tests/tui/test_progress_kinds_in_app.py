"""The app starts whatever sits at the progress path, and says what it found in a notification."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.tui.conftest import FIXTURE_LESSONS, open_lesson
from tutor.present.terminal import Terminal
from tutor.progress.store import ProgressStore
from tutor.tui.app import GdtutorApp


@pytest.mark.parametrize("kind", ["named pipe", "folder", "symlink to a device"])
async def test_the_app_starts_and_says_what_is_at_the_path(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "progress.json"
    if kind == "named pipe":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path.symlink_to("/dev/zero")
    app = GdtutorApp(lessons_dir=FIXTURE_LESSONS, store=ProgressStore(path),
                     terminal=Terminal(color=False, unicode=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any(str(path) in m and "not a file" in m for m in messages), messages
        await open_lesson(pilot, "bowl")  # the lesson goes on, without saving
        await pilot.press("t", "right")
    assert app.session.store.read_only
