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
#: The running average spans this share of the run (at least one step).
SMOOTHING = 0.05
DOT = {True: "braille", False: "."}


def draw(canvas: Canvas, result: Result) -> None:
    canvas.panels(1, 2)
    canvas.panel(1, 1, "learning rate per step")
    canvas.labels(x="step")
    window = max(1, round(SMOOTHING * int(result.params["steps"])))
    if result.params.get("compare"):
        _compare(canvas, result, window)
        return
    pins = [pin for pin in canvas.options.pins if pin.sim == result.sim]
    for i, pin in enumerate(pins, start=1):
        _line(canvas, pin.series["lr"], color=PIN_COLOR, label=f"{canvas.options.translate('pin')} {i}")
    _line(canvas, canvas.visible(result.series["lr"]), color=PALETTE[0],
          label=str(result.params["schedule"]) if pins else None)
    canvas.panel(1, 2, "loss per step (log scale)")
    canvas.labels(x="step")
    canvas.log_y()
    for i, pin in enumerate(pins, start=1):
        _line(canvas, _average(_log(pin.series["loss"]), window), color=PIN_COLOR, trajectory=True,
              label=f"{canvas.options.translate('pin')} {i}")
    loss = _log(canvas.visible(result.series["loss"]))
    _dots(canvas, loss, color=PALETTE[1])
    _line(canvas, _average(loss, window), color=PALETTE[4], trajectory=True,
          label=str(result.params["schedule"]) if pins else None)
    tail = result.facts.get("tail_loss")
    if isinstance(tail, float) and (canvas.options.upto is None or canvas.options.upto >= len(loss) - 1):
        canvas.hline(math.log10(max(tail, LOSS_FLOOR)))


def _compare(canvas: Canvas, result: Result, window: int) -> None:
    for i, name in enumerate(SCHEDULES):
        rates = result.series.get(f"lr_{series_name(name)}")
        if rates is not None:
            _line(canvas, canvas.visible(rates), color=PALETTE[i], label=name)
    canvas.panel(1, 2, "loss per step (log scale, running average)")
    canvas.labels(x="step")
    canvas.log_y()
    for i, name in enumerate(SCHEDULES):
        loss = result.series.get(f"loss_{series_name(name)}")
        if loss is not None:
            _line(canvas, _average(_log(canvas.visible(loss)), window), color=PALETTE[i], trajectory=True,
                  label=name)


def _log(loss: np.ndarray) -> np.ndarray:
    """log10 of the loss; a diverging run is cut at the frame by the canvas, with a mark."""
    with np.errstate(all="ignore"):
        return np.log10(np.maximum(loss, LOSS_FLOOR))


def _average(values: np.ndarray, window: int) -> np.ndarray:
    """The trailing mean over `window` steps (fewer at the start): it never looks ahead, so a run
    played step by step shows the same line as the finished run up to that step."""
    if window <= 1 or len(values) == 0:
        return values
    total = np.cumsum(values)
    ahead = np.concatenate([total[:window], total[window:] - total[:-window]])
    return ahead / np.minimum(np.arange(1, len(values) + 1), window)


def _line(canvas: Canvas, values: np.ndarray, trajectory: bool = False, **style: str | None) -> np.ndarray:
    """A per-step series as a line, thinned to the panel's resolution; returns what was drawn."""
    x, y = envelope(np.arange(len(values)), values, panel_buckets(canvas.options.width, 2))
    canvas.line(x, y, trajectory=trajectory, **style)  # type: ignore[arg-type]
    return y


def _dots(canvas: Canvas, values: np.ndarray, color: str) -> np.ndarray:
    x, y = envelope(np.arange(len(values)), values, 2 * panel_buckets(canvas.options.width, 2))
    canvas.points(x, y, color=color, marker=DOT[canvas.options.unicode])
    return y
