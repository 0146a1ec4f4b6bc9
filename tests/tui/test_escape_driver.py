"""A lone Esc is passed on when the escape delay is over, not at the end of a 0.1 s wait for input.

The input loop is driven through a scripted selector: it records how long each wait was asked to
be, and says when the pipe holds bytes. No test here depends on how fast the machine is.
"""

from __future__ import annotations

import os
import selectors
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest
from textual import constants, events
from textual._xterm_parser import XTermParser

from tutor.tui import escape_driver
from tutor.tui.escape_driver import STEP, EscapeDriver, wait_for


def test_wait_for_without_a_pending_escape_is_a_whole_step() -> None:
    parser = XTermParser()
    list(parser.feed("a"))
    assert wait_for(parser, 0.0) == STEP


def test_wait_for_ends_at_the_escape_deadline() -> None:
    parser = XTermParser()
    list(parser.feed("\x1b"))
    deadline = parser._timeout_time
    assert deadline is not None
    assert wait_for(parser, deadline - 0.03) == pytest.approx(0.03)
    assert wait_for(parser, deadline + 1.0) == 0.0  # (overdue: look at once)
    assert wait_for(parser, deadline - 5.0) == STEP  # (never longer than a step)


class ScriptedSelector:
    """Ready at once for each script entry that is True, empty otherwise; records each timeout."""

    def __init__(self, ready: Iterator[bool], asked: list[float | None], stop: threading.Event) -> None:
        self.ready, self.asked, self.stop = ready, asked, stop
        self.key: selectors.SelectorKey | None = None

    def register(self, fileobj: int, mask: int) -> None:
        self.key = selectors.SelectorKey(fileobj, fileobj, mask, None)

    def unregister(self, fileobj: int) -> None:
        pass

    def close(self) -> None:
        pass

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        self.asked.append(timeout)
        if next(self.ready, None) and self.key is not None:
            return [(self.key, selectors.EVENT_READ)]
        if self.stop.is_set():
            return []
        self.stop.wait(timeout or 0)
        return []


def run_loop(monkeypatch: pytest.MonkeyPatch, data: bytes,
             escape_delay: float) -> tuple[list[object], list[float | None]]:
    """Feed `data` through EscapeDriver's input loop; the messages it sends and the waits it asked for."""
    monkeypatch.setattr(constants, "ESCAPE_DELAY", escape_delay)
    read_end, write_end = os.pipe()
    os.write(write_end, data)
    messages: list[object] = []
    asked: list[float | None] = []
    done = threading.Event()
    selector = ScriptedSelector(iter([True]), asked, done)
    monkeypatch.setattr(escape_driver.selectors, "SelectSelector", lambda: selector)

    driver = EscapeDriver.__new__(EscapeDriver)
    driver.fileno = read_end
    driver._debug = False
    driver.exit_event = threading.Event()

    def process_message(message: object) -> None:
        messages.append(message)
        if isinstance(message, events.Key):
            driver.exit_event.set()
            done.set()

    driver.process_message = process_message  # type: ignore[method-assign]
    thread = threading.Thread(target=driver.run_input_thread, daemon=True)
    thread.start()
    try:
        assert done.wait(30), "the loop never passed a key on"
    finally:
        driver.exit_event.set()
        done.set()
        thread.join(30)
        os.close(read_end)
        os.close(write_end)
    return messages, asked


def test_a_lone_escape_is_waited_for_no_longer_than_the_escape_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    messages, asked = run_loop(monkeypatch, b"\x1b", escape_delay=0.03)
    keys = [m.key for m in messages if isinstance(m, events.Key)]
    assert keys == ["escape"]
    # The wait after reading the Esc (Textual's own loop asks for 0.1 s there).
    assert asked[1] is not None and 0.0 <= asked[1] <= 0.03


def test_a_whole_sequence_is_one_key_and_waits_for_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    messages, _ = run_loop(monkeypatch, b"\x1b[A", escape_delay=0.03)
    assert [m.key for m in messages if isinstance(m, events.Key)] == ["up"]


@pytest.mark.parametrize(("setting", "expected"), [(None, 0.05), ("200", 0.2), ("soon", 0.1)])
def test_the_app_runs_with_a_50_ms_escape_delay_unless_told_otherwise(setting: str | None, expected: float) -> None:
    env = {k: v for k, v in os.environ.items() if k != "ESCDELAY"}
    if setting is not None:
        env["ESCDELAY"] = setting
    code = "import tutor.tui.app\nfrom textual import constants\nprint(constants.ESCAPE_DELAY)"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert float(out.stdout) == pytest.approx(expected)


def test_the_app_drives_a_linux_terminal_with_the_escape_driver(make_app, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(constants, "DRIVER", None)
    if sys.platform == "win32":
        pytest.skip("Windows has its own driver")
    assert make_app().get_driver_class() is EscapeDriver
