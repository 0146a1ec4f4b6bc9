"""Numerical differentiation: estimate ∂L/∂θᵢ by nudging one weight at a time.

  forward difference:  (L(θ + h·eᵢ) − L(θ)) / h               error ≈ (h/2)·L″        + ε·|L|/h
  central difference:  (L(θ + h·eᵢ) − L(θ − h·eᵢ)) / (2h)     error ≈ (h²/6)·L‴       + ε·|L|/h
The first term (truncation) shrinks with h; the second (rounding: ε is the machine precision) grows as
h shrinks, which is why the error against the exact gradient draws a U over h.

Every function takes `f`, which maps a stack of weight vectors (K × P) to their losses (K,), and
returns the estimates together with how many loss evaluations it spent — the cost that makes
numerical gradients a check rather than a training method.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

LossFn = Callable[[np.ndarray], np.ndarray]


def _nudged(theta: np.ndarray, h: float, sign: float) -> np.ndarray:
    """P × P: row i is θ with weight i moved by sign·h (in θ's own float type)."""
    return theta[None, :] + np.diag(np.full(theta.size, sign * h, dtype=theta.dtype))


def forward_difference(f: LossFn, theta: np.ndarray, h: float) -> tuple[np.ndarray, int]:
    """The estimate of ∂L/∂θ (P,) and the evaluations it cost: one at θ plus one per weight."""
    batch = np.vstack([theta[None, :], _nudged(theta, h, 1.0)])
    values = f(batch)
    rises = (values[1:] - values[0]).astype(float)
    return rises / h, len(batch)


def central_difference(f: LossFn, theta: np.ndarray, h: float) -> tuple[np.ndarray, int]:
    """The estimate of ∂L/∂θ (P,) and the evaluations it cost: two per weight."""
    batch = np.vstack([_nudged(theta, h, 1.0), _nudged(theta, h, -1.0)])
    values = f(batch)
    rises = (values[: theta.size] - values[theta.size:]).astype(float)
    return rises / (2.0 * h), len(batch)


def relative_error(estimate: np.ndarray, exact: np.ndarray) -> np.ndarray:
    """‖estimate − exact‖ / max(‖estimate‖, ‖exact‖) along the last axis: 0 for a perfect match, at
    most 2, and no division by zero when both vanish."""
    estimate, exact = np.broadcast_arrays(np.asarray(estimate, float), np.asarray(exact, float))
    gap = np.linalg.norm(estimate - exact, axis=-1)
    scale = np.maximum(np.linalg.norm(estimate, axis=-1), np.linalg.norm(exact, axis=-1))
    return np.divide(gap, scale, out=np.zeros_like(gap), where=scale > 0)
