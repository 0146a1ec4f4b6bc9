"""Hypothesis strategies that draw parameter values from a simulation's own declarations."""

from __future__ import annotations

import math
from collections.abc import Mapping

from hypothesis import strategies as st

from tutor.sims.params import Param
from tutor.sims.spec import SimSpec

#: Size parameters are capped in the random and corner tests so CI stays fast; each simulation's
#: own tests run its true maxima where that is affordable. Only cost (size/step) parameters
#: belong here: every value of every other parameter is drawn from its full declared range.
COST_CAPS: dict[str, dict[str, float]] = {
    "vanishing": {"depth": 20, "width": 64, "batch": 32, "steps": 20},
    "weight-update": {"steps": 200, "n_samples": 256},
    "lr-overshoot": {},
    "init": {"width": 128, "batch": 256},
    "regularization": {"steps": 3000, "n_val": 300},
    "optimizers": {"steps": 2000},
}


def capped(spec: SimSpec, param: Param) -> tuple[float, float]:
    lo, hi = float(param.min or 0), float(param.max or 0)
    cap = COST_CAPS.get(spec.name, {}).get(param.name)
    if cap is not None:
        hi = min(hi, cap)
    return lo, hi


def value_of(spec: SimSpec, param: Param) -> st.SearchStrategy[object]:
    if param.kind == "bool":
        return st.booleans()
    if param.kind == "choice":
        return st.sampled_from(param.choices)
    lo, hi = capped(spec, param)
    if param.kind == "int":
        return st.integers(int(lo), int(hi))
    if param.log:
        return st.floats(math.log10(lo), math.log10(hi)).map(lambda e: min(max(10.0**e, lo), hi))
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


def params_of(spec: SimSpec) -> st.SearchStrategy[Mapping[str, object]]:
    return st.fixed_dictionaries({p.name: value_of(spec, p) for p in spec.params})


def corner(spec: SimSpec, high: bool) -> dict[str, object]:
    """Every parameter at its minimum (or maximum) together; choices and flags at their defaults."""
    values: dict[str, object] = {}
    for p in spec.params:
        if p.kind in ("float", "int"):
            lo, hi = capped(spec, p)
            values[p.name] = (int(hi) if p.kind == "int" else hi) if high else (int(lo) if p.kind == "int" else lo)
        else:
            values[p.name] = p.default
    return values
