"""The arithmetic of `optimizers`: walk a surface with an update rule, then describe the walk.

The walk itself is a chain of scalar steps (each needs the one before), so it runs on Python
floats, one rule instance per coordinate, and stops soon after a step overflows. Everything
computed from the finished path (loss, gradient length, which minimum, how fast) is vectorised.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from tutor.sims import guard
from tutor.sims.optimizers import OPTIMIZERS, TARGET, OptimizersParams, rules, surfaces
from tutor.sims.optimizers.surfaces import Point, Surface
from tutor.sims.result import Fact, Map, Result
from tutor.sims.spec import ProgressFn
from tutor.sims.typed import as_mapping
from tutor.text import Msg

#: Steps between progress reports: often enough to cancel within a millisecond or two, rarely
#: enough to cost nothing measurable.
CHUNK = 1024


@dataclass(frozen=True)
class Run:
    """One optimizer's walk: its finite path, the loss and gradient length along it, and how it
    ended. `diverged_at` is the first step that overflowed (the series stop just before it)."""

    optimizer: str
    x: np.ndarray
    y: np.ndarray
    loss: np.ndarray
    grad_norm: np.ndarray
    diverged_at: int | None
    steps_to_target: int | None


def walk(surface: Surface, optimizer: str, p: OptimizersParams, start: Point, steps: int,
         progress: ProgressFn | None = None, done: int = 0, total: int = 0,
         ) -> tuple[list[float], list[float]]:
    """The iterates (x_t, y_t) for t = 0…steps. A run that overflows stops at the end of the chunk
    of steps in which it did: `describe` cuts the path at its first non-finite point anyway, and
    checking once a chunk keeps the per-step loop free of tests."""
    rule_x, rule_y = rules.make(optimizer, p), rules.make(optimizer, p)
    step_x, step_y, gradient = rule_x.step, rule_y.step, surface.gradient
    x, y = float(start[0]), float(start[1])
    xs, ys = [x] * (steps + 1), [y] * (steps + 1)
    for first in range(1, steps + 1, CHUNK):
        guard.report(progress, done + first - 1, total)
        last = min(first + CHUNK, steps + 1)
        for t in range(first, last):
            gx, gy = gradient(x, y)
            x = step_x(x, gx)
            y = step_y(y, gy)
            xs[t] = x
            ys[t] = y
        if not (math.isfinite(x) and math.isfinite(y)):
            return xs[:last], ys[:last]
    return xs, ys


def describe(surface: Surface, optimizer: str, xs: list[float], ys: list[float]) -> Run:
    """Loss and gradient length along a path, cut to its finite prefix, and when it hit the target."""
    x, y = np.array(xs), np.array(ys)
    with guard.quiet():
        loss = np.asarray(surface.value(x, y), dtype=float)
        gx, gy = surface.gradient(x, y)
        grad_norm = np.hypot(gx, gy)
    # Every surface's value is inf or NaN wherever x or y is, so two checks cover all four series.
    bad = None if np.isfinite(loss).all() and np.isfinite(grad_norm).all() else guard.first_nonfinite(
        x, y, loss, grad_norm)
    if bad is not None:
        x, y, loss, grad_norm = x[:bad], y[:bad], loss[:bad], grad_norm[:bad]
    hits = np.flatnonzero(loss - surface.f_min <= TARGET)
    return Run(optimizer, x, y, loss, grad_norm, bad, int(hits[0]) if hits.size else None)


def nearest(surface: Surface, x: float, y: float) -> tuple[Point, float]:
    """The minimum closest to (x, y), and how far it is."""
    distances = [math.hypot(x - mx, y - my) for mx, my in surface.minima]
    index = distances.index(min(distances))
    return surface.minima[index], distances[index]


def compared(choice: str, optimizer: str) -> tuple[str, ...]:
    """The optimizers the chart shows: the chosen one first, then those `compare` adds."""
    if choice == "off":
        return (optimizer,)
    extra = OPTIMIZERS if choice == "all" else (choice,)
    return (optimizer, *(name for name in extra if name != optimizer))


def simulate(p: OptimizersParams, progress: ProgressFn | None = None) -> Result:
    surface = surfaces.make(p.surface, p.condition)
    start = surface.start if p.start == "surface" else (p.x0, p.y0)
    steps, optimizer = p.steps, p.optimizer
    names = compared(p.compare, optimizer)

    runs: dict[str, Run] = {}
    for i, name in enumerate(names):
        xs, ys = walk(surface, name, p, start, steps, progress, i * steps, len(names) * steps)
        runs[name] = describe(surface, name, xs, ys)
    main = runs[optimizer]

    series: dict[str, np.ndarray] = {"x": main.x, "y": main.y, "loss": main.loss,
                                     "grad_norm": main.grad_norm}
    if p.compare != "off":
        for name, run in runs.items():
            series.update({f"x_{name}": run.x, f"y_{name}": run.y, f"loss_{name}": run.loss})

    facts = _facts(surface, main, runs, p)
    # The run reports the start it used: from the surface's own point, x0 and y0 are that point.
    used = {**as_mapping(p), "x0": float(start[0]), "y0": float(start[1])}
    return Result(sim="optimizers", params=used, series=series, facts=facts,
                  status=_status(surface, main, runs, steps, facts), maps={"surface": surface_map(surface)})


def surface_map(surface: Surface) -> Map:
    """The surface's value anywhere (points … × 2), for the chart's level lines, with its window,
    minima and saddle points, and its least value."""
    def values(points: np.ndarray, frame: int) -> np.ndarray:
        with np.errstate(all="ignore"):
            return np.asarray(surface.value(points[..., 0], points[..., 1]), dtype=float)

    return Map(values, window=surface.window, marks={"minima": surface.minima, "saddles": surface.saddles},
               lowest=surface.f_min)


def _fastest(runs: Mapping[str, Run]) -> str | None:
    reached = [(run.steps_to_target, OPTIMIZERS.index(name), name) for name, run in runs.items()
               if run.steps_to_target is not None]
    return min(reached)[2] if reached else None


def _facts(surface: Surface, main: Run, runs: Mapping[str, Run], p: OptimizersParams,
           ) -> dict[str, Fact]:
    x, y, loss = float(main.x[-1]), float(main.y[-1]), float(main.loss[-1])
    minimum, distance = nearest(surface, x, y)
    within = loss - surface.f_min <= TARGET
    return {
        "final_loss": loss,
        "final_x": x,
        "final_y": y,
        "f_min": surface.f_min,
        "distance_to_minimum": distance,
        "nearest_minimum": surfaces.label(minimum),
        "minimum_reached": surfaces.label(minimum) if within else None,
        "steps_to_target": main.steps_to_target,
        "fastest": _fastest(runs),
        "pytorch": rules.pytorch_call(main.optimizer, p),
        "diverged": main.diverged_at is not None,
    }


def _status(surface: Surface, main: Run, runs: Mapping[str, Run], steps: int,
            facts: Mapping[str, Fact]) -> Msg:
    who = Msg("{optimizer} on {surface}", optimizer=main.optimizer, surface=surface.name)
    if main.diverged_at is not None:
        line = Msg("{who}: diverged at step {step} (try a smaller lr)", who=who, step=main.diverged_at)
    elif main.steps_to_target is not None:
        k = main.steps_to_target
        reached, _ = nearest(surface, float(main.x[k]), float(main.y[k]))
        line = Msg("{who}: reached {minimum} at step {step}; loss {loss} after {steps} steps", who=who,
                   minimum=surfaces.label(reached), step=k, loss=f"{facts['final_loss']:.3g}", steps=steps)
    else:
        line = Msg("{who}: loss {loss} after {steps} steps, {distance} from the nearest minimum "
                   "{minimum}", who=who, loss=f"{facts['final_loss']:.3g}", steps=steps,
                   distance=f"{facts['distance_to_minimum']:.3g}", minimum=facts["nearest_minimum"])
    if len(runs) == 1:
        return line
    return Msg("{line}; compared: {summary}", line=line, summary=_compare_summary(runs, facts))


def _compare_summary(runs: Mapping[str, Run], facts: Mapping[str, Fact]) -> Msg:
    diverged = [name for name, run in runs.items() if run.diverged_at is not None]
    fastest = facts["fastest"]
    if fastest is None:
        head = Msg("none reached a minimum")
    else:
        head = Msg("fastest {name} (step {step})", name=fastest, step=runs[str(fastest)].steps_to_target)
    if not diverged:
        return head
    return Msg("{head}, diverged: {names}", head=head, names=", ".join(diverged))
