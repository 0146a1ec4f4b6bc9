"""Figure 8, simulation scaling: `vanishing` at depth × width, `optimizers` at a number of steps, each
run in this process through `SimSpec.run` (validation, the model, its guard and facts) at the
simulation's defaults otherwise, against the bare NumPy lower bound of benchmarks/lower_bounds.py.
Each size is timed as the median of several runs after one uncounted warm-up.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from benchmarks import lower_bounds
from benchmarks.figures import Figure, median, timing
from tutor.sims import get_spec
from tutor.sims.result import Result

#: Each simulation is held to this multiple of its lower bound.
LIMIT = 2.0
DEPTHS, WIDTHS = (10, 50, 100), (32, 128, 512)
STEPS = (200, 2_000, 20_000)
LONG = 2.0


def timed(tasks: Sequence[Callable[[], object]], runs: int, warmup: bool = True) -> list[list[float]]:
    """Seconds per run of each task, the tasks taking turns (a change in the machine's load touches
    them alike); the first round is a warm-up. Sizes whose round takes over LONG seconds are run
    at most three times."""
    samples: list[list[float]] = [[] for _ in tasks]
    index = int(not warmup)
    while index <= runs:
        round_started = time.perf_counter()
        for task, times in zip(tasks, samples, strict=True):
            started = time.perf_counter()
            task()
            if index:
                times.append(time.perf_counter() - started)
        if time.perf_counter() - round_started > LONG:
            runs = min(runs, 3)
        index += 1
    return samples


def figure(key: str, label: str, run: Callable[[], object], bound: Callable[[], object], runs: int,
           warmup: bool = True) -> Figure:
    samples, floor = timed((run, bound), runs, warmup)
    return timing(key, label, samples, floor, "NumPy lower bound", f"≤ {LIMIT:g}× floor",
                  median(samples) <= LIMIT * median(floor))


def steps_run(result: Result) -> int:
    """Gradient steps a vanishing run took: a diverged run stops (its loss series cut) where it blew
    up, having made one forward and backward pass more than its series has entries."""
    loss = len(result.series["loss"])
    return loss if result.facts["diverged"] else loss - 1


def measure(runs: int, depths: Sequence[int] = DEPTHS, widths: Sequence[int] = WIDTHS,
            steps: Sequence[int] = STEPS, vanishing_steps: int | None = None, warmup: bool = True,
            ) -> list[Figure]:
    vanishing, optimizers = get_spec("vanishing"), get_spec("optimizers")
    extra = {} if vanishing_steps is None else {"steps": vanishing_steps}
    figures = []
    for depth in depths:
        for width in widths:
            params = {"depth": depth, "width": width, **extra}
            trained = steps_run(vanishing.run(params))
            note = f"diverges: {trained} step(s) run" if trained < int(vanishing.resolve(params)["steps"]) else ""
            figures.append(figure(f"sim.vanishing.{depth}x{width}", f"vanishing depth {depth} × width {width}",
                                  lambda params=params: vanishing.run(params),
                                  lambda d=depth, w=width, n=trained: lower_bounds.vanishing(d, w, steps=n),
                                  runs, warmup))
            figures[-1].note = note
    for count in steps:
        figures.append(figure(f"sim.optimizers.{count}", f"optimizers {count:,} steps",
                              lambda count=count: optimizers.run({"steps": count}),
                              lambda count=count: lower_bounds.optimizers(count), runs, warmup))
    return figures
