"""Every simulation at the corners of its declared space where the corners disagree.

tests/sims/test_contract.py runs each simulation with every parameter at its minimum together, and
at its maximum together. Trouble hides between those two: a huge learning rate with a tiny
curvature, the longest run at the smallest batch. Here each numeric parameter in turn is put at the
opposite end from all the others, every choice and flag is tried at both all-min and all-max, and
Hypothesis draws random mixtures of ends (count scaled by GDTUTOR_TEST_SCALE). Every run must keep
the promises of the contract test: no exception, no warning, finite or said to be diverged.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.scale import figure, scaled
from tests.sims.strategies import capped
from tests.sims.test_contract import IDS, SPECS, _check
from tutor.sims.params import Param
from tutor.sims.spec import SimSpec

pytestmark = pytest.mark.slow

#: Besides the shared caps: the gradient check's cost grows with width × samples × parameters, and
#: all-max is run by the contract test; the mixtures here stop at a width and batch of 16.
EXTRA_CAPS = {"gradcheck": {"width": 16, "n_samples": 16}}


def ends(spec: SimSpec, param: Param) -> tuple[float | int, float | int]:
    lo, hi = capped(spec, param)
    hi = min(hi, EXTRA_CAPS.get(spec.name, {}).get(param.name, hi))
    return (int(lo), int(hi)) if param.kind == "int" else (lo, hi)


def at_ends(spec: SimSpec, high: bool) -> dict[str, object]:
    return {p.name: ends(spec, p)[high] if p.kind in ("int", "float") else p.default for p in spec.params}


def numeric(spec: SimSpec) -> list[Param]:
    return [p for p in spec.params if p.kind in ("int", "float")]


def run(spec: SimSpec, params: dict[str, object]) -> None:
    _check(spec, params)
    figure("simulation runs at corners of their parameter space")


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
@pytest.mark.parametrize("high", [False, True], ids=["one-max-rest-min", "one-min-rest-max"])
def test_each_parameter_against_all_the_others(spec: SimSpec, high: bool) -> None:
    for param in numeric(spec):
        values = at_ends(spec, not high)
        values[param.name] = ends(spec, param)[high]
        run(spec, values)


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_every_choice_and_flag_at_both_corners(spec: SimSpec) -> None:
    for param in spec.params:
        options = param.choices if param.kind == "choice" else (True, False) if param.kind == "bool" else ()
        for option in options:
            for high in (False, True):
                run(spec, {**at_ends(spec, high), param.name: option})


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
@settings(max_examples=scaled(6), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_mixtures_of_ends(spec: SimSpec, data: st.DataObject) -> None:
    values: dict[str, object] = {}
    for p in spec.params:
        if p.kind in ("int", "float"):
            values[p.name] = data.draw(st.sampled_from(ends(spec, p)), label=p.name)
        elif p.kind == "choice":
            values[p.name] = data.draw(st.sampled_from(p.choices), label=p.name)
        else:
            values[p.name] = data.draw(st.booleans(), label=p.name)
    run(spec, values)
