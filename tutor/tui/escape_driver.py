"""Textual's Linux driver, passing a lone Esc on as soon as the escape delay is over.

Esc is also how every escape sequence starts, so a lone Esc is reported only when no more bytes
follow within the escape delay (ESCDELAY, see tutor/tui/__init__.py). Textual's input thread
checks for that only when its wait for input ends, and that wait is 0.1 s long: a lone Esc (leave
the lesson, close help, the glossary or the palette) took 100–200 ms whatever the delay. This
driver's wait ends at the escape deadline when one is pending, so Esc costs the delay and no more.

The loop is Textual's own (textual/drivers/linux_driver.py, `run_input_thread`), with that one
change. It reads the parser's pending deadline, which Textual keeps private: a Textual whose parser
has no such deadline gets its own loop back, unchanged.
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder

from textual._loop import loop_last
from textual._parser import ParseError
from textual._time import get_time
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

#: The longest wait for input, as in Textual's loop: how often the thread looks at its exit flag.
STEP = 0.1


def wait_for(parser: XTermParser, now: float) -> float:
    """Seconds to wait for input: until the parser's escape deadline if one is pending (at once
    if it has passed), else a whole step."""
    deadline = getattr(parser, "_timeout_time", None)
    if deadline is None:
        return STEP
    return min(STEP, max(0.0, deadline - now))


def knows_deadlines(parser: XTermParser) -> bool:
    return hasattr(parser, "_timeout_time") and callable(getattr(parser, "tick", None))


class EscapeDriver(LinuxDriver):
    def run_input_thread(self) -> None:
        parser = XTermParser(self._debug)
        if not knows_deadlines(parser):
            super().run_input_thread()
            return
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        fileno = self.fileno
        feed, tick = parser.feed, parser.tick
        decode = getincrementaldecoder("utf-8")().decode

        def process(events: list[tuple[selectors.SelectorKey, int]], final: bool = False) -> None:
            for last, (_key, mask) in loop_last(events):
                if mask & selectors.EVENT_READ:
                    text = decode(os.read(fileno, 1024 * 4), final=final and last)
                    if not text:  # (stdin is a pipe that was closed)
                        break
                    for event in feed(text):
                        self.process_message(event)
            for event in tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                process(selector.select(wait_for(parser, get_time())))
            selector.unregister(self.fileno)
            process(selector.select(STEP), final=True)
        finally:
            selector.close()
            try:
                for _event in feed(""):
                    pass
            except (EOFError, ParseError):
                pass
