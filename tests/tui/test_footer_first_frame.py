"""The footer's keys are there when its screen is first drawn.

Textual's footer composes no keys at first and waits for the screen to announce its bindings, then
for a refresh: home's first frame had no keys, and "Quit" reached the terminal 70–80 ms after the rest
of the screen. gdtutor's footer composes them with the screen.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.tui.conftest import until
from tutor.tui.screens.home import HomeScreen
from tutor.tui.widgets.footer import KeyFooter


def shown(screen: Any) -> list[str]:
    return [key.description for key in screen.query_one(KeyFooter).query("FooterKey")]


async def test_home_is_mounted_with_its_keys_in_the_footer(make_app, monkeypatch: pytest.MonkeyPatch) -> None:
    at_mount: list[list[str]] = []
    mount = HomeScreen.on_mount

    def recording(self: HomeScreen) -> None:
        at_mount.append(shown(self))
        mount(self)

    monkeypatch.setattr(HomeScreen, "on_mount", recording)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: bool(at_mount), "home mounted")
        assert "Quit" in at_mount[0] and "Glossary" in at_mount[0]
        # and what it shows then is what it shows once the focus has settled
        await pilot.pause()
        assert shown(app.screen) == at_mount[0]
