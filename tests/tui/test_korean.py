"""The app in Korean: lessons, glossary, keys and messages; switched with l and remembered."""

from __future__ import annotations

import re

import pytest
from textual.widgets import OptionList

from tests.tui.conftest import open_lesson, saved, until
from tests.tui.test_home_and_screens import home_lines
from tutor import i18n
from tutor.cli.language import setup
from tutor.tui.screens.glossary import GlossaryScreen
from tutor.tui.screens.home import HomeScreen

HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.fixture
def korean():  # type: ignore[no-untyped-def]
    with i18n.switch("ko"):
        yield


def footer_text(app) -> str:  # type: ignore[no-untyped-def]
    return " ".join(str(getattr(key, "description", "")) for key in app.screen.query("FooterKey"))


async def test_home_and_a_lesson_speak_korean(make_app, korean) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        await pilot.pause()
        lines = home_lines(app)
        assert lines[0] == "기초" and "1  연습용 그릇" in lines[1]
        overview = str(app.screen.query_one("#home-overview").content)
        assert HANGUL.search(overview) and "lessons complete" not in overview
        footer = footer_text(app)
        assert "English" in footer and "Quit" not in footer and HANGUL.search(footer)
        screen = await open_lesson(pilot, "bowl")
        assert "연습용 그릇" in str(screen.query_one("#lesson-title").content)
        status = screen.query_one("#status")
        assert HANGUL.search(status.text), status.text
        assert HANGUL.search(screen.query_one("#challenge").text)  # type: ignore[attr-defined]
        assert "Home" not in footer_text(app)
        await pilot.press("g")
        await until(pilot, lambda: isinstance(app.screen, GlossaryScreen), "the glossary")
        await pilot.pause()
        terms = app.screen.query_one("#glossary-terms", OptionList)
        names = [str(terms.get_option_at_index(i).prompt) for i in range(terms.option_count)]
        assert "학습률" in names and "손실" in names, names


async def test_l_switches_the_language_and_the_choice_is_saved(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        assert "1  A fixture bowl" in home_lines(app)[1]
        await pilot.press("l")
        await until(pilot, lambda: "1  연습용 그릇" in home_lines(app)[1], "Korean titles")
        assert i18n.language() == "ko" and saved()["settings"]["lang"] == "ko"
        await pilot.pause()
        assert "English" in footer_text(app)
        await pilot.press("l")
        await until(pilot, lambda: "1  A fixture bowl" in home_lines(app)[1], "English titles")
        assert saved()["settings"]["lang"] == "en" and "한국어" in footer_text(app)
        await pilot.press("l")
        await until(pilot, lambda: i18n.language() == "ko", "Korean again")
    # The next start reads the choice, unless the flag or GDTUTOR_LANG says otherwise.
    assert setup([]) == "ko"
    assert setup(["--lang", "en"]) == "en"
