"""The challenge panel explains why the solution works only once the challenge has been met, in
place of the statement, so that it fits beside the chart at 80×24."""

from __future__ import annotations

from tests.tui.conftest import open_lesson, until
from tests.tui.test_lesson_screen import row, type_value
from tutor.tui.widgets.challenge import ChallengePanel

WHY = "Between 1/a and 2/a each step jumps past the bottom"


async def test_the_explanation_appears_when_the_challenge_is_met_and_stays(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        panel = screen.query_one(ChallengePanel)
        assert panel.met is False and WHY not in panel.text
        statement = "Make the weight bounce across the bottom"
        assert statement in panel.text
        await pilot.press("h", "h")  # every hint shown: still no explanation
        assert WHY not in panel.text
        row(screen, "lr").focus()
        await type_value(pilot, "0.35")
        await until(pilot, lambda: screen.settled and panel.met, "the challenge met")
        assert "Why it works" in panel.text and WHY in panel.text
        assert "h: show a hint" not in panel.text  # the explanation supersedes the hints
        await type_value(pilot, "0.1")  # a run that does not meet it: the lesson stays complete
        await until(pilot, lambda: screen.settled and panel.met is False, "a run that misses")
        assert WHY in panel.text
