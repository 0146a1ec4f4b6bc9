"""The arithmetic of `lr-overshoot`: iterate w ← w − η·a·(w − w*) and name the regime."""

from __future__ import annotations

import numpy as np

from tutor.sims import guard
from tutor.sims.lr_overshoot import LrOvershootParams
from tutor.sims.result import Result
from tutor.sims.spec import ProgressFn
from tutor.sims.typed import as_mapping
from tutor.text import Msg

#: How close (relative) a rate must be to 1/a or 2/a to count as exactly on it.
EXACT = 1e-9


def regime(lr: float, a: float) -> str:
    """Which of the six behaviours gradient descent shows on this bowl at this rate."""
    optimal, edge = 1.0 / a, 2.0 / a
    if abs(lr - optimal) <= EXACT * optimal:
        return "optimal"
    if abs(lr - edge) <= EXACT * edge:
        return "stuck-oscillating"
    if lr > edge:
        return "diverging"
    if lr > optimal:
        return "oscillating"
    if lr < 0.1 / a:
        return "too-slow"
    return "monotone"


def simulate(p: LrOvershootParams, progress: ProgressFn | None = None) -> Result:
    lr, a, w0, w_star, steps = p.lr, p.a, p.w0, p.w_star, p.steps

    w = np.empty(steps + 1)
    w[0] = w0
    with guard.quiet():
        for t in range(steps):
            grad = a * (w[t] - w_star)
            w[t + 1] = w[t] - lr * grad
        loss = 0.5 * a * (w - w_star) ** 2

    series = {"w": w, "loss": loss}
    bad = guard.first_nonfinite(w, loss)
    kind = regime(lr, a)
    if bad is not None:
        series = guard.truncate(series, ("w", "loss"), bad)
        status = guard.diverged_status(bad)
    else:
        status = Msg("{regime}: each step multiplies the distance to w* by {factor}; loss {loss} "
                     "after {steps} steps", regime=Msg(kind), factor=f"{1 - lr * a:.4g}",
                     loss=f"{loss[-1]:.3g}", steps=steps)
    last = len(series["w"]) - 1
    return Result(
        sim="lr-overshoot",
        params=as_mapping(p),
        series=series,
        facts={
            "lr_optimal": 1.0 / a,
            "lr_diverge": 2.0 / a,
            "regime": kind,
            "factor": 1.0 - lr * a,
            "final_w": float(series["w"][last]) if last >= 0 else float("nan"),
            "final_loss": float(series["loss"][last]) if last >= 0 else float("nan"),
            "diverged": bad is not None,
        },
        status=status,
    )
