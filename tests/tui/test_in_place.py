"""A Static given words that wrap to as many rows is repainted, not laid out with the whole screen;
words that change its height are laid out."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import Static

from tests.tui.conftest import until
from tutor.tui.widgets.in_place import update_in_place


class OneStatic(App[None]):
    CSS = "Static { width: 20; height: auto; }"

    def compose(self) -> ComposeResult:
        yield Static(Content("one row"))


async def test_only_a_change_of_height_lays_the_screen_out() -> None:
    app = OneStatic()
    async with app.run_test(size=(40, 10)) as pilot:
        static = app.query_one(Static)
        await until(pilot, lambda: static.content_size.width == 20 and not static._layout_required, "laid out")
        layouts = static._layout_updates
        update_in_place(static, Content("another row"))  # (one row at 20 columns, as before)
        assert str(static.content) == "another row"
        assert static._layout_updates == layouts, "the same height asked for a layout"
        await pilot.pause()
        update_in_place(static, Content("words enough to wrap onto a second row"))
        assert static._layout_updates == layouts + 1, "a new height was not laid out"
        await until(pilot, lambda: static.outer_size.height == 2, "the static two rows tall")
