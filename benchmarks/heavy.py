"""Part of figure 3: input while the heaviest run computes (depth 100 × width 512, 100 steps).

A one-lesson course made for the purpose (GDTUTOR_LESSONS) opens at that size, so its run starts
with the lesson. While it computes, → on the learning rate every 0.3 s; each press is timed from the
key to the frame showing the new value in its row, and each supersedes the run (a new one starts).
The probe runs with its 5 ms heartbeat (GDTB_LAG=1), so the longest time the event loop was blocked
is measured too. The progress note ("computing…") must be seen in the output.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from benchmarks.navigate import PATIENCE, Tour, probe
from tutor.lessons.loader import load_course
from tutor.sims import get_spec

LESSON = """+++
format = 1
id = "deep"
title = "A deep, wide stack"
order = 10
sim = "vanishing"
controls = ["lr", "depth", "width"]

[params]
depth = {depth}
width = {width}
init = "xavier"

[solution]
depth = 2
width = 8
residual = true

[challenge]
statement = "Make the gradient flow healthy."
condition = 'gradient_flow == "healthy"'
hints = ["Fewer layers."]
+++

# A deep, wide stack
"""
#: The longest a key may wait for its frame, and the event loop be blocked.
LIMIT = 0.050


@dataclass
class Heavy:
    latencies: list[float]
    max_lag: float
    progress_shown: bool


def heavy(home: Path, presses: int, depth: int = 100, width: int = 512, reading: float = 1.5,
          warmup: float = 2.0) -> Heavy:
    course = home / "course"
    course.mkdir(parents=True, exist_ok=True)
    (course / "deep.md").write_text(LESSON.format(depth=depth, width=width), encoding="utf-8")
    lesson = load_course(course).lessons[0]
    with probe(home / "progress", {"GDTUTOR_LESSONS": str(course), "GDTB_LAG": "1"}) as term:
        tour = Tour(term, course)
        tour.start(reading)
        mark = len(term.events)
        term.press("enter")
        term.wait_event(lambda e: e["e"] == "screen" and e["id"] == "deep", PATIENCE, mark, "the deep lesson")
        tour.lesson, tour.values = lesson, dict(lesson.params)
        tour.focus_first_param()
        term.drain(warmup)  # long enough for the first run to report its progress
        latencies: list[float] = []
        first = len(term.events)  # the heartbeat counts from here: opening the lesson is not input
        for _ in range(presses):
            term.drain(0.3)
            mark = len(term.events)
            key = tour.direction("lr")
            tour.values["lr"] = get_spec("vanishing").param("lr").nudge(tour.values["lr"], 1 if key == "right" else -1)
            pressed = term.press(key)
            shown = term.wait_event(lambda e: e["e"] == "focus" and e["name"] == "lr", PATIENCE, mark, "the new lr")
            latencies.append(shown.at - pressed)
        term.drain(min(warmup, 0.5))
        lags = [float(e.data["lag"]) for e in term.events[first + 1:] if "lag" in e.data]  # type: ignore[arg-type]
        return Heavy(latencies, max(lags, default=0.0), "computing" in term.screen_text())
