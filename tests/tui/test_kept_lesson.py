"""The lesson left for home is kept (tutor/tui/kept_lesson.py): Enter on it shows the same screen
as it was left, and anything that would make it show what a new screen would not (another lesson,
another language, a changed record) builds a new one instead; only one is ever kept."""

from __future__ import annotations

from tests.tui.conftest import open_lesson, saved, settled, until
from tests.tui.test_lesson_screen import row
from tutor.i18n import language
from tutor.tui.screens.home import HomeScreen
from tutor.tui.screens.lesson import LessonScreen
from tutor.tui.widgets.chart import ChartView
from tutor.tui.widgets.params import ParamRow


async def home(pilot) -> HomeScreen:  # type: ignore[no-untyped-def]
    await pilot.press("escape")
    await until(pilot, lambda: isinstance(pilot.app.screen, HomeScreen), "home")
    return pilot.app.screen


async def test_home_and_back_shows_the_lesson_as_it_was_left(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        row(screen, "lr").focus()
        await pilot.press("right", "right")
        screen = await settled(pilot)
        lr = screen.values["lr"]
        await home(pilot)
        assert saved()["lessons"]["bowl"]["params"]["lr"] == lr  # (left: saved as when closed)
        seconds = saved()["lessons"]["bowl"]["seconds"]
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, LessonScreen), "the lesson again")
        assert app.screen is screen, "a new screen was built for the lesson just left"
        again = await settled(pilot)
        assert again.values["lr"] == lr and isinstance(app.focused, ParamRow) and app.focused.param.name == "lr"
        assert again.query_one(ChartView).text  # (its chart asked for again and drawn)
        await pilot.press("right")  # (and it is live: a nudge runs and is saved)
        await settled(pilot)
        assert again.values["lr"] > lr
        await home(pilot)
        assert saved()["lessons"]["bowl"]["params"]["lr"] == again.values["lr"]
        assert saved()["lessons"]["bowl"]["seconds"] >= seconds


async def test_another_lesson_builds_its_own_screen_and_the_kept_one_goes(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        first = await open_lesson(pilot, "bowl")
        await home(pilot)
        assert first.is_attached  # (kept)
        other = await open_lesson(pilot, "slope")
        assert other is not first
        await until(pilot, lambda: not first.is_attached, "the screen kept before taken down")
        await home(pilot)
        again = await open_lesson(pilot, "bowl")
        assert again is not first


async def test_a_changed_record_or_language_builds_a_new_screen(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        first = await open_lesson(pilot, "bowl")
        await home(pilot)
        app.session.answer("bowl", 0, 0, True)  # (as a review at home would: the record moved on)
        second = await open_lesson(pilot, "bowl")
        assert second is not first
        await until(pilot, lambda: not first.is_attached, "the stale screen taken down")

        await home(pilot)
        await pilot.press("l")  # (the language key at home)
        await until(pilot, lambda: language() == "ko" and isinstance(app.screen, HomeScreen), "home in Korean")
        third = await open_lesson(pilot, "bowl")
        assert third is not second and third.lesson.lang == "ko"


async def test_values_given_to_open_a_lesson_build_a_new_screen(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        first = await open_lesson(pilot, "bowl")
        await home(pilot)
        app.open_lesson("bowl", {"lr": 0.5})
        await until(pilot, lambda: isinstance(app.screen, LessonScreen), "the lesson")
        assert app.screen is not first
        screen = await settled(pilot)
        assert screen.values["lr"] == 0.5
