"""The status message holds the tallest height it has shown at a width: a nudge whose message wraps
to fewer lines leaves the rows (and the chart's size) where they are; a new width re-wraps it."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

from tutor.text import Msg
from tutor.tui.widgets.status import MAX_LINES, StatusLine


class StatusApp(App[None]):
    def compose(self) -> ComposeResult:
        yield StatusLine(id="status")


def message_height(app: StatusApp) -> int:
    return app.query_one(".status-message", Static).outer_size.height


LONG = "word " * 30  # three lines and more at 40 columns
SHORT = "short"


async def test_a_shorter_message_keeps_the_rows_until_the_width_changes() -> None:
    app = StatusApp()
    async with app.run_test(size=(40, 10)) as pilot:
        status = app.query_one(StatusLine)
        status.show_result(Msg(SHORT), [])
        await pilot.pause()
        assert message_height(app) == 1
        status.show_result(Msg(LONG), [])
        await pilot.pause()
        assert message_height(app) == MAX_LINES
        status.show_result(Msg(SHORT), [("loss", "1")])
        await pilot.pause()
        assert message_height(app) == MAX_LINES
        assert str(app.query_one(".status-message", Static).content) == SHORT
        await pilot.resize_terminal(60, 10)
        await pilot.pause()
        await pilot.pause()
        assert message_height(app) == 1
