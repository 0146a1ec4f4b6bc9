"""The five learning-rate schedules, as the closed forms of torch.optim.lr_scheduler.

With base rate η₀ and step t = 0, 1, …, steps (ηₜ is the rate used for the update from t to t + 1;
the last entry is the rate the scheduler holds after the final update):

constant       ηₜ = η₀
step           ηₜ = η₀·γ^⌊t / step_size⌋                  StepLR(step_size, gamma=step_gamma)
exponential    ηₜ = η₀·γᵗ                                 ExponentialLR(gamma=exp_gamma)
cosine         ηₜ = η_min + (η₀ − η_min)·(1 + cos(π·t/T))/2, T = steps
                                                          CosineAnnealingLR(T_max=steps, eta_min=lr_min)
warmup-cosine  for t < W: ηₜ = η₀·(s + (1 − s)·t/W)       LinearLR(start_factor=s, total_iters=W)
               for t ≥ W: the cosine above over t − W and T = steps − W
                                                          then CosineAnnealingLR(T_max=steps − W, eta_min)
                                                          (SequentialLR with milestones=[W])

W = min(warmup, steps) and s = warmup_start. PyTorch computes most of these step by step (each rate
from the previous one); the closed forms are the same numbers, and the tests check that.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tutor.sims.lr_schedule import SCHEDULES

NAMES = SCHEDULES


@dataclass(frozen=True)
class ScheduleSettings:
    """Everything a schedule may read besides its name; each schedule uses only its own fields."""

    lr: float
    steps: int
    step_size: int = 50
    step_gamma: float = 0.5
    exp_gamma: float = 0.98
    lr_min: float = 0.0
    warmup: int = 20
    warmup_start: float = 0.01


def rates(name: str, s: ScheduleSettings) -> np.ndarray:
    """The rate at every step 0 … s.steps (length steps + 1) of the schedule called `name`."""
    t = np.arange(s.steps + 1, dtype=float)
    if name == "constant":
        return np.full_like(t, s.lr)
    if name == "step":
        return s.lr * s.step_gamma ** np.floor(t / s.step_size)
    if name == "exponential":
        return s.lr * s.exp_gamma**t
    if name == "cosine":
        return _cosine(t, s.lr, s.lr_min, s.steps)
    if name == "warmup-cosine":
        warm = min(s.warmup, s.steps)
        if warm == 0:
            return _cosine(t, s.lr, s.lr_min, s.steps)
        linear = s.lr * (s.warmup_start + (1.0 - s.warmup_start) * t / warm)
        return np.where(t < warm, linear, _cosine(t - warm, s.lr, s.lr_min, s.steps - warm))
    raise ValueError(f"unknown schedule {name!r}; valid: {', '.join(NAMES)}")


def _cosine(t: np.ndarray, lr: float, lr_min: float, period: int) -> np.ndarray:
    """CosineAnnealingLR's closed form; a zero-length annealing (T = 0) just holds the base rate."""
    return lr_min + (lr - lr_min) * (1.0 + np.cos(np.pi * t / max(period, 1))) / 2.0
