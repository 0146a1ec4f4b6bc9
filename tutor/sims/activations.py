"""The activations every simulation uses, and their slopes computed from their outputs.

One set, tested once against central differences (tests/sims/test_activations.py), so that the
gates, the gradient check, the initialization histograms, the deep stacks and the backprop table
cannot disagree about what σ or ReLU is.

Backpropagation needs act′(u) at every unit. For each activation here the slope is a function of
the output a = act(u) alone (σ′ = σ·(1 − σ), tanh′ = 1 − tanh², ReLU′ = [a > 0]), which is how
PyTorch computes these backward passes too. That lets the slopes of the whole stack be computed in
one vectorized pass after the forward pass, instead of layer by layer: in a 10-layer, 32-unit
stack each NumPy call costs about as much as the arithmetic it does, so fewer calls is faster.

The kernels write into preallocated arrays (the deep stacks reuse theirs every step); `activate` and
`slope` allocate, for the small networks. σ is computed from e^−|u|, which never overflows and keeps
the tiny values of σ(−40) ≈ 4e-18 that 1 − σ(40) would round to 0 (the backprop table divides by
ŷ·(1 − ŷ)).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

#: Slope of leaky_relu below zero.
LEAKY_SLOPE = 0.01

Kernel = Callable[[np.ndarray, np.ndarray], None]


def _sigmoid(u: np.ndarray, out: np.ndarray) -> None:
    """σ(u) = 1/(1 + e^−u) for u ≥ 0 and e^u/(1 + e^u) below, both from e = e^−|u| ≤ 1."""
    negative = u < 0  # before `out` is written: it may be `u` itself
    e = np.exp(-np.abs(u))
    np.add(e, 1.0, out=out)
    np.reciprocal(out, out=out)
    np.multiply(out, e, out=out, where=negative)


def _sigmoid_slope(a: np.ndarray, out: np.ndarray) -> None:
    np.subtract(1.0, a, out=out)
    out *= a


def _tanh(u: np.ndarray, out: np.ndarray) -> None:
    np.tanh(u, out=out)


def _tanh_slope(a: np.ndarray, out: np.ndarray) -> None:
    np.multiply(a, a, out=out)
    np.subtract(1.0, out, out=out)


def _relu(u: np.ndarray, out: np.ndarray) -> None:
    np.maximum(u, 0.0, out=out)


def _relu_slope(a: np.ndarray, out: np.ndarray) -> None:
    """1 where the unit is active, 0 elsewhere (at exactly 0 too, as PyTorch takes it)."""
    np.greater(a, 0.0, out=out, casting="unsafe")


def _leaky_relu(u: np.ndarray, out: np.ndarray) -> None:
    """u above zero, LEAKY_SLOPE·u below: a small slope survives where ReLU's is 0."""
    negative = u < 0
    np.copyto(out, u)
    np.multiply(out, LEAKY_SLOPE, out=out, where=negative)


def _leaky_relu_slope(a: np.ndarray, out: np.ndarray) -> None:
    np.greater(a, 0.0, out=out, casting="unsafe")
    out *= 1.0 - LEAKY_SLOPE
    out += LEAKY_SLOPE


def _identity(u: np.ndarray, out: np.ndarray) -> None:
    np.copyto(out, u)


def _one(a: np.ndarray, out: np.ndarray) -> None:
    out.fill(1.0)


@dataclass(frozen=True)
class Activation:
    """`apply(u, out)` writes act(u); `slope(a, out)` writes act′ given the output a = act(u)."""

    name: str
    apply: Kernel
    slope: Kernel


ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": Activation("sigmoid", _sigmoid, _sigmoid_slope),
    "tanh": Activation("tanh", _tanh, _tanh_slope),
    "relu": Activation("relu", _relu, _relu_slope),
    "leaky_relu": Activation("leaky_relu", _leaky_relu, _leaky_relu_slope),
    "linear": Activation("linear", _identity, _one),
}


def activate(name: str, u: np.ndarray) -> np.ndarray:
    """act(u) in a new array."""
    u = np.asarray(u, dtype=float)
    out = np.empty_like(u)
    ACTIVATIONS[name].apply(u, out)
    return out


def slope(name: str, a: np.ndarray) -> np.ndarray:
    """act′ at every unit, from its output a = act(u), in a new array."""
    a = np.asarray(a, dtype=float)
    out = np.empty_like(a)
    ACTIVATIONS[name].slope(a, out)
    return out


def sigmoid(u: np.ndarray) -> np.ndarray:
    return activate("sigmoid", u)
