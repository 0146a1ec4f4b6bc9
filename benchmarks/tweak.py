"""Figure 3, tweak latency: for every lesson, key press on a parameter to the frame carrying the chart
of the new value (the walk's first presses, benchmarks/tour.py), median and 95th percentile.

The floor of each press is the same work done alone in this process, after the walk: the
simulation run at exactly those values, plus its chart built at the size the app drew it and turned
into Textual content as the app does (the median of three). The target for a lesson is
median ≤ 1.5 × median floor + 17 ms, and median ≤ 35 ms.

Each row's note also gives the same run and chart as the app timed them on its runner thread (the
chart marker's costs, benchmarks/probe.py): where that is well above the floor, the work itself was
slowed by sharing the interpreter with the interface drawing the new value meanwhile.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

from benchmarks.figures import Figure, median, percentile
from benchmarks.navigate import Nudge
from tutor.plots import ChartOptions, render
from tutor.sims import get_spec
from tutor.sims.params import ParamValue
from tutor.tui.widgets.chart import chart_content

SCALE, SLACK, CEILING = 1.5, 0.017, 0.035


def alone(sim: str, values: Mapping[str, ParamValue], width: int, height: int, repeats: int = 3) -> float:
    """Seconds to run the simulation and build its chart, nothing else running in this process."""
    spec = get_spec(sim)
    options = ChartOptions(width=width, height=height)
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        result = spec.run(values)
        chart_content(render(result, options), options)
        samples.append(time.perf_counter() - started)
    return median(samples)


def measure(nudges: Sequence[Nudge], sims: Mapping[str, str]) -> tuple[Figure, list[Figure]]:
    """The course-wide figure and one per lesson (`sims`: lesson id → simulation)."""
    per_lesson: dict[str, list[Nudge]] = {}
    for nudge in nudges:
        per_lesson.setdefault(nudge.lesson, []).append(nudge)
    rows = []
    for lesson, taken in per_lesson.items():
        latencies = [n.latency for n in taken]
        floors = [alone(sims[lesson], n.values, int(n.chart.data["width"]), int(n.chart.data["height"]))  # type: ignore[call-overload]
                  for n in taken]
        value, floor = median(latencies), median(floors)
        met = value <= SCALE * floor + SLACK and value <= CEILING
        in_app = [float(n.chart.data["sim"] or 0.0) + float(n.chart.data["chart"] or 0.0)  # type: ignore[arg-type]
                  for n in taken if not n.cached]
        note = f"p95 {percentile(latencies, 95) * 1000:.0f} ms, {len(taken)} presses"
        if in_app:
            note += f"; sim + chart {median(in_app) * 1000:.0f} ms in the app"
        rows.append(Figure(f"tweak.{lesson}", lesson, value, "s", latencies, floor, "sim + chart alone",
                           f"≤ {SCALE}× floor + 17 ms, ≤ 35 ms", met, note=note))
    every = [n.latency for n in nudges]
    overall = Figure("tweak.all", "tweak latency, key to chart, all lessons", median(every), "s", every,
                     median([row.floor or 0.0 for row in rows]), "sim + chart alone (median lesson)",
                     "every lesson met", all(row.met for row in rows),
                     note=f"p95 {percentile(every, 95) * 1000:.0f} ms; {sum(bool(r.met) for r in rows)} of "
                          f"{len(rows)} lessons met")
    return overall, rows
