"""No control sequence from content reaches the app's screen: lessons, glossary, titles, notifications.

A course whose every text carries control sequences (raw in Markdown, TOML-escaped in the front
matter and quiz blocks; see tests/hostile_course.py) is opened on every screen a learner reaches
— home, the lesson's text and simulation sides, its hints and quiz, the glossary — and a progress
file in a folder whose name holds an escape sequence is damaged, so the notification quotes it.
What Textual draws (its own screenshot, the text it sends to the terminal) must hold no control
character, and the sequences must be visible as pictures (␛) rather than gone.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile_course import FIXTURES, hostile_course, is_clean
from tests.scale import figure, scaled
from tests.tui.conftest import open_lesson, until
from tests.tui.test_korean_course import screen_text
from tutor.present.terminal import Terminal
from tutor.progress.store import ProgressStore
from tutor.tui.app import GdtutorApp


def raw_screen(app: GdtutorApp) -> str:
    """Every segment of text the screen's lines are made of: what the driver writes to the terminal."""
    lines = app.screen._compositor.render_full_update().strips  # type: ignore[attr-defined]
    return "\n".join("".join(segment.text for segment in strip) for strip in lines)


async def test_a_course_full_of_control_sequences_is_shown_with_them_visible(tmp_path: Path) -> None:
    course = hostile_course(tmp_path / "course")
    folder = tmp_path / "home \x1b]52;c;aGk=\x07\x1b[2J"
    folder.mkdir()
    (folder / "progress.json").write_bytes(b"{ damaged \x1b[2J")
    app = GdtutorApp(lessons_dir=course, store=ProgressStore(folder / "progress.json"),
                     terminal=Terminal(color=False, unicode=True))
    seen: dict[str, str] = {}
    async with app.run_test(size=(100, 40)) as pilot:
        await until(pilot, lambda: app.runner.idle, "the background imports")
        seen["home and its notification"] = screen_text(app) + raw_screen(app)
        screen = await open_lesson(pilot, "bowl")
        await until(pilot, lambda: screen._text_shown, "the lesson text")
        await pilot.pause()
        seen["lesson text"] = screen_text(app) + raw_screen(app)
        await pilot.press("t")
        await pilot.press("h")
        await pilot.pause()
        seen["simulation side and a hint"] = screen_text(app) + raw_screen(app)
        await pilot.press("g")
        await until(pilot, lambda: type(app.screen).__name__ == "GlossaryScreen", "the glossary")
        await pilot.pause()
        seen["glossary"] = screen_text(app) + raw_screen(app)
    dirty = {where: [line for line in text.splitlines() if not is_clean(line)] for where, text in seen.items()}
    assert {where: lines for where, lines in dirty.items() if lines} == {}
    assert "\u241b" in seen["lesson text"] and "\u241b" in seen["home and its notification"]
    figure("app screens over a course full of control sequences (none drawn)", len(seen))


CONTROLS = st.text(st.characters(categories=["Cc"]), min_size=1, max_size=6)
CONTENT = st.lists(st.one_of(CONTROLS, st.text(max_size=8)), min_size=1, max_size=5).map("".join)


def toml_escaped(text: str) -> str:
    def escaped(ch: str) -> str:  # (TOML's \u takes four hex digits, \U eight)
        return f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}"

    return "".join(escaped(ch) if ch in '"\\' or not ch.isprintable() else ch for ch in text)


@settings(max_examples=scaled(4), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=CONTENT, body=CONTENT, hint=CONTENT)
def test_generated_control_characters_are_never_drawn(tmp_path_factory: pytest.TempPathFactory, title: str,
                                                      body: str, hint: str) -> None:
    """Hypothesis draws the control characters; each example is a fresh app over a fresh course."""
    course = tmp_path_factory.mktemp("generated")
    for name in ("bowl.md", "slope.md", "glossary.md"):
        (course / name).write_bytes((FIXTURES / name).read_bytes())
    bowl = (course / "bowl.md").read_text(encoding="utf-8")
    bowl = bowl.replace('title = "A fixture bowl"', f'title = "Bowl {toml_escaped(title)}"')
    bowl = bowl.replace('"Bouncing needs', f'"{toml_escaped(hint)} Bouncing needs')
    bowl = bowl.replace("# A fixture bowl", f"# A fixture bowl\n\n{body.replace(chr(0), '')}", 1)
    (course / "bowl.md").write_text(bowl, encoding="utf-8")

    async def drive() -> list[str]:
        app = GdtutorApp(lessons_dir=course, terminal=Terminal(color=False, unicode=True))
        shown: list[str] = []
        async with app.run_test(size=(100, 40)) as pilot:
            shown.append(screen_text(app) + raw_screen(app))
            screen = await open_lesson(pilot, "bowl")
            await until(pilot, lambda: screen._text_shown, "the lesson text")
            shown.append(screen_text(app) + raw_screen(app))
            await pilot.press("t", "h")
            await pilot.pause()
            shown.append(screen_text(app) + raw_screen(app))
        return shown

    for text in asyncio.run(drive()):
        assert is_clean(text), [line for line in text.splitlines() if not is_clean(line)]
    figure("generated lessons with control characters opened in the app (none drawn)")
