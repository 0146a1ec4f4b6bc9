"""Drawing quantities that span many decades: log10 of the values, labelled in powers of ten.

Gradient norms in a deep stack run from 1e-60 to 1e+60 in one chart, and a diverging loss from 0.4
to 1e+30. plotext's own log axis cannot show zeros and picks awkward ticks, so values are drawn as
log10 on a linear axis, which the canvas labels in powers of ten (`Canvas.log_y`). Zeros and
denormal numbers (the smallest a float can hold, where "vanished" becomes "gone") are drawn on a
floor line at the bottom of the axis instead of being dropped, so a layer whose gradient is
exactly 0 still shows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from tutor.plots.canvas import Canvas

#: Below this a float64 is denormal (about 2.2e-308): treated as zero for the chart.
TINY = float(np.finfo(np.float64).tiny)


def log_values(values: Sequence[float] | np.ndarray) -> np.ndarray:
    """log10 of each value; zeros and denormals as −inf (drawn on the floor), NaN and ±inf as NaN."""
    array = np.asarray(values, dtype=float)
    out = np.full(array.shape, np.nan)
    finite = np.isfinite(array)
    positive = finite & (np.abs(array) >= TINY)
    out[positive] = np.log10(np.abs(array[positive]))
    out[finite & ~positive] = -np.inf
    return out


def extent(*logs: np.ndarray) -> tuple[tuple[float, float] | None, float]:
    """The range to show for several log series, and the floor line their zeros are drawn on (one
    decade under the smallest finite value). The range is None when nothing can be drawn."""
    finite = [v[np.isfinite(v)] for v in logs]
    finite = [v for v in finite if v.size]
    has_zero = any(np.isneginf(v).any() for v in logs)
    if not finite:
        return ((-1.0, 0.0), -1.0) if has_zero else (None, 0.0)
    lo, hi = min(float(v.min()) for v in finite), max(float(v.max()) for v in finite)
    floor = math.floor(lo) - 1.0
    return ((floor if has_zero else lo), hi), floor


def log_line(canvas: Canvas, x: Sequence[float] | np.ndarray, logs: np.ndarray, floor: float, *,
             color: str | None = None, label: str | None = None, marker: str | None = None,
             trajectory: bool = False) -> None:
    """A line through (x, log value), with −inf drawn at `floor` and NaN left out."""
    ys = np.where(np.isneginf(logs), floor, logs)
    xs = np.asarray(x, dtype=float)[: len(ys)]
    keep = np.isfinite(ys)
    if not keep.any():
        return
    canvas.line(xs[keep], ys[keep], color=color, label=label, marker=marker, trajectory=trajectory)


def set_axis(canvas: Canvas, span: tuple[float, float] | None, rows: int, floor: float | None = None,
             ) -> None:
    """Label the current panel in powers of ten over `span` (log values); when `floor` is given
    and the span reaches it, the floor line is labelled 0 (that is where zeros are drawn). The
    ticks are settled with the chart, on the panel's true rows (`rows` is kept for callers)."""
    if span is None:
        return
    canvas.log_y(span, floor)
