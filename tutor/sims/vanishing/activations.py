"""The hidden layers' activations, and their slopes computed from their outputs.

Backpropagation needs act′(u) at every unit. For each activation here the slope is a function of
the output a = act(u) alone (σ′ = σ·(1 − σ), tanh′ = 1 − tanh², ReLU′ = [a > 0]), which is how
PyTorch computes these backward passes too. That lets the slopes of the whole stack be computed in
one vectorized pass after the forward pass, instead of layer by layer: in a 10-layer, 32-unit
stack each NumPy call costs about as much as the arithmetic it does, so fewer calls is faster.

The activations write into preallocated arrays. Overflow in sigmoid's e^−u (u < −709) gives the
right limit, 0; callers compute under the numerical guard, which keeps that silent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

#: Slope of leaky_relu below zero.
LEAKY_SLOPE = 0.01

Kernel = Callable[[np.ndarray, np.ndarray], None]


def _sigmoid(u: np.ndarray, out: np.ndarray) -> None:
    """σ(u) = 1/(1 + e^−u)."""
    np.negative(u, out=out)
    np.exp(out, out=out)
    out += 1.0
    np.reciprocal(out, out=out)


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
    np.multiply(u, LEAKY_SLOPE, out=out)
    np.maximum(u, out, out=out)


def _leaky_relu_slope(a: np.ndarray, out: np.ndarray) -> None:
    np.greater(a, 0.0, out=out, casting="unsafe")
    out *= 1.0 - LEAKY_SLOPE
    out += LEAKY_SLOPE


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
}
