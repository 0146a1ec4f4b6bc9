"""Simulations and their charts, computed on one thread of their own, newest request first.

Why one dedicated thread and not a worker per change: a learner holding → sends dozens of changes a
second, of which only the newest matters, so the runner keeps one wanted request, not a queue. (Each
chart draws on a plotext figure of its own, tutor/plots/canvas.py, so charts could be built on any
thread; the one thread is there for the newest-first order.) A run that a
newer request has superseded is stopped through its progress callback (the simulation raises
RunCancelled at its next report), and a chart is built only for what is wanted when the run ends.

The runner knows nothing of Textual: each request carries a `deliver` callback, called on the
runner's thread with a `Drawn`, `Failed` or `Running` report (tutor/present/run_reports.py; the lesson
screen posts it to itself as a message, which is thread-safe). Requests that differ only in chart
options (a resize, a play frame, a pin) reuse the last results without running the simulation again.

Each request and chore runs in a copy of the context it was asked in (threads start with an empty
one), so a chart speaks the language of whoever asked for it (tutor.i18n keeps it in a context
variable).

Play frames are drawn with the axes of the whole run (`tutor.plots.frame_of`, worked out once per
run, size and pins), so only the curves move. When a new run (a nudged parameter) changes those
axes, its report says so (`Drawn.rescaled`), for the face to tell the learner.

A run foreseen to last longer than LONG_RUN (from the seconds per step of its simulation's last
whole run) is first run for its first steps only, sized to take about PREVIEW_SECONDS, and that
chart is delivered as a preview (`Drawn.partial`) under the same ticket: the learner sees the new
value's curve at once, and the whole run's replaces it. Simulations report only (done, total) as
they go, not their series so far, so a preview is a shorter run, not a slice of the long one.
The foresight can be wrong the other way: a simulation's first run in a process pays for its
imports and warm-up, and foresees every next run as long. So the preview's own steps are timed
too, and when they foresee the whole run within LONG_RUN it is run at once, no preview drawn (a
preview's chart costs as much as the whole run's, and drew a short run's chart twice).

Why still a thread and not a worker process: profiles of a nudge showed the interface thread idle
while the run computes once the value is painted with its chart (one frame per key press), so the
GIL is not what the key waits for; a process would add the pickling of every result and chart and
its own start-up on a 2-core machine.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import functools
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tutor.present.run_reports import Drawn, Failed, Report, Running
from tutor.sims.params import ParamError, ParamValue
from tutor.sims.spec import RunCancelled
from tutor.text import Msg

if TYPE_CHECKING:
    from tutor.plots import ChartOptions, Drawing, Frame
    from tutor.sims.result import Result
    from tutor.sims.spec import SimSpec

#: How many recent results are kept, so nudging back and forth answers at once.
CACHE_SIZE = 8
#: A run must have lasted this long before progress is reported, and reports come at most this often:
#: fast runs never flash a progress note.
PROGRESS_AFTER = 0.15
PROGRESS_EVERY = 0.1
#: A run expected to last longer than this (from the last run of its simulation) is first run for
#: a preview, its first steps only, sized to take about PREVIEW_SECONDS: a chart of the new value
#: comes at once, the whole run's follows.
LONG_RUN = 0.1
PREVIEW_SECONDS = 0.03

Key = tuple[str, tuple[tuple[str, Any], ...]]


def result_key(sim: str, params: Mapping[str, ParamValue]) -> Key:
    return sim, tuple(sorted(params.items()))


@dataclass(frozen=True)
class Request:
    spec: SimSpec
    params: Mapping[str, ParamValue]
    options: ChartOptions
    deliver: Callable[[Report], None]
    ticket: int
    #: The context it was asked in, to run and draw in (the learner's language is there).
    context: contextvars.Context = dataclasses.field(default_factory=contextvars.copy_context)

    @property
    def key(self) -> Key:
        return result_key(self.spec.name, self.params)


def _steps_of(request: Request) -> int:
    """The run's `steps`, if its simulation has that parameter (0 otherwise)."""
    try:
        steps = request.spec.resolve(request.params).get("steps")
    except Exception:  # (an invalid value: the run itself says what is wrong)
        return 0
    return steps if isinstance(steps, int) and not isinstance(steps, bool) else 0


def _face(deliver: Callable[[Report], None]) -> tuple[int, Any]:
    """Who a report goes to, without keeping it alive (a closed screen must be free to go)."""
    return id(getattr(deliver, "__self__", deliver)), getattr(deliver, "__func__", None)


def _same_view(a: ChartOptions, b: ChartOptions) -> bool:
    """Whether two requests draw at the same size, with the same pins, in the same way: then
    their whole-run axes differ only if the runs do."""
    return (a.width, a.height, a.color, a.unicode, a.translate) == (b.width, b.height, b.color, b.unicode,
                                                                    b.translate) \
        and len(a.pins) == len(b.pins) and all(p is q for p, q in zip(a.pins, b.pins, strict=True))


class SimRunner:
    """The one thread that runs simulations and builds charts for the app."""

    def __init__(self, present: Callable[[str, ChartOptions], Any] | None = None) -> None:
        #: Turns a chart's text into what the face shows; runs on the runner's thread, off the UI.
        self.present = present or (lambda text, options: text)
        self._cond = threading.Condition()
        self._wanted: Request | None = None
        self._served = 0
        self._ticket = 0
        self._chores: list[Callable[[], None]] = []
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._cache: OrderedDict[Key, Result] = OrderedDict()
        #: The whole-run axes of the run being played: (key, options they were made for, frame).
        self._play_frame: tuple[Key, ChartOptions, Any] | None = None
        #: The axes of the last chart delivered: (key, options, frame, deliver), to notice a rescale.
        self._last_axes: tuple[Key, ChartOptions, Any, tuple[int, Any]] | None = None
        #: Seconds per step of each simulation's last whole run, to foresee a long one.
        self._step_seconds: dict[str, float] = {}
        #: Where the runner reads the time (tests give it a clock of their own).
        self.clock: Callable[[], float] = time.perf_counter

    # -- asking -----------------------------------------------------------------------------------

    def submit(self, spec: SimSpec, params: Mapping[str, ParamValue], options: ChartOptions,
               deliver: Callable[[Report], None]) -> int:
        """Want this run and chart now, instead of anything asked before; returns the request's ticket."""
        with self._cond:
            self._ticket += 1
            self._wanted = Request(spec, dict(params), options, deliver, self._ticket)
            self._cond.notify()
            ticket = self._ticket
        self._ensure_thread()
        return ticket

    def chore(self, task: Callable[[], None]) -> None:
        """Run `task` on the runner's thread when no request is waiting (used to pre-import NumPy and
        plotext while the learner reads the home screen, on the thread that will use them)."""
        with self._cond:
            self._chores.append(functools.partial(contextvars.copy_context().run, task))
            self._cond.notify()
        self._ensure_thread()

    def forget(self, deliver: Callable[[Report], None]) -> None:
        """A face going away (a closed screen): its request is let go, served or not (a run under way
        stops at its next report, as when superseded). The newest request stays wanted after it is served,
        and it holds its `deliver` and the context it was asked in, and through them the screen and
        all its widgets, until the next request."""
        with self._cond:
            if self._wanted is not None and _face(self._wanted.deliver) == _face(deliver):
                self._wanted = None

    @property
    def idle(self) -> bool:
        with self._cond:
            return not self._chores and (self._wanted is None or self._wanted.ticket == self._served)

    def stop(self) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify()

    # -- the thread -------------------------------------------------------------------------------

    def _ensure_thread(self) -> None:
        with self._cond:
            if self._thread is None and not self._stopping:
                # A daemon: a run in progress must never keep the terminal from being given back.
                self._thread = threading.Thread(target=self._loop, name="gdtutor-sims", daemon=True)
                self._thread.start()

    def _loop(self) -> None:
        while True:
            with self._cond:
                while not self._stopping and not self._chores and not self._pending():
                    self._cond.wait()
                if self._stopping:
                    return
                request = self._wanted if self._pending() else None
                chore = self._chores.pop(0) if request is None else None
            if chore is not None:
                with contextlib.suppress(Exception):  # a failed pre-import is retried by the real import
                    chore()
            elif request is not None:
                request.context.run(self._serve, request)
            # (not kept while waiting for the next: a request holds its face, a screen perhaps closed)
            request = chore = None

    def _pending(self) -> bool:
        return self._wanted is not None and self._wanted.ticket != self._served

    def _serve(self, request: Request) -> None:
        key = request.key
        result = self._cache.get(key)
        sim_seconds: float | None = None
        if result is None:
            steps = _steps_of(request)
            preview = self._preview_steps(request, steps)
            if preview is not None and not self._preview(request, preview, steps):
                return  # superseded while previewing
            started = self.clock()
            try:
                result = request.spec.run(request.params, progress=self._progress_for(request, started))
            except RunCancelled:
                return  # a newer request is waiting; the loop serves it next
            except ParamError as exc:
                self._finish(request, Failed(request.ticket, exc.msg))
                return
            except Exception as exc:  # a defect in one simulation must not take the tutor down
                self._finish(request, Failed(request.ticket, Msg("the simulation failed: {error}",
                                                                 error=f"{type(exc).__name__}: {exc}")))
                return
            sim_seconds = self.clock() - started
            if steps:
                self._step_seconds[request.spec.name] = sim_seconds / steps
            # The app never writes --export files: drop those arrays now (vanishing's weight matrices
            # run to hundreds of megabytes at its largest sizes).
            result = dataclasses.replace(result, export={}) if result.export else result
            self._cache[key] = result
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        self._cache.move_to_end(key)
        with self._cond:  # draw with the newest options, if the newest request still wants this run
            newest = self._wanted
        if newest is None or newest.key != key:
            return
        started = self.clock()
        text, notes, rescaled = self._chart(key, result, newest.options, newest.deliver)
        chart = self.present(text, newest.options)
        chart_seconds = self.clock() - started
        self._finish(newest, Drawn(newest.ticket, result, chart, newest.options, sim_seconds, chart_seconds,
                                   notes, rescaled, newest.params))

    def _preview_steps(self, request: Request, steps: int) -> int | None:
        """How many steps to preview a run with, if it is foreseen to be long (None: run it whole)."""
        rate = self._step_seconds.get(request.spec.name)
        if rate is None or not steps or request.options.upto is not None or steps * rate <= LONG_RUN:
            return None
        first = int(PREVIEW_SECONDS / max(rate, 1e-9))
        return first if 1 <= first <= steps // 2 else None

    def _preview(self, request: Request, first: int, steps: int) -> bool:
        """Run and deliver the first `first` steps of a long run; False if a newer request superseded it."""
        params = {**request.params, "steps": first}
        started = self.clock()
        try:
            result = request.spec.run(params, progress=self._progress_for(request, started))
        except RunCancelled:
            return False
        except Exception:  # the whole run meets the same fault and reports it
            return True
        sim_seconds = self.clock() - started
        if sim_seconds / first * steps <= LONG_RUN:
            return True  # foreseen from a slower run (a simulation's first in this process is): run it whole
        with self._cond:
            newest = self._wanted
        if newest is None or newest.key != request.key:
            return False
        started = self.clock()
        try:
            drawing = self._draw(result, newest.options)
        except Exception:
            return True
        chart = self.present(drawing.text, newest.options)
        newest.deliver(Drawn(newest.ticket, result, chart, newest.options, sim_seconds, self.clock() - started,
                             drawing.notes, False, params, (first, steps)))
        return True

    def _chart(self, key: Key, result: Result, options: ChartOptions, deliver: Callable[[Report], None],
               ) -> tuple[str, tuple[str, ...], bool]:
        """The chart's text and notes, and whether its axes differ from those of the last chart the
        same face (the same `deliver`) was sent at the same size."""
        try:
            if options.upto is not None and options.frame is None:
                held = self._play_frame
                if held is None or held[0] != key or not _same_view(held[1], options):
                    held = self._play_frame = (key, options, self._frame_of(result, options))
                options = dataclasses.replace(options, frame=held[2])
            drawing = self._draw(result, options)
        except Exception as exc:  # the run is still good: show the facts, say what went wrong
            return options.translate("(the chart could not be drawn: {error})").format(error=exc), (), False
        last = self._last_axes
        face = _face(deliver)
        rescaled = (last is not None and last[3] == face and last[0] != key and _same_view(last[1], options)
                    and last[2] != drawing.frame)
        self._last_axes = (key, options, drawing.frame, face)
        return drawing.text, drawing.notes, rescaled

    @staticmethod
    def _draw(result: Result, options: ChartOptions) -> Drawing:
        from tutor.plots import draw

        return draw(result, options)

    @staticmethod
    def _frame_of(result: Result, options: ChartOptions) -> Frame:
        from tutor.plots import frame_of

        return frame_of(result, options)

    def _finish(self, request: Request, report: Report) -> None:
        with self._cond:
            self._served = max(self._served, request.ticket)
        request.deliver(report)

    def _progress_for(self, request: Request, started: float) -> Callable[[int, int], bool]:
        key = request.key
        last = [started + PROGRESS_AFTER - PROGRESS_EVERY]

        def progress(done: int, total: int) -> bool:
            with self._cond:
                newest = self._wanted
                if self._stopping or newest is None or newest.key != key:
                    return False  # superseded: stop this run at once
            now = self.clock()
            if now - last[0] >= PROGRESS_EVERY:
                last[0] = now
                # Report under the newest ticket wanting this run (a resize asks again for the same run).
                newest.deliver(Running(newest.ticket, done, total))
            return True

        return progress
