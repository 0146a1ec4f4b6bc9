"""A run foreseen to be long is previewed: its first steps are drawn at once, the whole run follows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from tests.tui.test_runner import FakeSpec, Inbox, options
from tutor.tui.runner import Drawn, SimRunner


@pytest.fixture
def runner() -> SimRunner:
    from tests.tui import test_runner

    yield from test_runner.runner.__wrapped__()  # type: ignore[attr-defined]


class StepsSpec(FakeSpec):
    """A FakeSpec whose values resolve as a real spec's do, with a `steps` parameter."""

    def resolve(self, params: Mapping[str, Any]) -> dict[str, Any]:
        return {"steps": 3, **params}


class Clock:
    """Time that moves by `tick` seconds each time it is read: runs as long as a test wants them."""

    def __init__(self, tick: float) -> None:
        self.now, self.tick = 0.0, tick

    def __call__(self) -> float:
        self.now += self.tick
        return self.now


def test_a_long_run_is_first_drawn_from_its_first_steps_then_whole(runner: SimRunner) -> None:
    spec, inbox = StepsSpec(), Inbox()
    runner.clock = Clock(1.0)  # (every run is long)
    runner._step_seconds[spec.name] = 0.01  # as if its last run took 10 ms a step: 200 steps, 2 s
    ticket = runner.submit(spec, {"steps": 200}, options(), inbox)
    inbox.wait_for(lambda reports: any(isinstance(r, Drawn) and r.partial is None for r in reports))
    preview, whole = inbox.drawn()
    assert preview.ticket == whole.ticket == ticket
    assert preview.partial == (3, 200) and preview.result.params == {"steps": 3}  # 0.03 s / 0.01 s a step
    assert preview.asked == {"steps": 3} and whole.asked == {"steps": 200}
    assert whole.partial is None and whole.result.params == {"steps": 200}
    assert [run["steps"] for run in spec.runs] == [3, 200]
    assert runner._step_seconds[spec.name] == whole.sim_seconds / 200  # learnt from the whole run


def test_a_run_foreseen_as_long_whose_first_steps_are_quick_is_run_whole_without_a_preview(
        runner: SimRunner) -> None:
    spec, inbox = StepsSpec(), Inbox()
    runner.clock = Clock(1e-6)  # (every run is quick, whatever the last one took)
    runner._step_seconds[spec.name] = 0.01  # foreseen: 200 steps, 2 s (a first run's warm-up, say)
    ticket = runner.submit(spec, {"steps": 200}, options(), inbox)
    inbox.wait_for(lambda reports: any(isinstance(r, Drawn) for r in reports))
    assert [(d.ticket, d.partial, d.asked) for d in inbox.drawn()] == [(ticket, None, {"steps": 200})]
    assert [run["steps"] for run in spec.runs] == [3, 200]  # its first steps timed, then the whole run
    assert runner._step_seconds[spec.name] < 0.01  # and the quicker rate learnt from it


def test_short_runs_cached_results_and_play_frames_are_not_previewed(runner: SimRunner) -> None:
    spec, inbox = StepsSpec(), Inbox()
    runner._step_seconds[spec.name] = 0.0001  # 200 steps: 20 ms, not long
    runner.submit(spec, {"steps": 200}, options(), inbox)
    inbox.wait_for(lambda reports: len(inbox.drawn()) == 1)
    runner._step_seconds[spec.name] = 0.01
    runner.submit(spec, {"steps": 200}, options(upto=5), inbox)  # cached: no run at all
    runner.submit(spec, {"steps": 300}, options(upto=5), inbox)  # a play frame of a new run: run whole
    inbox.wait_for(lambda reports: any(isinstance(r, Drawn) and r.result.params == {"steps": 300} for r in reports))
    assert all(d.partial is None for d in inbox.drawn())
    assert [run["steps"] for run in spec.runs] == [200, 300]


def test_a_run_unknown_to_the_runner_is_run_whole(runner: SimRunner) -> None:
    spec, inbox = StepsSpec(), Inbox()
    runner.submit(spec, {"steps": 200}, options(), inbox)
    inbox.wait_for(lambda reports: len(inbox.drawn()) == 1)
    assert inbox.drawn()[0].partial is None and [run["steps"] for run in spec.runs] == [200]
