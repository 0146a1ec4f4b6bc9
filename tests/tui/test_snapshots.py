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
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


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
