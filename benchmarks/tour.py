"""The probe driven through the course, in a real pseudo-terminal at 120×40: the raw material of
figures 3 (tweak latency), 5 (memory) and 7 (bytes per nudge).

The walk opens every lesson from the home list in course order (a fresh progress folder, so each
opens at its own starting values), and on every parameter the lesson lets the learner change
presses → (← where → would not move it) and then the opposite key back. The first press meets a
value not run yet: its time from key to chart painted is a tweak-latency sample. The press back
usually finds the previous result in the app's cache and is kept apart. On each lesson's first
parameter the press waits for the output to go quiet, so its bytes are everything that nudge
wrote, and then the chart region is repainted unchanged (SIGUSR1 to the probe) for the floor. Peak
resident memory is read from /proc at the end of the walk.

The growth run opens one lesson and nudges one parameter back and forth over more values than the
app's result cache holds, reading resident memory after the first tenth of the nudges and at the
end.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

from benchmarks.navigate import Nudge, Tour
from benchmarks.terminal import Timeout
from tutor.lessons.loader import load_course
from tutor.lessons.model import Lesson
from tutor.sims import get_spec

OPPOSITE = {"right": "left", "left": "right"}


@dataclass
class Walk:
    first: list[Nudge] = field(default_factory=list)
    back: list[Nudge] = field(default_factory=list)
    #: lesson id → (bytes of its first nudge until quiet, bytes of a repaint of its chart)
    bytes: dict[str, tuple[int, int]] = field(default_factory=dict)
    peak_rss: int = 0
    #: lesson id → why its walk stopped early (a marker that never came)
    skipped: dict[str, str] = field(default_factory=dict)


def course_lessons(only: Sequence[str] | None = None) -> list[Lesson]:
    lessons = list(load_course().lessons)
    return [lesson for lesson in lessons if only is None or lesson.id in only]


def walk(tour: Tour, lessons: Sequence[Lesson]) -> Walk:
    result = Walk()
    for lesson in lessons:
        try:
            walk_lesson(tour, lesson, result)
        except Timeout as exc:  # reported with the figures; the walk goes on with the next lesson
            events = [event.data for event in tour.term.events[-4:]]
            result.skipped[lesson.id] = f"{exc}; last markers {events}"
            print(f"walk: {lesson.id}: {result.skipped[lesson.id]}", file=sys.stderr)
    result.peak_rss = tour.term.memory()[1]
    return result


def walk_lesson(tour: Tour, lesson: Lesson, result: Walk) -> None:
    tour.goto(lesson, lesson.controls[0])
    for position, name in enumerate(lesson.controls):
        if position:
            tour.next_param(name)
        key = tour.direction(name)
        first = tour.nudge(name, key, settle=position == 0)
        result.first.append(first)
        if position == 0:
            result.bytes[lesson.id] = (first.bytes, tour.repaint_bytes())
        result.back.append(tour.nudge(name, OPPOSITE[key]))


@dataclass
class Growth:
    nudges: int
    rss_early: int
    rss_end: int
    #: Halfway: growth that stops (caches filling) shows here as a flat second half; a leak does not.
    rss_half: int = 0

    @property
    def growth(self) -> int:
        return self.rss_end - self.rss_early


def growth(tour: Tour, lesson_id: str, name: str, count: int, swing: int = 6) -> Growth:
    """`count` nudges of `name`, `swing` one way then `swing` the other (or until a limit)."""
    tour.goto(tour.find(lesson_id), name)
    param = get_spec(tour.find(lesson_id).sim).param(name)
    key, run, early, half = "right", 0, 0, 0
    for done in range(1, count + 1):
        step = 1 if key == "right" else -1
        if run == swing or param.nudge(tour.values[name], step) == tour.values[name]:
            key, run = OPPOSITE[key], 0
        tour.nudge(name, key)
        run += 1
        if done == max(1, count // 10):
            early = tour.term.memory()[0]
        if done == max(1, count // 2):
            half = tour.term.memory()[0]
    return Growth(count, early, tour.term.memory()[0], half)
