"""The arithmetic of `vanishing`: train the stack by full-batch gradient descent and measure how
large each layer's gradient is, before and after."""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from tutor.sims import guard
from tutor.sims.result import Fact, Result
from tutor.sims.spec import ProgressFn
from tutor.sims.typed import as_mapping
from tutor.sims.vanishing import SPEC, VanishingParams
from tutor.sims.vanishing.clipping import clip_factor
from tutor.sims.vanishing.export import InitialState
from tutor.sims.vanishing.network import Network, start
from tutor.text import Msg

#: grad_ratio_first_last below VANISHING (or above EXPLODING) names the gradient flow.
VANISHING, EXPLODING = 0.1, 10.0
#: The global gradient norm, Σ g², by NumPy's own loop rather than BLAS: a BLAS dot of the flat
#: gradient (over ten thousand numbers from 10 × 32 up) is handed to its threads, and that hand-off
#: alone has cost milliseconds per call on a busy machine — more than the rest of a small step.
SQUARES = "i,i->"
#: A loss this many times its starting value (or 1, if that is larger) counts as diverged, not only
#: an overflow: such a run only climbs on until it overflows, and its vanished gradients fill the
#: stack with subnormal numbers that make every further step many times slower.
BLOWUP = 1e6


def simulate(p: VanishingParams, progress: ProgressFn | None = None) -> Result:
    steps, lr, clip_norm = p.steps, p.lr, p.clip_norm
    net, _, y = start(p)
    loss = np.empty(steps + 1)
    grad_total = np.empty(steps + 1)
    series: dict[str, np.ndarray] = {}
    dead: dict[str, float | None] = {}
    clipped = 0
    bad: int | None = None
    limit = math.inf
    params, grads = net.params.flat, net.grads.flat
    with guard.quiet():
        for t in range(steps + 1):  # step t's pass measures the loss and gradients after t updates
            guard.report(progress, t, steps + 1)
            loss[t] = net.loss(y)
            if t in (0, steps):  # slopes are read before the backward pass reuses their buffer
                dead["dead_fraction" if t == 0 else "dead_fraction_final"] = net.dead_fraction()
            net.backward()
            grad_total[t] = math.sqrt(float(np.einsum(SQUARES, grads, grads)))
            if t == 0:
                series.update(_first_look(net))
                limit = BLOWUP * max(1.0, loss[0])
            if not (math.isfinite(loss[t]) and math.isfinite(grad_total[t])) or loss[t] > limit:
                bad = t
                break
            if t == steps:
                series["grad_norm_final"] = net.layer_grad_norms()
                break
            factor = clip_factor(float(grad_total[t]), clip_norm)
            clipped += int(factor < 1.0)
            grads *= -lr * factor
            params += grads
        guard.report(progress, steps + 1, steps + 1)

    series["loss"], series["grad_total"] = loss, grad_total
    series = {name: series[name] for name in SPEC.series if name in series}  # in the declared order
    if bad is not None:
        series = guard.truncate(series, ("loss", "grad_total"), bad)
        dead.pop("dead_fraction_final", None)
    return Result(sim="vanishing", params=as_mapping(p), series=series,
                  facts=_facts(series, dead, clipped, bad), status=_status(series, steps, clipped, bad),
                  export=InitialState(p))


def _first_look(net: Network) -> dict[str, np.ndarray]:
    """The per-layer measurements taken at the starting point."""
    mean, std = net.activation_stats()
    return {"grad_norm": net.layer_grad_norms(), "act_mean": mean, "act_std": std}


def grad_ratio(norms: np.ndarray) -> float | None:
    """First hidden layer's gradient norm over the last one's; None when that is not a number
    (both 0, or an overflow)."""
    first, last = float(norms[0]), float(norms[-1])
    if not (math.isfinite(first) and math.isfinite(last)) or first == last == 0:
        return None
    return math.inf if last == 0 else first / last


def flow(norms: np.ndarray, loss: np.ndarray | None = None, grad_total: np.ndarray | None = None,
         diverged: bool = False) -> str:
    """vanishing, healthy, uneven or exploding; unknown when the ratio is not a number, except that no
    gradient at all in the first layer is vanishing.

    The ratio at the start says how evenly the gradient reaches the layers; whether it explodes is
    a matter of what training then does. A run that blew up exploded, whatever its ratio. A large
    ratio, or a gradient that grows tenfold during the run, is exploding only when training does not
    tame it; it is tamed when the loss ends at least tenfold below its start and the gradient ends
    smaller than it began. A tamed large ratio is merely uneven; a tamed spike leaves the flow as its
    ratio says (the status line tells of the spike)."""
    if diverged:
        return "exploding"
    ratio = grad_ratio(norms)
    if ratio is None:
        return "vanishing" if float(norms[0]) == 0 else "unknown"
    if ratio < VANISHING:
        return "vanishing"
    steep = ratio > EXPLODING
    if not steep and spike(grad_total) is None:
        return "healthy"
    if not tamed(loss, grad_total):
        return "exploding"
    return "uneven" if steep else "healthy"


def spike(grad_total: np.ndarray | None) -> tuple[float, int] | None:
    """(how many times its start, at which step) when the total gradient grew past tenfold its start."""
    if grad_total is None or len(grad_total) < 2 or not float(grad_total[0]) > 0:
        return None
    peak = int(np.argmax(grad_total))
    times = float(grad_total[peak]) / float(grad_total[0])
    return (times, peak) if times > EXPLODING else None


def tamed(loss: np.ndarray | None, grad_total: np.ndarray | None) -> bool:
    """Training came through: the loss ended tenfold below its start and the gradient below its own."""
    if loss is None or grad_total is None or len(loss) < 2:
        return False
    return float(loss[-1]) < float(loss[0]) / EXPLODING and float(grad_total[-1]) < float(grad_total[0])


def _facts(series: Mapping[str, np.ndarray], dead: Mapping[str, float | None], clipped: int,
           bad: int | None) -> dict[str, Fact]:
    loss = series["loss"]
    ratio = grad_ratio(series["grad_norm"])
    return {
        "grad_ratio_first_last": ratio,
        "gradient_flow": flow(series["grad_norm"], loss, series["grad_total"], bad is not None),
        "initial_loss": float(loss[0]) if len(loss) else None,
        "final_loss": float(loss[-1]) if len(loss) else None,
        "clip_active": clipped > 0,
        "clipped_steps": clipped,
        "dead_fraction": dead.get("dead_fraction"),
        "dead_fraction_final": dead.get("dead_fraction_final"),
        "diverged": bad is not None,
    }


def _status(series: Mapping[str, np.ndarray], steps: int, clipped: int, bad: int | None) -> Msg:
    if bad is not None:
        return Msg("{diverged}: the loss blew up (a millionfold past its start, or an overflow); try a "
                   "smaller lr or init_std, or set clip_norm", diverged=guard.diverged_status(bad))
    ratio = grad_ratio(series["grad_norm"])
    loss = series["loss"]
    text = Msg("{flow} gradients: the first layer's gradient is {ratio} × the last layer's; "
               "loss {start} → {end} in {steps} steps",
               flow=Msg(flow(series["grad_norm"], loss, series["grad_total"])),
               ratio="n/a" if ratio is None else f"{ratio:.3g}", start=f"{loss[0]:.3g}",
               end=f"{loss[-1]:.3g}", steps=steps)
    if clipped:
        text = Msg("{text}; clipped in {n} of {steps} steps", text=text, n=clipped, steps=steps)
    jump = spike(series["grad_total"])
    if jump is not None and tamed(loss, series["grad_total"]):
        text = Msg("{text}; the gradient spiked to {k}× its start at step {t}, and training recovered",
                   text=text, k=f"{jump[0]:.3g}", t=jump[1])
    return text
