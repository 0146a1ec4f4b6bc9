"""Moving around the probe's app with keys, as a learner does, and waiting for its markers.

Everything here goes through the keyboard: Enter on the home list opens a lesson, Tab walks the
focus to the parameter rows, ↓ moves between them, ←/→ nudge, Esc goes home. Each step waits for the
marker that shows its frame has been painted (see benchmarks/probe.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from benchmarks.app_start import PROBE, READING, ROOT, wait_home
from benchmarks.probe import digest
from benchmarks.terminal import Event, Pty, Timeout, child_env
from tutor.lessons.loader import load_course
from tutor.lessons.model import Lesson
from tutor.sims import get_spec
from tutor.sims.params import ParamValue

PATIENCE = 120.0


def probe(home: Path, extra: dict[str, str] | None = None) -> Pty:
    """The probe started in a pty at 120×40 with its own progress folder."""
    return Pty.spawn(PROBE, child_env(home, extra), cwd=ROOT)


@dataclass
class Nudge:
    """One key press on a parameter and the chart it brought."""

    lesson: str
    name: str
    key: str
    values: dict[str, ParamValue]
    latency: float
    chart: Event
    bytes: int

    @property
    def cached(self) -> bool:
        return self.chart.data["sim"] is None


class Tour:
    """The probe's app with the benchmark's view of where it is."""

    def __init__(self, term: Pty, lessons_dir: Path | None = None, settle: float = 0.3) -> None:
        self.term = term
        self.settle = settle  # seconds without output that count as "done drawing"
        self.lessons_dir = lessons_dir
        self.course = list(load_course(lessons_dir).lessons)
        self.ticket = 0
        self.values: dict[str, ParamValue] = {}
        self.lesson: Lesson | None = None
        self.at = 0  # the lesson highlighted on the home list
        self.saved: dict[str, dict[str, ParamValue]] = {}
        self.opened = 0  # the first marker after the lesson was opened

    def start(self, reading: float = READING) -> None:
        wait_home(self.term, lessons=self.lessons_dir)
        self.term.drain(reading)

    def find(self, lesson_id: str) -> Lesson:
        return next(lesson for lesson in self.course if lesson.id == lesson_id)

    def goto(self, lesson: Lesson, param: str | None = None) -> Event:
        """From wherever the app is, open `lesson` from the home list, wait for its text to be laid
        out, and focus the row of `param` (default: none)."""
        if self.lesson is not None:
            self.home()
        index = self.course.index(lesson)
        # By its number, as a learner can: which lesson home highlights depends on the progress
        # (once the last lesson open is complete, the first unfinished one).
        self.term.press(*str(index + 1))
        self.at = index
        chart = self.open(lesson)
        self.term.quiet(self.settle)  # the lesson's text is laid out after its first chart
        if param is not None:
            # (from the row that has the focus: a lesson left a moment ago comes back as it was left)
            names = list(lesson.controls)
            focused = self.focus_first_param()
            here, there = names.index(focused) if focused in names else 0, names.index(param)
            for other in names[here + 1: there + 1]:
                self.next_param(other)
            for other in reversed(names[there: here]):
                self.next_param(other, "up")
            self.term.quiet(self.settle)
        return chart

    def open(self, lesson: Lesson, key: str = "enter") -> Event:
        """Press Enter on the highlighted lesson (which must be `lesson`) and wait for its chart."""
        mark = len(self.term.events)
        self.term.press(key)
        self.term.wait_event(lambda e: e["e"] == "screen" and e["id"] == lesson.id, PATIENCE, mark,
                             f"lesson {lesson.id}")
        chart = self.term.wait_event(lambda e: e["e"] == "chart", PATIENCE, mark, f"the chart of {lesson.id}")
        self.ticket = int(chart.data["ticket"])  # type: ignore[call-overload]
        self.lesson = lesson
        self.values = dict(self.saved.get(lesson.id, lesson.params))
        self.opened = mark
        return chart

    def home(self) -> None:
        """Esc to the home list (the app saves the lesson's values, which a return restores)."""
        if self.lesson is not None:
            self.saved[self.lesson.id] = dict(self.values)
        mark = len(self.term.events)
        self.term.press("escape")
        self.term.wait_event(lambda e: e["e"] == "screen" and e["id"] == "HomeScreen", PATIENCE, mark, "home")

    def focus_first_param(self) -> str:
        """Tab until a parameter row has the focus (in a wide window a lesson opens with its first
        row focused, the marker arriving with the lesson's first frames; a fresh lesson in a narrow
        one opens with its text focused); the focused row's name."""
        try:
            first = self.term.wait_event(lambda e: e["e"] == "focus", 1.0, self.opened, "the first row")
            return str(first.data["name"])
        except Timeout:
            pass
        for _ in range(12):
            mark = len(self.term.events)
            self.term.press("tab")
            try:
                return str(self.term.wait_event(lambda e: e["e"] == "focus", 1.0, mark, "a parameter row").data["name"])
            except Timeout:
                continue
        raise RuntimeError("no parameter row took the focus")

    def next_param(self, name: str, key: str = "down") -> None:
        mark = len(self.term.events)
        self.term.press(key)
        self.term.wait_event(lambda e: e["e"] == "focus" and e["name"] == name, 10.0, mark, f"row {name}")

    def direction(self, name: str) -> str:
        """→ if that changes the value, else ← (a value at the top of its range)."""
        assert self.lesson is not None
        param = get_spec(self.lesson.sim).param(name)
        value = self.values[name]
        up = param.nudge(value, 1)
        return "right" if up != value or type(up) is not type(value) else "left"

    def nudge(self, name: str, key: str, settle: bool = False) -> Nudge:
        """Press ← or → on the focused row `name`; wait for the chart of the new value. Its bytes are
        those written up to that chart, or with `settle` up to the output going quiet after it."""
        assert self.lesson is not None
        param = get_spec(self.lesson.sim).param(name)
        self.values[name] = param.nudge(self.values[name], 1 if key == "right" else -1)
        mark, offset = len(self.term.events), len(self.term.out)
        ticket, wanted = self.ticket, self.digest()
        pressed = self.term.press(key)
        # (by its values: a change in the chart's size, as when the status line wraps, redraws it too)
        chart = self.term.wait_event(lambda e: e["e"] == "chart" and e["digest"] == wanted
                                     and int(e["ticket"]) > ticket,  # type: ignore[call-overload]
                                     PATIENCE, mark, f"the chart after {key} on {name}")
        self.ticket = int(chart.data["ticket"])  # type: ignore[call-overload]
        if settle:
            self.term.quiet()
        written = (len(self.term.out) if settle else chart.offset) - offset
        return Nudge(self.lesson.id, name, key, dict(self.values), chart.at - pressed, chart, written)

    def digest(self) -> int:
        """The probe's fingerprint of a run at the current values (all parameters, as the app runs them)."""
        assert self.lesson is not None
        return digest(get_spec(self.lesson.sim).resolve(self.values))

    def repaint_bytes(self) -> int:
        """Bytes the app writes to repaint the chart's region with unchanged content."""
        self.term.quiet()
        mark, offset = len(self.term.events), len(self.term.out)
        self.term.signal()
        self.term.wait_event(lambda e: e["e"] == "repaint", PATIENCE, mark, "the chart repainted")
        self.term.quiet()
        return len(self.term.out) - offset
