"""PyTorch scripts reproduce their run to 1e-6 relative, where torch is installed.

torch is not a dependency of gdtutor or its test extras, so without it these tests skip. Each script
runs in a fresh interpreter in an empty folder; only simulations with a PyTorch script so far
(tutor.export.TORCH_SCRIPTS) are run, the others must say clearly that they have none.
"""

from __future__ import annotations

import importlib.util

import pytest

from tests.export.runs import expected, parameter_sets, run_script, worst_difference
from tutor.export import EXPORTERS, TORCH_SCRIPTS, NoExporter, script

HAVE_TORCH = importlib.util.find_spec("torch") is not None
SETS = [s for s in parameter_sets() if s[1] in TORCH_SCRIPTS]


@pytest.mark.skipif(not HAVE_TORCH, reason="torch is not installed (it is not a dependency of gdtutor)")
@pytest.mark.parametrize(("sim", "params"), [pytest.param(sim, params, id=label) for label, sim, params in SETS])
def test_torch_script_reproduces_the_run(sim: str, params: dict[str, object], tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = script(sim, params, "torch")
    assert "torch.float64" in text and ".backward()" in text and "torch.optim." in text
    printed, _took = run_script(text, tmp_path)
    series, facts = expected(sim, params)
    worst_difference(printed, series, facts)


@pytest.mark.parametrize("sim", sorted(set(EXPORTERS) - TORCH_SCRIPTS))
def test_a_simulation_without_a_torch_script_says_so(sim: str) -> None:
    from tutor.sims import get_spec

    with pytest.raises(NoExporter, match="no PyTorch script"):
        script(sim, get_spec(sim).defaults(), "torch")
