"""The keys that carry a learner through the course: the next lesson once a challenge is met, the
starting values back, the chart alone, Play that says Pause while playing, a value at its limit,
the focus where ←/→ nudges, lessons by number from home, and `gdtutor open` starting in a lesson."""

from __future__ import annotations

from typing import Any

from tests.tui.conftest import open_lesson, settled, until
from tests.tui.test_lesson_screen import notes, row, type_value
from tutor.tui.screens.home import HomeScreen
from tutor.tui.screens.lesson import LessonScreen
from tutor.tui.widgets.challenge import ChallengePanel
from tutor.tui.widgets.chart import ChartView
from tutor.tui.widgets.footer import KeyFooter


def footer_keys(screen: Any) -> dict[str, str]:
    """What the footer shows: key → description."""
    return {key.key_display: key.description for key in screen.query_one(KeyFooter).query("FooterKey")}


async def test_a_met_challenge_offers_the_next_lesson_on_one_key(make_app) -> None:
    app = make_app()
    seen = notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        assert "N" not in footer_keys(screen)
        await pilot.press("N")  # not met yet: nothing happens
        assert app.screen is screen
        row(screen, "lr").focus()
        await type_value(pilot, "0.35")
        await until(pilot, lambda: screen.settled and screen.met, "the challenge met")
        await until(pilot, lambda: "N" in footer_keys(screen), "N in the footer")
        assert "N: next lesson" in screen.query_one(ChallengePanel).text
        assert any("N opens the next lesson" in message for message in seen)
        await pilot.press("N")
        following = await settled(pilot)
        assert following.lesson.id == "slope"


async def test_x_puts_back_the_starting_values(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        await pilot.press("right", "right")
        await until(pilot, lambda: screen.settled and screen.values["lr"] != 0.1, "a nudged rate")
        await pilot.press("x")
        await until(pilot, lambda: screen.settled and screen.values["lr"] == 0.1, "the starting rate")
        assert str(row(screen, "lr").query_one(".param-value").content) == "0.1"


async def test_z_gives_the_chart_every_row_and_brings_the_values_back(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        await pilot.press("t")
        chart = screen.query_one(ChartView)
        await until(pilot, lambda: screen.settled and chart.size.height > 0, "the chart")
        before = chart.size.height
        await pilot.press("z")
        await until(pilot, lambda: chart.size.height > before, "a taller chart")
        assert not screen.query_one("#params").display
        assert screen.query_one(".challenge-verdict").region.height == 1  # still says met or not
        await pilot.press("z")
        await until(pilot, lambda: chart.size.height == before, "the chart back to its size")
        assert screen.query_one("#params").display


async def test_play_shows_as_pause_while_playing(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        await until(pilot, lambda: footer_keys(screen).get("space") == "Play", "Play in the footer")
        await pilot.press("space")
        await until(pilot, lambda: footer_keys(screen).get("space") == "Pause", "Pause in the footer")
        await pilot.press("space")
        await until(pilot, lambda: footer_keys(screen).get("space") == "Play", "Play again")
        await pilot.press(*"]" * 5)  # the fastest speed: play to the end, and Play again by itself
        screen.action_play()
        assert screen.playback.playing
        await until(pilot, lambda: not screen.playback.playing, "the end of the run")
        await until(pilot, lambda: footer_keys(screen).get("space") == "Play", "Play at the end")


async def test_a_value_at_its_limit_says_so_when_nudged_further(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        steps = row(screen, "steps")
        steps.focus()
        help_line = screen.query_one(".param-help")
        assert "from" in str(help_line.content)  # the range, while the row has the focus
        await pilot.press("enter")  # editing: the range stays in view
        assert steps.editing and "from" in str(help_line.content)
        await pilot.press("escape")
        steps.set_value(steps.param.min)
        await pilot.press("left")
        assert "lowest value" in str(help_line.content) and help_line.has_class("-error")
        await pilot.press("right")
        assert "lowest" not in str(help_line.content)


async def test_the_wide_layout_starts_with_the_focus_on_the_values(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        assert screen.view == "text"  # a new lesson: its text beside the simulation
        await pilot.press("right")  # the first → nudges
        await until(pilot, lambda: screen.settled and screen.values["lr"] > 0.1, "a nudged rate")
        await until(pilot, lambda: screen.query_one(KeyFooter).where == "values", "the footer says where")


async def test_home_opens_a_lesson_by_its_number_and_shows_summaries_where_there_is_room(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        summary = app.screen.query_one("#lesson-summary")
        await pilot.press("3")
        await until(pilot, lambda: "backprop" in str(summary.content).lower()
                    or str(summary.content) == app.course.lessons[2].summary, "lesson 3's summary")
        assert summary.display
        await pilot.press("enter")
        screen = await settled(pilot)
        assert screen.lesson.id == "walk"
    async with make_app().run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(pilot.app.screen, HomeScreen), "home")
        assert not pilot.app.screen.query_one("#lesson-summary").display  # no room at 80×24


async def test_the_app_can_start_in_a_lesson_with_given_values(make_app) -> None:
    from tests.tui.conftest import FIXTURE_LESSONS
    from tutor.present.terminal import Terminal
    from tutor.tui.app import GdtutorApp

    app = GdtutorApp(lessons_dir=FIXTURE_LESSONS, terminal=Terminal(color=False, unicode=True),
                     lesson_id="slope", values={"w0": 2.5})
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settled(pilot)
        assert isinstance(screen, LessonScreen) and screen.lesson.id == "slope"
        assert screen.values["w0"] == 2.5 and screen.result.params["w0"] == 2.5
        assert screen.view == "sim"  # given values: straight to what they change
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home under the lesson")


async def test_the_values_strip_shows_a_value_that_grew_whole(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        await pilot.press("t")
        lr = row(screen, "lr")
        assert lr.compact  # below 120 columns: the one-line strip
        await type_value(pilot, "0.125")
        await until(pilot, lambda: screen.settled and screen.values["lr"] == 0.125, "lr = 0.125")
        await pilot.pause()
        value = lr.query_one(".param-value")
        assert str(value.content) == "0.125" and value.size.width == len("0.125")
