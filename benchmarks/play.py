"""Figure 4, animation, in a real pseudo-terminal at 120×40.

Frames per second: a lesson is opened from the home list, its speed set with ] to the lowest at
which play mode's own schedule asks for its maximum rate (40 frames a second; at 1× a short run asks
for fewer, by design: every step shown, a run lasting about six seconds), and Space starts play.
Every chart marker while playing is a frame painted; the rate is frames over the time from the first
to the last.

Key-press latency while playing: with play running, → on the lesson's first parameter (every 0.3 s,
play restarted when the run ends); timed from the key to the first frame whose chart is of the new
value.
"""

from __future__ import annotations

from dataclasses import dataclass

from benchmarks.navigate import PATIENCE, Tour
from tutor.lessons.model import Lesson
from tutor.present.playback import MAX_FPS, NORMAL_SPEED, SPEEDS, Playback
from tutor.sims import get_spec

#: (lesson, parameter nudged while playing)
LESSONS = (("adam", "lr"), ("regularization", "lam"), ("vanishing-gradients", "depth"))


@dataclass
class Played:
    lesson: str
    fps: float
    cap: float
    speed: float
    frames: int
    latencies: list[float]


def steps_of(lesson: Lesson) -> int:
    spec = get_spec(lesson.sim)
    result = spec.run(lesson.params)
    return next((len(result.series[name]) - 1 for name in spec.trajectory if name in result.series), 0)


def speed_for(steps: int) -> int:
    """The lowest speed index at which play asks for MAX_FPS (or the fastest there is)."""
    for index in range(NORMAL_SPEED, len(SPEEDS)):
        if Playback(steps=steps, speed=index).interval <= 1 / MAX_FPS + 1e-9:
            return index
    return len(SPEEDS) - 1


def play(tour: Tour, lesson_id: str, name: str, nudges: int, limit: float = 30.0) -> Played:
    lesson = tour.find(lesson_id)
    steps = steps_of(lesson)
    speed = speed_for(steps)
    term = tour.term
    tour.goto(lesson, name)
    term.press(*("]" * (speed - NORMAL_SPEED)))
    term.quiet(tour.settle)
    mark = len(term.events)
    term.press("space")
    end = term.wait_event(lambda e: e["e"] == "chart" and e["upto"] is None, limit + PATIENCE, mark,
                          "the end of play")
    frames = [e for e in term.events[mark:] if e.data["e"] == "chart" and e.data["upto"] is not None]
    frames = [e for e in frames if e.at <= end.at]
    span = frames[-1].at - frames[0].at if len(frames) > 1 else 0.0
    fps = (len(frames) - 1) / span if span else 0.0
    latencies = []
    term.quiet(tour.settle)
    term.press("space")
    for _ in range(nudges):
        term.drain(0.3)
        last = [e for e in term.events if e.data["e"] == "chart"][-1]
        if last.data["upto"] is None:
            term.press("space")  # the run ended: play it again
            term.drain(0.2)
            last = [e for e in term.events if e.data["e"] == "chart"][-1]
        key = tour.direction(name)
        before = last.data["digest"]
        param = get_spec(lesson.sim).param(name)
        tour.values[name] = param.nudge(tour.values[name], 1 if key == "right" else -1)
        mark = len(term.events)
        pressed = term.press(key)
        chart = term.wait_event(lambda e, before=before: e["e"] == "chart" and e["digest"] != before,
                                PATIENCE, mark, "the chart of the new value while playing")
        latencies.append(chart.at - pressed)
    cap = 1 / Playback(steps=steps, speed=speed).interval
    return Played(lesson.id, fps, cap, SPEEDS[speed], len(frames), latencies)
