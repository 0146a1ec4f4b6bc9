"""The largest simulation the course offers runs off the interface: keys are answered while it
computes, its progress is shown, and a newer setting stops it."""

from __future__ import annotations

import threading
from pathlib import Path

from textual import events

from tests.tui.conftest import settled, until
from tutor.tui.runner import SimRunner
from tutor.tui.screens.lesson import LessonScreen
from tutor.tui.widgets.challenge import ChallengePanel
from tutor.tui.widgets.params import ParamRow
from tutor.tui.widgets.status import StatusLine

DEEP = """+++
format = 1
id = "deep"
title = "A deep, wide stack"
order = 10
sim = "vanishing"
controls = ["depth", "width", "steps"]

[params]
depth = 100
width = 512
init = "xavier"

[solution]
depth = 2
width = 8
residual = true

[challenge]
statement = "Make the gradient flow healthy."
condition = 'gradient_flow == "healthy"'
hints = ["Fewer layers.", "A residual path."]
+++

# A deep, wide stack

One hundred layers of 512 units each: half a minute of arithmetic.
"""


def press(app, key: str) -> None:  # type: ignore[no-untyped-def]
    app.post_message(events.Key(key, key if len(key) == 1 else None))


async def test_a_heavy_run_leaves_the_interface_answering_and_a_newer_value_replaces_it(
        make_app, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "deep.md").write_text(DEEP, encoding="utf-8")
    monkeypatch.setattr("tutor.tui.runner.PROGRESS_AFTER", 0.0)  # report from the first step on
    # The 100 × 512 run is held after its first step until the test has pressed its keys, so "the
    # interface answers while the run computes" holds by construction, however fast the machine.
    gate = threading.Event()
    progress_for = SimRunner._progress_for

    def held_progress_for(self, request, started):  # type: ignore[no-untyped-def]
        report = progress_for(self, request, started)

        def progress(done: int, total: int) -> bool:
            if report(done, total) and request.params.get("depth") == 100:
                gate.wait(timeout=300)
            return report(done, total)

        return progress

    monkeypatch.setattr(SimRunner, "_progress_for", held_progress_for)
    asked: list[dict] = []  # the values of every run the screen asks for, in order
    submit = SimRunner.submit

    def recorded_submit(self, spec, params, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(dict(params))
        return submit(self, spec, params, *args, **kwargs)

    monkeypatch.setattr(SimRunner, "submit", recorded_submit)
    app = make_app(lessons=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.runner.idle, "the background imports")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, LessonScreen), "the lesson")
        screen = app.screen
        status = screen.query_one(StatusLine)
        await until(pilot, lambda: "computing" in status.text, "progress of the 100 × 512 run")
        assert not screen.settled and screen.result is None
        # Keys are posted, not pressed: Pilot.press waits for an idle app, and a busy
        # simulation thread is exactly what this test is about.
        press(app, "h")
        await until(pilot, lambda: screen.query_one(ChallengePanel).hints_shown == 1, "the hint")
        assert not screen.settled  # answered while the run computes
        depth = next(r for r in screen.query(ParamRow) if r.param.name == "depth")
        depth.focus()
        for key in ("enter", "end", "ctrl+u", "3", "enter"):
            press(app, key)
        await until(pilot, lambda: screen.values["depth"] == 3, "depth = 3")
        # Released only once the newer run is asked for, the held run is superseded at the step it
        # was held in; released before, it would run one more step (seconds at 100 × 512).
        await until(pilot, lambda: any(p.get("depth") == 3 for p in asked), "the run for depth 3")
        gate.set()  # the held run may go on now: it finds itself superseded at its next step
        await settled(pilot)
        assert screen.result is not None and screen.result.params["depth"] == 3
        assert screen.result.params["width"] == 512 and "computing" not in status.text
