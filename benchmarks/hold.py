"""Figure 3b, a held key: → held down on a parameter, from letting go to the chart of the last value.

A terminal repeats a held key at about REPEAT presses a second. The probe gets PRESSES of them at
that pace (the benchmark reads the app's output between presses, as a terminal would), each a new
value; then the key is let go. If the app queued a run per press, the last value's chart would come
only after every earlier run and chart, so the time from the last press to the frame with the last
value's chart grows with the presses held; an app that keeps only the newest request answers within
the bound of a single press. The charts drawn while the key was held are counted too (fewer than
the presses: superseded values were never drawn).

Target: the lesson's tweak bound, ≤ 1.5 × floor + 17 ms and ≤ 35 ms, the floor being the last
value's run and chart built alone (benchmarks/tweak.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from benchmarks.figures import Figure, median
from benchmarks.navigate import PATIENCE, Tour
from benchmarks.tweak import CEILING, SCALE, SLACK, alone
from tutor.sims import get_spec
from tutor.sims.params import ParamValue

#: Key repeats a second, as terminals send them by default (X11 and macOS: 25–33).
REPEAT = 30
PRESSES = 20
#: (lesson, parameter) held: a quick run, and one of the slowest in the course.
LESSONS = (("learning-rate", "lr"), ("vanishing-gradients", "depth"))


@dataclass
class Held:
    lesson: str
    name: str
    presses: int
    #: Seconds from the last press to the frame with the last value's chart.
    release: float
    #: Charts that reached the screen from the first press to the last value's.
    drawn: int
    values: dict[str, ParamValue]
    width: int
    height: int


def hold(tour: Tour, lesson_id: str, name: str, presses: int = PRESSES, key: str = "right",
         repeat: float = REPEAT) -> Held:
    """Open the lesson, hold `key` on `name` for `presses` repeats (fewer at the end of its range:
    then the other way), let go, and wait for the last value's chart."""
    lesson = tour.find(lesson_id)
    tour.goto(lesson, name)
    param = get_spec(lesson.sim).param(name)
    if param.nudge(tour.values[name], 1 if key == "right" else -1) == tour.values[name]:
        key = "left" if key == "right" else "right"
    mark, ticket = len(tour.term.events), tour.ticket
    pressed, held = 0.0, 0
    for _ in range(presses):
        moved = param.nudge(tour.values[name], 1 if key == "right" else -1)
        if moved == tour.values[name]:
            break  # (the end of the parameter's range)
        tour.values[name] = moved
        pressed = tour.term.press(key)
        held += 1
        tour.term.drain(1 / repeat)
    wanted = tour.digest()
    chart = tour.term.wait_event(lambda e: e["e"] == "chart" and e["digest"] == wanted
                                 and int(e["ticket"]) > ticket,  # type: ignore[call-overload]
                                 PATIENCE, mark, f"the chart after {key} held on {name}")
    tour.ticket = int(chart.data["ticket"])  # type: ignore[call-overload]
    drawn = sum(1 for e in tour.term.events[mark:] if e.data["e"] == "chart" and e.at <= chart.at)
    return Held(lesson_id, name, held, max(0.0, chart.at - pressed), drawn, dict(tour.values),
                int(chart.data["width"]), int(chart.data["height"]))  # type: ignore[call-overload]


def figures(held: list[list[Held]], sims: dict[str, str]) -> list[Figure]:
    """One figure per (lesson, parameter), from its holds (one per walk of it)."""
    rows = []
    for holds in held:
        first = holds[0]
        releases = [h.release for h in holds]
        floors = [alone(sims[h.lesson], h.values, h.width, h.height) for h in holds]
        value, floor = median(releases), median(floors)
        rows.append(Figure(f"hold.{first.lesson}.{first.name}", f"→ held on {first.lesson} {first.name}, release "
                           "to last chart", value, "s", releases, floor, "sim + chart alone",
                           f"≤ {SCALE}× floor + 17 ms, ≤ 35 ms", value <= SCALE * floor + SLACK and value <= CEILING,
                           note=f"{first.presses} presses at {REPEAT}/s, "
                                f"{median([float(h.drawn) for h in holds]):.0f} charts drawn"))
    return rows
