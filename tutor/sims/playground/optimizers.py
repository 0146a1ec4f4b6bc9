"""The four update rules of `playground`, vectorised over θ, as torch.optim writes them.

The `optimizers` simulation steps one coordinate at a time with Python floats (`rules`); here θ
holds every weight of a network, so each rule is the same arithmetic on whole arrays, in place.
`decay` is weight_decay times the mask of the weights (0 on the biases): torch's weight_decay for a
parameter group of the weights, and 0 for a group of the biases. With g the gradient of the
objective and every buffer starting at 0:

    sgd       g ← g + decay·θ;  θ ← θ − lr·g
    momentum  g ← g + decay·θ;  b ← μ·b + g (b = g on the first step);  θ ← θ − lr·b
    adam      g ← g + decay·θ;  m ← β₁·m + (1 − β₁)·g;  v ← β₂·v + (1 − β₂)·g²
              θ ← θ − lr·(m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + eps)
    adamw     θ ← θ·(1 − lr·decay); then adam's step with g as it is

μ = 0.9, β₁ = 0.9, β₂ = 0.999 and eps = 1e-8 are torch's defaults (momentum has none; 0.9 is the
usual choice).
"""

from __future__ import annotations

import numpy as np

MOMENTUM, BETA1, BETA2, EPS = 0.9, 0.9, 0.999, 1e-8


class Optimizer:
    """`step(θ, g)` moves θ in place; g may be overwritten."""

    def __init__(self, name: str, lr: float, decay: np.ndarray) -> None:
        self.name = name
        self.lr = lr
        self.decay = decay if np.any(decay) else None
        self.t = 0
        self.buffer: np.ndarray | None = None
        self.m = np.zeros_like(decay)
        self.v = np.zeros_like(decay)

    def step(self, theta: np.ndarray, g: np.ndarray) -> None:
        self.t += 1
        if self.name == "adamw":
            if self.decay is not None:
                theta *= 1.0 - self.lr * self.decay
        elif self.decay is not None:
            g += self.decay * theta
        if self.name == "sgd":
            g *= self.lr
            theta -= g
        elif self.name == "momentum":
            if self.buffer is None:
                self.buffer = g.copy()
            else:
                self.buffer *= MOMENTUM
                self.buffer += g
            theta -= self.lr * self.buffer
        else:
            self._adam(theta, g)

    def _adam(self, theta: np.ndarray, g: np.ndarray) -> None:
        m, v = self.m, self.v
        m *= BETA1
        m += (1.0 - BETA1) * g
        v *= BETA2
        g *= g
        g *= 1.0 - BETA2
        v += g
        denominator = np.sqrt(v / (1.0 - BETA2**self.t))
        denominator += EPS
        theta -= (self.lr / (1.0 - BETA1**self.t)) * m / denominator
