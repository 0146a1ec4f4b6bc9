"""The maps a run hands its chart, checked against the quantities written out here.

A chart evaluates a run's maps at its own cells (`tutor.sims.result.Map`); these tests evaluate them
at a few points and compare with closed forms and small reference computations of their own: the
surfaces' formulas, Legendre series through NumPy's own `legval`, a one-hidden-layer network's
forward pass, and the run's own accuracy curve for playground's class map.
"""

from __future__ import annotations

import numpy as np
import pytest
from numpy.polynomial import legendre

from tutor.sims import get_spec

POINTS = np.array([[0.0, 0.0], [1.0, 1.0], [-1.5, 0.5], [3.0, 2.0], [0.3, -0.7]])

SURFACES = {
    "bowl": lambda x, y: 0.5 * (x**2 + 10.0 * y**2),
    "rosenbrock": lambda x, y: (1 - x) ** 2 + 100 * (y - x**2) ** 2,
    "saddle": lambda x, y: 0.5 * x**2 - 0.5 * y**2 + 0.25 * y**4,
    "himmelblau": lambda x, y: (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2,
}


@pytest.mark.parametrize("name", sorted(SURFACES))
def test_the_surface_map_is_the_surface_formula(name: str) -> None:
    result = get_spec("optimizers").run({"surface": name, "condition": 10.0, "steps": 5})
    surface = result.maps["surface"]
    formula = SURFACES[name]
    assert np.allclose(surface.at(POINTS), [formula(x, y) for x, y in POINTS], rtol=1e-12, atol=1e-12)
    grid = np.stack(np.meshgrid([-1.0, 0.5, 2.0], [0.0, 1.5]), axis=-1)  # any leading shape, point by point
    assert np.allclose(surface.at(grid), formula(grid[..., 0], grid[..., 1]), rtol=1e-12)
    minima = np.array(surface.marks["minima"])
    assert np.allclose([formula(x, y) for x, y in minima], surface.lowest, atol=1e-9)
    x_lo, x_hi, y_lo, y_hi = surface.window
    assert all(x_lo <= x <= x_hi and y_lo <= y <= y_hi for x, y in minima)


def test_the_saddle_map_marks_its_saddle_point_where_the_gradient_vanishes() -> None:
    surface = get_spec("optimizers").run({"surface": "saddle", "steps": 5}).maps["surface"]
    (x, y), = surface.marks["saddles"]
    h = 1e-6
    slope = [(surface.at([[x + h, y]]) - surface.at([[x - h, y]])) / (2 * h),
             (surface.at([[x, y + h]]) - surface.at([[x, y - h]])) / (2 * h)]
    assert np.allclose(slope, 0.0, atol=1e-8)
    assert surface.at([[x, y]])[0] > surface.lowest  # not a minimum


def test_the_fit_map_is_the_legendre_series_of_the_weights_at_each_step() -> None:
    result = get_spec("regularization").run({"degree": 7, "steps": 40})
    fit, path = result.maps["fit"], np.asarray(result.series["weight_path"])
    x = np.linspace(-1.0, 1.0, 13)
    assert fit.frames == len(path)
    for frame in (0, 17, len(path) - 1):
        assert np.allclose(fit.at(x, frame), legendre.legval(x, path[frame]), rtol=1e-10, atol=1e-12)
    assert np.allclose(fit.at(x), legendre.legval(x, result.series["weights"]), rtol=1e-10, atol=1e-12)


def test_a_hand_set_neuron_maps_its_straight_line() -> None:
    result = get_spec("logic-gates").run({"mode": "manual", "w1": 2.0, "w2": -1.5, "b": 0.25})
    z = 2.0 * POINTS[:, 0] - 1.5 * POINTS[:, 1] + 0.25
    assert np.allclose(result.maps["logit"].at(POINTS), z)
    assert np.allclose(result.maps["output"].at(POINTS), 1.0 / (1.0 + np.exp(-z)))
    assert result.maps["logit"].marks["patterns"] == ((0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0))


def _hidden_layer_logits(theta: np.ndarray, points: np.ndarray, h: int) -> np.ndarray:
    """z = v·tanh([x₁ x₂ 1]·W) + c, with θ = (W row by row, v, c)."""
    w = theta[: 3 * h].reshape(3, h)
    v, c = theta[3 * h: 4 * h], theta[4 * h]
    aug = np.column_stack([points, np.ones(len(points))])
    return np.tanh(aug @ w) @ v + c


def test_a_trained_network_maps_its_logits_step_by_step() -> None:
    result = get_spec("logic-gates").run({"mode": "learn", "gate": "XOR", "hidden": 3, "activation": "tanh",
                                          "steps": 30})
    logit, weights = result.maps["logit"], np.asarray(result.series["weights"])
    assert logit.frames == len(weights)
    for frame in (0, 11, len(weights) - 1):
        assert np.allclose(logit.at(POINTS, frame), _hidden_layer_logits(weights[frame], POINTS, 3))
    # the outputs at the four patterns are the ones the run reports per step
    patterns = np.array(logit.marks["patterns"])
    assert np.allclose(result.maps["output"].at(patterns, 11), result.series["outputs"][11])


def test_the_class_map_answers_the_training_points_as_the_accuracy_curve_says() -> None:
    result = get_spec("playground").run({"dataset": "three-class", "layers": "4,4", "steps": 30})
    probabilities = result.maps["class_probabilities"]
    s = result.series
    assert probabilities.frames == len(s["map_steps"]) and probabilities.groups == (3,)
    assert result.maps["unit_outputs"].groups == (4, 4)
    prob = probabilities.at(s["x_train"])
    assert prob.shape == (len(s["x_train"]), 3) and np.allclose(prob.sum(axis=1), 1.0)
    assert np.mean(prob.argmax(axis=1) == s["y_train"]) == pytest.approx(float(s["train_accuracy"][-1]))
    units = result.maps["unit_outputs"].at(POINTS, 0)
    assert units.shape == (len(POINTS), 8) and np.all(np.abs(units) <= 1.0)  # tanh units


def test_a_map_reads_only_what_the_run_fixed() -> None:
    result = get_spec("playground").run({"dataset": "xor", "layers": "3", "steps": 20})
    probabilities = result.maps["class_probabilities"]
    before = probabilities.at(POINTS, 0)
    np.asarray(result.series["map_weights"])[...] = 0.0  # a caller scribbling over the result's arrays
    assert np.array_equal(probabilities.at(POINTS, 0), before)
    assert np.array_equal(probabilities.at(POINTS, 0), before)  # and the same every time


def test_a_map_refuses_a_frame_it_does_not_have() -> None:
    fit = get_spec("regularization").run({"steps": 5}).maps["fit"]
    assert np.array_equal(fit.at([0.5], -1), fit.at([0.5], fit.frames - 1))
    with pytest.raises(IndexError):
        fit.at([0.5], fit.frames)
