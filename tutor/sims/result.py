"""What a simulation run returns: named NumPy series, named scalar facts and a status line.

A `Result` is the only thing that crosses from the arithmetic to the faces: the CLI prints or
exports it, the plots draw it, lesson challenges are judged on it.

Some charts draw a quantity over the whole plane (a loss surface's level lines, the class a network
answers everywhere) at every one of their own cells, and how many cells there are depends on the
size the chart is drawn at. A grid computed once for every size would be either too coarse for a
large chart or wasteful for a small one, and drawn differently from the quantity itself; so a run
hands over the quantity as a `Map` instead, which the chart evaluates where it draws, and the
chart never needs the simulation's own arithmetic.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from tutor.sims.params import ParamValue
from tutor.text import Msg

Fact = float | int | bool | str | None
Point = tuple[float, float]


@dataclass(frozen=True)
class Map:
    """A quantity a run defines at every point of its plane (or of its line), evaluated on demand.

    `values(points, frame)` gives the quantity at an n × 2 array of points (n values of x on a
    line): n values, or n × k when each point has k of them. It reads only numbers the run has
    fixed (kept weights, a formula's constants), so the same points give the same values every
    time. A training run's map has one `frame` per kept state (frame 0 the first); the others
    have one. `groups` says how the k values at a point come in groups (three class
    probabilities: (3,); the units of two hidden layers of four: (4, 4)); `window` is the region
    worth showing, as (x_lo, x_hi, y_lo, y_hi); `marks` are named points of note (a surface's
    minima) and `lowest` is the least value the quantity takes, where it is known.
    """

    values: Callable[[np.ndarray, int], np.ndarray]
    frames: int = 1
    groups: tuple[int, ...] = ()
    window: tuple[float, float, float, float] | None = None
    marks: Mapping[str, tuple[Point, ...]] = field(default_factory=dict)
    lowest: float | None = None

    def at(self, points: Any, frame: int = -1) -> np.ndarray:
        """The quantity at `points` in one frame (counted from the end when negative: −1 the last)."""
        if not -self.frames <= frame < self.frames:
            raise IndexError(f"frame {frame} of a map with {self.frames}")
        return self.values(np.asarray(points, dtype=float), frame % self.frames)


@dataclass(frozen=True)
class Result:
    """One run of one simulation.

    `series` are what the charts draw (trajectories have length steps + 1, index 0 the start);
    `data` are further arrays that `--json` and `--export` carry (weight-update's samples);
    `export` are arrays only `--export` writes (vanishing's weight matrices); `maps` are the
    quantities a chart draws over the plane at its own cells (see `Map`), which neither `--json`
    nor `--export` carries.
    """

    sim: str
    params: Mapping[str, ParamValue]
    series: Mapping[str, np.ndarray]
    facts: Mapping[str, Fact]
    status: Msg
    data: Mapping[str, np.ndarray] = field(default_factory=dict)
    export: Mapping[str, np.ndarray] = field(default_factory=dict)
    maps: Mapping[str, Map] = field(default_factory=dict)

    @property
    def diverged(self) -> bool:
        return bool(self.facts.get("diverged", False))

    def as_json(self) -> dict[str, Any]:
        """The documented JSON object: sim, params, series, facts, status (non-finite as null)."""
        out: dict[str, Any] = {
            "sim": self.sim,
            "params": dict(self.params),
            "series": {k: _jsonable(v) for k, v in self.series.items()},
            "facts": {k: _jsonable_scalar(v) for k, v in self.facts.items()},
            "status": str(self.status),
        }
        for name, array in self.data.items():
            out[name] = _jsonable(array)
        return out

    def arrays(self) -> dict[str, np.ndarray]:
        """Every array of the run, for `--export` to a .npz file."""
        return {**self.series, **self.data, **self.export}


def _jsonable_scalar(value: Any) -> Any:
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(value) else None
    return value


def _jsonable(array: np.ndarray) -> Any:
    array = np.asarray(array)
    if array.dtype.kind == "f":
        as_object = array.astype(object)
        as_object[~np.isfinite(array)] = None
        return as_object.tolist()
    return array.tolist()
