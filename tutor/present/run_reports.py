"""What the simulation runner sends back about a run it was asked for: drawn, failed, or running.

These are the runner's whole contract with whoever shows its runs, kept apart from the runner's
thread so that the lesson's state (tutor.present.lesson_controller) can read them without the
runner, and tests can make them by hand. What each field means for the face is told in
tutor/tui/runner.py, which makes them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tutor.sims.params import ParamValue
from tutor.text import Msg

if TYPE_CHECKING:
    from tutor.plots import ChartOptions
    from tutor.sims.result import Result


@dataclass(frozen=True)
class Drawn:
    """A finished request: the result, its chart as `present` made it, and what each part cost."""

    ticket: int
    result: Result
    chart: Any
    options: ChartOptions
    sim_seconds: float | None  # None: the result came from the cache
    chart_seconds: float
    #: What the chart says about itself (a run cut at the frame), in the learner's language.
    notes: tuple[str, ...] = ()
    #: The axes differ from those of the run drawn before at the same size: the scale changed.
    rescaled: bool = False
    #: The values the run was asked for (a run may report others it used in `result.params`, such as
    #: the starting point a surface chose).
    asked: Mapping[str, ParamValue] = dataclasses.field(default_factory=dict)
    #: A preview of a long run: its first `partial[0]` of `partial[1]` steps; the whole run follows
    #: under the same ticket. Not a result to judge or play.
    partial: tuple[int, int] | None = None


@dataclass(frozen=True)
class Failed:
    ticket: int
    message: Msg


@dataclass(frozen=True)
class Running:
    """A long run's progress: `done` of `total` steps."""

    ticket: int
    done: int
    total: int


Report = Drawn | Failed | Running
