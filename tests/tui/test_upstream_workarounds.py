"""gdtutor works around two behaviours of a dependency; each test here fails the day upstream
changes it, so the workaround is removed instead of outliving its reason.

Textual's OptionList pages by lines it lays out only once it has a height: PageUp/PageDown in a list
with none raises KeyError and ends the app (seen in the wild too:
https://github.com/kagan-sh/kagan-legacy/issues/31). tutor/tui/paging_guard.py guards both actions.

Textual keeps what removed widgets last drew: `StylesCache.get_inner_outer` is an `lru_cache` on a
method, whose key holds the widget's style cache and so every line it rendered.
tutor/tui/released_styles.py clears it as gdtutor's screens are removed.

The checks of bare Textual run in a fresh interpreter, where gdtutor's workarounds are not installed.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

BARE_TEXTUAL = textwrap.dedent("""
    import asyncio
    from textual.app import App
    from textual.widgets import OptionList

    class Lists(App):
        CSS = "OptionList { height: 0; }"
        def compose(self):
            yield OptionList("a", "b", "c")

    async def main():
        app = Lists()
        try:
            async with app.run_test(size=(40, 10)) as pilot:
                app.query_one(OptionList).focus()
                await pilot.press("pagedown")
                await pilot.pause()
        except KeyError:
            print("still crashes")
            return
        print("fixed upstream")

    asyncio.run(main())
""")


def test_textual_still_crashes_on_paging_an_unlaid_list() -> None:
    done = subprocess.run([sys.executable, "-c", BARE_TEXTUAL], capture_output=True, text=True, timeout=120)
    last = done.stdout.strip().splitlines()[-1:] or [done.stderr[-400:]]
    assert last == ["still crashes"], (
        "Textual no longer raises on PageDown in a list with no height: remove tutor/tui/paging_guard.py "
        f"and its install() call ({last})")


async def test_the_guard_makes_the_same_keys_harmless() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import OptionList

    from tutor.tui import paging_guard

    paging_guard.install()

    class Lists(App[None]):
        CSS = "OptionList { height: 0; }"

        def compose(self) -> ComposeResult:
            yield OptionList("a", "b", "c")

    app = Lists()
    async with app.run_test(size=(40, 10)) as pilot:
        app.query_one(OptionList).focus()
        await pilot.press("pagedown", "pageup", "pagedown")
        await pilot.pause()
        assert app.is_running and app.query_one(OptionList).highlighted in (None, 0)


#: A screen of widgets shown, drawn and removed; then how many of their style caches are still alive.
BARE_STYLES = textwrap.dedent("""
    import asyncio, gc, weakref
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import Static

    class Lines(Screen):
        def compose(self):
            for i in range(40):
                yield Static(f"line {i}")

    async def main():
        app = App()
        async with app.run_test(size=(40, 50)) as pilot:
            screen = Lines()
            await app.push_screen(screen)
            await pilot.pause()
            caches = [weakref.ref(w._styles_cache) for w in screen.query(Static)]
            app.pop_screen()
            await pilot.pause()
            await pilot.pause()
            del screen
            gc.collect()
            alive = sum(ref() is not None for ref in caches)
            print("still keeps" if alive > len(caches) // 2 else "fixed upstream", alive, len(caches))

    asyncio.run(main())
""")


def test_textual_still_keeps_what_removed_widgets_drew() -> None:
    done = subprocess.run([sys.executable, "-c", BARE_STYLES], capture_output=True, text=True, timeout=120)
    last = done.stdout.strip().splitlines()[-1:] or [done.stderr[-400:]]
    assert last and last[0].startswith("still keeps"), (
        "Textual no longer keeps removed widgets' style caches: remove tutor/tui/released_styles.py and "
        f"its call in tutor/tui/screens/mounted.py ({last})")


async def test_a_removed_screen_of_gdtutors_lets_go_of_its_widgets_drawing(make_app) -> None:
    from textual._styles_cache import StylesCache

    from tests.tui.conftest import open_lesson, until
    from tutor.tui.screens.home import HomeScreen

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_lesson(pilot, "bowl")

        def drawn_lately() -> bool:
            """The cache holds the lesson's drawing; else it is drawn again (the footer may have
            cleared the cache after a rebuild of its keys, just after the lesson was drawn)."""
            if StylesCache.get_inner_outer.cache_info().currsize > 10:
                return True
            for widget in screen.query("*"):
                widget.refresh()
            return False

        await until(pilot, drawn_lately, "the lesson's widgets drawn into the cache")
        drawn = StylesCache.get_inner_outer.cache_info().currsize
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        assert app.kept_lesson.screen is screen  # (kept for going back to it) ...
        app.kept_lesson.drop()  # ... until it is let go, as another lesson or a language switch does
        await until(pilot, lambda: not screen.is_attached, "the lesson screen taken down")
        await pilot.pause()
        # (the cache only grows, up to 1,024 entries, unless cleared: home's repaint adds a few back)
        kept = StylesCache.get_inner_outer.cache_info().currsize
        assert kept < drawn, f"the removed lesson's {drawn} entries are still cached ({kept} now)"


async def test_a_rebuilt_footer_lets_go_of_what_its_old_keys_drew(make_app) -> None:
    """Moving the focus between the text and the values shows other keys: the footer is rebuilt.
    Without the footer's release, every removed key stays alive through Textual's cache (up to 1,024
    of them). With it, what stays is bounded: the keys of the latest rebuild or two (a key removed
    just after a frame began can be painted once more, after the cache was cleared). The app's
    collector freezes what exists once start-up is done (tutor/tui/collector.py), which can include
    this lesson's first keys: they are unfrozen here, as the question is what holds them."""
    import gc
    import weakref

    from tests.tui.conftest import open_lesson, until
    from tutor.tui.widgets.footer import KeyFooter
    from tutor.tui.widgets.params import ParamRow

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        footer = screen.query_one(KeyFooter)
        await until(pilot, lambda: bool(footer.query("FooterKey")), "the footer's keys")
        batches: list[list[weakref.ref[object]]] = []
        for _ in range(8):
            drawn = list(footer.query("FooterKey"))
            batches.append([weakref.ref(key._styles_cache) for key in drawn])
            where = footer.where
            target = screen.query(ParamRow).first() if where != "values" else screen.query_one("#text-pane")
            target.focus()
            await until(pilot, lambda where=where, drawn=drawn: footer.where != where
                        and not any(key.is_attached for key in drawn) and bool(footer.query("FooterKey")),
                        "the footer rebuilt")
            del drawn
        for _ in range(3):
            await pilot.pause()
        gc.unfreeze()
        gc.collect()
        kept = [i for i, batch in enumerate(batches) if any(ref() is not None for ref in batch)]
        assert len(kept) <= 2, f"the keys of rebuilds {kept} of 0–{len(batches) - 1} are still alive"
