"""Every NumPy script reproduces its run: the same series as `--json`, to 1e-6 relative.

Each script runs in a fresh interpreter (`python -I`, without gdtutor on its path) in an empty
folder, at every simulation's defaults and at every lesson's starting and solution values.
"""

from __future__ import annotations

import pytest

from tests.export.runs import expected, parameter_sets, run_script, worst_difference
from tests.scale import figure
from tutor.export import EXPORTERS, NoExporter, script
from tutor.sims import all_specs

SETS = parameter_sets()


def test_every_simulation_has_an_exporter() -> None:
    missing = sorted(set(all_specs()) - set(EXPORTERS))
    assert not missing, (f"no code exporter for {missing}: add tutor/export/<sim>.py with numpy() and torch() "
                         "and name it in tutor.export.EXPORTERS")


def test_an_unknown_simulation_or_flavour_is_refused_clearly() -> None:
    with pytest.raises(NoExporter, match="no code export"):
        script("teleport", {}, "numpy")
    with pytest.raises(NoExporter, match="unknown code flavour"):
        script("lr-overshoot", all_specs()["lr-overshoot"].defaults(), "jax")


@pytest.mark.parametrize(("sim", "params"), [pytest.param(sim, params, id=label) for label, sim, params in SETS])
def test_numpy_script_reproduces_the_run(sim: str, params: dict[str, object], tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = script(sim, params, "numpy")
    assert "import torch" not in text and "tutor" not in text.split('"""', 2)[2]
    printed, took = run_script(text, tmp_path)
    series, facts = expected(sim, params)
    worst_difference(printed, series, facts)
    figure("numpy scripts run", 1)
    figure("numpy script milliseconds (total)", round(1000 * took))
