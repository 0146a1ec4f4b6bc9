"""What every simulation promises, checked for all of them at once.

Pure and deterministic; reports exactly the facts and series it declares; trajectories one entry
per step; never raises or warns anywhere in its declared parameter space, and either stays finite
or says it diverged; and its chart draws at any size without raising.
"""

from __future__ import annotations

import inspect
import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.sims.strategies import corner, params_of
from tutor.plots import ChartOptions, render
from tutor.sims import all_specs
from tutor.sims.spec import RunCancelled, SimSpec

SPECS = sorted(all_specs().values(), key=lambda s: s.name)
IDS = [s.name for s in SPECS]
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _check(spec: SimSpec, params: dict[str, object]) -> None:
    result = spec.run(params)
    assert result.sim == spec.name
    assert set(result.facts) == set(spec.facts), "facts must match the declaration"
    assert set(result.series) <= set(spec.series), "series must be declared"
    assert isinstance(result.facts["diverged"], bool)
    assert str(result.status)
    lengths = {len(result.series[name]) for name in spec.trajectory if name in result.series}
    assert len(lengths) <= 1, f"trajectories differ in length: {lengths}"
    if "steps" in result.params and lengths and not result.diverged:
        assert lengths == {int(result.params["steps"]) + 1}
    if not result.diverged:
        for name, values in result.series.items():
            assert np.all(np.isfinite(values)), f"{name} holds non-finite values but diverged is false"
    else:
        assert "diverged at step" in str(result.status)
        for name in spec.trajectory:
            if name in result.series:
                assert np.all(np.isfinite(result.series[name])), f"{name}: the finite prefix only"


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_defaults_run_and_keep_their_promises(spec: SimSpec) -> None:
    _check(spec, spec.defaults())


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
@pytest.mark.parametrize("high", [False, True], ids=["all-min", "all-max"])
def test_extreme_corners(spec: SimSpec, high: bool) -> None:
    _check(spec, corner(spec, high))


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_deterministic(spec: SimSpec) -> None:
    a, b = spec.run(), spec.run()
    assert a.facts == b.facts
    for name in a.series:
        np.testing.assert_array_equal(a.series[name], b.series[name])


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_model_accepts_a_progress_callback(spec: SimSpec) -> None:
    import importlib

    simulate = importlib.import_module(spec.model).simulate
    assert list(inspect.signature(simulate).parameters)[:2] == ["p", "progress"]
    calls: list[tuple[int, int]] = []

    def stop(done: int, total: int) -> bool:
        calls.append((done, total))
        return False

    try:
        spec.run(progress=stop)
    except RunCancelled:
        assert calls, "cancelled without being asked"


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_parameters_never_raise_or_warn(spec: SimSpec, data: st.DataObject) -> None:
    _check(spec, data.draw(params_of(spec)))


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
@pytest.mark.parametrize("size", [(80, 24), (160, 48), (40, 12), (20, 6), (10, 3), (0, 0)])
def test_chart_draws_at_any_size(spec: SimSpec, size: tuple[int, int]) -> None:
    result = spec.run()
    width, height = size
    for upto in (None, 0, 3):
        text = render(result, ChartOptions(width, height, upto=upto, pins=(result,), color=False))
        lines = text.splitlines()
        assert len(lines) <= max(height, 1)
        assert all(len(ANSI.sub("", line)) <= max(width, 1) for line in lines)
    if width >= 40:
        assert text.strip(), "a chart of reasonable size draws something"


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_chart_in_ascii_has_no_unicode(spec: SimSpec) -> None:
    text = render(spec.run(), ChartOptions(80, 24, color=False, unicode=False))
    assert text.strip()
    assert all(ord(ch) < 128 for ch in text), sorted({ch for ch in text if ord(ch) >= 128})
