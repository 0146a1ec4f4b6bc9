"""A snapshot of a prediction being asked at 80×24: the question where the chart was, no chart and
no facts, the values set (on the fixture course with one predict block; see test_predict_flow)."""

from __future__ import annotations

from tests.tui.conftest import settled, until
from tests.tui.test_predict_flow import course  # noqa: F401 (the fixture)
from tutor.tui.widgets.predict import PredictPanel


def test_prediction_asked(snap_compare, make_app, course) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
        await until(pilot, lambda: pilot.app.runner.idle, "the background imports")
        await pilot.press("enter", "t")  # the bowl, its simulation side
        screen = await settled(pilot)
        await pilot.press("f")
        panel = screen.query_one(PredictPanel)
        await until(pilot, lambda: panel.asking and screen.settled, "the question")
        await pilot.pause()

    assert snap_compare(make_app(lessons=course), terminal_size=(80, 24), run_before=ready)
