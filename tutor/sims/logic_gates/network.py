"""The network behind `logic-gates`, shared by the simulation and its chart.

A gate has only four input patterns, so every array here is tiny and the cost of a training step is
the number of NumPy calls, not the arithmetic: the gradient is therefore built once per run as a
closure over preallocated views (`gradient_fn`), while curves over all steps are computed afterwards
in one batched pass (`logits` accepts a whole history of weights).

Weights are packed in one vector θ so that a step is a single `θ ← θ − η·g`:
  hidden = 0:  θ = (w₁, w₂, b)                              z = w₁·x₁ + w₂·x₂ + b
  hidden = h:  θ = (W[3×h] row by row, v[h], c)             z = Σⱼ vⱼ·act(W₁ⱼ·x₁ + W₂ⱼ·x₂ + W₃ⱼ) + c
where row 3 of W holds the hidden biases. The output is σ(z), and the neuron says 1 exactly when
z > 0 (σ(z) > 0.5).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from tutor.sims.activations import activate, sigmoid, slope

#: The four input patterns, in the order every truth table here is written: 00, 01, 10, 11.
INPUTS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
PATTERNS = ("00", "01", "10", "11")
GATES: dict[str, tuple[int, int, int, int]] = {
    "AND": (0, 0, 0, 1),
    "OR": (0, 1, 1, 1),
    "NAND": (1, 1, 1, 0),
    "XOR": (0, 1, 1, 0),
}
#: Gates a single straight line can split into their 1s and their 0s.
SEPARABLE = {"AND": True, "OR": True, "NAND": True, "XOR": False}
ACTIVATIONS = ("tanh", "sigmoid", "relu")
LOSSES = ("bce", "mse")

GradientFn = Callable[[np.ndarray, np.ndarray], None]


def n_weights(hidden: int) -> int:
    """How many numbers training adjusts: 3 for one neuron, 4h + 1 with h hidden units."""
    return 3 if hidden == 0 else 4 * hidden + 1


def targets(gate: str) -> np.ndarray:
    return np.array(GATES[gate], dtype=float)


def logits(theta: np.ndarray, points: np.ndarray, hidden: int, activation: str) -> np.ndarray:
    """z for every point (n×2) under one θ (P,) → (n,), or under a history of θ (T×P) → (T×n)."""
    theta = np.asarray(theta, dtype=float)
    single = theta.ndim == 1
    thetas = theta[None, :] if single else theta
    aug = np.hstack([points, np.ones((len(points), 1))])
    if hidden == 0:
        z = thetas @ aug.T
    else:
        h = hidden
        weights = thetas[:, : 3 * h].reshape(-1, 3, h)
        v, c = thetas[:, 3 * h: 4 * h], thetas[:, 4 * h]
        hidden_out = activate(activation, np.einsum("nk,tkh->tnh", aug, weights))
        z = np.einsum("tnh,th->tn", hidden_out, v) + c[:, None]
    return z[0] if single else z


def loss(z: np.ndarray, y: np.ndarray, kind: str) -> np.ndarray:
    """Mean loss over the patterns (last axis).

    bce: −[y·log σ(z) + (1 − y)·log(1 − σ(z))] computed from the logit as max(z, 0) − z·y +
         log(1 + e^(−|z|)), which never takes the log of 0 (the form torch.nn.BCEWithLogitsLoss uses).
    mse: (σ(z) − y)².
    """
    if kind == "bce":
        return (np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z)))).mean(axis=-1)
    return ((sigmoid(z) - y) ** 2).mean(axis=-1)


def gradient_fn(hidden: int, activation: str, kind: str, y: np.ndarray) -> GradientFn:
    """`grad(θ, out)`: writes ∂L/∂θ for the mean loss over the four patterns into `out`.

    With t = tanh(z/2), σ(z) = (1 + t)/2 and σ′(z) = (1 − t²)/4, so per pattern (N = 4):
      bce:  ∂L/∂z = (σ(z) − y)/N            = t/8 + (1/8 − y/4)
      mse:  ∂L/∂z = 2(σ(z) − y)·σ′(z)/N     = (σ(z) − y)·(1 − t²)/8
    and the chain rule carries ∂L/∂z back through v, the hidden activations and W.
    """
    aug = np.hstack([INPUTS, np.ones((4, 1))])
    aug_t = np.ascontiguousarray(aug.T)
    offset = 0.125 - 0.25 * y

    def dloss(z: np.ndarray) -> np.ndarray:
        t = np.tanh(0.5 * z)
        if kind == "bce":
            t *= 0.125
            t += offset
            return t
        return (0.5 + 0.5 * t - y) * (1.0 - t * t) * 0.125

    if hidden == 0:
        def single(theta: np.ndarray, out: np.ndarray) -> None:
            np.dot(aug_t, dloss(aug @ theta), out=out)
        return single

    h = hidden

    def network(theta: np.ndarray, out: np.ndarray) -> None:
        weights, v = theta[: 3 * h].reshape(3, h), theta[3 * h: 4 * h]
        pre = aug @ weights
        act = activate(activation, pre)
        z = act @ v
        z += theta[4 * h]
        dz = dloss(z)
        np.dot(dz, act, out=out[3 * h: 4 * h])
        out[4 * h] = dz.sum()
        upstream = np.multiply.outer(dz, v)
        upstream *= slope(activation, act)
        np.dot(aug_t, upstream, out=out[: 3 * h].reshape(3, h))
    return network


def initial_weights(hidden: int, seed: int) -> np.ndarray:
    """A seeded start: every weight and bias from N(0, 0.5²).

    Small enough that tanh and sigmoid units start in their responsive middle, large enough to break
    the symmetry between hidden units (identical units would stay identical forever).
    """
    return np.random.default_rng(seed).normal(0.0, 0.5, n_weights(hidden))
