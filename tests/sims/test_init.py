"""`init` against independent computations: the reference libraries' documented initialization
formulas (checked statistically on the weights actually drawn), a forward pass and histograms
recomputed here from the exported inputs and weights, and the variance-propagation results the
Xavier and He papers derive."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tutor.sims import get_spec

SPEC = get_spec("init")


def run(**params: object):
    return SPEC.run(params)


def weights(result) -> list[np.ndarray]:
    return [result.export[f"W{i}"] for i in range(int(result.params["layers"]))]


def forward(x: np.ndarray, ws: list[np.ndarray], activation: str) -> list[np.ndarray]:
    """The documented network, written out again: h_i = act(h_{i−1}·W_i), biases 0."""
    act = {
        "sigmoid": lambda z: 1.0 / (1.0 + np.exp(-z)),
        "tanh": np.tanh,
        "relu": lambda z: np.where(z > 0, z, 0.0),
    }[activation]
    out, h = [], x
    for w in ws:
        h = act(h @ w)
        out.append(h)
    return out


# -- the initialization formulas ----------------------------------------------------------------------


@pytest.mark.parametrize("width", [64, 256])
def test_xavier_normal_std_is_gain_times_sqrt_2_over_fan_in_plus_fan_out(width: int) -> None:
    # torch.nn.init.xavier_normal_: std = gain · sqrt(2 / (fan_in + fan_out)), gain = 1.
    result = run(init="xavier", width=width, layers=4, batch=1)
    expected = 1.0 * math.sqrt(2.0 / (width + width))
    drawn = np.concatenate([w.ravel() for w in weights(result)])
    assert drawn.std() == pytest.approx(expected, rel=4.0 / math.sqrt(2 * drawn.size))
    assert abs(drawn.mean()) < 4.0 * expected / math.sqrt(drawn.size)
    assert result.facts["weight_std"] == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("width", [64, 256])
def test_he_normal_std_is_sqrt_2_over_fan_in(width: int) -> None:
    # torch.nn.init.kaiming_normal_(mode="fan_in", nonlinearity="relu"): std = sqrt(2) / sqrt(fan_in).
    result = run(init="he", width=width, layers=4, batch=1)
    expected = math.sqrt(2.0) / math.sqrt(width)
    drawn = np.concatenate([w.ravel() for w in weights(result)])
    assert drawn.std() == pytest.approx(expected, rel=4.0 / math.sqrt(2 * drawn.size))
    assert abs(drawn.mean()) < 4.0 * expected / math.sqrt(drawn.size)


@pytest.mark.parametrize(("init", "std"), [("small", 0.01), ("large", 1.0)])
def test_plain_normal_inits_use_their_stated_std(init: str, std: float) -> None:
    drawn = np.concatenate([w.ravel() for w in weights(run(init=init, width=128, layers=3, batch=1))])
    assert drawn.std() == pytest.approx(std, rel=4.0 / math.sqrt(2 * drawn.size))


def test_weights_look_gaussian() -> None:
    # A normal distribution has kurtosis 3 and about 68.27% of its mass within one std.
    drawn = np.concatenate([w.ravel() for w in weights(run(init="he", width=256, layers=4, batch=1))])
    z = (drawn - drawn.mean()) / drawn.std()
    assert np.mean(z**4) == pytest.approx(3.0, abs=0.1)
    assert np.mean(np.abs(z) < 1) == pytest.approx(math.erf(1 / math.sqrt(2)), abs=0.01)


# -- symmetry -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_zero_init_makes_every_unit_of_a_layer_identical(activation: str) -> None:
    result = run(init="zeros", activation=activation, layers=5, width=16, batch=32)
    assert all(not w.any() for w in weights(result))
    assert result.facts["symmetric"] is True
    assert result.facts["signal"] == "symmetric"
    assert result.facts["unit_spread"] == 0.0
    # Every pre-activation is 0, so every unit outputs act(0): 1/2 for the sigmoid, 0 otherwise,
    # and each layer's histogram holds all batch × width values in the one bin that contains it.
    expected = 0.5 if activation == "sigmoid" else 0.0
    assert result.facts["mean_last"] == pytest.approx(expected, abs=1e-15)
    assert result.facts["std_last"] == pytest.approx(0.0, abs=1e-15)
    hist = result.series["hist"]
    assert np.all(np.count_nonzero(hist, axis=1) == 1)
    assert np.all(hist.sum(axis=1) == 32 * 16)


@pytest.mark.parametrize("init", ["small", "large", "xavier", "he"])
def test_random_inits_break_the_symmetry(init: str) -> None:
    result = run(init=init, activation="tanh", width=16, batch=32)
    assert result.facts["symmetric"] is False
    assert result.facts["unit_spread"] > 0


# -- the forward pass and what is measured from it ----------------------------------------------------


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
@pytest.mark.parametrize("init", ["small", "large", "xavier", "he"])
def test_measurements_match_a_forward_pass_recomputed_here(init: str, activation: str) -> None:
    result = run(init=init, activation=activation, layers=6, width=32, batch=64, bins=12)
    hs = forward(result.export["X"], weights(result), activation)
    np.testing.assert_allclose(result.series["act_std"], [h.std() for h in hs], rtol=1e-9, atol=1e-300)
    np.testing.assert_allclose(result.series["act_mean"], [h.mean() for h in hs], rtol=1e-9, atol=1e-300)
    spread = [np.max(h.max(axis=1) - h.min(axis=1)) for h in hs]
    np.testing.assert_allclose(result.series["unit_spread"], spread, rtol=1e-9, atol=1e-300)
    lo, hi = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0), "relu": (0.0, 4.0)}[activation]
    edges = np.linspace(lo, hi, 13)
    np.testing.assert_allclose(result.series["bin_edges"], edges)
    for i, h in enumerate(hs):
        # np.histogram ignores values outside the range; the documented chart counts them in the end bins.
        counts, _ = np.histogram(np.clip(h, lo, hi), bins=edges)
        assert np.abs(result.series["hist"][i] - counts).sum() <= 2, f"layer {i + 1}"  # ties on an edge


def test_saturation_is_a_slope_below_5_percent_of_its_maximum() -> None:
    result = run(init="large", activation="tanh", layers=4, width=32, batch=64)
    last = forward(result.export["X"], weights(result), "tanh")[-1]
    # tanh′(z) = 1 − tanh²(z), at most 1.
    assert result.facts["saturated_last"] == pytest.approx(np.mean(1 - last**2 < 0.05))
    result = run(init="large", activation="sigmoid", layers=4, width=32, batch=64)
    last = forward(result.export["X"], weights(result), "sigmoid")[-1]
    # σ′(z) = σ(z)(1 − σ(z)), at most 1/4.
    assert result.facts["saturated_last"] == pytest.approx(np.mean(last * (1 - last) < 0.05 * 0.25))


def test_dead_relus_are_units_silent_for_every_sample() -> None:
    result = run(init="he", activation="relu", layers=10, width=8, batch=16)
    last = forward(result.export["X"], weights(result), "relu")[-1]
    assert result.facts["dead_last"] == pytest.approx(np.mean(np.all(last == 0, axis=0)))
    assert run(init="he", activation="tanh").facts["dead_last"] == 0.0


# -- what the lesson shows ----------------------------------------------------------------------------


def test_he_keeps_the_mean_square_of_relu_activations() -> None:
    # He et al.: with Var(w) = 2/fan_in, E[h_l²] = (fan_in · Var(w) / 2) · E[h_{l−1}²] = E[h_{l−1}²],
    # and E[h_1²] = E[x²] = 1 for standard normal inputs.
    result = run(init="he", activation="relu", layers=10, width=512, batch=1024)
    mean_square = result.series["act_std"] ** 2 + result.series["act_mean"] ** 2
    np.testing.assert_allclose(mean_square, 1.0, rtol=0.35)


def test_xavier_halves_the_mean_square_of_relu_activations_at_every_layer() -> None:
    # With Var(w) = 1/fan_in instead, each ReLU layer keeps fan_in · Var(w) / 2 = 1/2 of E[h²].
    result = run(init="xavier", activation="relu", layers=10, width=512, batch=1024)
    mean_square = result.series["act_std"] ** 2 + result.series["act_mean"] ** 2
    np.testing.assert_allclose(mean_square[1:] / mean_square[:-1], 0.5, rtol=0.2)
    assert mean_square[0] == pytest.approx(0.5, rel=0.1)


@pytest.mark.parametrize(("init", "activation", "layers", "signal"), [
    ("zeros", "tanh", 6, "symmetric"),
    ("small", "tanh", 6, "vanishing"),
    ("small", "sigmoid", 6, "vanishing"),
    ("large", "tanh", 6, "saturated"),
    ("large", "sigmoid", 6, "saturated"),
    ("large", "relu", 6, "exploding"),
    ("xavier", "tanh", 10, "healthy"),
    ("xavier", "relu", 10, "vanishing"),
    ("he", "relu", 10, "healthy"),
])
def test_signal_verdicts_tell_the_lesson_story(init: str, activation: str, layers: int, signal: str) -> None:
    assert run(init=init, activation=activation, layers=layers).facts["signal"] == signal


def test_small_weights_shrink_tanh_activations_geometrically() -> None:
    # Near 0, tanh(z) ≈ z, so each layer multiplies the std by about sqrt(width) · 0.01.
    result = run(init="small", activation="tanh", layers=8, width=256, batch=512)
    factor = math.sqrt(256) * 0.01
    ratios = result.series["act_std"][2:] / result.series["act_std"][1:-1]
    np.testing.assert_allclose(ratios, factor, rtol=0.1)
    assert result.facts["std_ratio"] == pytest.approx(result.facts["std_last"] / result.facts["std_first"])


def test_std_ratio_is_none_when_the_first_layer_is_constant() -> None:
    assert run(init="zeros").facts["std_ratio"] is None


def test_deterministic_for_a_seed_and_different_across_seeds() -> None:
    a, b, c = run(seed=3), run(seed=3), run(seed=4)
    np.testing.assert_array_equal(a.series["hist"], b.series["hist"])
    assert not np.array_equal(a.export["W0"], c.export["W0"])
