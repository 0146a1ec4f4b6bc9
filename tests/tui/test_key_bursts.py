"""Keys that arrive in one burst (a held key, an SSH link catching up) are all applied: ten ↓ scroll
ten lines, and the glossary's entry is always the highlighted term's, however fast ↓ comes."""

from __future__ import annotations

from textual import events
from textual.widgets import Markdown, OptionList

from tests.tui.conftest import open_lesson, until
from tutor.lessons.paths import default_lessons_dir
from tutor.tui.screens.glossary import GlossaryScreen
from tutor.tui.widgets.challenge import ChallengePanel


def burst(app, key: str, times: int) -> None:  # type: ignore[no-untyped-def]
    """Post the keys at once, as the terminal's reader would after one read (Pilot.press waits
    for the app between keys, which hides exactly this)."""
    for _ in range(times):
        app.post_message(events.Key(key, None))


async def test_ten_downs_at_once_scroll_the_text_ten_lines(make_app) -> None:
    app = make_app(lessons=default_lessons_dir())  # a lesson long enough to scroll
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(pilot, "weights-and-loss")
        pane = screen.query_one("#text-pane")
        await until(pilot, lambda: pane.max_scroll_y >= 12, "the lesson text laid out")
        assert app.focused is screen.query_one("#text-keys") and pane.scroll_y == 0  # the text's focus holder
        burst(app, "down", 10)
        await until(pilot, lambda: pane.scroll_y == 10, "ten lines down")
        burst(app, "up", 3)
        await until(pilot, lambda: pane.scroll_y == 7, "three lines back up")


async def test_page_keys_in_the_simulation_view_scroll_the_challenge(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        await pilot.press("t", "h", "h")
        scroller = screen.query_one(ChallengePanel).scroller
        await until(pilot, lambda: scroller.max_scroll_y > 0 and scroller.scroll_y == scroller.max_scroll_y,
                    "the newest hint scrolled into view")
        await pilot.press("pageup")
        await until(pilot, lambda: scroller.scroll_y == 0, "the statement back in view")


async def test_the_glossary_entry_is_always_the_highlighted_one(make_app) -> None:
    app = make_app(lessons=default_lessons_dir())  # the course's glossary: dozens of terms
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("g")
        await until(pilot, lambda: isinstance(app.screen, GlossaryScreen) and app.screen.glossary is not None,
                    "the glossary")
        screen = app.screen
        options = screen.query_one("#glossary-terms", OptionList)
        options.focus()
        options.highlighted = 0  # the introduction
        await until(pilot, lambda: screen.entry_shown and screen.showing is None, "the introduction")
        expected = 0
        for count in (7, 1, 4):
            expected += count
            burst(app, "down", count)
            await until(pilot, lambda wanted=expected: options.highlighted == wanted, "every ↓ applied")
            await until(pilot, lambda: screen.entry_shown and highlighted_term(screen, options) == screen.showing,
                        "the highlighted term's entry")
            assert screen.showing is not None
            shown = screen.query_one("#glossary-text", Markdown).source
            assert shown.startswith(f"## {screen.showing}\n")


def highlighted_term(screen: GlossaryScreen, options: OptionList) -> str | None:
    if options.highlighted is None:
        return None
    term = screen._term(options.get_option_at_index(options.highlighted).id)
    return term.term if term else None
