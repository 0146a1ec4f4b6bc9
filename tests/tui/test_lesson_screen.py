"""Pilot tests of the lesson screen, asserting on state: values, chart text, status, saved progress."""

from __future__ import annotations

import pytest
from rich.console import Console
from textual import events

from tests.tui.conftest import open_lesson, saved, settled, until
from tutor.tui.screens.home import HomeScreen
from tutor.tui.screens.lesson import LessonScreen
from tutor.tui.widgets.challenge import ChallengePanel
from tutor.tui.widgets.chart import ChartView
from tutor.tui.widgets.params import ParamRow
from tutor.tui.widgets.quiz import QuizPanel
from tutor.tui.widgets.status import StatusLine


def chart_text(screen: LessonScreen) -> str:
    return screen.query_one(ChartView).text


def status_text(screen: LessonScreen) -> str:
    return screen.query_one(StatusLine).text


def printed(renderable: object) -> str:
    console = Console(width=120, color_system=None)
    with console.capture() as capture:
        console.print(renderable)
    return capture.get()


def notes(app) -> list[str]:
    """Record the app's notifications from now on."""
    seen: list[str] = []
    original = app.notify

    def notify(message: str, **kwargs: object) -> None:
        seen.append(message)
        original(message, **kwargs)

    app.notify = notify
    return seen


async def type_value(pilot, text: str) -> None:
    """Enter on the focused row, replace the editor's text, Enter again."""
    await pilot.press("enter", "end", "ctrl+u", *text, "enter")


def row(screen: LessonScreen, name: str) -> ParamRow:
    return next(r for r in screen.query(ParamRow) if r.param.name == name)


async def test_enter_on_home_opens_the_first_lesson_with_its_chart(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")
        screen = await settled(pilot)
        assert isinstance(screen, LessonScreen)
        assert screen.lesson.id == "bowl"
        assert screen.values["lr"] == pytest.approx(0.1)
        assert "┌" in chart_text(screen)  # a plotext frame was drawn
        assert "final_loss" in status_text(screen)


async def test_nudging_the_learning_rate_redraws_chart_and_status(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        before_chart, before_status = chart_text(screen), status_text(screen)
        row(screen, "lr").focus()
        await pilot.press("right")
        screen = await settled(pilot)
        assert screen.values["lr"] == pytest.approx(0.12)  # the log ladder: 0.1 → 0.12
        assert screen.result is not None and screen.result.params["lr"] == pytest.approx(0.12)
        assert chart_text(screen) != before_chart
        assert status_text(screen) != before_status
        await pilot.press("shift+right")  # ten rungs: 0.12 → 1.2
        await settled(pilot)
        assert screen.values["lr"] == pytest.approx(1.2)
        await pilot.press("left", "minus")
        await settled(pilot)
        assert screen.values["lr"] == pytest.approx(0.8)


async def test_a_diverged_run_says_so_and_still_draws(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        row(screen, "steps").focus()
        await type_value(pilot, "300")
        row(screen, "lr").focus()
        await type_value(pilot, "10")  # |1 − η·a| = 39: overflow
        await until(pilot, lambda: screen.settled and screen.values["lr"] == 10.0, "the diverging run")
        assert screen.result is not None and screen.result.diverged
        assert "diverged at step" in status_text(screen)
        assert screen.query_one(StatusLine).has_class("-diverged")
        assert "┌" in chart_text(screen)


@pytest.mark.parametrize("typed", ["abc", "nan", "inf", "-1", "1e999", "11", ""])
async def test_an_invalid_value_shows_why_and_keeps_the_old_one(make_app, typed: str) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        lr = row(screen, "lr")
        lr.focus()
        await type_value(pilot, typed)
        assert lr.editing and app.focused is lr
        assert lr.error is not None and "lr must be a number from 0.0001 to 10" in lr.error
        assert screen.values["lr"] == pytest.approx(0.1)
        assert lr.value == pytest.approx(0.1)
        await pilot.press("escape")  # leave the editor: the old value stands, the message goes
        assert not lr.editing and lr.error is None and app.focused is lr
        assert isinstance(app.screen, LessonScreen)


async def test_an_exact_value_typed_in_is_used(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        row(screen, "steps").focus()
        await type_value(pilot, "12")
        await until(pilot, lambda: screen.settled and screen.values["steps"] == 12, "steps = 12")
        assert screen.result is not None and len(screen.result.series["w"]) == 13


async def test_meeting_the_challenge_completes_and_saves_at_once(make_app) -> None:
    app = make_app()
    seen = notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        panel = screen.query_one(ChallengePanel)
        assert panel.met is False
        row(screen, "lr").focus()
        await type_value(pilot, "0.35")
        await until(pilot, lambda: screen.settled and screen.values["lr"] == 0.35, "lr = 0.35")
        assert panel.met is True and panel.has_class("-met")
        entry = saved()["lessons"]["bowl"]  # written without waiting for the debounced save
        assert entry["status"] == "complete" and entry["completed_at"]
        assert entry["params"]["lr"] == pytest.approx(0.35)
        assert any("Challenge met" in message for message in seen)


async def test_restart_lands_on_the_same_lesson_with_the_same_values(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "slope")
        row(screen, "w0").focus()
        await pilot.press("left", "left")
        await settled(pilot)
        row(screen, "function").focus()
        await pilot.press("enter")  # a choice cycles
        await settled(pilot)
        assert screen.values["function"] == "double-well"
        values = dict(screen.values)
        await pilot.press("ctrl+q")  # quitting saves the values the debounce had not written yet
    assert saved()["last_lesson"] == "slope"

    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        assert isinstance(again.screen, HomeScreen)
        await pilot.press("enter")  # continue
        screen = await settled(pilot)
        assert screen.lesson.id == "slope"
        assert screen.values == values
        assert screen.result is not None and screen.result.params["function"] == "double-well"
        assert row(screen, "w0").value == pytest.approx(values["w0"])


async def test_values_are_saved_after_a_pause_without_leaving(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        row(screen, "w0").focus()
        await pilot.press("right")
        assert screen.values["w0"] > 5.0
        await until(pilot, lambda: saved()["lessons"]["bowl"]["params"].get("w0") == screen.values["w0"],
                    "the debounced save")
        assert not screen._dirty


async def test_hints_are_revealed_one_at_a_time_and_saved(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        panel = screen.query_one(ChallengePanel)
        assert panel.hints_shown == 0
        await pilot.press("h")
        assert panel.hints_shown == 1 and saved()["lessons"]["bowl"]["hints_used"] == 1
        assert "Bouncing needs a rate above 1/a." in panel.text
        assert "The edge is 2/a" not in panel.text
        await pilot.press("h")  # the next hint waits for another try
        assert panel.hints_shown == 1 and panel.hint_locked
        assert "after another try" in panel.text
        screen.query_one(ParamRow).focus()
        await pilot.press("right")  # a changed value is a try
        await pilot.press("h", "h")
        assert panel.hints_shown == 2 and saved()["lessons"]["bowl"]["hints_used"] == 2


async def test_quiz_answers_are_explained_and_saved(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        quiz = screen.query_one(QuizPanel)
        assert quiz.current == 0
        await pilot.press("1")  # wrong: 0.1 does not diverge
        assert saved()["lessons"]["bowl"]["quiz"] == {"0": 0}
        assert "The edge is 2/a = 0.5." in quiz.text
        assert quiz.current == 1
        await pilot.press("9")  # question 2 has three choices: ignored
        assert quiz.current == 1
        await pilot.press("1")
        assert saved()["lessons"]["bowl"]["quiz"] == {"0": 0, "1": 0}
        assert quiz.current is None and quiz.score == (1, 2)
        await pilot.press("R", "2")  # retake: the first answer is replaced
        assert saved()["lessons"]["bowl"]["quiz"]["0"] == 1
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        assert "quiz 2/2" in printed(app.screen.query_one("#lesson-list").get_option("bowl").prompt)


async def test_play_step_and_reset(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        assert screen.playback.steps == 30 and screen.playback.upto is None
        await pilot.press("n")
        await settled(pilot)
        assert screen.playback.upto == 1 and screen.last_drawn.options.upto == 1
        first = chart_text(screen)
        await pilot.press("n", "n")
        await settled(pilot)
        assert screen.playback.upto == 3 and chart_text(screen) != first
        assert "step 3 of 30" in status_text(screen)
        await pilot.press("r")
        await settled(pilot)
        assert screen.playback.upto == 0 and not screen.playback.playing
        await pilot.press("space")
        assert screen.playback.playing
        await until(pilot, lambda: screen.playback.upto is not None and screen.playback.upto >= 2, "frames")
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        assert screen.playback.multiplier == 8.0
        await until(pilot, lambda: not screen.playback.playing and screen.settled, "the end of the run")
        assert screen.playback.upto is None  # the whole run again
        assert not screen.play.ticking  # paused: no timer left running


async def test_play_reveals_a_walk_through_row_by_row(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_lesson(pilot, "walk")
        steps = screen.playback.steps
        assert steps == len(screen.result.series["stage"]) - 1 > 0
        await pilot.press("r")
        await settled(pilot)
        empty = chart_text(screen)
        await pilot.press("n")
        await settled(pilot)
        assert len(chart_text(screen).splitlines()) >= len(empty.splitlines())
        assert chart_text(screen) != empty


async def test_pin_keeps_a_reference_run_until_cleared(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        await pilot.press("p")
        await settled(pilot)
        assert len(screen.pins) == 1 and screen.last_drawn.options.pins == screen.pins
        assert "pin 1" in chart_text(screen)
        await pilot.press("p")  # the same run twice is not pinned twice
        assert len(screen.pins) == 1
        row(screen, "lr").focus()
        await pilot.press("right")
        await settled(pilot)
        assert screen.pins[0].params["lr"] == pytest.approx(0.1) and screen.values["lr"] == pytest.approx(0.12)
        assert "1 pinned" in status_text(screen)
        await pilot.press("P")
        await settled(pilot)
        assert screen.pins == () and screen.last_drawn.options.pins == ()
        assert "pin 1" not in chart_text(screen)


@pytest.mark.parametrize("size", [(80, 24), (40, 12), (1, 1), (200, 50)])
async def test_any_size_works_and_80_by_24_stays_usable(make_app, size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        await pilot.resize_terminal(*size)
        await pilot.pause()
        await pilot.press("t", "n", "right", "p", "space")
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await settled(pilot)
        # Back at 80×24 the simulation view works: a value changes and the chart follows.
        if screen.view != "sim":
            await pilot.press("t")
        assert screen.query_one("#sim-pane").display and not screen.query_one("#text-pane").display
        assert isinstance(app.focused, ParamRow)
        await pilot.press("escape", "enter")  # (home and back: nothing stale survives)
        screen = await settled(pilot)
        row(screen, "lr").focus()
        lr = screen.values["lr"]
        await pilot.press("right")
        await settled(pilot)
        assert screen.values["lr"] > lr
        chart = screen.query_one(ChartView)
        assert chart.size.width > 40 and chart.size.height >= 6
        assert len(chart.text.splitlines()) == chart.size.height


async def test_narrow_terminals_switch_between_text_and_simulation(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        assert screen.view == "text"  # a new lesson starts with its text
        assert not screen.query_one("#sim-pane").display
        await pilot.press("t")
        assert screen.view == "sim" and screen.query_one("#sim-pane").display
        assert not screen.query_one("#text-pane").display
        await pilot.press("1")  # the quiz is not on screen: a number answers nothing
        assert screen.view == "sim" and screen.query_one(QuizPanel).answers == {}
        await pilot.press("t")
        pane = screen.query_one("#text-pane")
        question = screen.query_one(QuizPanel).question_view(0)
        assert question is not None
        pane.scroll_end(animate=False)
        await until(pilot, lambda: pane.scroll_y > 0 and pane.region.contains_region(question.region),
                    "the question in view")
        await pilot.press("1")  # now it is: answered
        assert screen.view == "text" and screen.query_one(QuizPanel).answers == {0: 0}
        await pilot.resize_terminal(130, 40)
        await pilot.pause()
        assert screen.query_one("#sim-pane").display and screen.query_one("#text-pane").display


async def test_ascii_terminals_get_ascii_charts(make_app) -> None:
    app = make_app(unicode=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        text = chart_text(screen)
        assert text.strip() and all(ord(ch) < 128 for ch in text)


async def test_colour_charts_keep_their_colours_and_no_color_drops_them(make_app) -> None:
    app = make_app(color=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        content = screen.query_one(ChartView).content
        assert any(span.style for span in content.spans)
        assert "\x1b" not in chart_text(screen)
    plain = make_app(color=False)
    async with plain.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        assert not screen.last_drawn.options.color


async def test_keys_typed_right_after_enter_go_to_the_editor(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        lr = row(screen, "lr")
        lr.focus()
        await pilot.pause()
        # All in one batch, no pause between: "1" must not answer the quiz, "enter" must submit.
        for key in ("enter", "end", "ctrl+u", "1", ".", "5", "enter"):
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await until(pilot, lambda: screen.settled and screen.values["lr"] == 1.5, "lr = 1.5")
        assert screen.query_one(QuizPanel).answers == {}


async def test_a_resize_storm_while_playing_leaves_a_working_lesson(make_app) -> None:
    import random

    sizes = random.Random(7).choices(range(1, 220), k=60)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        await pilot.press("space")
        for width, height in zip(sizes[::2], sizes[1::2], strict=True):
            await pilot.resize_terminal(width, max(1, height // 4))
        await pilot.resize_terminal(1, 1)
        await pilot.resize_terminal(80, 24)
        await settled(pilot)
        await until(pilot, lambda: not screen.playback.playing and screen.settled, "the end of play")
        await pilot.press("t")
        row(screen, "lr").focus()
        await pilot.press("right")
        await settled(pilot)
        assert len(chart_text(screen).splitlines()) == screen.query_one(ChartView).size.height > 5
        assert screen.values["lr"] == pytest.approx(0.12) and screen.result.params["lr"] == pytest.approx(0.12)


def test_a_quiz_not_built_yet_has_no_question_to_show() -> None:
    # The footer asks whether a question is in view as soon as a lesson mounts, before its quiz
    # has composed: that once ended the app with an IndexError.
    from tutor.lessons.model import Question
    from tutor.present.glyphs import Glyphs
    from tutor.present.terminal import Terminal

    panel = QuizPanel((Question("Which?", ("a", "b"), 0, "because"),), {},
                      Glyphs.for_terminal(Terminal(color=False, unicode=True)))
    assert panel.question_view(0) is None and panel.question_view(5) is None
    panel.scroll_to_question(0)  # (nothing to scroll yet: nothing happens)
