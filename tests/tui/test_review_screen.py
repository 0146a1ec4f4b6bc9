"""Review in the app: home says what is due and where the learner stands; r opens the review, which
asks each due item, judges it and reschedules it; a fresh learner is told nothing is due."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from tests.tui.conftest import until
from tutor.progress import ProgressStore
from tutor.progress.session import ProgressSession
from tutor.tui.screens.home import HomeScreen
from tutor.tui.screens.review import ReviewScreen


def text_of(screen, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(screen.query_one(selector).content)


def earlier(**kwargs: float) -> ProgressSession:
    moment = datetime.now(timezone.utc) - timedelta(**kwargs)
    return ProgressSession(ProgressStore(), clock=lambda: moment)


async def test_a_fresh_learner_has_nothing_to_review(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        assert "nothing is due; nothing is scheduled yet" in text_of(app.screen, "#home-overview")
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review")
        await until(pilot, lambda: "nothing is due" in text_of(app.screen, "#review-question"), "the line")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home again")


async def test_due_items_are_asked_judged_and_rescheduled(make_app) -> None:
    session = earlier(hours=1)
    session.open_lesson("bowl")
    session.answer("bowl", 0, 0, right=False)  # the answer is 2 ("0.6")
    session.complete("slope")  # met now: not due for days
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        overview = text_of(app.screen, "#home-overview")
        assert "r: review — 1 due" in overview and "days in a row: 1" in overview
        bowl = next(str(o.prompt) for o in app.screen.query_one("#lesson-list").options if o.id == "bowl")
        assert "quiz 0/2, 1 wrong" in bowl and "1 due" in bowl
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review")
        screen = app.screen
        await until(pilot, lambda: screen.question is not None, "the question")
        question = screen.question
        assert question.kind == "quiz" and sorted(question.choices) == ["0.1", "0.6"]
        await pilot.press(str(question.right + 1))
        await until(pilot, lambda: "Right." in text_of(screen, "#review-verdict"), "the verdict")
        assert "The edge is 2/a = 0.5." in text_of(screen, "#review-verdict")
        await pilot.press("enter")
        await until(pilot, lambda: "1 of 1 right." in text_of(screen, "#review-title"), "the end")
        assert "nothing is due; next review in" in text_of(screen, "#review-question")
    card = ProgressStore().load().lessons["bowl"].review["quiz:0"]
    assert card["last_review"] is not None and card["state"] == 2  # learned: in review, days away


async def test_a_challenge_is_reviewed_by_typing_values_that_are_run(make_app) -> None:
    session = earlier(days=3)
    session.open_lesson("bowl")
    session.complete("bowl")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review")
        screen = app.screen
        await until(pilot, lambda: screen.question is not None and screen.question.kind == "challenge", "it")
        await pilot.press(*"lr=0.1", "enter")  # a smooth slide: not met
        await until(pilot, lambda: "Not met" in text_of(screen, "#review-verdict"), "not met")
        assert not screen.answered
        await pilot.press("ctrl+u", *"lr=0.35", "enter")
        await until(pilot, lambda: "Met." in text_of(screen, "#review-verdict"), "met")
    card = ProgressStore().load().lessons["bowl"].review["challenge"]
    assert card["last_review"] is not None
