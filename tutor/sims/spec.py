"""What a simulation is, before any NumPy runs: its name, knobs, facts and series.

A `SimSpec` is enough to validate a lesson, print `gdtutor sim NAME --help` or list the course, so
none of that imports NumPy. Only `SimSpec.run` loads the simulation's model module, which holds the
arithmetic.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tutor.sims.params import Param, ParamError, ParamValue, unknown_name
from tutor.sims.typed import mismatches, typed
from tutor.text import Msg

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    from tutor.sims.result import Result

#: Called by long runs as `progress(done, total)`; returning False asks the run to stop early
#: (raising RunCancelled), which is how the app abandons a run a newer setting has superseded.
ProgressFn = Callable[[int, int], bool]


class RunCancelled(Exception):
    """A run stopped because its progress callback asked it to."""


@dataclass(frozen=True)
class SimSpec:
    """A simulation's declaration.

    `facts` and `series` map each name a run reports to a one-line meaning; lesson challenges may
    only name these. `model` is the module whose `simulate(params) -> Result` does the work, given
    the validated values as `param_class`: a frozen dataclass with one field per parameter, in the
    table's order and of its type.
    """

    name: str
    summary: str
    params: tuple[Param, ...]
    facts: Mapping[str, str]
    series: Mapping[str, str]
    model: str
    param_class: type[DataclassInstance]
    #: Series that grow one entry per training step (length steps + 1); play mode animates these.
    trajectory: tuple[str, ...] = field(default=())
    #: Paragraphs `gdtutor sim NAME --help` prints after the summary: what a parameter's one-line
    #: help (shown in the app under the values) has no room for, such as exact update rules.
    details: tuple[str, ...] = field(default=())
    #: Limits across parameters that each value alone cannot express: given the resolved values, the
    #: reason they are refused together (a run that would not fit the memory budget), or None.
    limits: Callable[[Mapping[str, ParamValue]], Msg | None] | None = None
    #: An estimate of a run's work in multiply-adds, where it can reach minutes: the CLI says so first.
    work: Callable[[Mapping[str, ParamValue]], float] | None = None

    def __post_init__(self) -> None:
        names = [p.name for p in self.params]
        if len(set(names)) != len(names):
            raise ValueError(f"simulation {self.name}: duplicate parameter names")
        if "diverged" not in self.facts:
            raise ValueError(f"simulation {self.name}: every simulation reports the fact 'diverged'")
        if problems := mismatches(self.param_class, self.params):
            raise ValueError(f"simulation {self.name}: " + "; ".join(problems))

    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.params)

    def param(self, name: str) -> Param:
        """The declared parameter, or ParamError suggesting the closest name."""
        for p in self.params:
            if p.name == name:
                return p
        raise ParamError(unknown_name("parameter", name, self.param_names), name)

    def defaults(self) -> dict[str, ParamValue]:
        return {p.name: p.default for p in self.params}

    def resolve(self, raw: Mapping[str, object], base: Mapping[str, ParamValue] | None = None,
                ) -> dict[str, ParamValue]:
        """Every parameter, typed and in range: `raw` over `base` over the declared defaults."""
        values = self.defaults()
        if base:
            values.update({k: self.param(k).parse(v) for k, v in base.items()})
        for name, value in raw.items():
            values[name] = self.param(name).parse(value)
        refused = self.limits(values) if self.limits else None
        if refused is not None:
            raise ParamError(refused)
        return values

    def run(self, params: Mapping[str, object] | None = None, *, progress: ProgressFn | None = None,
            ) -> Result:
        """Validate `params` (missing ones take their defaults) and run the model.

        Raises ParamError for invalid values, RunCancelled if `progress` returned False, and
        nothing else: the numerical guard turns overflow into a `diverged` result.
        """
        resolved = self.resolve(params or {})
        module = importlib.import_module(self.model)
        result: Result = module.simulate(typed(self.param_class, resolved), progress)
        return result

    def describe(self) -> Msg:
        return Msg(self.summary)
