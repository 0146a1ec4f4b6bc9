"""Every lesson of the shipped course, opened in Korean at 80×24: no English sentence on screen."""

from __future__ import annotations

import html
import re

import pytest

from tests.i18n.test_cli_korean import english_sentences
from tests.tui.conftest import open_lesson, until
from tutor import i18n
from tutor.lessons.loader import load_course
from tutor.lessons.paths import default_lessons_dir
from tutor.present.terminal import Terminal
from tutor.tui.app import GdtutorApp


def screen_text(app: GdtutorApp) -> str:
    """What the terminal shows, as text (from Textual's own screenshot)."""
    svg = app.export_screenshot()
    rows: dict[str, list[str]] = {}
    for y, text in re.findall(r'<text[^>]*\by="([\d.]+)"[^>]*>(.*?)</text>', svg):
        rows.setdefault(y, []).append(html.unescape(text).replace("\xa0", " "))
    return "\n".join("".join(parts) for _, parts in sorted(rows.items(), key=lambda item: float(item[0])))


@pytest.fixture
def korean():  # type: ignore[no-untyped-def]
    with i18n.switch("ko"):
        yield


async def test_every_lesson_in_korean_shows_no_english_sentence(korean) -> None:  # type: ignore[no-untyped-def]
    course = load_course(default_lessons_dir(), "ko")
    app = GdtutorApp(lessons_dir=default_lessons_dir(), terminal=Terminal(color=False, unicode=True))
    found: dict[str, list[str]] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.runner.idle, "the background imports")
        home = screen_text(app)
        assert "레슨" in home
        found["home"] = english_sentences(home)
        for lesson in course.lessons:
            screen = await open_lesson(pilot, lesson.id)
            await until(pilot, lambda screen=screen: screen._text_shown, "the lesson text")
            await pilot.pause()
            text_view = screen_text(app)
            await pilot.press("t")
            await pilot.pause()
            sim_view = screen_text(app)
            assert lesson.title[:8] in text_view
            found[lesson.id] = english_sentences(text_view) + english_sentences(sim_view)
            await pilot.press("escape")
    assert {where: lines for where, lines in found.items() if lines} == {}
