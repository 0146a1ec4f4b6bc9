"""A storm of terminal resizes while a lesson plays: nothing raises, and at 80×24 the lesson works.

A window dragged by its corner, a tmux pane zoomed back and forth, or an SSH client reconnecting
sends resizes in bursts. Hundreds of random sizes (GDTUTOR_TEST_SCALE multiplies the count),
down to 1×1 and up to 220×60, arrive in bursts of random length while play animates the run; the
app lays out whatever size it has between bursts. Afterwards, at 80×24, play has gone on, a value
can be nudged and the chart redraws to fill its box. (tests/tui/test_lesson_screen.py waits for
every single size in a shorter storm.)
"""

from __future__ import annotations

import random

import pytest
from textual import events
from textual.geometry import Size

from tests.scale import figure, scaled
from tests.tui.conftest import open_lesson, until
from tests.tui.test_lesson_screen import chart_text, row
from tutor.tui.widgets.chart import ChartView

pytestmark = pytest.mark.slow


async def test_hundreds_of_sizes_during_play(make_app) -> None:
    rng = random.Random(1979)
    count = scaled(300)
    sizes = [Size(rng.randint(1, 220), rng.randint(1, 60)) for _ in range(count)]
    sizes[count // 2] = sizes[-1] = Size(1, 1)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        await pilot.press("space")
        laid_out, frames, restarts, i = set(), set(), 0, 0
        while i < count:
            if not screen.playback.playing:  # the run played to its end: play it again
                await pilot.press("space")
                restarts += 1
            burst = sizes[i:i + rng.randint(1, 20)]
            for size in burst:
                app.post_message(events.Resize(size, size))
            i += len(burst)
            await pilot.pause()
            laid_out.add(tuple(app.screen.size))
            frames.add((restarts, screen.playback.upto))
        assert len(frames) > 3, "play animated during the storm"
        await pilot.resize_terminal(80, 24)
        # (Space to pause could land just after the run ended by itself, and start it again)
        await until(pilot, lambda: not screen.playback.playing and screen.settled, "play to reach its end")
        if screen.view != "sim":
            await pilot.press("t")
        lr = row(screen, "lr")
        lr.focus()
        before = chart_text(screen)
        await pilot.press("right")
        await until(pilot, lambda: screen.settled and screen.result.params["lr"] == pytest.approx(0.12), "lr 0.12")
        chart = screen.query_one(ChartView)
        assert chart.size.width > 40 and len(chart_text(screen).splitlines()) == chart.size.height > 5
        assert chart_text(screen) != before
    figure("terminal resizes during play (random sizes down to 1x1)", count)
    figure("terminal sizes laid out during play (between bursts)", len(laid_out))
