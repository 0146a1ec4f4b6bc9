"""The arithmetic of `landscape`: roll w ← w − η·L′(w) down a curve and say where it ended."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from tutor.sims import guard
from tutor.sims.landscape import LandscapeParams
from tutor.sims.landscape.functions import Curve, curve
from tutor.sims.result import Fact, Result
from tutor.sims.spec import ProgressFn
from tutor.sims.typed import as_mapping
from tutor.text import Msg

#: A weight beyond this has left every curve's interesting region for good: the run counts as
#: diverged there rather than crawling on towards overflow for hundreds of steps.
ESCAPE = 1e6
#: "At a minimum" means a loss within this of the minimum's own loss, in its valley.
AT_MINIMUM = 1e-3
#: A slope smaller than this moves w by less than a hundredth of the learning rate per step.
TINY_SLOPE = 1e-2
#: Points on the drawn curve: smooth at any terminal width, cheap to compute.
CURVE_POINTS = 401
#: How often a long run tells the caller how far it is.
REPORT_EVERY = 100
#: Steps at the end of a run examined for a cycle: two turns of the longest cycle looked for.
CYCLE_WINDOW = 16
#: The cycle lengths looked for; longer ones are reported as bouncing.
CYCLE_PERIODS = (2, 4, 8)
#: A point one cycle later is "the same point" within this fraction of the swing.
CYCLE_MATCH = 1e-3
#: A swing smaller than this is not a bounce the learner can see.
CYCLE_SWING = 1e-3


def simulate(p: LandscapeParams, progress: ProgressFn | None = None) -> Result:
    shape = curve(p.function, p.bump)
    lr, steps = p.lr, p.steps

    w, grad, escaped = descend(shape, p.w0, lr, steps, progress)
    with guard.quiet():
        loss = shape.loss(w)
    series = {"w": w, "loss": loss, "grad": grad, **_curve_series(shape, w)}
    facts = _facts(shape, w, loss, grad, diverged=escaped is not None)
    return Result(sim="landscape", params=as_mapping(p), series=series, facts=facts,
                  status=_status(facts, escaped, len(w) - 1, w))


def descend(shape: Curve, w0: float, lr: float, steps: int, progress: ProgressFn | None,
            ) -> tuple[np.ndarray, np.ndarray, int | None]:
    """The weights and slopes of `steps` plain gradient-descent steps, cut where w escapes.

    Returns (w, grad, escaped): w[t] and grad[t] = L′(w[t]) for every step reached, and the step at
    which w flew off (None if it never did). The recursion is sequential by nature; each step is a
    handful of scalar operations.
    """
    w = np.empty(steps + 1)
    grad = np.empty(steps + 1)
    current = np.float64(w0)
    escaped: int | None = None
    with guard.quiet():
        for t in range(steps):
            if t % REPORT_EVERY == 0:
                guard.report(progress, t, steps)
            slope = shape.grad(current)
            w[t], grad[t] = current, slope
            current = current - lr * slope
            if not abs(current) <= ESCAPE:  # also catches NaN
                escaped = t + 1
                break
        else:
            w[steps], grad[steps] = current, shape.grad(current)
    if escaped is not None:
        return w[:escaped], grad[:escaped], escaped
    return w, grad, None


def _curve_series(shape: Curve, path: np.ndarray) -> dict[str, np.ndarray]:
    """The curve on a grid that covers both the curve's usual view and every point of the path."""
    lo = min(shape.view[0], float(path.min()))
    hi = max(shape.view[1], float(path.max()))
    pad = 0.04 * (hi - lo)
    grid = np.linspace(lo - pad, hi + pad, CURVE_POINTS)
    with guard.quiet():
        return {"curve_w": grid, "curve_loss": shape.loss(grid)}


def _facts(shape: Curve, w: np.ndarray, loss: np.ndarray, grad: np.ndarray, *, diverged: bool,
           ) -> dict[str, Fact]:
    lowest = shape.global_index
    global_w = float(shape.minima[lowest])
    global_loss = float(shape.loss(shape.minima[lowest]))
    final_w, final_loss, final_grad = float(w[-1]), float(loss[-1]), float(grad[-1])
    facts: dict[str, Fact] = {
        "final_w": final_w, "final_loss": final_loss, "final_grad": final_grad,
        "minimum": "none", "minimum_w": None, "basin": "none", "steps_to_minimum": None,
        "stalled": False, "global_w": global_w, "global_loss": global_loss,
        "local_minima": len(shape.minima) - 1, "diverged": diverged,
    }
    if diverged:
        return facts
    basins = shape.basin(w)
    home = int(basins[-1])
    bottom = float(shape.loss(shape.minima[home]))
    facts["basin"] = "global" if home == lowest else "local"
    at_bottom = (basins == home) & (loss - bottom <= AT_MINIMUM)
    if at_bottom[-1]:
        facts["minimum"] = facts["basin"]
        facts["minimum_w"] = float(shape.minima[home])
        left = np.flatnonzero(~at_bottom)
        facts["steps_to_minimum"] = int(left[-1]) + 1 if left.size else 0
    facts["stalled"] = abs(final_grad) < TINY_SLOPE and final_loss - global_loss > AT_MINIMUM
    return facts


def bounce(w: np.ndarray) -> tuple[int, float, float] | None:
    """How the end of a run bounces, if it does: (p, lo, hi) when w has locked into a cycle of p
    steps (2, 4 or 8) between lo and hi, (0, lo, hi) when every one of the last steps reverses the
    one before without the swings dying down; None when the run is still going one way or calming.

    Plain gradient descent hops across a valley whenever η exceeds 2 over its curvature there; on a
    curve that is not a parabola the hops then grow until the steeper walls send them back, and the
    run can lock into a cycle that no number of extra steps will change."""
    if len(w) < CYCLE_WINDOW + 1:
        return None
    tail = w[-(CYCLE_WINDOW + 1):]
    steps = np.diff(tail)
    lo, hi = float(tail.min()), float(tail.max())
    if hi - lo <= CYCLE_SWING:
        return None  # too small to see: it has settled
    for period in CYCLE_PERIODS:
        if np.all(np.abs(tail[period:] - tail[:-period]) < CYCLE_MATCH * (hi - lo)):
            return (period, lo, hi)
    half = len(steps) // 2
    reversing = np.all(steps[1:] * steps[:-1] < 0)
    if reversing and np.max(np.abs(steps[half:])) >= 0.9 * np.max(np.abs(steps[:half])):
        return (0, lo, hi)
    return None


def _status(facts: Mapping[str, Fact], escaped: int | None, steps: int, w: np.ndarray) -> Msg:
    if escaped is not None:
        return guard.diverged_status(escaped)
    where = {"w": f"{facts['final_w']:.4g}", "loss": f"{facts['final_loss']:.3g}"}
    if facts["minimum"] == "global":
        return Msg("reached the global minimum at w = {m} after {k} steps (loss {loss})",
                   m=f"{facts['minimum_w']:.4g}", k=facts["steps_to_minimum"], loss=where["loss"])
    if facts["minimum"] == "local":
        return Msg("stuck in a local minimum at w = {m} (loss {loss}); the global one is at w = {g}",
                   m=f"{facts['minimum_w']:.4g}", loss=where["loss"], g=f"{facts['global_w']:.4g}")
    if facts["stalled"]:
        return Msg("stalled at w = {w}: the slope is only {slope} but the loss is still {loss}",
                   slope=f"{facts['final_grad']:.2g}", **where)
    bouncing = bounce(w)
    if bouncing is not None and bouncing[0] == 2:
        return Msg("caught in a two-step cycle: w hops between {a} and {b} for good (loss {loss}); η is too "
                   "large for this valley", a=f"{bouncing[1]:.4g}", b=f"{bouncing[2]:.4g}", loss=where["loss"])
    if bouncing is not None and bouncing[0]:
        return Msg("caught in a {p}-step cycle between w = {a} and {b} for good (loss {loss}); η is too large "
                   "for this valley", p=bouncing[0], a=f"{bouncing[1]:.4g}", b=f"{bouncing[2]:.4g}",
                   loss=where["loss"])
    if bouncing is not None:
        return Msg("bouncing across the {basin} minimum's valley between w = {a} and {b} without settling "
                   "(loss {loss}); η is too large for it", a=f"{bouncing[1]:.4g}", b=f"{bouncing[2]:.4g}",
                   basin=Msg(str(facts["basin"])), loss=where["loss"])
    return Msg("after {steps} steps w = {w}, loss {loss}: still on the way down into the {basin} "
               "minimum's valley", steps=steps, basin=Msg(str(facts["basin"])), **where)
