"""playground's arithmetic against references written here: a forward pass and losses spelled out
one layer at a time, central finite differences of them, and torch.optim's update rules as its
documentation writes them, one coordinate at a time."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from tutor.sims.playground.losses import add_penalty_slope, guess_loss, penalty, probabilities
from tutor.sims.playground.network import Network, parse_layers
from tutor.sims.playground.optimizers import Optimizer

# -- a reference forward pass -----------------------------------------------------------------------


def act(name: str, u: np.ndarray) -> np.ndarray:
    if name == "tanh":
        return np.tanh(u)
    if name == "relu":
        return np.where(u > 0, u, 0.0)
    if name == "sigmoid":
        return 1.0 / (1.0 + np.exp(-u))
    return u


def unpack(theta: np.ndarray, sizes: list[int]) -> list[tuple[np.ndarray, np.ndarray]]:
    """W (fan_in × fan_out) then b, layer after layer, as the module docstring lays θ out."""
    out, at = [], 0
    for fan_in, fan_out in itertools.pairwise(sizes):
        w = theta[at: at + fan_in * fan_out].reshape(fan_in, fan_out)
        at += fan_in * fan_out
        b = theta[at: at + fan_out]
        at += fan_out
        out.append((w, b))
    assert at == len(theta)
    return out


def reference_loss(theta: np.ndarray, sizes: list[int], activation: str, x: np.ndarray, y: np.ndarray,
                   keep: list[np.ndarray] | None = None, rate: float = 0.0, kind: str = "cross-entropy") -> float:
    """Mean cross-entropy written from its definition, −log of the probability given to the class;
    or the mean squared error of the probabilities against the one-hot classes, element by element
    as torch.nn.MSELoss averages (two classes: of σ(z) against y alone)."""
    h = x
    layers = unpack(theta, sizes)
    for k, (w, b) in enumerate(layers[:-1]):
        h = act(activation, h @ w + b)
        if keep is not None:
            h = h * keep[k] / (1.0 - rate)
    w, b = layers[-1]
    z = h @ w + b
    if z.shape[1] == 1:
        p1 = 1.0 / (1.0 + np.exp(-z[:, 0]))
        if kind == "mse":
            return float(((p1 - y) ** 2).mean())
        chosen = np.where(y == 1, p1, 1.0 - p1)
    else:
        e = np.exp(z)
        p = e / e.sum(axis=1, keepdims=True)
        if kind == "mse":
            onehot = np.zeros_like(p)
            onehot[np.arange(len(y)), y] = 1.0
            return float(((p - onehot) ** 2).mean())
        chosen = p[np.arange(len(y)), y]
    return float(-np.log(chosen).mean())


def central_difference(f, theta: np.ndarray, h: float = 1e-6) -> np.ndarray:  # type: ignore[no-untyped-def]
    grad = np.empty_like(theta)
    for i in range(len(theta)):
        up, down = theta.copy(), theta.copy()
        up[i] += h
        down[i] -= h
        grad[i] = (f(up) - f(down)) / (2 * h)
    return grad


def case(layers: str, classes: int, n_features: int, activation: str, seed: int,  # type: ignore[no-untyped-def]
         kind: str = "cross-entropy"):
    rng = np.random.default_rng(seed)
    net = Network(n_features, parse_layers(layers), classes, activation, kind)
    theta = rng.normal(0.0, 0.7, net.size)
    x = rng.normal(0.0, 1.0, (7, n_features))
    y = rng.integers(0, classes, 7)
    return net, theta, x, y


SHAPES = ["none", "3", "4,3", "3,2,3,2"]
ACTIVATIONS = ["tanh", "relu", "sigmoid", "linear"]


@pytest.mark.parametrize("kind", ["cross-entropy", "mse"])
@pytest.mark.parametrize("classes", [2, 3], ids=["sigmoid", "softmax"])
@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("layers", SHAPES)
def test_gradient_of_every_layer_matches_central_differences(layers: str, activation: str, classes: int,
                                                             kind: str) -> None:
    net, theta, x, y = case(layers, classes, 3, activation, seed=len(layers) + classes, kind=kind)
    sizes = list(net.sizes)
    g = np.empty_like(theta)
    loss = net.gradient(theta, x, y, None, 0.0, g)
    assert loss == pytest.approx(reference_loss(theta, sizes, activation, x, y, kind=kind), rel=1e-10)
    numeric = central_difference(lambda t: reference_loss(t, sizes, activation, x, y, kind=kind), theta)
    np.testing.assert_allclose(g, numeric, rtol=1e-5, atol=1e-9)


@pytest.mark.parametrize("classes", [2, 3])
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_gradient_through_dropout_with_its_mask_fixed(activation: str, classes: int) -> None:
    net, theta, x, y = case("4,3", classes, 2, activation, seed=11)
    rng = np.random.default_rng(5)
    rate = 0.4
    keep = [(rng.random((len(x), units)) >= rate).astype(float) for units in net.hidden]
    assert 0 < sum(k.sum() for k in keep) < sum(k.size for k in keep)  # some dropped, some kept
    sizes = list(net.sizes)
    g = np.empty_like(theta)
    loss = net.gradient(theta, x, y, keep, rate, g)
    assert loss == pytest.approx(reference_loss(theta, sizes, activation, x, y, keep, rate), rel=1e-10)
    numeric = central_difference(lambda t: reference_loss(t, sizes, activation, x, y, keep, rate), theta)
    np.testing.assert_allclose(g, numeric, rtol=1e-5, atol=1e-8)


@pytest.mark.parametrize("l1, l2", [(0.05, 0.0), (0.0, 0.2), (0.03, 0.1)])
def test_penalty_gradient_matches_central_differences_and_spares_the_biases(l1: float, l2: float) -> None:
    net, theta, _, _ = case("3,2", 2, 3, "tanh", seed=4)
    theta = np.where(np.abs(theta) < 1e-3, 0.5, theta)  # keep |w| away from its kink at 0
    mask = net.weight_mask()
    sizes = list(net.sizes)

    def written_out(t: np.ndarray) -> float:
        return sum(l1 * np.abs(w).sum() + l2 * (w * w).sum() for w, _ in unpack(t, sizes))

    assert penalty(theta, mask, l1, l2) == pytest.approx(written_out(theta), rel=1e-12)
    g = np.zeros_like(theta)
    add_penalty_slope(theta, mask, l1, l2, g)
    np.testing.assert_allclose(g, central_difference(written_out, theta), rtol=1e-6, atol=1e-9)
    for _, b in unpack(g, sizes):
        assert np.all(b == 0.0)


def test_l1_slope_at_zero_is_zero_as_torch_takes_sign() -> None:
    net = Network(2, (), 2, "tanh")
    theta = np.zeros(net.size)
    g = np.zeros_like(theta)
    add_penalty_slope(theta, net.weight_mask(), 0.5, 0.0, g)
    assert np.all(g == 0.0)


@pytest.mark.parametrize("kind", ["cross-entropy", "mse"])
@pytest.mark.parametrize("shares", [[0.5, 0.5], [0.3, 0.7], [0.2, 0.3, 0.5], [1 / 3, 1 / 3, 1 / 3]])
def test_the_guess_loss_is_the_best_constant_answer(kind: str, shares: list[float]) -> None:
    # Every constant answer q on a simplex grid, scored by the reference loss on points in these shares.
    k = len(shares)
    y = np.repeat(np.arange(k), np.round(np.array(shares) * 60).astype(int))
    best = math.inf
    steps = np.linspace(0.005, 0.995, 199 if k == 2 else 67)
    for q1 in steps:
        for q2 in (steps if k == 3 else [1 - q1]):
            q = np.array([1 - q1, q1]) if k == 2 else np.array([q1, q2, 1 - q1 - q2])
            if q.min() <= 0:
                continue
            z = np.log(q[1:2] / q[0:1]) if k == 2 else np.log(q)  # logits giving exactly q
            sizes = [1, k if k == 3 else 1]  # a "network" of just an output bias
            theta = np.concatenate([np.zeros(sizes[0] * sizes[1]), z])
            best = min(best, reference_loss(theta, sizes, "linear", np.zeros((len(y), 1)), y, kind=kind))
    counted = np.bincount(y, minlength=k) / len(y)
    assert guess_loss(counted, kind) == pytest.approx(best, rel=5e-3, abs=1e-4)
    assert guess_loss(counted, kind) <= best + 1e-12  # the formula is the minimum, not just near it


def test_probabilities_are_sigmoid_and_softmax() -> None:
    z2 = np.array([[-800.0], [-1.0], [0.0], [2.0], [800.0]])
    p = probabilities(z2, 2)
    expected = np.array([0.0, 1 / (1 + math.e), 0.5, 1 / (1 + math.exp(-2)), 1.0])
    np.testing.assert_allclose(p[:, 1], expected, atol=1e-15)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    z3 = np.array([[1.0, 2.0, 3.0], [1000.0, 0.0, -1000.0]])
    p3 = probabilities(z3, 3)
    e = np.exp([1.0, 2.0, 3.0])
    np.testing.assert_allclose(p3[0], e / e.sum())
    np.testing.assert_allclose(p3[1], [1.0, 0.0, 0.0], atol=1e-300)


# -- the update rules -----------------------------------------------------------------------------


def torch_reference(name: str, lr: float, wd: float, thetas: list[float], grads: list[list[float]],
                    decayed: list[bool]) -> list[float]:
    """torch.optim's algorithms as its documentation writes them, one coordinate at a time, for a
    weight group (weight_decay=wd) and a bias group (weight_decay=0)."""
    out = []
    for i, theta in enumerate(thetas):
        lam = wd if decayed[i] else 0.0
        m = v = 0.0
        b: float | None = None
        for t, g_all in enumerate(grads, start=1):
            g = g_all[i]
            if name == "adamw":
                theta = theta - lr * lam * theta
            elif lam:
                g = g + lam * theta
            if name == "sgd":
                theta = theta - lr * g
            elif name == "momentum":
                b = g if b is None else 0.9 * b + g
                theta = theta - lr * b
            else:
                m = 0.9 * m + (1 - 0.9) * g
                v = 0.999 * v + (1 - 0.999) * g * g
                m_hat = m / (1 - 0.9**t)
                v_hat = v / (1 - 0.999**t)
                theta = theta - lr * m_hat / (math.sqrt(v_hat) + 1e-8)
        out.append(theta)
    return out


@pytest.mark.parametrize("wd", [0.0, 0.1])
@pytest.mark.parametrize("name", ["sgd", "momentum", "adam", "adamw"])
def test_update_rules_match_torch_optim_as_documented(name: str, wd: float) -> None:
    rng = np.random.default_rng(3)
    theta = rng.normal(size=6)
    grads = rng.normal(size=(12, 6))
    mask = np.array([1.0, 1.0, 0.0, 1.0, 0.0, 1.0])
    opt = Optimizer(name, 0.05, wd * mask)
    moving = theta.copy()
    for g in grads:
        opt.step(moving, g.copy())
    expected = torch_reference(name, 0.05, wd, theta.tolist(), grads.tolist(), [bool(m) for m in mask])
    np.testing.assert_allclose(moving, expected, rtol=1e-12, atol=1e-14)


def test_adamw_decay_is_not_divided_but_adam_decay_is() -> None:
    # With a zero loss gradient, AdamW shrinks a weight by exactly lr·wd·θ per step, while Adam's
    # decay goes through the normalisation and moves it by about lr whatever θ is.
    theta = np.array([2.0])
    adamw, adam = theta.copy(), theta.copy()
    Optimizer("adamw", 0.01, np.array([0.1])).step(adamw, np.array([0.0]))
    Optimizer("adam", 0.01, np.array([0.1])).step(adam, np.array([0.0]))
    assert adamw[0] == pytest.approx(2.0 * (1 - 0.01 * 0.1), rel=1e-12)
    assert adam[0] == pytest.approx(2.0 - 0.01, rel=1e-6)
