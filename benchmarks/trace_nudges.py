"""Where a nudge's time goes, key press to the frame with its chart: a timeline per press.

    python -m benchmarks.trace_nudges learning-rate backprop     # some lessons (default: all)

The figures say how long a nudge takes; this says where the time goes. It walks the lessons as the
tweak figure does (benchmarks/tour.py), with the probe run in a pty as `python -m
benchmarks.trace_nudges --probe`: the probe's app with timestamps taken, in the app's own process,
at the key's dispatch, the runner's run and draw, the chart turned into strips, the screen's
handling of the report, each layout pass and each frame. The clock is the one both processes read
(`time.perf_counter`, CLOCK_MONOTONIC), so each press's marks are given in milliseconds after the
benchmark pressed the key. Nothing is asserted; the timestamps wrap private methods of Textual and
gdtutor, so this is a tool for reading, not a figure.
"""

from __future__ import annotations

import atexit
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: (class path, method, mark): wrapped to mark when they start and end.
WRAPPED = (
    ("tutor.tui.runner:SimRunner", "_serve", "run"),
    ("tutor.tui.runner:SimRunner", "_draw", "draw"),
    ("tutor.tui.runner:SimRunner", "_preview", "preview"),
    ("tutor.tui.screens.lesson:LessonScreen", "on_runner_report", "report"),
    ("textual.screen:Screen", "_refresh_layout", "layout"),
    ("textual.screen:Screen", "_on_timer_update", "frame"),
)


def _probe(trace: Path) -> None:
    """The probe, with every start and end of WRAPPED, and each key's dispatch, written to `trace`."""
    import importlib

    from textual import events
    from textual.message_pump import MessagePump

    from benchmarks.probe import ProbeApp
    from tutor.tui.widgets import chart

    marks: list[tuple[float, str]] = []
    atexit.register(lambda: trace.write_text(json.dumps(marks)))

    def mark(what: str) -> None:
        marks.append((time.perf_counter(), what))

    def timed(function: Callable[..., Any], label: str) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            mark(label + "<")
            try:
                return function(*args, **kwargs)
            finally:
                mark(label + ">")
        return wrapper

    for where, name, label in WRAPPED:
        module, _, cls_name = where.partition(":")
        cls = getattr(importlib.import_module(module), cls_name)
        raw = cls.__dict__[name]
        if isinstance(raw, staticmethod):
            setattr(cls, name, staticmethod(timed(raw.__func__, label)))
        else:
            setattr(cls, name, timed(raw, label))
    chart.chart_content = timed(chart.chart_content, "strips")  # (the app's runner takes it when first made)

    dispatch = MessagePump._dispatch_message

    async def dispatching(self: MessagePump, message: Any) -> Any:
        if isinstance(message, events.Key) and self is self.app and (not marks or marks[-1][1] != "key"):
            mark("key")  # (the app is handed a key twice: its dispatch, then its forwarding to the screen)
        return await dispatch(self, message)

    MessagePump._dispatch_message = dispatching  # type: ignore[method-assign]
    ProbeApp().run()


def _phases(marks: list[tuple[float, str]], pressed: float, until: float) -> str:
    """The marks between a press and its chart's frame, as `name@ms` after the press."""
    seen = [f"{what}@{(at - pressed) * 1000:.0f}" for at, what in marks if pressed - 0.001 <= at <= until + 0.001]
    return " ".join(seen)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--probe"]:
        _probe(Path(os.environ["GDTB_TRACE"]))
        return 0
    from benchmarks.navigate import Tour
    from benchmarks.terminal import Pty, child_env
    from benchmarks.tour import Walk, course_lessons, walk_lesson

    lessons = course_lessons(argv or None)
    if not lessons:
        print(f"no such lessons: {' '.join(argv)}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        trace = Path(folder) / "trace.json"
        env = child_env(Path(folder) / "home", {"GDTB_TRACE": str(trace)})
        walk = Walk()
        root = Path(__file__).resolve().parent.parent
        with Pty.spawn([sys.executable, "-m", "benchmarks.trace_nudges", "--probe"], env, cwd=root) as term:
            tour = Tour(term)
            tour.start(1.0)
            for lesson in lessons:
                walk_lesson(tour, lesson, walk)
            tour.home()
        if not trace.exists():  # (written as the probe exits, which leaving the block waits for)
            print("the probe wrote no trace", file=sys.stderr)
            return 1
        marks = [(float(at), str(what)) for at, what in json.loads(trace.read_text())]
    for nudge in walk.first:
        pressed = nudge.chart.at - nudge.latency
        print(f"{nudge.lesson} {nudge.name} {nudge.latency * 1000:.1f} ms: {_phases(marks, pressed, nudge.chart.at)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
