"""One open lesson's state and what changes it, apart from the widgets that show it.

A lesson is a small machine: the learner's values and pinned runs decide what is asked of the
simulation runner; every request gets a ticket, and of the reports that come back only the newest
request's count (an older ticket's chart would show values the learner has already left); a whole
run is judged against the challenge, and the lesson is completed the first time one meets it; play
walks the chart through the run; and values are saved once a burst of changes is over, not on every
key. None of that needs a terminal, so it lives here, where tests drive it with real simulations and
a hand-turned clock, and the lesson screen keeps only widgets, keys and messages.

The controller never draws: `receive` and `judge` say what a report or a verdict means (a long
run's progress or preview, a failure, a chart to show; met, completed just now) and the screen shows
it. Timers come from the screen (`schedule`, its `set_timer`), requests go to the app's runner
through `submit`, which returns None when the screen cannot take reports any more.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from tutor.i18n import _
from tutor.lessons.model import Lesson
from tutor.plots.canvas import ChartOptions
from tutor.present.lesson_record import LessonRecord
from tutor.present.play_clock import PlayClock, Schedule, Timer
from tutor.present.playback import Playback
from tutor.present.run_reports import Drawn, Failed, Report, Running
from tutor.sims.params import ParamValue
from tutor.sims.result import Result
from tutor.sims.spec import SimSpec
from tutor.text import Msg

#: Values are saved this long after the last change (and at once on leaving), not on every key.
SAVE_DELAY = 1.0
#: Pinned runs kept on the chart at once (the oldest goes first).
MAX_PINS = 3

#: Asks the runner for a run and its chart; the request's ticket, or None if nothing was asked.
Submit = Callable[[SimSpec, Mapping[str, ParamValue], ChartOptions], int | None]


@dataclass(frozen=True)
class Progress:
    """The wanted run is long and still going: `done` of `total` steps, with a chart of its first
    steps when `preview` is one (shown, but neither judged nor played)."""

    done: int
    total: int
    preview: Drawn | None = None


@dataclass(frozen=True)
class Failure:
    """The newest run failed: play has stopped, and this is what to tell the learner."""

    message: Msg


@dataclass(frozen=True)
class Shown:
    """A whole run to show: the first of this lesson (`first`), or one whose run can now be played
    when the last could not, or the other way round (`can_play_changed`)."""

    drawn: Drawn
    first: bool
    can_play_changed: bool


Outcome = Progress | Failure | Shown


@dataclass(frozen=True)
class Verdict:
    """The challenge against a whole run: `met`; `completed` the lesson just now (only ever once);
    `changed` from the verdict before."""

    met: bool
    completed: bool
    changed: bool


class LessonController:
    def __init__(self, lesson: Lesson, spec: SimSpec, record: LessonRecord, submit: Submit, schedule: Schedule,
                 *, given: Mapping[str, ParamValue] | None = None, color: bool = True, unicode: bool = True,
                 now: Callable[[], float] = time.monotonic) -> None:
        """`given` values (already valid for the simulation) replace those the lesson would start
        with, and are saved; `color` and `unicode` are the terminal's, for every chart asked for."""
        self.lesson = lesson
        self.spec = spec
        self.record = record
        self._submit = submit
        self._schedule = schedule
        self._color = color
        self._unicode = unicode
        self.values: dict[str, ParamValue] = {**record.start_values(), **(given or {})}
        self.pins: tuple[Result, ...] = ()
        self.result: Result | None = None  # the newest whole run shown
        self.met: bool | None = None  # the last verdict (None: nothing judged yet)
        self.wanted_ticket = 0  # the newest request made
        self.shown_ticket = 0  # the newest report shown
        self.last_drawn: Drawn | None = None
        self.last_preview: Drawn | None = None  # the newest chart of a long run's first steps
        self.chart_size = (0, 0)
        self.play = PlayClock(schedule, self.request, now)
        self.dirty = bool(given)  # values changed since the last save
        self._save_timer: Timer | None = None

    @property
    def playback(self) -> Playback:
        return self.play.state

    @property
    def settled(self) -> bool:
        """Every change asked for is shown (tests wait for this)."""
        return self.wanted_ticket > 0 and self.shown_ticket == self.wanted_ticket

    # -- asking for runs --------------------------------------------------------------------------

    def request(self) -> None:
        """Ask for the current values, pins, play position and chart size."""
        width, height = self.chart_size
        options = ChartOptions(width=width, height=height, upto=self.playback.upto, pins=self.pins,
                               color=self._color, unicode=self._unicode, translate=_)
        ticket = self._submit(self.spec, self.values, options)
        if ticket is not None:
            self.wanted_ticket = ticket

    def resize(self, width: int, height: int) -> None:
        """The chart has this many cells now: ask again if that is new."""
        if (width, height) != self.chart_size:
            self.chart_size = (width, height)
            self.request()

    def change(self, name: str, value: ParamValue) -> None:
        """The learner set one value."""
        self.values[name] = value
        self.request()
        self.schedule_save()

    def take_values(self, values: Mapping[str, ParamValue]) -> None:
        """Values set for the learner (a prediction's): saved, and asked for by the next request."""
        self.values.update(values)
        self.schedule_save()

    def restore(self) -> bool:
        """Back to the lesson's starting values; False if they are the values already."""
        start = dict(self.lesson.params)
        if start == self.values:
            return False
        self.values = start
        self.request()
        self.schedule_save()
        return True

    def pin(self) -> bool | None:
        """Keep the run shown on the chart; None: no run yet, False: it is pinned already."""
        if self.result is None:
            return None
        if any(dict(pin.params) == dict(self.result.params) for pin in self.pins):
            return False
        self.pins = (*self.pins, self.result)[-MAX_PINS:]
        self.request()
        return True

    def clear_pins(self) -> bool:
        """No pinned run any more; False if there was none."""
        if not self.pins:
            return False
        self.pins = ()
        self.request()
        return True

    # -- what came back ---------------------------------------------------------------------------

    def receive(self, report: Report) -> Outcome | None:
        """Take a report from the runner; what to show of it, or None when it is out of date."""
        if report.ticket < self.shown_ticket:
            return None
        if isinstance(report, Running):
            return Progress(report.done, report.total) if report.ticket == self.wanted_ticket else None
        if isinstance(report, Drawn) and report.partial is not None:  # a long run's first steps
            if report.ticket != self.wanted_ticket:
                return None
            self.last_preview = report
            return Progress(*report.partial, preview=report)
        self.shown_ticket = report.ticket
        if isinstance(report, Failed):
            self.play.stop()
            return Failure(report.message)
        first = self.result is None
        self.last_drawn = report
        self.result = report.result
        could_play = self.playback.can_play
        self.playback.set_steps(self.steps(report.result))
        return Shown(report, first, self.playback.can_play != could_play)

    def steps(self, result: Result) -> int:
        """Steps in the run's trajectory (0: nothing to play)."""
        for name in self.spec.trajectory:
            if name in result.series:
                return max(0, len(result.series[name]) - 1)
        return 0

    def judge(self, result: Result) -> Verdict:
        """The challenge against a whole run; the first run that meets it completes the lesson."""
        met = self.lesson.challenge.is_met(result)
        completed = met and not self.record.complete
        if completed:
            self.record.mark_complete(self.values)
            self.dirty = False  # (the values were saved with the completion)
        verdict = Verdict(met, completed, met != self.met)
        self.met = met
        return verdict

    @property
    def fact_names(self) -> list[str]:
        """The run's facts the challenge speaks of, in the order the simulation lists them."""
        names = self.lesson.challenge.condition.names()
        return [name for name in self.spec.facts if name in names]

    def status_notes(self) -> str:
        """What the status line says besides the facts: the play position and speed, the pins, and
        the chart's own notes (a run cut at the frame, a new scale)."""
        extra = []
        if self.playback.upto is not None:
            extra.append(_("step {k} of {n}").format(k=self.playback.upto, n=self.playback.steps))
        if self.playback.playing or self.playback.multiplier != 1.0:
            extra.append(_("speed {x}×").format(x=f"{self.playback.multiplier:g}"))
        if self.pins:
            extra.append(_("{n} pinned").format(n=len(self.pins)))
        if self.last_drawn is not None:
            extra.extend(self.last_drawn.notes + ((_("axes rescaled"),) if self.last_drawn.rescaled else ()))
        return "  ·  ".join(extra)

    # -- saving -----------------------------------------------------------------------------------

    def schedule_save(self) -> None:
        """The values changed: save them SAVE_DELAY after the last of a burst of changes."""
        self.dirty = True
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self._schedule(SAVE_DELAY, self.save_now)

    def save_now(self) -> None:
        """Write the values if they changed since the last save."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self.dirty:
            self.dirty = False
            self.record.save_values(self.values)

    def close(self) -> None:
        """The lesson is left: the values are saved, the time spent recorded, and play stopped."""
        self.save_now()
        self.record.closed()
        self.play.stop()
