"""The samples the stack learns from: standard normal inputs and a smooth target.

Y = sin(s) with s = (x_1 + … + x_width)/√width. Dividing by √width keeps s standard normal at every
width, so the target spans the same range (about −1 to 1) whatever the width, and predicting 0
everywhere costs a loss of about (1 − e⁻²)/2 ≈ 0.43. The target depends on the inputs in a single
direction, so any network that trains at all can learn it; whether it does is up to its gradients.
"""

from __future__ import annotations

import numpy as np


def target(x: np.ndarray) -> np.ndarray:
    """Y for inputs x (samples × features), as a column."""
    s = x.sum(axis=1, keepdims=True) / np.sqrt(x.shape[1])
    return np.sin(s)


def draw(rng: np.random.Generator, batch: int, width: int) -> tuple[np.ndarray, np.ndarray]:
    """X (batch × width, standard normal) and its target Y (batch × 1)."""
    x = rng.standard_normal((batch, width))
    return x, target(x)
