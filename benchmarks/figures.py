"""A measured figure: its samples, the floor it is compared with, and the target it is held to.

Every timing is kept as all its samples and reported as their median (with the 95th percentile
where the spread matters), and as a ratio to a floor measured in the same run, so a figure from a
busy machine can still be compared with one from a quiet machine.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    if not ordered:
        return math.nan
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0–100), by linear interpolation between the closest ranks."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    rank = (len(ordered) - 1) * q / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass
class Figure:
    """One row of the table. `unit` is "s", "B", "fps", "%" or "x"; `met` is None when the row has
    no target of its own (a floor, or a detail of another row)."""

    key: str
    label: str
    value: float
    unit: str
    samples: list[float] = field(default_factory=list)
    floor: float | None = None
    floor_label: str = ""
    target: str = ""
    met: bool | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.floor is None or not self.floor or math.isnan(self.floor):
            return None
        return self.value / self.floor

    def as_json(self) -> dict[str, object]:
        data = asdict(self)
        data["ratio"] = self.ratio
        return data


def timing(key: str, label: str, samples: Sequence[float], floor: Sequence[float] | float | None = None,
           floor_label: str = "", target: str = "", met: bool | None = None, note: str = "") -> Figure:
    """A time figure from its samples (and the floor's samples, or the floor itself)."""
    floor_value = median(floor) if isinstance(floor, Sequence) else floor
    return Figure(key, label, median(samples), "s", list(samples), floor_value, floor_label, target, met, note)
