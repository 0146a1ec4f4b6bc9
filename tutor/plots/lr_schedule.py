"""lr-schedule's chart: the learning rate over the run beside the loss it produced.

The loss panel is logarithmic, so the level the noise lets the loss settle at is as visible as the
first fast drop. Every step's loss is a dot (the cloud shows how noisy training is) and a line
follows its running average (where training is heading); a faint line marks the level the run
settled at. With `compare` on, the five schedules are overlaid in matching colours in both panels,
one legend naming them, and only their running averages are drawn: five noise clouds on top of each
other would hide the very differences the comparison is for.
"""

from __future__ import annotations

import math

import numpy as np

from tutor.plots.canvas import PALETTE, PIN_COLOR, Canvas
from tutor.plots.thinning import envelope, panel_buckets
from tutor.sims.lr_schedule import SCHEDULES, series_name
from tutor.sims.result import Result

#: The log axis cannot show 0: a loss of exactly 0 (no noise, started at the minimum) sits here.
LOSS_FLOOR = 1e-12
#: A diverging loss is drawn up to this many times the starting loss and flat along that ceiling,
#: so one explosion does not squash every other curve against the bottom of the log axis.
CEILING = 10.0
#: The running average spans this share of the run (at least one step).
SMOOTHING = 0.05
DOT = {True: "braille", False: "."}


def draw(canvas: Canvas, result: Result) -> None:
    canvas.panels(1, 2)
    canvas.panel(1, 1, "learning rate per step")
    canvas.labels(x="step")
    window = max(1, round(SMOOTHING * int(result.params["steps"])))
    top = _ceiling(result)
    if result.params.get("compare"):
        _compare(canvas, result, window, top)
        return
    pins = [pin for pin in canvas.options.pins if pin.sim == result.sim]
    for i, pin in enumerate(pins, start=1):
        _line(canvas, pin.series["lr"], color=PIN_COLOR, label=f"{canvas.options.translate('pin')} {i}")
    _line(canvas, canvas.visible(result.series["lr"]), color=PALETTE[0],
          label=str(result.params["schedule"]) if pins else None)
    canvas.panel(1, 2, "loss per step (log scale)")
    canvas.labels(x="step")
    extent = _Extent()
    for pin in pins:
        extent.add(_line(canvas, _average(_log(pin.series["loss"], top), window), color=PIN_COLOR))
    loss = _log(canvas.visible(result.series["loss"]), top)
    extent.add(_dots(canvas, loss, color=PALETTE[1]))
    extent.add(_line(canvas, _average(loss, window), color=PALETTE[4]))
    tail = result.facts.get("tail_loss")
    if isinstance(tail, float) and (canvas.options.upto is None or canvas.options.upto >= len(loss) - 1):
        canvas.hline(math.log10(max(tail, LOSS_FLOOR)))
    extent.label(canvas)


def _compare(canvas: Canvas, result: Result, window: int, top: float) -> None:
    for i, name in enumerate(SCHEDULES):
        rates = result.series.get(f"lr_{series_name(name)}")
        if rates is not None:
            _line(canvas, canvas.visible(rates), color=PALETTE[i], label=name)
    canvas.panel(1, 2, "loss per step (log scale, running average)")
    canvas.labels(x="step")
    extent = _Extent()
    for i, name in enumerate(SCHEDULES):
        loss = result.series.get(f"loss_{series_name(name)}")
        if loss is not None:
            extent.add(_line(canvas, _average(_log(canvas.visible(loss), top), window), color=PALETTE[i]))
    extent.label(canvas)


def _ceiling(result: Result) -> float:
    loss = result.series["loss"]
    start = float(loss[0]) if len(loss) and np.isfinite(loss[0]) else 1.0
    return max(CEILING * start, 1.0)


def _log(loss: np.ndarray, top: float) -> np.ndarray:
    return np.log10(np.clip(loss, LOSS_FLOOR, top))


def _average(values: np.ndarray, window: int) -> np.ndarray:
    """The trailing mean over `window` steps (fewer at the start): it never looks ahead, so a run
    played step by step shows the same line as the finished run up to that step."""
    if window <= 1 or len(values) == 0:
        return values
    total = np.cumsum(values)
    ahead = np.concatenate([total[:window], total[window:] - total[:-window]])
    return ahead / np.minimum(np.arange(1, len(values) + 1), window)


def _line(canvas: Canvas, values: np.ndarray, **style: str | None) -> np.ndarray:
    """A per-step series as a line, thinned to the panel's resolution; returns what was drawn."""
    x, y = envelope(np.arange(len(values)), values, panel_buckets(canvas.options.width, 2))
    canvas.line(x, y, **style)
    return y


def _dots(canvas: Canvas, values: np.ndarray, color: str) -> np.ndarray:
    x, y = envelope(np.arange(len(values)), values, 2 * panel_buckets(canvas.options.width, 2))
    canvas.points(x, y, color=color, marker=DOT[canvas.options.unicode])
    return y


class _Extent:
    """The range of log₁₀(loss) drawn in the panel, to label its axis with plain losses (0.01, 1)."""

    def __init__(self) -> None:
        self.lo, self.hi = math.inf, -math.inf

    def add(self, values: np.ndarray) -> None:
        finite = values[np.isfinite(values)]
        if finite.size:
            self.lo, self.hi = min(self.lo, float(finite.min())), max(self.hi, float(finite.max()))

    def label(self, canvas: Canvas) -> None:
        if self.lo > self.hi:
            return
        ticks = log_ticks(self.lo, self.hi)
        canvas.plt.yticks(ticks, [f"{10.0**t:.3g}" for t in ticks])


def log_ticks(lo: float, hi: float) -> list[float]:
    """Tick positions (in log₁₀ units) between lo and hi at round losses: whole decades when the
    range holds at least two, else 1-2-5 steps, else the two ends."""
    decades = list(range(math.ceil(lo), math.floor(hi) + 1))
    if len(decades) >= 2:
        stride = max(1, math.ceil(len(decades) / 6))
        return [float(d) for d in decades[::stride]]
    round_ones = [d + math.log10(m) for d in range(math.floor(lo), math.ceil(hi) + 1) for m in (1, 2, 5)]
    inside = [t for t in round_ones if lo - 1e-9 <= t <= hi + 1e-9]
    if len(inside) >= 2:
        return inside
    return [lo, hi] if hi > lo else [lo]
