"""gdtutor with markers: the real app, saying in its output stream which frame carried what.

Run in a pty by the benchmark instead of `gdtutor`. It imports what `gdtutor` imports (click and the
command line first, then the app) and runs the same GdtutorApp; the only addition is Textual's
`post_display_hook`, called after each frame has been handed to the terminal writer. When that frame
is the first to carry something the benchmark waits for, a marker is queued right behind it on the
same writer thread, so it reaches the pty just after the frame's last byte:

    {"e": "screen", "id": ...}       a new screen (a lesson id, or the screen's class name)
    {"e": "chart", "ticket": n, ...}  a chart from a new runner report, with its size and costs, and
                                     the digest of the values it was asked for (not of the result's
                                     params: a run may report values it chose, such as a start)
    {"e": "focus", "name": ..., "value": ...}   the focused parameter row, or its value, changed
    {"e": "repaint"}                 the chart region repainted on SIGUSR1 (unchanged content)
    {"e": "view", "view": ...}       the lesson screen switched between its text and its simulation

Markers are APC strings (ESC _ … ESC \\), which terminals ignore; the benchmark strips them before
counting bytes. Its text inputs do not blink their cursor: a blink is a frame of its own every
half second, and a figure's "painted" (the last output before the terminal goes quiet:
benchmarks/switch.py) would otherwise count a blink that fell just after a view's last frame, as
the glossary's search field's did on about half its openings (12 ms measured as 60–130).

With GDTB_LAG=1 a 5 ms heartbeat measures how long the event loop was blocked, and each chart and
focus marker carries the longest block since the previous marker.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import time
import zlib
from collections.abc import Mapping
from typing import Any

import tutor.cli  # noqa: F401  (what `gdtutor` imports before it opens the app)
from tutor.tui.app import GdtutorApp
from tutor.tui.screens.lesson import LessonScreen
from tutor.tui.widgets.chart import ChartView
from tutor.tui.widgets.params import ParamRow


def still_inputs() -> None:
    """Every text input made from now on keeps its cursor still (called after the first frame, so
    that importing Input does not count in the start figure)."""
    from textual.widgets import Input

    make = Input.__init__

    def still(self: Input, *args: Any, **kwargs: Any) -> None:
        make(self, *args, **kwargs)
        self.cursor_blink = False

    Input.__init__ = still  # type: ignore[method-assign]


def digest(values: Mapping[str, object]) -> int:
    """A short fingerprint of a run's parameter values (the benchmark computes the same)."""
    return zlib.crc32(repr(sorted(values.items())).encode())


class ProbeApp(GdtutorApp):
    def __init__(self) -> None:
        super().__init__()
        self._screen_id: str | None = None
        self._view: object = None
        self._drawn: object = None
        self._focus: tuple[str, str] | None = None
        self._repaint_asked = False
        self._lag = 0.0
        self._inputs_still = False

    def on_mount(self) -> None:
        super().on_mount()
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGUSR1, self._repaint_chart)
        if os.environ.get("GDTB_LAG"):
            self._heartbeat = asyncio.ensure_future(self._beat())

    async def _beat(self) -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(0.005)
            self._lag = max(self._lag, time.perf_counter() - before - 0.005)

    def _repaint_chart(self) -> None:
        charts = self.screen.query(ChartView)
        if charts:
            self._repaint_asked = True
            charts.first().refresh()

    def _mark(self, **data: object) -> None:
        if self._driver is not None:
            self._driver.write(f"\x1b_gdtb {json.dumps(data)}\x1b\\")

    def post_display_hook(self) -> None:
        super().post_display_hook()
        screen = self.screen
        lesson = getattr(screen, "lesson", None)
        screen_id = lesson.id if lesson is not None else type(screen).__name__
        if screen_id != self._screen_id:
            self._screen_id = screen_id
            self._focus = None
            self._mark(e="screen", id=screen_id)
        if isinstance(screen, LessonScreen):
            view = getattr(screen, "view", None)
            if view != self._view:
                self._view = view
                self._mark(e="view", view=str(view))
            drawn = screen.last_drawn
            if drawn is not None and drawn is not self._drawn:
                self._drawn = drawn
                self._mark(e="chart", ticket=drawn.ticket, digest=digest(screen.spec.resolve(drawn.asked)),
                           width=drawn.options.width, height=drawn.options.height, upto=drawn.options.upto,
                           sim=drawn.sim_seconds, chart=drawn.chart_seconds, lag=self._take_lag())
        focused = self.focused
        if isinstance(focused, ParamRow):
            focus = (focused.param.name, repr(focused.shown))  # (the value painted, not just set)
            if focus != self._focus:
                self._focus = focus
                self._mark(e="focus", name=focus[0], value=focus[1], lag=self._take_lag())
        if self._repaint_asked:
            self._repaint_asked = False
            self._mark(e="repaint")
        if not self._inputs_still:
            self._inputs_still = True
            still_inputs()

    def _take_lag(self) -> float:
        lag, self._lag = self._lag, 0.0
        return lag


if __name__ == "__main__":
    ProbeApp().run()
