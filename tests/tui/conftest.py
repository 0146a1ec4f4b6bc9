"""The app under test: a small fixture course, a fresh progress folder, a fixed terminal.

The fixture course (tests/tui/fixtures/lessons) keeps these tests and their snapshots independent of
the real course's text, which changes as lessons are written. Waiting is by condition, never by
sleeping: `until` pauses the app until something it can observe is true.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tutor.present.terminal import Terminal
from tutor.progress.location import progress_path
from tutor.tui.app import GdtutorApp

FIXTURE_LESSONS = Path(__file__).parent / "fixtures" / "lessons"
#: How long a condition may take before the test fails (generous: CI machines are slow).
PATIENCE = 30.0


@pytest.fixture
def make_app(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., GdtutorApp]:
    def make(*, unicode: bool = True, color: bool = False, lessons: Path = FIXTURE_LESSONS) -> GdtutorApp:
        app = GdtutorApp(lessons_dir=lessons, terminal=Terminal(color=color, unicode=unicode))
        # (a key burst or a palette search can reach the screenshot key: never into the repository)
        app.screenshot_dir = tmp_path_factory.mktemp("pictures")
        return app

    return make


async def until(pilot: Pilot[Any], condition: Callable[[], bool], what: str = "the condition") -> None:
    """Let the app run until `condition()` holds; fail after PATIENCE seconds of app time."""
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"timed out waiting for {what}")


async def settled(pilot: Pilot[Any]) -> Any:
    """Wait until the lesson screen shows everything asked of it; return the screen."""
    await until(pilot, lambda: getattr(pilot.app.screen, "settled", False), "the lesson to settle")
    return pilot.app.screen


async def open_lesson(pilot: Pilot[Any], lesson_id: str) -> Any:
    pilot.app.open_lesson(lesson_id)  # type: ignore[attr-defined]
    await until(pilot, lambda: getattr(pilot.app.screen, "lesson", None) is not None
                and pilot.app.screen.lesson.id == lesson_id, f"lesson {lesson_id}")
    return await settled(pilot)


def saved() -> dict[str, Any]:
    """The progress file as JSON."""
    return json.loads(progress_path().read_text(encoding="utf-8"))
