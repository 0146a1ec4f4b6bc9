"""Predict, then run, in the app: the values are set and the chart hidden while asking; the answer
is taken before anything is shown; the run then plays from step 0, the answer is judged with its
explanation, and the prediction is saved."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.tui.conftest import FIXTURE_LESSONS, open_lesson, saved, until
from tutor import i18n
from tutor.tui.screens.lesson import LessonScreen
from tutor.tui.widgets.params import ParamRow
from tutor.tui.widgets.predict import PredictPanel
from tutor.tui.widgets.quiz import QuizPanel
from tutor.tui.widgets.status import StatusLine

BLOCK = """```predict
question = "At lr = {lr}, just above 2/a = 0.5, what does the weight do?"
params = { lr = 0.55 }
choices = ["It settles", "It bounces further out each step"]
when = ['regime != "diverging"', 'regime == "diverging"']
explain = "Past 2/a each bounce lands farther out."
```

"""

KO_BLOCK = """```predict
question = "2/a = 0.5를 살짝 넘는 lr = {lr}에서 가중치는 어떻게 될까요?"
choices = ["자리를 잡는다", "튈 때마다 더 멀리 나간다"]
explain = "2/a를 넘으면 튈 때마다 더 멀리 떨어집니다."
```

"""


@pytest.fixture
def course(tmp_path: Path) -> Path:
    folder = tmp_path / "lessons"
    shutil.copytree(FIXTURE_LESSONS, folder)
    for name, block in (("bowl.md", BLOCK), ("bowl.ko.md", KO_BLOCK)):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        at = text.index("```quiz")
        path.write_text(text[:at] + block + text[at:], encoding="utf-8")
    return folder


def visible(screen: LessonScreen, selector: str) -> bool:
    widget = screen.query_one(selector)
    return widget.display and widget.styles.display != "none" and widget.region.height > 0


async def ask(pilot, screen: LessonScreen) -> PredictPanel:
    panel = screen.query_one(PredictPanel)
    await pilot.press("f")
    await until(pilot, lambda: panel.asking and screen.values["lr"] == 0.55 and screen.settled, "the question")
    await pilot.pause()
    return panel


@pytest.mark.parametrize("answer, right", [(2, True), (1, False)])
async def test_predict_hides_the_run_asks_then_reveals_and_judges(make_app, course: Path, answer: int,
                                                                  right: bool) -> None:
    app = make_app(lessons=course)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        assert visible(screen, "#chart")
        panel = await ask(pilot, screen)
        # the values are set, the run is hidden: no chart, no facts, no verdict
        assert screen.query_one(ParamRow).value == 0.55
        assert not visible(screen, "#chart") and not visible(screen, "#status")
        assert "just above 2/a = 0.5" in panel.text and "lr = 0.55" in panel.text
        assert "Past 2/a" not in panel.text  # the explanation waits for the answer
        assert "bowl" not in saved().get("lessons", {}) or "0" not in saved()["lessons"]["bowl"].get("predictions", {})
        quiz_before = dict(screen.query_one(QuizPanel).answers)
        await pilot.press(str(answer))
        # the run is revealed played from step 0, not dumped
        await until(pilot, lambda: visible(screen, "#chart"), "the chart to come back")
        assert screen.playback.playing or screen.playback.upto is not None or panel.state == "revealed"
        await until(pilot, lambda: panel.state == "revealed", "the judgement")
        assert screen.playback.upto is None  # played to its end before judging
        assert screen.query_one(QuizPanel).answers == quiz_before  # the number key answered the prediction
        assert ("Right." if right else "Not quite.") in panel.text
        assert "Past 2/a each bounce lands farther out." in panel.text
        assert "diverging" in screen.query_one(StatusLine).text
        await until(pilot, lambda: saved()["lessons"]["bowl"].get("predictions"), "the prediction to be saved")
        assert saved()["lessons"]["bowl"]["predictions"] == {"0": {"choice": answer - 1, "right": right}}
        review = saved()["lessons"]["bowl"]["review"]
        assert ("predict:0" in review) is (not right)  # a wrong prediction is a review item
        await pilot.press("f")
        await until(pilot, lambda: panel.state == "idle", "the question to close")
        assert visible(screen, "#chart")


async def test_the_chart_is_drawn_during_play_while_revealing(make_app, course: Path) -> None:
    app = make_app(lessons=course)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        await ask(pilot, screen)
        uptos: list[int | None] = []
        original = screen.predict_run_shown

        def spy(report) -> None:  # type: ignore[no-untyped-def]
            uptos.append(report.options.upto)
            original(report)

        screen.predict_run_shown = spy  # type: ignore[method-assign]
        await pilot.press("2")
        await until(pilot, lambda: screen.query_one(PredictPanel).state == "revealed", "the judgement")
        assert uptos[0] == 0 and uptos[-1] is None and len(uptos) > 3


async def test_changing_a_value_while_asked_puts_the_question_away(make_app, course: Path) -> None:
    app = make_app(lessons=course)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        panel = await ask(pilot, screen)
        screen.query_one(ParamRow).focus()
        await pilot.press("left")
        await until(pilot, lambda: panel.state == "idle", "the question to close")
        assert visible(screen, "#chart")
        assert "predictions" not in saved()["lessons"]["bowl"] or saved()["lessons"]["bowl"]["predictions"] == {}


async def test_a_saved_prediction_is_shown_when_the_lesson_opens_again(make_app, course: Path) -> None:
    app = make_app(lessons=course)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        await ask(pilot, screen)
        await pilot.press("2")
        await until(pilot, lambda: screen.query_one(PredictPanel).state == "revealed", "the judgement")
        await until(pilot, lambda: saved()["lessons"]["bowl"].get("predictions"), "the prediction to be saved")
    app = make_app(lessons=course)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        panel = screen.query_one(PredictPanel)
        assert panel.answers == {0: True}


async def test_the_flow_at_80_by_24_switches_to_the_simulation(make_app, course: Path) -> None:
    app = make_app(lessons=course)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        panel = await ask(pilot, screen)
        assert screen.view == "sim" and panel.region.height > 3
        assert not visible(screen, "#chart")
        await pilot.press("1")
        await until(pilot, lambda: panel.state == "revealed", "the judgement")
        assert visible(screen, "#chart") and "Not quite." in panel.text


async def test_korean_prediction_shows_the_translated_text(make_app, course: Path) -> None:
    with i18n.switch("ko"):
        app = make_app(lessons=course)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await open_lesson(pilot, "bowl")
            panel = await ask(pilot, screen)
            assert "살짝 넘는 lr = 0.55" in panel.text
            assert not visible(screen, "#chart")


async def test_putting_the_question_away_mid_play_still_counts_the_answer(make_app, course: Path) -> None:
    app = make_app(lessons=course)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        panel = await ask(pilot, screen)
        await pilot.press("1")
        await until(pilot, lambda: screen.playback.playing and (screen.playback.upto or 0) > 0, "play")
        await pilot.press("f")
        await until(pilot, lambda: panel.state == "idle", "the question to close")
        await until(pilot, lambda: saved()["lessons"]["bowl"].get("predictions"), "the prediction to be saved")
        assert saved()["lessons"]["bowl"]["predictions"] == {"0": {"choice": 0, "right": False}}


async def test_a_missed_prediction_comes_back_in_review_with_its_run_drawn(make_app, course: Path) -> None:
    from datetime import datetime, timedelta, timezone

    from tutor.progress import ProgressStore
    from tutor.progress.session import ProgressSession
    from tutor.tui.screens.home import HomeScreen
    from tutor.tui.screens.review import ReviewScreen
    from tutor.tui.widgets.chart import ChartView

    moment = datetime.now(timezone.utc) - timedelta(hours=1)
    ProgressSession(ProgressStore(), clock=lambda: moment).predict("bowl", 0, 0, right=False)
    app = make_app(lessons=course)
    async with app.run_test(size=(100, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.question is not None,
                    "the question")
        screen = app.screen
        assert screen.question.kind == "predict" and "lr = 0.55" in str(screen.query_one("#review-question").content)
        assert not screen.query_one(ChartView).display  # the run is not shown before the answer
        assert screen.question.choices[screen.question.right] == "It bounces further out each step"
        await pilot.press(str(screen.question.right + 1))
        await until(pilot, lambda: "Right." in str(screen.query_one("#review-verdict").content), "the verdict")
        await until(pilot, lambda: "┤" in screen.query_one(ChartView).text or "|" in screen.query_one(ChartView).text,
                    "the run's chart")
    assert ProgressStore().load().lessons["bowl"].review["predict:0"]["last_review"] is not None


@pytest.mark.parametrize("lesson_id", ["initialization", "regularization", "vanishing-gradients"])
async def test_shipped_predictions_are_judged_right_in_the_app(make_app, lesson_id: str) -> None:
    from tutor.lessons.paths import default_lessons_dir
    from tutor.sims import get_spec

    app = make_app(lessons=default_lessons_dir())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, lesson_id)
        panel = screen.query_one(PredictPanel)
        for block, prediction in enumerate(screen.lesson.predictions):
            run = get_spec(screen.lesson.sim).run({**screen.lesson.params, **prediction.params})
            [right] = prediction.holding(run)  # (as check-lessons proves)
            await pilot.press("f")
            await until(pilot, lambda: panel.asking and screen.settled, "the question")
            # At the fastest speed the committed run plays in about 30 frames, not 240: the
            # judgement waits for the last frame, and a loaded machine draws frames slowly.
            await pilot.press(*["right_square_bracket"] * 3)
            await pilot.press(str(right + 1))
            await until(pilot, lambda: panel.state == "revealed", "the judgement")
            assert "Right." in panel.text
            await until(pilot, lambda b=block: str(b) in saved()["lessons"][lesson_id].get("predictions", {}),
                        "the prediction to be saved")
            await pilot.press("f")
            await until(pilot, lambda: panel.state == "idle", "the question to close")
        assert all(p["right"] for p in saved()["lessons"][lesson_id]["predictions"].values())
