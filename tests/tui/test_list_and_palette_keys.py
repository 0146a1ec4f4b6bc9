"""Ways random keys used to end the app, found by tests/tui/test_soak.py, kept from coming back.

- PageUp/PageDown in a list with no height yet (home in a terminal three rows high; the command
  palette between typing and its results) raised KeyError inside Textual.
- A second Enter on a palette result, arriving before the first was handled, made the palette pop
  the screen under it; and opened the lesson a second time over the first.
- A lesson replaced, or the app closed, while the lesson was still being built: its first handlers
  ran on a screen already being taken down.
"""

from __future__ import annotations

import pytest
from textual import events

from tests.tui.conftest import settled, until
from tutor.tui.screens.home import HomeScreen
from tutor.tui.screens.lesson import LessonScreen


@pytest.mark.parametrize("height", [1, 3, 5])
async def test_paging_a_list_with_no_room(make_app, height: int) -> None:
    app = make_app()
    async with app.run_test(size=(100, height)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        await pilot.press("pagedown", "pageup", "pagedown", "down", "pagedown")
        app.action_command_palette()
        await pilot.pause()
        for key in ("b", "o", "pagedown", "pageup", "pagedown"):
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause()
        assert app.is_running
        await pilot.press("escape")
        await pilot.resize_terminal(100, 30)
        await pilot.press("pagedown", "pageup")  # and with room, paging still pages
        home = app.screen
        assert isinstance(home, HomeScreen) and home.query_one("#lesson-list").highlighted is not None


@pytest.mark.parametrize("keys", [["enter", "enter"], ["down", "enter", "enter"], ["tab", "enter", "enter"]])
async def test_enter_pressed_twice_in_the_command_palette(make_app, keys: list[str]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")  # (the one screen under it)
        app.action_command_palette()
        await pilot.pause()
        for key in ("b", "o", "w", "l"):
            app.post_message(events.Key(key, key))
        await until(pilot, lambda: app.screen.query("CommandList").first().option_count > 0, "the palette's results")
        for key in keys:
            app.post_message(events.Key(key, None))
        await until(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "bowl", "bowl")
        await settled(pilot)
        assert app.is_running and len(app.screen_stack) == 2  # home and the lesson chosen


async def test_a_lesson_asked_for_twice_in_a_row_is_opened_once(make_app) -> None:
    """What the palette does on a double Enter: the second request used to pop the lesson the first
    had pushed while it was still being built, and its first run then found no widgets to fill."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        app.open_lesson("bowl")
        first = app.screen
        app.open_lesson("bowl")
        for key in ("t", "r", "p"):
            app.post_message(events.Key(key, key))
        await settled(pilot)
        assert app.screen is first and len(app.screen_stack) == 2
        app.open_lesson("slope")  # another lesson still replaces it
        await until(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "slope", "slope")
        assert len(app.screen_stack) == 2 and app.is_running



@pytest.mark.parametrize("pause", [False, True])
async def test_a_lesson_replaced_or_left_while_it_is_still_being_built(make_app, pause: bool) -> None:
    """Another lesson chosen (palette, Enter on home) or the app closed before the first lesson had
    finished building: its first handlers ran on a screen already being taken down, and raised."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        app.open_lesson("bowl")
        app.open_lesson("slope")
        await until(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "slope", "slope")
        if pause:
            await settled(pilot)
        app.open_lesson("walk")  # and the app closes at once, while walk is being built


@pytest.mark.parametrize(("open_screen", "action"), [("glossary", "close"), ("glossary", "search"),
                                                     ("help", "close"), ("lesson", "switch_view"),
                                                     ("lesson", "home"), ("lesson", "scroll_text(1)")])
async def test_a_screens_keys_before_it_is_built(make_app, open_screen: str, action: str) -> None:
    """A key that arrives in the same burst as the one that opened a screen (g then Esc, g then
    Ctrl+F) ran its action on the screen before it was built: the action found no widgets, or
    closed the screen, whose first handlers then found none. Such a key now does nothing."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        if open_screen == "lesson":
            app.open_lesson("bowl")
        else:
            getattr(app, f"action_{open_screen}")()
        screen = app.screen
        assert not screen.is_mounted
        await app.run_action(action, screen)  # what a binding does with the key, at once
        await until(pilot, lambda: screen.is_mounted, "the screen built")
        await pilot.pause()
        assert app.screen is screen and app.is_running


@pytest.mark.parametrize("open_screen", ["glossary", "help"])
async def test_a_screen_replaced_while_it_is_still_being_built(make_app, open_screen: str) -> None:
    """g on home, then Ctrl+P and a lesson in the same burst: the palette's choice took down the
    glossary before it was built, and its first handler found no widgets."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        getattr(app, f"action_{open_screen}")()
        app.open_lesson("bowl")
        await settled(pilot)
        assert isinstance(app.screen, LessonScreen) and len(app.screen_stack) == 2
