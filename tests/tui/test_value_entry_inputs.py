"""The app's value entry takes the same beating as the command line, and keeps the old value when it must.

The inputs tests/test_cli_properties.py throws at `-s NAME=VALUE` (unicode digits, `1e999`, `nan`,
`-0`, huge integers, stray spaces, emoji), typed key by key into the parameter rows of a lesson,
and pasted with control characters and line breaks. For every one the app either takes exactly the
value `Param.parse` gives for the text, or keeps the old value and shows why under the row, naming
the values it would take. The app never leaves the lesson.
"""

from __future__ import annotations

import asyncio

import pytest
from textual import events

from tests.scale import figure, scaled
from tests.tui.conftest import PATIENCE, open_lesson, settled, until
from tests.tui.test_lesson_screen import row
from tutor.sims.params import ParamError
from tutor.tui.screens.lesson import LessonScreen
from tutor.tui.widgets.params import ParamRow

pytestmark = pytest.mark.slow

TYPED = ["", " ", "abc", "nan", "NaN", "-nan", "inf", "-inf", "Infinity", "1e999", "-1e999", "1e-999", "-0", "+0",
         "0", "-0.0", " 0.5 ", "0.35", "１２", "½", "٣", "9" * 60, "-" + "9" * 40, "0x10", "1_0", "1,5", "0.3.5",
         "--1", "\u22120.2", "−3", "💥", "lr", "true", "12abc", "1e3", "1000", "1001", "7.0", "2.5"]
PASTED = ["0.5\n9", "\x1b[2J0.2", "\t3", "1\x00", "4\r\n5", "\u2028", "0.25\u200b"]


def parsed(param, text: str):  # type: ignore[no-untyped-def]
    try:
        return param.parse(text)
    except ParamError:
        return None


async def enter_text(pilot, target: ParamRow, text: str, *, paste: bool) -> None:  # type: ignore[no-untyped-def]
    """Enter, clear, the text, Enter: posted at once, as a terminal delivers a fast typist's keys
    (whatever the character); then wait until the row has handled them all."""
    app = pilot.app
    target.focus()
    for key in ("enter", "end", "ctrl+u"):
        app.post_message(events.Key(key, None))
    if paste:
        app.post_message(events.Paste(text))
    else:
        for ch in text:
            app.post_message(events.Key("space" if ch == " " else ch, ch))
    app.post_message(events.Key("enter", None))
    # The app hands keys on to the focused row's queue in order: a callback queued on the app after
    # them, which queues one on the row, runs once the row has handled every key before it.
    done = asyncio.Event()
    app.call_later(lambda: target.call_later(done.set))
    await asyncio.wait_for(done.wait(), PATIENCE)


async def test_every_input_is_taken_exactly_or_refused_with_the_reason(make_app) -> None:
    names = ["lr", "steps", "w0"]  # a logarithmic number, a whole number, a number that may be negative
    per_input = min(len(names), scaled(1))  # how many of them get each input (all three from scale 3)
    inputs = [*((t, False) for t in TYPED), *((t, True) for t in PASTED)]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        await pilot.press("t")  # the simulation view
        for i, name in enumerate(names):  # (row by row: moving the focus costs a footer rebuild)
            for n, (text, paste) in enumerate(inputs):
                if (n - i) % len(names) < per_input:
                    await check_one(pilot, screen, row(screen, name), text, paste)
        await settled(pilot)  # and the simulation ran with the values last taken
        assert screen.result is not None
        assert {name: screen.result.params[name] for name in names} == {name: screen.values[name] for name in names}


async def check_one(pilot, screen: LessonScreen, target: ParamRow, text: str, paste: bool) -> None:  # type: ignore[no-untyped-def]
    name, param = target.param.name, target.param
    before = screen.values[name]
    await enter_text(pilot, target, text, paste=paste)
    # A paste keeps the first line, and nothing that cannot be printed (line_edit.LineEdit).
    seen = "".join(ch for ch in (text.splitlines() or [""])[0] if ch.isprintable()) if paste else text
    expected = parsed(param, seen)
    if expected is None:
        assert target.editing and target.error is not None, f"{text!r} was not refused"
        assert f"{name} must be" in target.error and str(param.valid_values()) in target.error
        assert screen.values[name] == before and target.value == before, f"{text!r} changed the value"
        target.action_cancel_edit()  # (what Escape does)
        assert not target.editing and target.error is None
    else:
        assert not target.editing and target.error is None and target.value == expected
        await until(pilot, lambda: screen.values[name] == expected, f"{name} = {expected}")
    assert isinstance(pilot.app.screen, LessonScreen) and pilot.app.focused is target
    figure("values typed or pasted into the app")
