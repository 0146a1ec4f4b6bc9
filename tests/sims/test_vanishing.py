"""`vanishing` against computations that share none of its code.

The gradients are checked by central finite differences of a loss computed by a plain reference
forward pass written here from the documented equations; clipping against the formula of
torch.nn.utils.clip_grad_norm_ written out; the init rules by the variance of the drawn weights;
the export by recomputing the loss and its gradients from the exported arrays alone.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from tutor.cli.root import cli
from tutor.sims import get_spec
from tutor.sims.spec import RunCancelled
from tutor.sims.typed import typed
from tutor.sims.vanishing import VanishingParams
from tutor.sims.vanishing.network import Params, start

SPEC = get_spec("vanishing")
ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu")
BN_EPS = 1e-5


def params(**overrides: object) -> dict[str, object]:
    return SPEC.resolve(overrides)


# -- an independent forward pass ---------------------------------------------------------------------

def act(name: str, u: np.ndarray) -> np.ndarray:
    if name == "sigmoid":
        return 1.0 / (1.0 + np.exp(-u))
    if name == "tanh":
        return np.tanh(u)
    if name == "relu":
        return np.where(u > 0, u, 0.0)
    return np.where(u > 0, u, 0.01 * u)


def reference_loss(x: np.ndarray, y: np.ndarray, net: dict[str, list[np.ndarray]], activation: str,
                   residual: bool) -> float:
    """mean((out − Y)²) for weights W[i], biases b[i] (last = output layer) and optional gamma/beta."""
    h = x
    weights, biases = net["W"], net["b"]
    for i in range(len(weights) - 1):
        z = h @ weights[i] + biases[i]
        if "gamma" in net:
            mean = z.mean(axis=0)
            var = ((z - mean) ** 2).mean(axis=0)  # biased, as BatchNorm1d in training mode
            z = net["gamma"][i] * (z - mean) / np.sqrt(var + BN_EPS) + net["beta"][i]
        a = act(activation, z)
        h = a + h if residual else a
    out = h @ weights[-1] + biases[-1]
    return float(np.mean((out - y) ** 2))


def initial_arrays(p: dict[str, object]) -> tuple[np.ndarray, np.ndarray, dict[str, list[np.ndarray]],
                                                  dict[str, list[np.ndarray]], float]:
    """X, Y, the parameters and the model's gradients at step 0, as separate lists of copies."""
    net, x, y = start(typed(VanishingParams, p))
    loss = net.loss_and_gradients(y)

    def lists(source: Params) -> dict[str, list[np.ndarray]]:
        out = {"W": [w.copy() for w in source.W] + [source.W_out.copy()],
               "b": [b.copy() for b in source.b] + [source.b_out.copy()]}
        if source.gamma is not None and source.beta is not None:
            out["gamma"] = [g.copy() for g in source.gamma]
            out["beta"] = [b.copy() for b in source.beta]
        return out

    return x.copy(), y.copy(), lists(net.params), lists(net.grads), loss


def central_difference(f, arrays: list[np.ndarray], layer: int, index: tuple[int, ...], h: float) -> float:
    original = arrays[layer][index]
    arrays[layer][index] = original + h
    up = f()
    arrays[layer][index] = original - h
    down = f()
    arrays[layer][index] = original
    return (up - down) / (2 * h)


# -- backpropagation against central finite differences ------------------------------------------

#: Inits that keep a 20-layer, 5-unit stack's loss moderate, so that finite differences resolve it.
FD_INIT = {"sigmoid": ("normal", 1.5), "tanh": ("normal", 0.6), "relu": ("normal", 0.8),
           "leaky_relu": ("normal", 0.8)}


@pytest.mark.parametrize("depth", [3, 20])
@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("residual", [False, True], ids=["plain", "residual"])
@pytest.mark.parametrize("batchnorm", [False, True], ids=["", "batchnorm"])
def test_backprop_matches_central_differences(depth: int, activation: str, residual: bool,
                                              batchnorm: bool) -> None:
    init, std = FD_INIT[activation]
    if residual:  # residual sums grow with depth; smaller weights keep the loss in range
        init, std = "xavier", 1.0
    p = params(depth=depth, width=5, batch=7, activation=activation, init=init, init_std=std,
               residual=residual, batchnorm=batchnorm, seed=11)
    x, y, net, grads, loss = initial_arrays(p)

    def f() -> float:
        return reference_loss(x, y, net, activation, residual)

    assert f() == pytest.approx(loss, rel=1e-12), "the model's forward pass computes the documented loss"
    step = 1e-5
    noise = 1e-9 * max(1.0, abs(loss))  # rounding in (L(θ+h) − L(θ−h)) / 2h
    rng = np.random.default_rng(depth * 7 + len(activation))
    checked = 0
    for kind in ("W", "b", "gamma", "beta"):
        if kind not in net:
            continue
        layers = sorted({0, depth // 2, depth - 1} | ({depth} if kind in ("W", "b") else set()))
        for layer in layers:
            shape = net[kind][layer].shape
            layer_scale = float(np.linalg.norm(grads[kind][layer]))
            for _ in range(2):
                index = tuple(int(rng.integers(n)) for n in shape)
                numeric = central_difference(f, net[kind], layer, index, step)
                analytic = float(grads[kind][layer][index])
                tolerance = 1e-5 * abs(numeric) + 1e-6 * layer_scale + noise
                assert abs(analytic - numeric) <= tolerance, (
                    f"∂L/∂{kind}{layer}{list(index)}: backprop {analytic:.10g}, finite difference {numeric:.10g}")
                checked += 1
    assert checked >= (28 if batchnorm else 16)


def test_finite_difference_check_is_not_vacuous() -> None:
    """The gradients compared above stand at least 100 times above the finite-difference noise, in
    every layer, so the comparison has something to compare."""
    for activation in ACTIVATIONS:
        init, std = FD_INIT[activation]
        p = params(depth=20, width=5, batch=7, activation=activation, init=init, init_std=std, seed=11)
        *_, grads, loss = initial_arrays(p)
        smallest = min(float(np.linalg.norm(w)) for w in grads["W"])
        assert smallest > 100 * 1e-9 * max(1.0, loss), activation


def test_batchnorm_makes_the_bias_gradient_vanish() -> None:
    """With batch normalization a bias before it cancels out (the batch mean absorbs it)."""
    p = params(depth=4, width=6, batch=9, batchnorm=True, activation="tanh", init="xavier")
    *_, grads, _ = initial_arrays(p)
    for db in grads["b"][:-1]:
        np.testing.assert_allclose(db, 0.0, atol=1e-14)
    assert all(np.linalg.norm(g) > 1e-3 for g in grads["gamma"])


# -- clipping against torch.nn.utils.clip_grad_norm_ -------------------------------------------------

def torch_clip(grads: list[np.ndarray], max_norm: float) -> tuple[list[np.ndarray], float]:
    """clip_grad_norm_'s documented rule: total = (Σ‖g‖²)^½; coef = max_norm/(total + 1e-6),
    clamped to at most 1; every gradient multiplied by coef. Returns the clipped grads and total."""
    total = math.sqrt(sum(float(np.sum(g * g)) for g in grads))
    coef = min(max_norm / (total + 1e-6), 1.0)
    return [g * coef for g in grads], total


@pytest.mark.parametrize("batchnorm", [False, True], ids=["plain", "batchnorm"])
@pytest.mark.parametrize("clip_norm", [0.05, 100.0])
def test_one_clipped_step_matches_the_torch_rule(batchnorm: bool, clip_norm: float) -> None:
    p = params(depth=4, width=6, batch=10, activation="tanh", init="normal", init_std=1.0,
               batchnorm=batchnorm, steps=1, lr=0.3, clip_norm=clip_norm)
    x, y, net, grads, _ = initial_arrays(p)
    kinds = [k for k in ("W", "b", "gamma", "beta") if k in net]
    flat_grads = [g for k in kinds for g in grads[k]]
    clipped, total = torch_clip(flat_grads, clip_norm)
    stepped = {}
    position = 0
    for k in kinds:
        count = len(net[k])
        stepped[k] = [w - 0.3 * g for w, g in zip(net[k], clipped[position:position + count], strict=True)]
        position += count

    result = SPEC.run(p)
    assert result.series["grad_total"][0] == pytest.approx(total, rel=1e-12)
    assert result.series["loss"][1] == pytest.approx(reference_loss(x, y, stepped, "tanh", False), rel=1e-10)
    should_clip = total > clip_norm
    assert should_clip == (clip_norm < 1)  # the two cases really are one clipped and one not
    assert result.facts["clip_active"] is should_clip
    assert result.facts["clipped_steps"] == int(should_clip)


def test_clipping_keeps_an_exploding_stack_finite() -> None:
    wild = dict(activation="relu", init="normal", init_std=0.5, depth=12, steps=30, lr=0.1)
    assert SPEC.run(params(**wild)).diverged
    tamed = SPEC.run(params(**wild, clip_norm=1.0))
    assert not tamed.diverged
    assert tamed.facts["clipped_steps"] > 0
    # each step moves the parameters by at most lr·clip_norm, so the loss cannot jump to infinity
    assert np.all(np.isfinite(tamed.series["loss"]))


# -- initialization ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("init", "hidden_var", "out_var"), [
    ("xavier", lambda n: 2 / (n + n), lambda n: 2 / (n + 1)),
    ("he", lambda n: 2 / n, lambda n: 2 / n),
    ("normal", lambda n: 0.3**2, lambda n: 0.3**2),
])
def test_init_variances(init: str, hidden_var, out_var) -> None:
    width = 256
    hidden, output = [], []
    for seed in range(8):
        _, _, net, _, _ = initial_arrays(params(depth=3, width=width, batch=2, init=init, init_std=0.3,
                                                seed=seed))
        hidden.append(np.concatenate([w.ravel() for w in net["W"][:-1]]))
        output.append(net["W"][-1].ravel())
        assert all(np.all(b == 0) for b in net["b"])
    h, o = np.concatenate(hidden), np.concatenate(output)
    # sample variances of ~1.6M and ~2k normal draws: standard errors 0.1 % and 3 %
    assert np.var(h) == pytest.approx(hidden_var(width), rel=0.01)
    assert np.var(o) == pytest.approx(out_var(width), rel=0.12)
    assert abs(np.mean(h)) < 5 * math.sqrt(hidden_var(width) / h.size)
    kurtosis = np.mean((h - h.mean()) ** 4) / np.var(h) ** 2
    assert kurtosis == pytest.approx(3.0, abs=0.05), "normally distributed"


def test_layers_are_drawn_independently() -> None:
    _, _, net, _, _ = initial_arrays(params(depth=3, width=64, batch=2, init="he"))
    a, b = net["W"][0].ravel(), net["W"][1].ravel()
    assert abs(np.corrcoef(a, b)[0, 1]) < 0.05


# -- what the series and facts mean -------------------------------------------------------------------

def test_series_are_what_they_say() -> None:
    p = params(depth=6, width=8, batch=12, steps=5)
    x, y, net, grads, _ = initial_arrays(p)
    result = SPEC.run(p)
    norms = [np.linalg.norm(g) for g in grads["W"][:-1]]
    np.testing.assert_allclose(result.series["grad_norm"], norms, rtol=1e-12)
    assert len(result.series["grad_norm_final"]) == 6
    assert result.series["loss"][0] == pytest.approx(reference_loss(x, y, net, "sigmoid", False), rel=1e-12)
    assert result.facts["grad_ratio_first_last"] == pytest.approx(norms[0] / norms[-1], rel=1e-12)
    assert result.facts["initial_loss"] == result.series["loss"][0]
    assert result.facts["final_loss"] == result.series["loss"][-1]
    h = x
    means, stds = [], []
    for i in range(6):
        h = act("sigmoid", h @ net["W"][i] + net["b"][i])
        means.append(h.mean())
        stds.append(h.std())
    np.testing.assert_allclose(result.series["act_mean"], means, rtol=1e-12)
    np.testing.assert_allclose(result.series["act_std"], stds, rtol=1e-10)


def test_target_is_the_documented_function() -> None:
    x, y, *_ = initial_arrays(params(width=9, batch=20))
    np.testing.assert_allclose(y[:, 0], np.sin(x.sum(axis=1) / 3.0), rtol=1e-14)
    assert x.shape == (20, 9) and y.shape == (20, 1)


def test_dead_fraction_counts_units_silent_for_every_sample() -> None:
    p = params(depth=5, width=6, batch=4, activation="relu", init="normal", init_std=1.0, seed=5)
    x, _, net, _, _ = initial_arrays(p)
    h, dead = x, 0
    for i in range(5):
        z = h @ net["W"][i] + net["b"][i]
        dead += int(np.sum(np.all(z <= 0, axis=0)))
        h = np.maximum(z, 0)
    assert dead > 0, "this seed has dead units at the start"
    assert SPEC.run(p).facts["dead_fraction"] == pytest.approx(dead / 30)


def test_textbook_gradient_flows() -> None:
    """Xavier-initialized sigmoids vanish (σ′ ≤ 1/4 per layer); batch norm restores the flow."""
    sigmoid = SPEC.run(params(init="xavier", depth=10, steps=1))
    assert sigmoid.facts["gradient_flow"] == "vanishing"
    assert sigmoid.facts["grad_ratio_first_last"] < 4.0**-5
    normalized = SPEC.run(params(init="xavier", depth=10, steps=1, batchnorm=True))
    assert normalized.facts["gradient_flow"] == "healthy"
    exploding = SPEC.run(params(activation="tanh", init="normal", init_std=1.0, depth=10, steps=1))
    assert exploding.facts["gradient_flow"] == "exploding"


# -- the numerical guard at the extremes ----------------------------------------------------------

@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("residual", [False, True], ids=["plain", "residual"])
def test_extremes_never_raise_or_warn(activation: str, residual: bool) -> None:
    lr, init_std = SPEC.param("lr").max, SPEC.param("init_std").max
    result = SPEC.run(params(depth=100, width=16, batch=8, steps=20, lr=lr, init_std=init_std,
                             activation=activation, residual=residual))
    loss = result.series["loss"]
    assert np.all(np.isfinite(loss)) and np.all(np.isfinite(result.series["grad_total"]))
    if result.diverged:
        assert str(result.status).startswith(f"diverged at step {len(loss)}")
        assert len(result.series["grad_total"]) == len(loss)
        assert "grad_norm_final" not in result.series
    else:
        assert len(loss) == 21
    if activation in ("relu", "leaky_relu"):
        assert result.diverged, "unbounded activations through 100 layers of std-10 weights overflow"


def test_progress_is_reported_every_step_and_can_cancel() -> None:
    seen: list[tuple[int, int]] = []
    SPEC.run(params(steps=7, depth=2), progress=lambda done, total: seen.append((done, total)) or True)
    assert seen == [(i, 8) for i in range(9)]
    with pytest.raises(RunCancelled):
        SPEC.run(params(steps=50, depth=2), progress=lambda done, total: done < 5)


# -- the export -----------------------------------------------------------------------------------

@pytest.mark.parametrize("batchnorm", [False, True], ids=["plain", "batchnorm"])
def test_export_holds_the_initial_network_and_its_gradients(tmp_path: Path, batchnorm: bool) -> None:
    target = tmp_path / "stack.npz"
    settings = ["-s", "depth=3", "-s", "width=5", "-s", "batch=7", "-s", "activation=tanh",
                "-s", f"batchnorm={str(batchnorm).lower()}", "-s", "steps=3"]
    outcome = CliRunner().invoke(cli, ["sim", "vanishing", *settings, "--export", str(target)])
    assert outcome.exit_code == 0, outcome.output
    with np.load(target) as data:
        arrays = {k: data[k] for k in data.files}
    layers = [f"{p}{i}" for p in ("W", "b", "dW", "db") for i in range(4)]
    norm = [f"{p}{i}" for p in ("gamma", "beta", "dgamma", "dbeta") for i in range(3)] if batchnorm else []
    series = {"grad_norm", "grad_norm_final", "act_mean", "act_std", "loss", "grad_total"}
    assert set(arrays) == {"X", "Y", *layers, *norm} | series
    assert arrays["X"].shape == (7, 5) and arrays["W0"].shape == (5, 5) and arrays["W3"].shape == (5, 1)
    assert arrays["b3"].shape == (1,) and all(np.all(arrays[f"b{i}"] == 0) for i in range(4))

    net = {"W": [arrays[f"W{i}"] for i in range(4)], "b": [arrays[f"b{i}"] for i in range(4)]}
    grads = {"W": [arrays[f"dW{i}"] for i in range(4)], "b": [arrays[f"db{i}"] for i in range(4)]}
    if batchnorm:
        for kind in ("gamma", "beta"):
            net[kind] = [arrays[f"{kind}{i}"] for i in range(3)]
            grads[kind] = [arrays[f"d{kind}{i}"] for i in range(3)]
        assert all(np.all(g == 1) for g in net["gamma"]) and all(np.all(b == 0) for b in net["beta"])

    def f() -> float:
        return reference_loss(arrays["X"], arrays["Y"], net, "tanh", False)

    assert arrays["loss"][0] == pytest.approx(f(), rel=1e-12)
    for kind in net:
        for layer, values in enumerate(net[kind]):
            index = (0,) * values.ndim
            numeric = central_difference(f, net[kind], layer, index, 1e-6)
            assert grads[kind][layer][index] == pytest.approx(numeric, rel=1e-5, abs=1e-9)
    np.testing.assert_allclose(arrays["grad_norm"], [np.linalg.norm(arrays[f"dW{i}"]) for i in range(3)])


def test_export_is_rebuilt_identically_from_the_seed() -> None:
    first, second = SPEC.run(params(depth=2, width=4)), SPEC.run(params(depth=2, width=4))
    assert list(first.export) == list(second.export)
    for key in first.export:
        np.testing.assert_array_equal(first.export[key], second.export[key])
    other = SPEC.run(params(depth=2, width=4, seed=1))
    assert not np.array_equal(first.export["W0"], other.export["W0"])


def test_a_loss_grown_a_millionfold_counts_as_diverged() -> None:
    """Residual sigmoid sums grow with depth; at lr 0.1 the loss climbs without ever overflowing."""
    result = SPEC.run(params(residual=True, depth=10))
    loss = result.series["loss"]
    assert result.diverged
    assert str(result.status).startswith(f"diverged at step {len(loss)}")
    assert np.all(loss <= 1e6 * max(1.0, loss[0]))
    assert result.facts["final_loss"] == loss[-1]
    assert result.facts["dead_fraction_final"] is None


# -- exploding is judged by what the run does, not by the starting ratio alone ---------------------

def test_a_run_that_blows_up_is_exploding_whatever_its_ratio() -> None:
    """The exploding-gradients lesson's start: ReLU, std-0.3 weights, ratio 0.23, diverged at step 1."""
    start = SPEC.run(params(depth=10, activation="relu", init="normal", init_std=0.3, lr=0.1, steps=100))
    assert start.diverged and start.facts["grad_ratio_first_last"] < 1
    assert start.facts["gradient_flow"] == "exploding"
    assert "healthy" not in str(start.status)


def test_batch_norm_with_relu_is_uneven_not_exploding() -> None:
    """Batch norm + ReLU: a first-layer gradient ~47× the last, but the loss falls a hundred-
    thousandfold and the gradient shrinks, so nothing explodes."""
    run = SPEC.run(params(depth=20, activation="relu", init="xavier", lr=0.1, steps=100, batchnorm=True))
    loss, total = run.series["loss"], run.series["grad_total"]
    assert run.facts["grad_ratio_first_last"] > 10
    assert loss[-1] < 1e-4 * loss[0] and total[-1] < total[0]
    assert run.facts["gradient_flow"] == "uneven"
    assert str(run.status).startswith("uneven gradients")


def test_a_large_ratio_that_training_does_not_tame_is_exploding() -> None:
    one_step = SPEC.run(params(activation="tanh", init="normal", init_std=1.0, depth=10, steps=1))
    assert one_step.series["loss"][1] > one_step.series["loss"][0]  # the loss went up
    assert one_step.facts["gradient_flow"] == "exploding"
    tamed = SPEC.run(params(activation="tanh", init="normal", init_std=1.0, depth=10, steps=100))
    assert tamed.series["loss"][-1] < 0.01 * tamed.series["loss"][0]
    assert tamed.facts["gradient_flow"] == "uneven"


def test_a_spike_that_training_recovers_from_is_told_not_called_exploding() -> None:
    """Residual ReLU stack, std-0.02 weights: the gradient jumps 29× at step 2 and the loss to 13,
    then training recovers to below 1e-4. The flow is as even as its ratio says, and the status
    line tells of the spike."""
    run = SPEC.run(params(depth=20, activation="relu", init="normal", init_std=0.02, lr=0.1, steps=100,
                          residual=True))
    total, loss = run.series["grad_total"], run.series["loss"]
    peak = int(np.argmax(total))
    assert total[peak] / total[0] > 10 and max(loss) > 10 * loss[0]
    assert loss[-1] < 1e-4 and total[-1] < total[0]
    assert run.facts["gradient_flow"] == "healthy"
    assert f"spiked to {total[peak] / total[0]:.3g}× its start at step {peak}" in str(run.status)
