"""Snapshots of home and a lesson at 80×24 and 160×48, on the fixture course.

Deterministic by construction: a fixed lesson folder, a fresh progress folder (tests/conftest.py),
a fixed terminal (no colour, Unicode), seeded simulations, and the snapshot taken only once the
lesson has drawn what it asked for. Review changes with `pytest --snapshot-update` and the report.
"""

from __future__ import annotations

import pytest

from tests.tui.conftest import settled, until
from tutor import i18n
from tutor.tui.screens.home import HomeScreen

SIZES = [(80, 24), (160, 48)]


@pytest.fixture(params=["en", "ko"])
def lang(request):  # type: ignore[no-untyped-def]
    """Each screen in English and in Korean (wide characters in every panel)."""
    with i18n.switch(request.param):
        yield request.param


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home(snap_compare, make_app, size: tuple[int, int], lang: str) -> None:
    async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
        await until(pilot, lambda: isinstance(pilot.app.screen, HomeScreen), "home")
        await until(pilot, lambda: pilot.app.runner.idle, "the background imports")

    assert snap_compare(make_app(), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_lesson(snap_compare, make_app, size: tuple[int, int], lang: str) -> None:
    async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
        await until(pilot, lambda: pilot.app.runner.idle, "the background imports")
        await pilot.press("enter", "t" if size[0] < 120 else "tab")  # narrow: show the simulation
        await settled(pilot)
        await pilot.press("right")  # lr 0.1 → 0.12
        screen = await settled(pilot)
        text = screen.query_one("#lesson-text")
        await until(pilot, lambda: len(text.children) >= 4, "the lesson text")  # laid out after the chart
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=ready)


#: Lesson screens at 80×24, each in its simulation view: a two-panel chart with every hint taken, a
#: one-panel landscape, the backprop walk-through table, and an ASCII terminal.
LESSON_SCREENS = {
    "bowl-hints": ("bowl", ("h", "h"), True),
    "slope": ("slope", (), True),
    "walk-table": ("walk", (), True),
    "bowl-ascii": ("bowl", (), False),
}


@pytest.mark.parametrize("name", list(LESSON_SCREENS))
def test_lesson_screens_at_80x24(snap_compare, make_app, name: str) -> None:
    lesson_id, keys, unicode = LESSON_SCREENS[name]

    async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
        await until(pilot, lambda: pilot.app.runner.idle, "the background imports")
        pilot.app.open_lesson(lesson_id)
        await until(pilot, lambda: getattr(pilot.app.screen, "lesson", None) is not None, "the lesson")
        await pilot.press("t", *keys)
        screen = await settled(pilot)
        chart = screen.query_one("#chart")
        await until(pilot, lambda: screen.settled and screen.last_drawn is not None
                    and screen.last_drawn.options.height == chart.content_size.height, "the chart at its size")
        await pilot.pause()

    assert snap_compare(make_app(unicode=unicode), terminal_size=(80, 24), run_before=ready)
