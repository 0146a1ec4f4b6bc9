"""The simulation thread: newest request wins, superseded runs stop early, charts come from one thread."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

import numpy as np
import pytest

from tutor.plots import ChartOptions, Drawing
from tutor.sims import get_spec
from tutor.sims.params import ParamError
from tutor.sims.result import Result
from tutor.sims.spec import RunCancelled
from tutor.text import Msg
from tutor.tui.runner import Drawn, Failed, Report, Running, SimRunner

WAIT = 30.0


class Inbox:
    """Collects reports from the runner's thread; `wait_for` blocks until a condition on them holds."""

    def __init__(self) -> None:
        self.reports: list[Report] = []
        self._cond = threading.Condition()

    def __call__(self, report: Report) -> None:
        with self._cond:
            self.reports.append(report)
            self._cond.notify_all()

    def wait_for(self, condition) -> None:  # type: ignore[no-untyped-def]
        with self._cond:
            assert self._cond.wait_for(lambda: condition(self.reports), timeout=WAIT), self.reports

    def drawn(self) -> list[Drawn]:
        return [r for r in self.reports if isinstance(r, Drawn)]


class FakeSpec:
    """Duck-types SimSpec: a run of `steps` steps that reports progress and can be held at a gate."""

    def __init__(self, name: str = "fake") -> None:
        self.name = name
        self.runs: list[dict[str, Any]] = []
        self.cancelled: list[dict[str, Any]] = []
        self.gate = threading.Event()
        self.gate.set()
        self.started = threading.Event()

    def run(self, params: Mapping[str, Any], *, progress=None) -> Result:  # type: ignore[no-untyped-def]
        params = dict(params)
        self.runs.append(params)
        self.started.set()
        if params.get("fail"):
            raise ParamError(Msg("x must be small"))
        if params.get("crash"):
            raise ZeroDivisionError("a defect")
        steps = int(params.get("steps", 3))
        for step in range(steps + 1):
            if step == 1:
                self.gate.wait(WAIT)
            if progress is not None and not progress(step, steps):
                self.cancelled.append(params)
                raise RunCancelled
        series = {"loss": np.arange(steps + 1, dtype=float)}
        return Result(self.name, params, series, {"diverged": False}, Msg("ok"), export={"big": np.zeros(10)})


def options(width: int = 40, **kwargs: Any) -> ChartOptions:
    return ChartOptions(width=width, height=10, color=False, **kwargs)


def text_chart(seen_threads: set[int]):  # type: ignore[no-untyped-def]
    def present(text: str, opts: ChartOptions) -> str:
        seen_threads.add(threading.get_ident())
        return text

    return present


@pytest.fixture
def runner() -> SimRunner:
    made = SimRunner()
    made._draw = staticmethod(  # type: ignore[method-assign]
        lambda result, opts: Drawing(f"chart {dict(result.params)} {opts.width}x{opts.upto}", ()))
    made._frame_of = staticmethod(lambda result, opts: ())  # type: ignore[method-assign]
    yield made
    made.stop()


def test_a_request_is_run_drawn_and_delivered(runner: SimRunner) -> None:
    spec, inbox = FakeSpec(), Inbox()
    ticket = runner.submit(spec, {"steps": 3}, options(), inbox)
    inbox.wait_for(lambda reports: any(isinstance(r, Drawn) for r in reports))
    (drawn,) = inbox.drawn()
    assert drawn.ticket == ticket and drawn.result.params == {"steps": 3}
    assert drawn.chart == "chart {'steps': 3} 40xNone"
    assert drawn.sim_seconds is not None and drawn.result.export == {}  # export arrays are dropped
    assert runner.idle


def test_a_newer_request_stops_the_run_it_supersedes(runner: SimRunner) -> None:
    spec, inbox = FakeSpec(), Inbox()
    spec.gate.clear()  # hold the first run at its first step
    runner.submit(spec, {"steps": 1000}, options(), inbox)
    assert spec.started.wait(WAIT)
    newest = runner.submit(spec, {"steps": 2}, options(), inbox)
    spec.gate.set()
    inbox.wait_for(lambda reports: any(isinstance(r, Drawn) for r in reports))
    assert spec.cancelled == [{"steps": 1000}]
    assert [d.ticket for d in inbox.drawn()] == [newest]
    assert inbox.drawn()[0].result.params == {"steps": 2}


def test_only_the_newest_of_many_requests_is_drawn(runner: SimRunner) -> None:
    spec, inbox = FakeSpec(), Inbox()
    spec.gate.clear()
    runner.submit(spec, {"steps": 5}, options(), inbox)
    assert spec.started.wait(WAIT)
    for steps in range(6, 40):
        last = runner.submit(spec, {"steps": steps}, options(), inbox)
    spec.gate.set()
    inbox.wait_for(lambda reports: any(isinstance(r, Drawn) and r.ticket == last for r in reports))
    assert [d.result.params["steps"] for d in inbox.drawn()] == [39]
    assert len(spec.runs) == 2  # the held run and the newest: the ones in between never started


def test_chart_only_changes_reuse_the_result(runner: SimRunner) -> None:
    spec, inbox = FakeSpec(), Inbox()
    runner.submit(spec, {"steps": 3}, options(), inbox)
    inbox.wait_for(lambda reports: len(reports) == 1)
    runner.submit(spec, {"steps": 3}, options(width=60, upto=2), inbox)
    inbox.wait_for(lambda reports: len(reports) == 2)
    first, second = inbox.drawn()
    assert len(spec.runs) == 1 and second.sim_seconds is None and second.result is first.result
    assert second.chart == "chart {'steps': 3} 60x2"


def test_long_runs_report_progress(runner: SimRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tutor.tui.runner.PROGRESS_AFTER", 0.0)
    monkeypatch.setattr("tutor.tui.runner.PROGRESS_EVERY", 0.0)
    spec, inbox = FakeSpec(), Inbox()
    runner.submit(spec, {"steps": 5}, options(), inbox)
    inbox.wait_for(lambda reports: any(isinstance(r, Drawn) for r in reports))
    progress = [r for r in inbox.reports if isinstance(r, Running)]
    assert [(r.done, r.total) for r in progress] == [(step, 5) for step in range(6)]


def test_invalid_values_and_defects_come_back_as_failures(runner: SimRunner) -> None:
    spec, inbox = FakeSpec(), Inbox()
    runner.submit(spec, {"fail": True}, options(), inbox)
    inbox.wait_for(lambda reports: len(reports) == 1)
    runner.submit(spec, {"crash": True}, options(), inbox)
    inbox.wait_for(lambda reports: len(reports) == 2)
    first, second = inbox.reports
    assert isinstance(first, Failed) and str(first.message) == "x must be small"
    assert isinstance(second, Failed) and "ZeroDivisionError: a defect" in str(second.message)
    runner.submit(spec, {"steps": 1}, options(), inbox)  # and the thread lives on
    inbox.wait_for(lambda reports: len(reports) == 3 and isinstance(reports[2], Drawn))


def test_real_charts_are_all_built_on_the_runner_thread() -> None:
    threads: set[int] = set()
    runner = SimRunner(present=text_chart(threads))
    try:
        spec, inbox = get_spec("lr-overshoot"), Inbox()
        for lr in (0.1, 0.5, 1.5):
            runner.submit(spec, {"lr": lr}, options(width=60, upto=3), inbox)
            inbox.wait_for(lambda reports, lr=lr: any(isinstance(r, Drawn) and r.result.params["lr"] == lr
                                                      for r in reports))
        assert threads and threading.get_ident() not in threads and len(threads) == 1
        assert "┌" in inbox.drawn()[-1].chart
    finally:
        runner.stop()


def test_chores_run_when_nothing_is_asked(runner: SimRunner) -> None:
    done = threading.Event()
    runner.chore(done.set)
    assert done.wait(WAIT)


def test_play_frames_are_drawn_with_the_axes_of_the_whole_run_worked_out_once(runner: SimRunner) -> None:
    measured: list[Any] = []
    frames: list[Any] = []
    runner._frame_of = staticmethod(lambda result, opts: measured.append(opts.upto) or (("whole", 1),))  # type: ignore[method-assign]
    runner._draw = staticmethod(lambda result, opts: frames.append(opts.frame) or Drawing("chart", opts.frame or ()))  # type: ignore[method-assign]
    spec, inbox = FakeSpec(), Inbox()
    for upto in (0, 1, 2):
        runner.submit(spec, {"steps": 3}, options(upto=upto), inbox)
        inbox.wait_for(lambda reports, n=upto + 1: len([r for r in reports if isinstance(r, Drawn)]) >= n)
    assert len(measured) == 1, "the whole run's axes are worked out once for the run"
    assert frames == [(("whole", 1),)] * 3


def test_a_new_run_whose_axes_differ_is_reported_as_rescaled(runner: SimRunner) -> None:
    runner._draw = staticmethod(  # type: ignore[method-assign]
        lambda result, opts: Drawing("chart", (("top", result.params["top"]),), ("off the chart",)))
    spec, inbox = FakeSpec(), Inbox()

    def drawn_after(params: dict[str, Any], opts: ChartOptions) -> Drawn:
        count = len(inbox.drawn())
        runner.submit(spec, params, opts, inbox)
        inbox.wait_for(lambda reports: len([r for r in reports if isinstance(r, Drawn)]) > count)
        return inbox.drawn()[-1]

    assert not drawn_after({"top": 1}, options()).rescaled  # nothing to compare with
    assert not drawn_after({"top": 1, "steps": 2}, options()).rescaled  # another run, the same axes
    changed = drawn_after({"top": 2}, options())
    assert changed.rescaled and changed.notes == ("off the chart",)
    assert not drawn_after({"top": 3}, options(width=50)).rescaled  # a new size is not a new scale
    other_face = Inbox()
    count = len(other_face.drawn())
    runner.submit(spec, {"top": 4}, options(width=50), other_face)
    other_face.wait_for(lambda reports: len([r for r in reports if isinstance(r, Drawn)]) > count)
    assert not other_face.drawn()[-1].rescaled  # another screen's first chart


def test_charts_are_labelled_in_the_language_of_whoever_asked() -> None:
    """The runner's thread starts with an empty context: it must draw in the asker's, where the
    learner's language is."""
    import re

    from tutor import i18n

    hangul = re.compile(r"[\uac00-\ud7a3]")
    charts: dict[str, str] = {}
    for lang in ("ko", "en"):
        runner, inbox = SimRunner(), Inbox()
        with i18n.switch(lang):
            runner.submit(get_spec("lr-overshoot"), {}, ChartOptions(70, 20, translate=i18n._), inbox)
        try:
            inbox.wait_for(lambda reports: any(isinstance(r, Drawn) and r.partial is None for r in reports))
        finally:
            runner.stop()
        charts[lang] = next(r.chart for r in inbox.drawn() if r.partial is None)
    assert hangul.search(charts["ko"]), charts["ko"]
    assert not hangul.search(charts["en"]), charts["en"]


class Face:
    """A screen's stand-in: reports go to its bound method, as a LessonScreen's do."""

    def __init__(self, inbox: Inbox) -> None:
        self.inbox = inbox

    def deliver(self, report: Report) -> None:
        self.inbox(report)


def test_a_face_forgotten_is_not_kept_alive_by_its_served_request(runner: SimRunner) -> None:
    import gc
    import weakref

    spec, inbox = FakeSpec(), Inbox()
    face = Face(inbox)
    runner.submit(spec, {"steps": 3}, options(), face.deliver)
    inbox.wait_for(lambda reports: any(isinstance(r, Drawn) for r in reports))
    assert runner.idle
    gone = weakref.ref(face)
    runner.forget(Face(inbox).deliver)  # (another face's: this one's request stays)
    del face
    gc.collect()
    assert gone() is not None, "the request no longer holds its face: this test checks nothing"
    runner.forget(gone().deliver)  # type: ignore[union-attr]
    gc.collect()
    assert gone() is None, "the served request still holds the face that asked for it"
    assert runner.idle


def test_a_forgotten_face_s_run_under_way_is_stopped_and_never_drawn(runner: SimRunner) -> None:
    spec, inbox = FakeSpec(), Inbox()
    face = Face(inbox)
    spec.gate.clear()
    runner.submit(spec, {"steps": 3}, options(), face.deliver)
    assert spec.started.wait(WAIT)
    runner.forget(face.deliver)
    spec.gate.set()
    other = Inbox()
    runner.submit(spec, {"steps": 4}, options(), other)  # (served after the stopped run, in turn)
    other.wait_for(lambda reports: any(isinstance(r, Drawn) for r in reports))
    assert spec.cancelled == [{"steps": 3}]
    assert not inbox.reports, "a face that had gone was sent a report"
