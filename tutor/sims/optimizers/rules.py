"""The six update rules, written exactly as torch.optim documents them, one coordinate at a time.

Every torch.optim rule is elementwise: each entry of a parameter tensor keeps its own buffers and
moves on its own. So a rule here updates one coordinate (x or y) and a run keeps one instance per
coordinate; that is also why the adaptive methods are said to give "a learning rate per
parameter". With g the gradient, θ the coordinate, and all buffers starting at 0:

    sgd       θ ← θ − lr·g                                   torch.optim.SGD(lr)
    momentum  b ← μ·b + g   (b = g on the first step)         torch.optim.SGD(lr, momentum=μ)
              θ ← θ − lr·b
    nesterov  b as for momentum; θ ← θ − lr·(g + μ·b)         ... SGD(lr, momentum=μ, nesterov=True)
    adagrad   s ← s + g²;  θ ← θ − lr·g / (√s + eps)          torch.optim.Adagrad(lr, eps=eps)
    rmsprop   v ← α·v + (1 − α)·g²;  θ ← θ − lr·g / (√v + eps) torch.optim.RMSprop(lr, alpha=α, eps=eps)
    adam      m ← β₁·m + (1 − β₁)·g;  v ← β₂·v + (1 − β₂)·g²     torch.optim.Adam(lr, betas=(β₁, β₂),
              m̂ = m / (1 − β₁ᵗ);  v̂ = v / (1 − β₂ᵗ)              eps=eps)
              θ ← θ − lr·m̂ / (√v̂ + eps)      (t counts steps from 1)

Dampening, weight decay, Adagrad's lr_decay and initial accumulator, and RMSprop's momentum and
centering are all off, as they are by default in torch. So any run can be reproduced in PyTorch
with the call `pytorch_call` prints (pass eps to Adagrad explicitly: its torch default is 1e-10).

The rules work on Python floats: the optimizer loop is a chain of scalar steps that cannot be
vectorised over time, and floats are both the fastest way to run it and quiet about overflow.
"""

from __future__ import annotations

import math
from typing import Protocol

NAMES = ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")


class Settings(Protocol):
    """The settings the rules read: a run's OptimizersParams has them all, each a float."""

    @property
    def lr(self) -> float: ...
    @property
    def momentum(self) -> float: ...
    @property
    def alpha(self) -> float: ...
    @property
    def beta1(self) -> float: ...
    @property
    def beta2(self) -> float: ...
    @property
    def eps(self) -> float: ...


class SGD:
    """Plain gradient descent: a step of lr times the slope, nothing remembered."""

    def __init__(self, lr: float) -> None:
        self.lr = lr

    def step(self, theta: float, g: float) -> float:
        return theta - self.lr * g


class Momentum:
    """torch's SGD with momentum: the buffer b sums past gradients with weight μ per step, so
    directions that agree from step to step build speed and directions that flip sign cancel.
    With `nesterov` the step looks ahead along the buffer: it uses g + μ·b instead of b."""

    def __init__(self, lr: float, momentum: float, nesterov: bool = False) -> None:
        self.lr = lr
        self.momentum = momentum
        self.nesterov = nesterov
        self.buffer: float | None = None

    def step(self, theta: float, g: float) -> float:
        b = g if self.buffer is None else self.momentum * self.buffer + g
        self.buffer = b
        direction = g + self.momentum * b if self.nesterov else b
        return theta - self.lr * direction


class Adagrad:
    """Divides by the root of the sum of every squared gradient so far: a coordinate that has seen
    large slopes takes small steps. The sum only grows, so every rate only shrinks."""

    def __init__(self, lr: float, eps: float) -> None:
        self.lr = lr
        self.eps = eps
        self.sum = 0.0

    def step(self, theta: float, g: float) -> float:
        self.sum = self.sum + g * g
        return theta - self.lr * g / (math.sqrt(self.sum) + self.eps)


class RMSprop:
    """Like Adagrad but with a moving average of squared gradients (weight α on the past), so old
    slopes are forgotten and the rate can grow again when the ground flattens."""

    def __init__(self, lr: float, alpha: float, eps: float) -> None:
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        self.square_avg = 0.0

    def step(self, theta: float, g: float) -> float:
        self.square_avg = self.alpha * self.square_avg + (1.0 - self.alpha) * g * g
        return theta - self.lr * g / (math.sqrt(self.square_avg) + self.eps)


class Adam:
    """Momentum's average of gradients over RMSprop's average of squares, both bias-corrected: the
    averages start at 0, so early on they are too small by a factor (1 − βᵗ), which the correction
    divides out. The first step is therefore lr·g/(|g| + eps): lr in the direction of −g."""

    def __init__(self, lr: float, beta1: float, beta2: float, eps: float) -> None:
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.t = 0
        self.m = 0.0
        self.v = 0.0

    def step(self, theta: float, g: float) -> float:
        self.t += 1
        self.m = self.beta1 * self.m + (1.0 - self.beta1) * g
        self.v = self.beta2 * self.v + (1.0 - self.beta2) * g * g
        m_hat = self.m / (1.0 - self.beta1**self.t)
        v_hat = self.v / (1.0 - self.beta2**self.t)
        return theta - self.lr * m_hat / (math.sqrt(v_hat) + self.eps)


Rule = SGD | Momentum | Adagrad | RMSprop | Adam


def make(name: str, p: Settings) -> Rule:
    """A fresh rule (zeroed buffers) for one coordinate, with its settings taken from `p`."""
    lr = p.lr
    if name == "sgd":
        return SGD(lr)
    if name in ("momentum", "nesterov"):
        return Momentum(lr, p.momentum, nesterov=name == "nesterov")
    if name == "adagrad":
        return Adagrad(lr, p.eps)
    if name == "rmsprop":
        return RMSprop(lr, p.alpha, p.eps)
    if name == "adam":
        return Adam(lr, p.beta1, p.beta2, p.eps)
    raise ValueError(f"unknown optimizer {name!r}; valid: {', '.join(NAMES)}")


def pytorch_call(name: str, p: Settings) -> str:
    """The torch.optim constructor that makes the same steps, for a learner to reproduce a run."""

    def num(key: str) -> str:
        return f"{getattr(p, key):.6g}"

    lr = num("lr")
    if name == "sgd":
        return f"torch.optim.SGD(params, lr={lr})"
    if name == "momentum":
        return f"torch.optim.SGD(params, lr={lr}, momentum={num('momentum')})"
    if name == "nesterov":
        if p.momentum == 0:
            return f"torch.optim.SGD(params, lr={lr})"  # torch refuses nesterov without momentum
        return f"torch.optim.SGD(params, lr={lr}, momentum={num('momentum')}, nesterov=True)"
    if name == "adagrad":
        return f"torch.optim.Adagrad(params, lr={lr}, eps={num('eps')})"
    if name == "rmsprop":
        return f"torch.optim.RMSprop(params, lr={lr}, alpha={num('alpha')}, eps={num('eps')})"
    if name == "adam":
        return f"torch.optim.Adam(params, lr={lr}, betas=({num('beta1')}, {num('beta2')}), eps={num('eps')})"
    raise ValueError(f"unknown optimizer {name!r}; valid: {', '.join(NAMES)}")
