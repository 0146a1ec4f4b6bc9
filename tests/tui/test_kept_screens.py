"""Help and the glossary are built once per language and kept, a pane's focus change restyles the
pane alone, and a screen is not restyled whole the first time it is shown.

All are there for speed (tutor.tui.app `action_help` and `show_glossary`,
tutor.tui.widgets.scrolling, tutor.tui.screens.mounted); these tests hold what a learner must still
see: help reopens at its top in the language now spoken, the glossary reopens afresh at the term
asked for with the lesson's terms first, a focused pane still takes its focus style while the text
inside it keeps its own, and a screen shown again is restyled as Textual does.
"""

from __future__ import annotations

from textual.app import App
from textual.screen import Screen
from textual.widgets import Input, Markdown, OptionList, Static

from tests.tui.conftest import open_lesson, until
from tutor.tui.screens.glossary import GlossaryScreen
from tutor.tui.screens.help import HelpScreen, help_text
from tutor.tui.screens.home import HomeScreen
from tutor.tui.screens.mounted import KeysWhenMounted
from tutor.tui.widgets.scrolling import BurstScroll


async def open_help(pilot) -> HelpScreen:  # type: ignore[no-untyped-def]
    """Press ? and wait for help to be built."""
    app = pilot.app
    await pilot.press("question_mark")
    await until(pilot, lambda: isinstance(app.screen, HelpScreen) and app.screen.is_mounted, "help")
    return app.screen


async def test_help_is_kept_between_visits_and_reopens_at_its_top(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        first = await open_help(pilot)
        pane = first.query_one("#help-pane", BurstScroll)
        await until(pilot, lambda: pane.max_scroll_y > 0, "help laid out taller than the screen")
        await pilot.press("end")
        await until(pilot, lambda: pane.scroll_y > 0, "help scrolled down")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home again")
        assert first.is_attached, "help was taken down when it closed"
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "help again")
        assert app.screen is first
        await until(pilot, lambda: pane.scroll_y == 0, "help back at its top")
        assert pane.has_focus


async def test_help_after_a_language_switch_is_in_the_new_language(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        english = await open_help(pilot)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home again")
        app.use_language("ko")
        assert await open_help(pilot) is not english
        source = app.screen.query_one("#help-text", Markdown).source
        assert source == help_text("ko") and source != help_text("en")


async def test_a_pane_takes_its_focus_style_without_restyling_its_text(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        pane = screen.query_one("#text-pane", BurstScroll)
        inner = list(pane.walk_children())
        assert len(inner) > 5
        restyled: list[object] = []
        update_nodes = app.stylesheet.update_nodes

        def recording(nodes, animate=False):  # type: ignore[no-untyped-def]
            nodes = list(nodes)
            restyled.extend(nodes)
            return update_nodes(nodes, animate=animate)

        app.stylesheet.update_nodes = recording  # type: ignore[method-assign]
        unfocused_tint = pane.styles.background_tint
        pane.focus()
        await until(pilot, lambda: pane.has_focus, "the pane focused")
        assert pane in restyled
        assert pane.styles.background_tint != unfocused_tint, "the pane's :focus style was not applied"
        assert not any(node in restyled for node in inner), "the text inside the pane was restyled"
        screen.focus_next()
        await until(pilot, lambda: not pane.has_focus, "the focus moved on")
        assert pane.styles.background_tint == unfocused_tint


def option_ids(screen: GlossaryScreen) -> list[str | None]:
    options = screen.query_one("#glossary-terms", OptionList)
    return [options.get_option_at_index(i).id for i in range(options.option_count)]


async def test_the_kept_glossary_reopens_afresh_at_the_term_asked_for(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("g")
        await until(pilot, lambda: isinstance(app.screen, GlossaryScreen) and app.screen.glossary is not None,
                    "the glossary")
        kept = app.screen
        assert option_ids(kept)[0] == "intro" and not any(str(i).startswith("lesson:") for i in option_ids(kept))
        for letter in "learn":
            await pilot.press(letter)
        await until(pilot, lambda: kept.query_one("#glossary-search", Input).value == "learn", "a search typed")
        await until(pilot, lambda: "intro" not in option_ids(kept), "the list narrowed to the search")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home again")

        screen = await open_lesson(pilot, "bowl")
        next(r for r in screen.query("ParamRow") if r.param.name == "lr").focus()
        await pilot.press("g")
        await until(pilot, lambda: app.screen is kept and kept.showing == "Learning rate" and kept.entry_shown,
                    "the kept glossary at the entry for lr")
        assert kept.query_one("#glossary-search", Input).value == ""
        ids = option_ids(kept)
        assert ids[0] == "intro" and "lesson:Learning rate" in ids, "the lesson's terms are not listed first"
        options = kept.query_one("#glossary-terms", OptionList)
        assert options.highlighted_option is not None and options.highlighted_option.id == "lesson:Learning rate"
        assert "Learning rate" in kept.query_one("#glossary-text", Markdown).source


class Counted(KeysWhenMounted):
    """A screen that counts Textual's whole-screen restyles (what ScreenResume's refresh_styles asks)."""

    restyles = 0

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static("counted")

    def update_node_styles(self, animate: bool = True) -> None:
        self.restyles += 1
        super().update_node_styles(animate=animate)


class Other(Screen):
    def compose(self):  # type: ignore[no-untyped-def]
        yield Static("other")


async def test_a_kept_screen_is_restyled_when_shown_again_only_if_the_stylesheet_changed() -> None:
    class Host(App):
        pass

    app = Host()
    async with app.run_test(size=(40, 10)) as pilot:
        app.theme = "textual-dark"
        screen = Counted()
        app.install_screen(screen, "counted")
        await app.push_screen("counted")
        await until(pilot, lambda: app.screen is screen and screen.is_mounted, "the screen shown")
        await pilot.pause()
        assert screen.restyles == 0, "the screen's styles, applied as it mounted, were applied again"
        await app.switch_screen(Other())
        await until(pilot, lambda: isinstance(app.screen, Other), "another screen in its place")
        await app.switch_screen("counted")
        await until(pilot, lambda: app.screen is screen, "the kept screen shown again")
        await pilot.pause()
        assert screen.restyles == 0, "shown again with the stylesheet unchanged, it was restyled whole"

        await app.switch_screen(Other())
        await until(pilot, lambda: isinstance(app.screen, Other), "another screen in its place")
        app.theme = "textual-light"  # (while the kept screen is hidden)
        await pilot.pause()
        await app.switch_screen("counted")
        await until(pilot, lambda: app.screen is screen, "the kept screen shown again")
        light = app.get_theme("textual-light")
        assert light is not None and light.background is not None
        await until(pilot, lambda: screen.styles.background.hex.lower() == light.background.lower(),
                    "the kept screen in the theme chosen while it was hidden")
