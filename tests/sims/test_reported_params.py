"""`--json` reports the parameters a run actually used, not values it ignored."""

from __future__ import annotations

import json

import pytest

from tutor.sims import get_spec

#: The surfaces' own starting points, as the optimizers simulation documents them.
DOCUMENTED_STARTS = {"bowl": (-4.0, 1.0), "rosenbrock": (-1.2, 1.0), "saddle": (-1.8, 0.01),
                     "himmelblau": (0.0, -1.0)}


@pytest.mark.parametrize("surface", sorted(DOCUMENTED_STARTS))
def test_optimizers_reports_the_surface_start(surface: str) -> None:
    out = json.loads(json.dumps(get_spec("optimizers").run({"surface": surface, "steps": 3}).as_json()))
    x0, y0 = DOCUMENTED_STARTS[surface]
    assert out["params"]["x0"] == pytest.approx(x0) and out["params"]["y0"] == pytest.approx(y0)
    assert out["series"]["x"][0] == pytest.approx(x0) and out["series"]["y"][0] == pytest.approx(y0)


def test_optimizers_custom_start_is_reported_as_given() -> None:
    result = get_spec("optimizers").run({"start": "custom", "x0": 2.5, "y0": -0.5, "steps": 3})
    assert (result.params["x0"], result.params["y0"]) == (pytest.approx(2.5), pytest.approx(-0.5))
    assert float(result.series["x"][0]) == pytest.approx(2.5)


def test_backprop_random_init_reports_the_drawn_weights() -> None:
    set_values = get_spec("backprop").defaults()
    result = get_spec("backprop").run({"init": "random", "seed": 3})
    names = ("w11", "w12", "b1", "w21", "w22", "b2", "v1", "v2", "c")
    reported = [result.params[n] for n in names]
    assert reported == pytest.approx(list(result.series["weights"]))
    assert reported != pytest.approx([set_values[n] for n in names])
