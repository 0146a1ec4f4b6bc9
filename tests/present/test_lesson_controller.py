"""The lesson's state without the app: real simulations, a hand-turned clock, a record on disk.

The runner is stood in for by `Runs`, which hands out tickets as the app's runner does and runs the
real simulation when a test delivers a request; one test uses the real SimRunner thread, waiting
for its reports, not for time.
"""

from __future__ import annotations

import json
import math
import queue
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from tutor.lessons.loader import load_lesson
from tutor.lessons.model import Lesson
from tutor.plots.canvas import ChartOptions
from tutor.present.lesson_controller import (
    MAX_PINS,
    SAVE_DELAY,
    Failure,
    LessonController,
    Progress,
    Shown,
)
from tutor.present.lesson_record import LessonRecord
from tutor.present.playback import MAX_FPS, MIN_STEPS_PER_SECOND, RUN_SECONDS
from tutor.present.run_reports import Drawn, Failed, Report, Running
from tutor.progress.session import ProgressSession
from tutor.progress.store import ProgressStore
from tutor.sims import get_spec
from tutor.sims.params import ParamValue
from tutor.sims.spec import SimSpec
from tutor.text import Msg

LESSONS = Path(__file__).resolve().parent.parent / "tui" / "fixtures" / "lessons"
#: How long a report from the real runner may take before the test fails (CI machines are slow).
PATIENCE = 30.0


class Clock:
    """Time that moves only when the test says, with the one-shot timers set against it."""

    def __init__(self) -> None:
        self.time = 100.0
        self.timers: list[Clock.Timer] = []

    class Timer:
        def __init__(self, due: float, callback: Callable[[], None]) -> None:
            self.due, self.callback, self.stopped = due, callback, False

        def stop(self) -> None:
            self.stopped = True

    def now(self) -> float:
        return self.time

    def schedule(self, delay: float, callback: Callable[[], None]) -> Clock.Timer:
        timer = Clock.Timer(self.time + delay, callback)
        self.timers.append(timer)
        return timer

    @property
    def pending(self) -> list[Clock.Timer]:
        return [t for t in self.timers if not t.stopped]

    def advance(self, seconds: float) -> None:
        """Move on by `seconds`, firing every timer that falls due on the way, in order."""
        end = self.time + seconds
        while True:
            due = sorted((t for t in self.pending if t.due <= end), key=lambda t: t.due)
            if not due:
                break
            timer = due[0]
            self.time = max(self.time, timer.due)
            timer.stopped = True  # (one-shot)
            timer.callback()
        self.time = end


class Runs:
    """The runner's part: tickets in order, and each request run for real when delivered."""

    def __init__(self) -> None:
        self.asked: list[tuple[int, SimSpec, dict[str, ParamValue], ChartOptions]] = []

    def submit(self, spec: SimSpec, values: Mapping[str, ParamValue], options: ChartOptions) -> int:
        ticket = len(self.asked) + 1
        self.asked.append((ticket, spec, dict(values), options))
        return ticket

    @property
    def last(self) -> tuple[int, SimSpec, dict[str, ParamValue], ChartOptions]:
        return self.asked[-1]

    def drawn(self, ticket: int | None = None, **extra: Any) -> Drawn:
        """The report for request `ticket` (the newest by default), its simulation really run."""
        number, spec, values, options = self.asked[(ticket or len(self.asked)) - 1]
        return Drawn(number, spec.run(values), f"chart {number}", options, 0.0, 0.0, asked=values, **extra)


def lesson(name: str = "bowl") -> Lesson:
    return load_lesson(LESSONS / f"{name}.md")


def record_for(the_lesson: Lesson, path: Path) -> LessonRecord:
    return LessonRecord(ProgressSession(ProgressStore(path)), the_lesson, get_spec(the_lesson.sim))


def saved(path: Path, lesson_id: str = "bowl") -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))["lessons"][lesson_id]


@pytest.fixture
def progress_file(tmp_path: Path) -> Path:
    return tmp_path / "progress.json"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def runs() -> Runs:
    return Runs()


def controller(runs: Runs, clock: Clock, progress_file: Path, name: str = "bowl",
               given: Mapping[str, ParamValue] | None = None) -> LessonController:
    the_lesson = lesson(name)
    return LessonController(the_lesson, get_spec(the_lesson.sim), record_for(the_lesson, progress_file), runs.submit,
                            clock.schedule, given=given, color=False, unicode=True, now=clock.now)


def shown(ctl: LessonController, runs: Runs) -> Shown:
    """Deliver the newest request's whole run; the outcome, which must be a chart to show."""
    outcome = ctl.receive(runs.drawn())
    assert isinstance(outcome, Shown)
    return outcome


# -- values and pins --------------------------------------------------------------------------------


def test_the_lesson_starts_from_its_values_with_the_learners_saved_controls_on_top(
        runs: Runs, clock: Clock, progress_file: Path) -> None:
    first = controller(runs, clock, progress_file)
    assert first.values == {"lr": 0.1, "a": 4.0, "w0": 5.0, "w_star": 0.0, "steps": 30}  # bowl.md's [params]
    assert not first.dirty
    first.change("lr", 0.3)
    first.save_now()

    again = controller(runs, clock, progress_file)
    assert again.values["lr"] == 0.3 and again.values["a"] == 4.0

    given = controller(runs, clock, progress_file, given={"lr": 0.45})
    assert given.values["lr"] == 0.45 and given.dirty  # given values are the learner's to keep
    given.save_now()
    assert saved(progress_file)["params"]["lr"] == 0.45


def test_a_change_asks_for_the_new_values_and_a_resize_only_when_the_size_is_new(
        runs: Runs, clock: Clock, progress_file: Path) -> None:
    ctl = controller(runs, clock, progress_file)
    ctl.resize(60, 20)
    ctl.resize(60, 20)
    assert len(runs.asked) == 1
    ctl.change("lr", 0.35)
    ticket, spec, values, options = runs.last
    assert spec.name == "lr-overshoot" and values["lr"] == 0.35 and ctl.wanted_ticket == ticket == 2
    assert (options.width, options.height, options.upto, options.pins) == (60, 20, None, ())
    assert (options.color, options.unicode) == (False, True)


def test_nothing_is_asked_when_the_face_cannot_take_reports(clock: Clock, progress_file: Path) -> None:
    the_lesson = lesson()
    ctl = LessonController(the_lesson, get_spec(the_lesson.sim), record_for(the_lesson, progress_file),
                           lambda spec, values, options: None, clock.schedule, now=clock.now)
    ctl.request()
    assert ctl.wanted_ticket == 0 and not ctl.settled


def test_pins_keep_the_runs_shown_and_drop_the_oldest(runs: Runs, clock: Clock, progress_file: Path) -> None:
    ctl = controller(runs, clock, progress_file)
    assert ctl.pin() is None  # no run yet
    ctl.request()
    shown(ctl, runs)
    first = ctl.result
    assert ctl.pin() is True and ctl.pins == (first,)
    assert runs.last[3].pins == (first,)  # the chart is asked for with the pin
    shown(ctl, runs)  # the same values again
    assert ctl.pin() is False and len(ctl.pins) == 1

    for lr in (0.15, 0.2, 0.25):
        ctl.change("lr", lr)
        shown(ctl, runs)
        assert ctl.pin() is True
    assert len(ctl.pins) == MAX_PINS == 3
    assert [pin.params["lr"] for pin in ctl.pins] == [0.15, 0.2, 0.25]  # 0.1, the oldest, went
    assert ctl.status_notes().endswith("3 pinned")

    assert ctl.clear_pins() is True and ctl.pins == () and runs.last[3].pins == ()
    assert ctl.clear_pins() is False


def test_restore_goes_back_to_the_lessons_values_once(runs: Runs, clock: Clock, progress_file: Path) -> None:
    ctl = controller(runs, clock, progress_file)
    assert ctl.restore() is False and not runs.asked
    ctl.change("lr", 0.4)
    assert ctl.restore() is True
    assert ctl.values == dict(lesson().params) and runs.last[2]["lr"] == 0.1


# -- tickets ------------------------------------------------------------------------------------------


def test_a_report_for_a_request_the_learner_has_left_is_ignored(
        runs: Runs, clock: Clock, progress_file: Path) -> None:
    ctl = controller(runs, clock, progress_file)
    ctl.change("lr", 0.2)
    ctl.change("lr", 0.35)  # ticket 2 is wanted now
    older, newer = runs.drawn(1), runs.drawn(2)

    assert ctl.receive(Running(1, 5, 30)) is None  # progress of a superseded run
    assert ctl.receive(runs.drawn(1, partial=(3, 30))) is None  # a superseded run's preview
    outcome = ctl.receive(newer)
    assert isinstance(outcome, Shown) and outcome.first and ctl.settled
    assert ctl.receive(older) is None  # came late: the newer run stays
    assert ctl.result is newer.result and ctl.result.params["lr"] == 0.35
    assert ctl.receive(Failed(1, Msg("too late"))) is None
    assert ctl.last_drawn is newer


def test_a_long_runs_progress_and_preview_are_shown_but_not_taken_for_the_run(
        runs: Runs, clock: Clock, progress_file: Path) -> None:
    ctl = controller(runs, clock, progress_file)
    ctl.request()
    progress = ctl.receive(Running(1, 12, 30))
    assert progress == Progress(12, 30)
    preview = runs.drawn(partial=(3, 30))
    outcome = ctl.receive(preview)
    assert outcome == Progress(3, 30, preview=preview) and ctl.last_preview is preview
    assert ctl.result is None and not ctl.settled  # the whole run is still to come, under this ticket

    whole = ctl.receive(runs.drawn())
    assert isinstance(whole, Shown) and whole.first and whole.can_play_changed and ctl.settled


def test_a_failed_run_stops_play_and_says_why(runs: Runs, clock: Clock, progress_file: Path) -> None:
    ctl = controller(runs, clock, progress_file)
    ctl.request()
    shown(ctl, runs)
    ctl.play.toggle()
    assert ctl.playback.playing
    outcome = ctl.receive(Failed(runs.last[0], Msg("the simulation failed: {error}", error="boom")))
    assert isinstance(outcome, Failure) and outcome.message.args == {"error": "boom"}
    assert not ctl.playback.playing and not ctl.play.ticking and ctl.settled


# -- judging and completion -----------------------------------------------------------------------


def closed_form_loss(lr: float, a: float, w0: float, steps: int) -> float:
    """The bowl's loss after `steps` steps: each step multiplies the distance to w* = 0 by 1 − lr·a."""
    return a / 2 * (w0 * (1 - lr * a) ** steps) ** 2


def test_the_challenge_is_met_by_a_bouncing_rate_and_the_lesson_completes_once(
        runs: Runs, clock: Clock, progress_file: Path) -> None:
    ctl = controller(runs, clock, progress_file)
    ctl.request()
    shown(ctl, runs)  # lr = 0.1: 1 − 0.4 = 0.6, no bounce
    assert ctl.result is not None
    assert ctl.result.facts["final_loss"] == pytest.approx(closed_form_loss(0.1, 4.0, 5.0, 30), rel=1e-9)
    verdict = ctl.judge(ctl.result)
    assert (verdict.met, verdict.completed, verdict.changed) == (False, False, True)
    assert ctl.judge(ctl.result).changed is False

    ctl.change("lr", 0.35)  # 1 − 1.4 = −0.4: it bounces, and lands within 0.01
    shown(ctl, runs)
    assert closed_form_loss(0.35, 4.0, 5.0, 30) < 0.01
    assert ctl.result.facts["final_loss"] == pytest.approx(closed_form_loss(0.35, 4.0, 5.0, 30), rel=1e-6)
    verdict = ctl.judge(ctl.result)
    assert (verdict.met, verdict.completed, verdict.changed) == (True, True, True)
    assert ctl.record.complete and not ctl.dirty  # the values went with the completion
    entry = saved(progress_file)
    assert entry["status"] == "complete" and entry["params"]["lr"] == 0.35

    again = ctl.judge(ctl.result)
    assert (again.met, again.completed, again.changed) == (True, False, False)  # completed once only
    ctl.change("lr", 0.1)
    shown(ctl, runs)
    after = ctl.judge(ctl.result)
    assert (after.met, after.completed, after.changed) == (False, False, True) and ctl.record.complete

    reopened = controller(runs, clock, progress_file)  # a lesson complete before never completes again
    reopened.change("lr", 0.35)
    shown(reopened, runs)
    assert reopened.judge(reopened.result).completed is False


# -- saving -------------------------------------------------------------------------------------------


def test_a_burst_of_changes_is_saved_once_after_the_last(
        runs: Runs, clock: Clock, progress_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ctl = controller(runs, clock, progress_file)
    writes: list[dict[str, Any]] = []
    save = ctl.record.save_values
    monkeypatch.setattr(ctl.record, "save_values", lambda values: (writes.append(dict(values)), save(values)))

    for lr in (0.12, 0.15, 0.18, 0.22, 0.27):
        ctl.change("lr", lr)
        clock.advance(SAVE_DELAY * 0.6)  # each change comes before the last one's save is due
    assert writes == []
    clock.advance(SAVE_DELAY * 0.4)
    assert len(writes) == 1 and writes[0]["lr"] == 0.27
    assert saved(progress_file)["params"]["lr"] == 0.27
    clock.advance(10 * SAVE_DELAY)
    assert len(writes) == 1 and not clock.pending

    ctl.change("lr", 0.3)
    ctl.save_now()  # leaving: at once, and the timer is called off
    ctl.save_now()
    clock.advance(10 * SAVE_DELAY)
    assert [w["lr"] for w in writes] == [0.27, 0.3]


def test_closing_the_lesson_saves_records_the_time_and_stops_play(
        runs: Runs, clock: Clock, progress_file: Path) -> None:
    ctl = controller(runs, clock, progress_file)
    ctl.record.opened()
    ctl.request()
    shown(ctl, runs)
    ctl.play.toggle()
    ctl.change("w0", 4.0)
    ctl.close()
    entry = saved(progress_file)
    assert entry["params"]["w0"] == 4.0 and not ctl.playback.playing and not clock.pending


# -- playback -----------------------------------------------------------------------------------------


def test_play_walks_the_run_frame_by_frame_and_ends_on_the_whole_run(
        runs: Runs, clock: Clock, progress_file: Path) -> None:
    ctl = controller(runs, clock, progress_file)
    ctl.request()
    shown(ctl, runs)
    steps = 30  # bowl.md's steps: a trajectory of 31 weights
    assert ctl.playback.steps == steps
    rate = max(steps / RUN_SECONDS, MIN_STEPS_PER_SECOND)  # steps a second at 1×
    interval = max(1 / MAX_FPS, 1 / rate)
    stride = max(1, math.floor(rate * interval + 0.5))

    ctl.play.toggle()
    assert ctl.playback.playing and runs.last[3].upto == 0
    seen = []
    while ctl.playback.playing:
        upto = runs.last[3].upto
        seen.append(upto)
        assert not clock.pending  # the next frame is timed only once this one is on screen
        shown(ctl, runs)
        ctl.play.frame_shown(upto)
        (timer,) = clock.pending
        assert timer.due - clock.time == pytest.approx(interval)
        clock.advance(interval)
    assert seen == list(range(0, steps, stride))
    assert runs.last[3].upto is None  # past the last step: the whole run again, and play stops
    shown(ctl, runs)
    ctl.play.frame_shown(None)
    assert not clock.pending


def test_stepping_and_resetting_pause_and_move_one_step(runs: Runs, clock: Clock, progress_file: Path) -> None:
    ctl = controller(runs, clock, progress_file)
    ctl.request()
    shown(ctl, runs)
    ctl.play.step()  # from the whole run: step 1
    assert runs.last[3].upto == 1 and not ctl.playback.playing
    ctl.play.step()
    assert runs.last[3].upto == 2
    shown(ctl, runs)
    assert ctl.status_notes().startswith("step 2 of 30")
    ctl.play.toggle()
    shown(ctl, runs)
    ctl.play.frame_shown(2)
    assert ctl.play.ticking
    ctl.play.reset()  # back to step 0, paused, no timer left
    assert runs.last[3].upto == 0 and not ctl.playback.playing and not ctl.play.ticking and not clock.pending
    ctl.playback.faster()
    assert "speed 2×" in ctl.status_notes()


def test_a_slow_frame_leaves_a_shorter_wait_for_the_next(runs: Runs, clock: Clock, progress_file: Path) -> None:
    ctl = controller(runs, clock, progress_file)
    ctl.request()
    shown(ctl, runs)
    ctl.play.toggle()
    interval = ctl.playback.interval
    clock.advance(interval * 0.75)  # the frame took three quarters of its time to reach the screen
    shown(ctl, runs)
    ctl.play.frame_shown(0)
    (timer,) = clock.pending
    assert timer.due - clock.time == pytest.approx(interval * 0.25)


# -- with the real runner -------------------------------------------------------------------------------


def test_with_the_real_runner_only_the_newest_nudge_is_shown(clock: Clock, progress_file: Path) -> None:
    from tutor.tui.runner import SimRunner

    runner = SimRunner()
    reports: queue.Queue[Report] = queue.Queue()
    the_lesson = lesson()
    ctl = LessonController(the_lesson, get_spec(the_lesson.sim), record_for(the_lesson, progress_file),
                           lambda spec, values, options: runner.submit(spec, values, options, reports.put),
                           clock.schedule, now=clock.now)
    try:
        ctl.resize(50, 16)
        for lr in (0.12, 0.15, 0.18, 0.22, 0.35):
            ctl.change("lr", lr)
        shown_tickets = []
        while not ctl.settled:
            outcome = ctl.receive(reports.get(timeout=PATIENCE))
            if isinstance(outcome, Shown):
                shown_tickets.append(outcome.drawn.ticket)
    finally:
        runner.stop()
    assert shown_tickets == sorted(set(shown_tickets))  # never an older run after a newer one
    drawn = ctl.last_drawn
    assert drawn is not None and drawn.ticket == ctl.wanted_ticket
    assert dict(drawn.asked)["lr"] == 0.35 and ctl.result is not None and ctl.result.params["lr"] == 0.35
    assert (drawn.options.width, drawn.options.height) == (50, 16)
    assert ctl.judge(ctl.result).completed
