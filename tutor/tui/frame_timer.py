"""The screen's frame timer, with the next frame due one interval after the last one drawn.

Textual draws a screen from a timer that ticks at TEXTUAL_FPS and is paused while nothing changed;
a change resumes it, and a change after a long pause is drawn at once. But its rule for the frames
it skipped then puts the frame after that on the grid point after the next one (`count =
int(elapsed / interval + 1)`, then it waits for `count + 1`): 1–2 intervals after the frame just
drawn. A nudge wants two frames close together, the new value at once and the chart a few
milliseconds later, when its run is done; so the chart waited up to two intervals (16.7 ms at 120
fps), on about a third of quick nudges. `FrameTimer` is Textual's timer with that one rule changed:
after a skip, the next frame is due one interval after the frame just drawn, or at once if that
time has passed. Frames still come at most TEXTUAL_FPS a second.

`PacedFrames` gives a screen this timer in place of Textual's own (`Screen._update_timer`, a private
property). Where the Textual in use lacks the private parts it relies on (`knows_timer`), the screen
keeps Textual's timer.
"""

from __future__ import annotations

from textual import _time
from textual import screen as textual_screen
from textual.screen import Screen
from textual.timer import EventTargetGone, Timer

#: The screen's frame interval, as Textual's own timer has it (0: this Textual has no such constant).
UPDATE_PERIOD: float = getattr(textual_screen, "UPDATE_PERIOD", 0.0)


def knows_timer(timer: Timer) -> bool:
    """Whether this Textual's timer and screen have what FrameTimer and PacedFrames use of them."""
    return (
        UPDATE_PERIOD > 0
        and isinstance(getattr(Screen, "_update_timer", None), property)
        and all(hasattr(Timer, name) for name in ("_active", "_tick", "_start", "_run"))
        and all(name in vars(timer) for name in ("_interval", "_repeat", "_skip", "_reset"))
    )


class FrameTimer(Timer):
    """A timer that repeats without end, as the screen's does (a finite `repeat` is not counted
    across the skips)."""

    async def _run(self) -> None:
        """Textual's `Timer._run`, but for the rule after a skip (see the module's docstring)."""
        count = 0
        repeat, interval = self._repeat, self._interval
        _ = self._active  # (made in this task's event loop, as Textual's does)
        await self._active.wait()
        start = ticked = _time.get_time()
        while repeat is None or count <= repeat:
            next_timer = start + (count + 1) * interval
            now = _time.get_time()
            if self._skip and next_timer < now:
                start, count = max(ticked, now - interval), 0
                next_timer = start + interval
            await _time.sleep(max(0.0, next_timer - _time.get_time()))
            count += 1
            await self._active.wait()
            if self._reset:
                start = ticked = _time.get_time()
                count = 0
                self._reset = False
                continue
            ticked = _time.get_time()
            try:
                await self._tick(next_timer=next_timer, count=count)
            except EventTargetGone:
                break


class PacedFrames(Screen):
    """A screen drawn by a FrameTimer."""

    _frame_timer: Timer | None = None

    @property
    def _update_timer(self) -> Timer:
        if self._frame_timer is None:
            timer = FrameTimer(self, UPDATE_PERIOD, name="screen_update", callback=self._on_timer_update,
                               pause=True)
            if knows_timer(timer):
                timer._start()
                self._timers.add(timer)
                self._frame_timer = timer
            else:
                self._frame_timer = super()._update_timer  # (Textual's own, from then on)
        return self._frame_timer
