"""The arithmetic of `gradcheck`: every numerical estimate for every h in one batched evaluation."""

from __future__ import annotations

import numpy as np

from tutor.sims import guard
from tutor.sims.gradcheck import GradcheckParams, mlp, numeric
from tutor.sims.result import Result
from tutor.sims.spec import ProgressFn
from tutor.sims.typed import as_mapping
from tutor.text import Msg

INPUTS = 2
#: The sweep: h from 1e-1 down to 1e-12, four steps per decade, each decade exactly 1e-k.
SWEEP = np.array([float(f"{10.0 ** (-k / 4):.12g}") for k in range(4, 49)])
#: Widths of the networks in the cost comparison.
COST_WIDTHS = tuple(range(1, 65))
#: Passes per backpropagation gradient: one forward, one backward.
BACKPROP_PASSES = 2


def problem(width: int, n_samples: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Seeded data and weights: x ~ N(0, 1) in two inputs, target 1 when x₁·x₂ > 0, weights ~ N(0, 1)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n_samples, INPUTS))
    y = (x[:, 0] * x[:, 1] > 0).astype(float)
    theta = rng.normal(size=mlp.n_weights(INPUTS, width))
    return x, y, theta


def simulate(p: GradcheckParams, progress: ProgressFn | None = None) -> Result:
    width, activation, loss = p.width, p.activation, p.loss
    dtype = np.float32 if p.precision == "float32" else np.float64
    x, y, theta = problem(width, p.n_samples, p.seed)
    theta = theta.astype(dtype).astype(float)  # the weights are exactly the ones being evaluated
    hs = np.append(SWEEP, p.h)  # the sweep, then the learner's own h
    x_eval, at = x.astype(dtype), theta.astype(dtype)

    def f(thetas: np.ndarray) -> np.ndarray:
        return mlp.losses(thetas, x_eval, y, activation, loss)

    fwd = np.empty((len(hs), theta.size))
    ctr = np.empty_like(fwd)
    with guard.quiet():
        exact = mlp.gradient(theta, x_eval.astype(float), y, activation, loss)
        for i, h in enumerate(hs):
            fwd[i], evals_forward = numeric.forward_difference(f, at, h)
            ctr[i], evals_central = numeric.central_difference(f, at, h)
            guard.report(progress, i + 1, len(hs))
        err_f = numeric.relative_error(fwd, exact)
        err_c = numeric.relative_error(ctr, exact)
        value = float(mlp.losses(theta[None, :], x, y, activation, loss)[0])

    n = theta.size
    cost_n = np.array([mlp.n_weights(INPUTS, w) for w in COST_WIDTHS], dtype=float)
    series = {
        "h": SWEEP.copy(), "err_forward": err_f[:-1], "err_central": err_c[:-1],
        "cost_weights": cost_n, "cost_forward": cost_n + 1, "cost_central": 2 * cost_n,
        "cost_backprop": np.full_like(cost_n, BACKPROP_PASSES),
    }
    best_f, best_c = int(np.argmin(err_f[:-1])), int(np.argmin(err_c[:-1]))
    facts = {
        "err_forward": float(err_f[-1]),
        "err_central": float(err_c[-1]),
        "best_h_forward": float(SWEEP[best_f]),
        "best_err_forward": float(err_f[best_f]),
        "best_h_central": float(SWEEP[best_c]),
        "best_err_central": float(err_c[best_c]),
        "n_weights": n,
        "evals_forward": evals_forward,
        "evals_central": evals_central,
        "evals_backprop": BACKPROP_PASSES,
        "loss": value,
        "diverged": False,
    }
    status = Msg("at h = {h}: forward difference off by {ef}, central by {ec}; best h {bf} (forward) and "
                 "{bc} (central); {n} weights cost {cf} and {cc} evaluations, backprop {bp} passes",
                 h=f"{p.h:.0e}", ef=f"{facts['err_forward']:.1e}", ec=f"{facts['err_central']:.1e}",
                 bf=f"{facts['best_h_forward']:.0e}", bc=f"{facts['best_h_central']:.0e}", n=n,
                 cf=facts["evals_forward"], cc=facts["evals_central"], bp=BACKPROP_PASSES)
    return Result(sim="gradcheck", params=as_mapping(p), series=series, facts=facts, status=status)
