"""The frame after a change is due one interval after the frame before it, never sooner.

The timers run on a scripted clock: each sleep moves it on at once, so no test here depends on
how fast the machine is. The screen's callback pauses its timer on each tick, as Textual's
`Screen._on_timer_update` does; the test resumes it, as a change to the screen does.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from types import SimpleNamespace

import pytest
import textual.timer
from textual import _time
from textual._context import active_app
from textual.app import App
from textual.timer import Timer

from tutor.tui.frame_timer import FrameTimer, PacedFrames, knows_timer
from tutor.tui.screens.home import HomeScreen
from tutor.tui.screens.mounted import KeysWhenMounted

INTERVAL = 1 / 120


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def get_time(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(0.0, seconds)
        await asyncio.sleep(0)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(_time, "get_time", clock.get_time)
    monkeypatch.setattr(_time, "sleep", clock.sleep)
    monkeypatch.setattr(textual.timer, "sleep", clock.sleep)  # (Textual's Timer imported it by name)
    return clock


class Target:
    pass


async def tick_times(timer_class: type[Timer], clock: Clock, script: Callable[[int], float | None],
                     ticks: int, pause: bool = True, frame_cost: float = 0.0) -> list[float]:
    """When each of `ticks` ticks happened. Before each resume the clock is moved to the time
    `script(index)` gives (None: resume at once); each tick takes `frame_cost` seconds."""
    times: list[float] = []
    ticked = asyncio.Event()

    def on_tick() -> None:
        times.append(clock.now)
        clock.now += frame_cost
        if pause:
            timer.pause()
        ticked.set()

    errors: list[BaseException] = []
    app = SimpleNamespace(_exit=False, features=frozenset(), _handle_exception=errors.append)
    active_app.set(app)  # type: ignore[arg-type]
    target = Target()
    timer = timer_class(target, INTERVAL, callback=on_tick, pause=True)  # type: ignore[arg-type]
    timer._start()
    for index in range(ticks):
        await asyncio.sleep(0)
        moved_to = script(index)
        if moved_to is not None:
            clock.now = max(clock.now, moved_to)
        ticked.clear()
        timer.resume()
        await asyncio.wait_for(ticked.wait(), timeout=10)
    timer.stop()
    assert not errors
    return times


def after_a_long_pause(index: int) -> float | None:
    """The first change at the start; the second after a long pause, off the timer's grid; the
    third at once after it (a chart a few milliseconds after its value)."""
    return {1: 10.3 * INTERVAL}.get(index)


def test_the_frame_after_an_immediate_one_waits_one_interval(clock: Clock) -> None:
    times = asyncio.run(tick_times(FrameTimer, clock, after_a_long_pause, 3))
    assert times[1] == pytest.approx(10.3 * INTERVAL)  # (after a long pause: drawn at once)
    assert times[2] - times[1] == pytest.approx(INTERVAL)


def test_textual_timer_waits_longer_than_an_interval(clock: Clock) -> None:
    """Why FrameTimer exists. If this fails, Textual's timer no longer waits 1–2 intervals after a
    frame drawn at once, and FrameTimer (tutor.tui.frame_timer) can go."""
    times = asyncio.run(tick_times(Timer, clock, after_a_long_pause, 3))
    assert times[1] == pytest.approx(10.3 * INTERVAL)
    assert times[2] - times[1] == pytest.approx(1.7 * INTERVAL)


def test_frames_never_come_closer_than_an_interval(clock: Clock) -> None:
    times = asyncio.run(tick_times(FrameTimer, clock, lambda index: None, 8, pause=False))
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert len(times) >= 8
    assert all(gap == pytest.approx(INTERVAL) for gap in gaps), gaps  # (one per interval, running on)


def test_a_slow_frame_is_followed_at_once(clock: Clock) -> None:
    """A frame that took longer than an interval: the next, already wanted, is not held back."""
    times = asyncio.run(tick_times(FrameTimer, clock, after_a_long_pause, 3, frame_cost=2.5 * INTERVAL))
    assert times[2] - times[1] == pytest.approx(2.5 * INTERVAL)


def test_a_change_after_the_interval_is_drawn_at_once(clock: Clock) -> None:
    times = asyncio.run(tick_times(FrameTimer, clock, {1: 10.3 * INTERVAL, 2: 12.0 * INTERVAL}.get, 3))
    assert times[2] == pytest.approx(12.0 * INTERVAL)


def test_gdtutor_screens_are_paced() -> None:
    assert knows_timer(FrameTimer(Target(), INTERVAL))  # (the Textual in use has what FrameTimer uses)
    assert issubclass(HomeScreen, PacedFrames)
    assert issubclass(KeysWhenMounted, PacedFrames)


def timers_of_a_shown_screen() -> tuple[Timer, Timer]:
    """The update timer of a PacedFrames screen shown in an app, asked for twice."""
    class OneScreen(App[None]):
        def on_mount(self) -> None:
            self.push_screen(PacedFrames())

    async def scenario() -> tuple[Timer, Timer]:
        app = OneScreen()
        async with app.run_test() as pilot:
            await pilot.pause()
            assert isinstance(app.screen, PacedFrames)
            return app.screen._update_timer, app.screen._update_timer

    return asyncio.run(scenario())


def test_a_paced_screen_draws_with_the_frame_timer() -> None:
    first, again = timers_of_a_shown_screen()
    assert isinstance(first, FrameTimer)
    assert again is first  # (made once)


def test_a_textual_without_what_it_uses_keeps_its_own_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    from tutor.tui import frame_timer

    monkeypatch.setattr(frame_timer, "UPDATE_PERIOD", 0.0)  # (as if this Textual had no such constant)
    first, again = timers_of_a_shown_screen()
    assert type(first) is Timer
    assert again is first  # (Textual's own, from then on)
