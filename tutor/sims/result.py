"""What a simulation run returns: named NumPy series, named scalar facts and a status line.

A `Result` is the only thing that crosses from the arithmetic to the faces: the CLI prints or
exports it, the plots draw it, lesson challenges are judged on it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from tutor.sims.params import ParamValue
from tutor.text import Msg

Fact = float | int | bool | str | None


@dataclass(frozen=True)
class Result:
    """One run of one simulation.

    `series` are what the charts draw (trajectories have length steps + 1, index 0 the start);
    `data` are further arrays that `--json` and `--export` carry (weight-update's samples);
    `export` are arrays only `--export` writes (vanishing's weight matrices).
    """

    sim: str
    params: Mapping[str, ParamValue]
    series: Mapping[str, np.ndarray]
    facts: Mapping[str, Fact]
    status: Msg
    data: Mapping[str, np.ndarray] = field(default_factory=dict)
    export: Mapping[str, np.ndarray] = field(default_factory=dict)

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
