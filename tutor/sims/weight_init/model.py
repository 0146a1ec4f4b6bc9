"""The arithmetic of `init`: one forward pass through a freshly initialized stack, measured per layer."""

from __future__ import annotations

import numpy as np

from tutor.sims import guard
from tutor.sims.activations import activate, slope
from tutor.sims.result import Fact, Result
from tutor.sims.spec import ProgressFn
from tutor.sims.typed import as_mapping
from tutor.sims.weight_init import WeightInitParams
from tutor.text import Msg

#: Where each activation's histogram is drawn: its whole range for the bounded ones; for ReLU a range
#: that holds a well-scaled signal (He keeps E[h²] = E[x²] = 1), with larger values in the last bin.
HIST_RANGE = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0), "relu": (0.0, 4.0)}

#: An activation is "saturated" where its slope is below this fraction of the slope's maximum:
#: a gradient passing through it is cut at least twentyfold.
FLAT_SLOPE = 0.05

#: Thresholds of the `signal` verdict. More than SATURATED of the last layer in flat tails, or more
#: than DEAD of its ReLUs silent, is named for that. Otherwise the last layer's std is compared with
#: the activation's range (exploding above GROWN × span, vanishing below FADED × span) and with the
#: first layer's (a factor beyond FACTOR either way).
SATURATED, DEAD, GROWN, FADED, FACTOR = 0.25, 0.5, 2.0, 0.05, 0.1

#: Units whose values differ by no more than this (relative to the layer's size) count as copies.
SAME = 1e-12


def weight_std(init: str, fan_in: int, fan_out: int) -> float:
    """The standard deviation each initialization draws weights with."""
    if init == "zeros":
        return 0.0
    if init == "small":
        return 0.01
    if init == "large":
        return 1.0
    if init == "xavier":
        return float(np.sqrt(2.0 / (fan_in + fan_out)))
    return float(np.sqrt(2.0 / fan_in))  # he


def flat_fraction(name: str, a: np.ndarray) -> float:
    """The share of activations whose local slope is under FLAT_SLOPE of its maximum (sigmoid, tanh)."""
    peak = {"sigmoid": 0.25, "tanh": 1.0}.get(name)
    if peak is None:
        return 0.0
    return float(np.mean(slope(name, a) / peak < FLAT_SLOPE))


def histogram(a: np.ndarray, lo: float, hi: float, bins: int) -> np.ndarray:
    """Counts of `a` in `bins` equal bins over [lo, hi]; values outside land in the end bins."""
    index = np.floor((a.ravel() - lo) * (bins / (hi - lo)))
    index = np.clip(index, 0, bins - 1).astype(np.intp)  # activations are finite: tanh, σ bounded, ReLU < 1e13
    return np.bincount(index, minlength=bins)


def simulate(p: WeightInitParams, progress: ProgressFn | None = None) -> Result:
    init, act = p.init, p.activation
    layers, width, batch, bins = p.layers, p.width, p.batch, p.bins
    rng = np.random.default_rng(p.seed)

    std = weight_std(init, width, width)
    lo, hi = HIST_RANGE[act]
    x = rng.standard_normal((batch, width))
    act_mean, act_std = np.zeros(layers), np.zeros(layers)
    saturated, dead, spread = np.zeros(layers), np.zeros(layers), np.zeros(layers)
    hist = np.zeros((layers, bins), dtype=np.int64)
    weights: dict[str, np.ndarray] = {}

    h = x
    with guard.quiet():
        for i in range(layers):
            guard.report(progress, i, layers)
            w = rng.standard_normal((width, width)) * std if std > 0 else np.zeros((width, width))
            weights[f"W{i}"] = w
            h = activate(act, h @ w)
            act_mean[i], act_std[i] = h.mean(), h.std()
            saturated[i] = flat_fraction(act, h)
            dead[i] = float(np.mean(np.all(h == 0.0, axis=0))) if act == "relu" else 0.0
            spread[i] = float(np.max(h.max(axis=1) - h.min(axis=1)))
            hist[i] = histogram(h, lo, hi, bins)
        guard.report(progress, layers, layers)

    bad = not guard.all_finite(act_mean, act_std, spread)
    scale = np.maximum(1.0, np.abs(act_mean) + act_std)
    symmetric = bool(np.all(spread <= SAME * scale))
    ratio = float(act_std[-1] / act_std[0]) if act_std[0] > 0 else None
    kind = signal(act, symmetric, float(act_std[-1]), ratio, float(saturated[-1]), float(dead[-1]))
    series = {"act_mean": act_mean, "act_std": act_std, "saturated": saturated, "dead": dead,
              "unit_spread": spread, "hist": hist, "bin_edges": np.linspace(lo, hi, bins + 1)}
    facts: dict[str, Fact] = {
        "signal": kind,
        "weight_std": std,
        "std_first": float(act_std[0]),
        "std_last": float(act_std[-1]),
        "std_ratio": ratio,
        "mean_last": float(act_mean[-1]),
        "saturated_last": float(saturated[-1]),
        "dead_last": float(dead[-1]),
        "unit_spread": float(spread.max()),
        "symmetric": symmetric,
        "diverged": bad,
    }
    status = guard.diverged_status(0) if bad else _status(kind, layers, float(act_std[-1]), ratio,
                                                           float(saturated[-1]), float(dead[-1]))
    return Result(sim="init", params=as_mapping(p), series=series, facts=facts, status=status,
                  export={"X": x, **weights})


def signal(act: str, symmetric: bool, std_last: float, ratio: float | None, saturated_last: float,
           dead_last: float) -> str:
    """What happened to the signal by the last layer, judged against the activation's own range."""
    span = HIST_RANGE[act][1] - HIST_RANGE[act][0]
    if symmetric:
        return "symmetric"
    if saturated_last > SATURATED:
        return "saturated"
    if dead_last > DEAD:
        return "dead"
    if std_last > GROWN * span or (ratio is not None and ratio > 1 / FACTOR):
        return "exploding"
    if std_last < FADED * span or (ratio is not None and ratio < FACTOR):
        return "vanishing"
    return "healthy"


def _status(kind: str, layers: int, std_last: float, ratio: float | None, saturated_last: float,
            dead_last: float) -> Msg:
    """One line naming what the learner should notice first."""
    if kind == "symmetric":
        return Msg("symmetric: every unit of a layer computes the same value, so the units are copies "
                   "and stay copies")
    shown = Msg("last-layer std {std} ({ratio}× the first layer's)", std=f"{std_last:.3g}",
                ratio=f"{ratio:.3g}" if ratio is not None else "–")
    if kind == "saturated":
        return Msg("saturated: {share}% of the last layer sits in a flat tail, where gradients nearly "
                   "vanish; {shown}", share=f"{100 * saturated_last:.0f}", shown=shown)
    if kind == "dead":
        return Msg("dead: {share}% of the last layer's ReLUs output 0 for every sample; {shown}",
                   share=f"{100 * dead_last:.0f}", shown=shown)
    if kind == "exploding":
        return Msg("exploding: the signal grows through the {n} layers; {shown}", n=layers, shown=shown)
    if kind == "vanishing":
        return Msg("vanishing: the signal fades through the {n} layers; {shown}", n=layers, shown=shown)
    return Msg("healthy: the signal keeps a useful size through the {n} layers; {shown}", n=layers,
               shown=shown)
