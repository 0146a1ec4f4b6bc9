"""gdtutor patches one bug of a dependency; this test fails the day upstream fixes it, so the
patch is removed instead of outliving its reason.

Textual's OptionList pages by lines it lays out only once it has a height: PageUp/PageDown in a list
with none raises KeyError and ends the app (seen in the wild too:
https://github.com/kagan-sh/kagan-legacy/issues/31). tutor/tui/paging_guard.py guards both actions.
The check runs in a fresh interpreter, where gdtutor's guard is not installed.
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
