"""The arithmetic of `weight-update` (its definition is in the package docstring).

A batch's gradient depends on w and b only through five sums over the batch — its size m, Σx,
Σx², Σy and Σxy:

    ∂L/∂w = 2·(w·Σx² + b·Σx − Σxy) / m        ∂L/∂b = 2·(w·Σx + b·m − Σy) / m

so every batch's sums are computed up front with vectorised NumPy, and the step loop itself is a
few float operations per step, however large the batches. The loss on all samples is computed the
same way, around the least-squares optimum (w*, b*):

    L(w, b) = L* + (Δb + x̄·Δw)² + var(x)·Δw²      with Δw = w − w*, Δb = b − b*,

which is mean((ŷ − y)²) rewritten: it costs O(1) per step instead of O(n_samples), and it keeps
full precision near the optimum, where subtracting large sums would not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from tutor.sims import guard
from tutor.sims.result import Fact, Result
from tutor.sims.spec import ProgressFn
from tutor.sims.typed import as_mapping
from tutor.sims.weight_update import FIT_TOLERANCE, WeightUpdateParams
from tutor.text import Msg

#: Batch sums are built for at most this many shuffled samples at a time, to bound memory.
CHUNK_SAMPLES = 1 << 18

#: A run whose loss ends this many times above where it began is reported as overshooting, not as
#: the small rise mini-batch jitter can leave when training starts on the best line.
GREW = 2.0

#: A loss that rises by less than this fraction (plus a hair) is rounding, not an increase.
RISE_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Samples:
    """The data and what the closed form says about it."""

    x: np.ndarray
    y: np.ndarray
    w_opt: float
    b_opt: float
    loss_opt: float
    mean_x: float
    var_x: float


def draw_samples(n: int, w_true: float, b_true: float, noise: float, rng: np.random.Generator) -> Samples:
    """x ~ uniform[−1, 1), then y = w_true·x + b_true + noise·ε, and the least-squares line through them."""
    x = rng.uniform(-1.0, 1.0, n)
    y = w_true * x + b_true + noise * rng.standard_normal(n)
    mean_x, mean_y = float(x.mean()), float(y.mean())
    dx = x - mean_x
    var_x = float(np.mean(dx * dx))
    w_opt = float(np.mean(dx * (y - mean_y))) / var_x if var_x > 0 else 0.0
    b_opt = mean_y - w_opt * mean_x
    loss_opt = float(np.mean((w_opt * x + b_opt - y) ** 2))
    return Samples(x, y, w_opt, b_opt, loss_opt, mean_x, var_x)


def effective_batch(batch_size: int, n: int) -> int:
    """Samples per step: 0 and anything from n_samples up mean the whole data set."""
    return n if batch_size <= 0 or batch_size >= n else batch_size


def batch_sums(x: np.ndarray, y: np.ndarray, batch: int, steps: int, rng: np.random.Generator,
               ) -> tuple[np.ndarray, ...]:
    """(m, Σx, Σx², Σy, Σxy) of the batch each step uses, one entry per step.

    Mini-batches follow a fresh random order each epoch, cut into runs of `batch` with a smaller
    last run when `batch` does not divide n. `Generator.permuted` shuffles row by row from one
    stream, so a longer run shares every earlier batch with a shorter one.
    """
    n = len(x)
    if batch >= n:
        sums = (float(n), float(x.sum()), float(x @ x), float(y.sum()), float(x @ y))
        return tuple(np.full(steps, s) for s in sums)
    starts = np.arange(0, n, batch)
    per_epoch = len(starts)
    sizes = np.diff(np.append(starts, n)).astype(float)
    epochs = -(-steps // per_epoch)
    parts: list[list[np.ndarray]] = [[], [], [], [], []]
    chunk = max(1, CHUNK_SAMPLES // n)
    identity = np.arange(n)
    for first in range(0, epochs, chunk):
        rows = min(chunk, epochs - first)
        order = rng.permuted(np.broadcast_to(identity, (rows, n)), axis=1)
        xs, ys = x[order].ravel(), y[order].ravel()
        cuts = (starts[None, :] + n * np.arange(rows)[:, None]).ravel()
        parts[0].append(np.tile(sizes, rows))
        for i, values in enumerate((xs, xs * xs, ys, xs * ys), start=1):
            parts[i].append(np.add.reduceat(values, cuts))
    return tuple(np.concatenate(p)[:steps] for p in parts)


def descend(w0: float, b0: float, lr: float, sums: tuple[np.ndarray, ...], progress: ProgressFn | None,
            ) -> tuple[list[float], list[float], list[float], list[float]]:
    """w, b before each step and the batch gradient each step used; stops early at overflow.

    Plain Python floats: they overflow to inf quietly, and per-step float arithmetic is cheaper
    than NumPy scalars.
    """
    m, sx, sxx, sy, sxy = (s.tolist() for s in sums)
    steps = len(m)
    ws, bs, gws, gbs = [w0], [b0], [], []
    w, b = w0, b0
    for t in range(steps):
        gw = 2.0 * (w * sxx[t] + b * sx[t] - sxy[t]) / m[t]
        gb = 2.0 * (w * sx[t] + b * m[t] - sy[t]) / m[t]
        gws.append(gw)
        gbs.append(gb)
        w -= lr * gw
        b -= lr * gb
        ws.append(w)
        bs.append(b)
        if not (math.isfinite(w) and math.isfinite(b)):
            break
        guard.report(progress, t + 1, steps)
    return ws, bs, gws, gbs


def simulate(p: WeightUpdateParams, progress: ProgressFn | None = None) -> Result:
    lr, steps = p.lr, p.steps
    n = p.n_samples
    rng = np.random.default_rng(p.seed)
    batch = effective_batch(p.batch_size, n)

    with guard.quiet():
        data = draw_samples(n, p.w_true, p.b_true, p.noise, rng)
        sums = batch_sums(data.x, data.y, batch, steps, rng)
        ws, bs, gws, gbs = descend(p.w0, p.b0, lr, sums, progress)
        series = _series(data, steps, ws, bs, gws, gbs)

    bad = guard.first_nonfinite(*series.values())
    if bad is not None:
        series = guard.truncate(series, tuple(series), bad)
    facts = _facts(data, series, batch, steps, float(sums[0].sum()), bad is not None)
    return Result(sim="weight-update", params=as_mapping(p), series=series, facts=facts,
                  status=_status(series, facts, bad, lr, steps), data={"x": data.x, "y": data.y})


def _series(data: Samples, steps: int, ws: list[float], bs: list[float], gws: list[float],
            gbs: list[float]) -> dict[str, np.ndarray]:
    """Every trajectory at length steps + 1, NaN past an early stop (cut off by the caller)."""
    out = {name: np.full(steps + 1, np.nan) for name in ("w", "b", "loss", "grad_w", "grad_b")}
    out["w"][: len(ws)] = ws
    out["b"][: len(bs)] = bs
    out["grad_w"][: len(gws)] = gws
    out["grad_b"][: len(gbs)] = gbs
    dw, db = out["w"] - data.w_opt, out["b"] - data.b_opt
    out["loss"] = data.loss_opt + (db + data.mean_x * dw) ** 2 + data.var_x * dw * dw
    if len(ws) == steps + 1:  # the last gradient is on all samples, at the final weights
        x, y = data.x, data.y
        residual = ws[-1] * x + bs[-1] - y
        out["grad_w"][steps] = 2.0 * float(np.mean(residual * x))
        out["grad_b"][steps] = 2.0 * float(np.mean(residual))
    return out


def _facts(data: Samples, series: dict[str, np.ndarray], batch: int, steps: int, seen: float,
           diverged: bool) -> dict[str, Fact]:
    loss = series["loss"]
    final_loss = float(loss[-1])
    rises = np.diff(loss) > RISE_TOLERANCE * loss[:-1] + 1e-15
    fitted = np.flatnonzero(loss <= data.loss_opt + FIT_TOLERANCE)
    mean_sq = data.var_x + data.mean_x**2
    # The loss's Hessian is 2·[[mean x², mean x], [mean x, 1]]; its largest eigenvalue sets the edge.
    curvature = (mean_sq + 1.0) + math.hypot(mean_sq - 1.0, 2.0 * data.mean_x)
    return {
        "final_w": float(series["w"][-1]),
        "final_b": float(series["b"][-1]),
        "final_loss": final_loss,
        "optimum_w": data.w_opt,
        "optimum_b": data.b_opt,
        "optimum_loss": data.loss_opt,
        "excess_loss": final_loss - data.loss_opt,
        "steps_to_fit": int(fitted[0]) if fitted.size else None,
        "loss_increases": int(np.count_nonzero(rises)),
        "lr_edge": 2.0 / curvature,
        "batch": batch,
        "epochs": seen / len(data.x),
        "diverged": diverged,
    }


def _status(series: dict[str, np.ndarray], facts: dict[str, Fact], bad: int | None, lr: float,
            steps: int) -> Msg:
    if bad is not None:
        return Msg("{diverged}: the steps overshoot further each time (lr {lr}; full-batch steps "
                   "diverge above {edge})", diverged=guard.diverged_status(bad), lr=f"{lr:g}",
                   edge=f"{facts['lr_edge']:.3g}")
    loss = series["loss"]
    count = Msg("1 step") if steps == 1 else Msg("{n} steps", n=steps)
    if loss[-1] > GREW * loss[0]:
        return Msg("the loss grew from {first} to {last} in {count}: each step overshoots, "
                   "try a smaller lr", first=f"{loss[0]:.3g}", last=f"{loss[-1]:.3g}", count=count)
    return Msg("after {count} w = {w}, b = {b}, loss {loss} (best line: w = {ow}, b = {ob}, "
               "loss {ol})", count=count, w=f"{facts['final_w']:.3g}", b=f"{facts['final_b']:.3g}",
               loss=f"{facts['final_loss']:.3g}", ow=f"{facts['optimum_w']:.3g}",
               ob=f"{facts['optimum_b']:.3g}", ol=f"{facts['optimum_loss']:.3g}")
