"""Play mode on a lesson screen: the Playback state and the one-shot timer that moves it on.

The next frame is asked for only once the previous one is on screen (`frame_shown`), so a slow
chart lowers the frame rate instead of queueing work; and when play stops, no timer is left, so a
paused lesson costs no CPU.

The timer comes from whoever shows the lesson (`schedule`: the screen's own `set_timer` in the app,
a hand-driven stand-in in tests), so the clock itself knows nothing of Textual.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from tutor.present.playback import Playback


class Timer(Protocol):
    """A one-shot timer that has been set: it can be called off."""

    def stop(self) -> None: ...


#: Calls a function once after a delay in seconds, on the thread that shows the lesson.
Schedule = Callable[[float, Callable[[], None]], Timer]


class PlayClock:
    def __init__(self, schedule: Schedule, redraw: Callable[[], None],
                 now: Callable[[], float] = time.monotonic) -> None:
        self.state = Playback()
        self._schedule = schedule
        self._redraw = redraw  # asks for a chart at state.upto
        self._now = now
        self._timer: Timer | None = None
        self._frame_started = 0.0

    @property
    def ticking(self) -> bool:
        return self._timer is not None

    def toggle(self) -> None:
        self.state.toggle()
        self._changed()

    def step(self) -> None:
        self.stop()
        self.state.step()
        self._changed()

    def reset(self) -> None:
        self.stop()
        self.state.reset()
        self._changed()

    def stop(self) -> None:
        self.state.playing = False
        self._cancel()

    def frame_shown(self, upto: int | None) -> None:
        """A chart cut at `upto` is on screen: time the next frame if play is on and it was this one."""
        if not self.state.playing or upto != self.state.upto:
            return
        self._cancel()
        # (a zero delay is refused by Textual's timers: a millisecond is as good as now)
        delay = max(0.001, self.state.interval - (self._now() - self._frame_started))
        self._timer = self._schedule(delay, self._next_frame)

    def _next_frame(self) -> None:
        self._timer = None
        self.state.advance()
        self._frame_started = self._now()
        self._redraw()

    def _changed(self) -> None:
        if not self.state.playing:
            self._cancel()
        self._frame_started = self._now()
        self._redraw()

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
