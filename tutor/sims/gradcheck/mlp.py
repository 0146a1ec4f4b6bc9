"""A small network as a function of its weights, for checking gradients.

One hidden layer of `width` units over `d` inputs, one sigmoid output, mean loss over the samples:
  zⱼ = Σᵢ Wⱼᵢ·xᵢ + bⱼ,   hⱼ = act(zⱼ),   z_out = Σⱼ vⱼ·hⱼ + c,   ŷ = σ(z_out)
  mse: L = mean((ŷ − y)²)        bce: L = mean(−[y·log ŷ + (1 − y)·log(1 − ŷ)])

The weights are one vector θ, unit by unit — (W₁₁ … W₁d, b₁, W₂₁ …, b₂, …, v₁ … v_width, c) — so
that `backprop`'s 2-2-1 network is this network with d = 2 and width = 2, weights in the order
(w₁₁, w₁₂, b₁, w₂₁, w₂₂, b₂, v₁, v₂, c).

`losses` evaluates many weight vectors at once (K × P → K): numerical differentiation needs one
evaluation per nudged weight, and batching them is what keeps a sweep over h fast. It computes in
the dtype of the weights, so float32 rounding can be studied. `gradient` is backpropagation in
float64, the reference the numerical estimates are compared with.
"""

from __future__ import annotations

import numpy as np

from tutor.sims.activations import activate, slope


def n_weights(inputs: int, width: int) -> int:
    return width * (inputs + 1) + width + 1


def _unpack(thetas: np.ndarray, inputs: int, width: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    k = thetas.shape[0]
    split = width * (inputs + 1)
    units = thetas[:, :split].reshape(k, width, inputs + 1)
    return units, thetas[:, split: split + width], thetas[:, split + width]


def per_sample_loss(z: np.ndarray, y: np.ndarray, loss: str) -> np.ndarray:
    """The loss of each sample from its output logit z; bce never takes the log of 0:
    −[y·log σ(z) + (1 − y)·log(1 − σ(z))] = max(z, 0) − z·y + log(1 + e^(−|z|))."""
    if loss == "bce":
        return np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))
    return (0.5 + 0.5 * np.tanh(0.5 * z) - y) ** 2


def losses(thetas: np.ndarray, x: np.ndarray, y: np.ndarray, activation: str, loss: str) -> np.ndarray:
    """L(θ) for each row θ of `thetas` (K × P), computed in the dtype of `thetas`."""
    dtype = thetas.dtype
    inputs = x.shape[1]
    width = (thetas.shape[1] - 1) // (inputs + 2)
    units, v, c = _unpack(thetas, inputs, width)
    x_aug = np.hstack([x, np.ones((len(x), 1))]).astype(dtype)
    pre = units @ x_aug.T                                             # K × width × n
    z = (v[:, None, :] @ activate(activation, pre))[:, 0, :] + c[:, None]  # K × n
    return per_sample_loss(z, y.astype(dtype), loss).mean(axis=1)


def gradient(theta: np.ndarray, x: np.ndarray, y: np.ndarray, activation: str, loss: str) -> np.ndarray:
    """∂L/∂θ by backpropagation, in float64: the output error, then back through v into each unit."""
    theta = np.asarray(theta, dtype=float)
    n, inputs = x.shape
    width = (theta.size - 1) // (inputs + 2)
    units, v, _c = (part[0] for part in _unpack(theta[None, :], inputs, width))
    x_aug = np.hstack([x, np.ones((n, 1))])
    pre = x_aug @ units.T                                   # n × width
    hidden = activate(activation, pre)
    z = hidden @ v + theta[-1]
    y_hat = 0.5 + 0.5 * np.tanh(0.5 * z)
    # bce: ∂L/∂z of max(z, 0) − z·y + log(1 + e^(−|z|)) is σ(z) − y; mse: ∂L/∂ŷ · σ′(z).
    error = y_hat - y
    dz = (error if loss == "bce" else 2.0 * error * y_hat * (1.0 - y_hat)) / n
    d_pre = np.outer(dz, v) * slope(activation, hidden)
    return np.concatenate([(d_pre.T @ x_aug).ravel(), hidden.T @ dz, [dz.sum()]])
