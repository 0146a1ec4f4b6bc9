"""weight-update's chart: the samples with the neuron's current line through them, and the loss.

The line is what the weights mean — w tilts it, b lifts it — so watching it swing onto the points
while the loss falls ties the two together. In play mode the line is the one at the current step.
The loss axis is logarithmic: the loss falls by orders of magnitude, and the jitter mini-batches
add near the bottom would be flat on a linear axis. Tall charts add the weights and the gradients
per step underneath.
"""

from __future__ import annotations

import math

import numpy as np

from tutor.plots.canvas import PALETTE, PIN_COLOR, Canvas
from tutor.sims.result import Result

#: From this many rows the chart has room for a second row of panels.
TALL = 28


#: Titles for terminals without Unicode (the contract: an ASCII chart holds only ASCII).
ASCII_TITLES = {
    "samples and the line ŷ = w·x + b": "samples and the line y = w*x + b",
    "gradients ∂L/∂w and ∂L/∂b per step": "gradients dL/dw and dL/db per step",
    "∂L/∂w": "dL/dw",
    "∂L/∂b": "dL/db",
}


def draw(canvas: Canvas, result: Result) -> None:
    tall = canvas.options.height >= TALL
    canvas.panels(2 if tall else 1, 2)
    canvas.panel(1, 1, _text(canvas, "samples and the line ŷ = w·x + b"))
    _fit(canvas, result)
    canvas.panel(1, 2, "loss on all samples (log scale)")
    _log_loss(canvas, result)
    if tall:
        canvas.panel(2, 1, "weight w and bias b per step")
        _pair(canvas, result, ("w", "w"), ("b", "b"))
        canvas.panel(2, 2, _text(canvas, "gradients ∂L/∂w and ∂L/∂b per step"))
        canvas.hline(0.0)
        _pair(canvas, result, ("grad_w", _text(canvas, "∂L/∂w")), ("grad_b", _text(canvas, "∂L/∂b")))


def _text(canvas: Canvas, title: str) -> str:
    return title if canvas.options.unicode else ASCII_TITLES.get(title, title)


def _pair(canvas: Canvas, result: Result, first: tuple[str, str], second: tuple[str, str]) -> None:
    """Two trajectories in one panel with a legend (without colour the canvas gives the second its
    own marker; in play mode the canvas holds the axes of the whole run)."""
    for (name, label), color in ((first, PALETTE[0]), (second, PALETTE[2])):
        whole = result.series[name]
        ys = canvas.visible(whole)
        canvas.line(np.arange(len(ys)), ys, color=color, label=label, trajectory=True,
                    start=float(whole[0]) if len(whole) else None)


def _line_at(result: Result, step: int | None) -> tuple[float, float] | None:
    """(w, b) at `step` (the last step reached when None or past the end), if there is one."""
    w, b = result.series["w"], result.series["b"]
    if len(w) == 0:
        return None
    index = len(w) - 1 if step is None else min(step, len(w) - 1)
    return float(w[index]), float(b[index])


def _fit(canvas: Canvas, result: Result) -> None:
    x, y = result.data["x"], result.data["y"]
    current = _line_at(result, canvas.options.upto)
    # The view of the whole run (its last line), so in play mode the samples hold still.
    view = fit_view(float(np.min(y)), float(np.max(y)), _line_at(result, None))
    for pin in canvas.options.pins:
        _draw_line(canvas, _line_at(pin, canvas.options.upto), view, PIN_COLOR)
    _draw_line(canvas, current, view, PALETTE[0])
    canvas.points(x, y, color=PALETTE[1], marker="•" if canvas.options.unicode else "o")
    canvas.xlim(-1.0, 1.0)
    canvas.ylim(*view)


def fit_view(lo: float, hi: float, line: tuple[float, float] | None) -> tuple[float, float]:
    """The y range to show: the samples, widened to take in the line unless it is far off.

    A line far from the samples (a wild start, a diverging run) is cut at the edge rather than
    squashing every sample into one row.
    """
    span = hi - lo + 0.2
    if line is not None and math.isfinite(line[0]) and math.isfinite(line[1]):
        ends = (line[1] - line[0], line[1] + line[0])
        lo = max(min(lo, *ends), lo - 2 * span)
        hi = min(max(hi, *ends), hi + 2 * span)
    pad = 0.1 * (hi - lo) + 0.05
    return lo - pad, hi + pad


def _draw_line(canvas: Canvas, line: tuple[float, float] | None, view: tuple[float, float], color: str,
               ) -> None:
    """The part of y = w·x + b over x in [−1, 1] that lies inside the view, if any."""
    if line is None:
        return
    segment = clip_line(*line, view)
    if segment is not None:
        canvas.line(*segment, color=color)


def clip_line(w: float, b: float, view: tuple[float, float]) -> tuple[list[float], list[float]] | None:
    """End points of y = w·x + b for x in [−1, 1], cut to view[0] ≤ y ≤ view[1]; None if outside."""
    if not (math.isfinite(w) and math.isfinite(b)):
        return None
    x_lo, x_hi = -1.0, 1.0
    if w != 0:
        a, c = (view[0] - b) / w, (view[1] - b) / w
        x_lo, x_hi = max(x_lo, min(a, c)), min(x_hi, max(a, c))
    elif not view[0] <= b <= view[1]:
        return None
    if x_lo > x_hi:
        return None
    return [x_lo, x_hi], [w * x_lo + b, w * x_hi + b]


def _log_loss(canvas: Canvas, result: Result) -> None:
    """log10 of the loss per step, labelled in loss units, with the best possible loss as a floor."""
    floor = float(result.facts["optimum_loss"])  # type: ignore[arg-type]
    canvas.log_y()
    if floor > 0:
        canvas.hline(math.log10(floor))
    for i, pin in enumerate(canvas.options.pins, start=1):
        _loss_line(canvas, pin.series["loss"], PIN_COLOR, f"{canvas.options.translate('pin')} {i}")
    whole = result.series["loss"]
    _loss_line(canvas, canvas.visible(whole), PALETTE[1], "this run" if canvas.options.pins else None,
               start=whole[0] if len(whole) else None)


def _loss_line(canvas: Canvas, loss: np.ndarray, color: str, label: str | None,
               start: float | None = None) -> None:
    logs = np.log10(np.maximum(np.asarray(loss, dtype=float), 1e-300))
    first = math.log10(max(float(start), 1e-300)) if start is not None and math.isfinite(start) else None
    canvas.line(np.arange(len(logs)), logs, color=color, label=label, trajectory=True, start=first)
