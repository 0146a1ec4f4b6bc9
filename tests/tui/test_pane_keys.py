"""The lesson text's keyboard focus lives outside the text pane, and `t` restyles nothing: both
would otherwise restyle every widget of the lesson on each press."""

from __future__ import annotations

from unittest import mock

from tests.tui.conftest import open_lesson, until


async def test_the_text_scrolls_by_keys_while_its_focus_holder_has_the_focus(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        assert app.focused is screen.query_one("#text-keys")
        pane = screen.query_one("#text-pane")
        await until(pilot, lambda: pane.max_scroll_y > 0, "the text laid out")
        await pilot.press("down", "down", "down")
        await until(pilot, lambda: pane.scroll_y >= 3, "three lines down")
        await pilot.press("end")
        await until(pilot, lambda: pane.scroll_y == pane.max_scroll_y, "the end of the text")
        await pilot.press("home")
        await until(pilot, lambda: pane.scroll_y == 0, "the top again")


async def test_switching_views_restyles_no_container(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        await pilot.pause()
        restyled: list[str] = []
        original = type(app).update_styles

        def spy(self, node=None, animate=True):  # type: ignore[no-untyped-def]
            if node is not None and node.children:
                restyled.append(f"{type(node).__name__}#{node.id}")
            return original(self, node, animate)

        with mock.patch.object(type(app), "update_styles", spy):
            await pilot.press("t")
            await until(pilot, lambda: screen.view == "sim" and screen.query_one("#sim-pane").display, "sim view")
            await pilot.press("t")
            await until(pilot, lambda: screen.view == "text" and screen.query_one("#text-pane").display, "text view")
            await pilot.pause()
        assert not [name for name in restyled if "text-pane" in name or "LessonScreen" in name], restyled
