"""init's chart: every layer's histogram as a shaded strip, first layer on top (does the spread
survive the depth?), and beside it each layer's standard deviation on a log scale (by how much does
each layer shrink or grow the signal?).

The strips share one x axis, so layers can be compared; each is shaded against its own fullest bin
(darker = more values), so a layer whose values all pile into one bin still shows where that bin
is. Shaded strips rather than bar charts keep ten layers legible in 14 rows.
"""

from __future__ import annotations

import numpy as np

from tutor.plots.canvas import PALETTE, PIN_COLOR, Canvas
from tutor.sims.result import Result

#: Shades from a few activations to a layer's fullest bin (by a bin's share of the fullest), and their
#: ASCII stand-ins.
SHADES = ("░", "▒", "▓", "█")
SHADES_ASCII = (".", ":", "+", "#")
#: The most text rows one layer's strip fills on a tall chart.
MAX_STRIP_ROWS = 3
#: Narrower than this, the standard-deviation panel is left out so the histograms stay legible.
TWO_PANELS = 60


def draw(canvas: Canvas, result: Result) -> None:
    title = canvas.options.translate("activations per layer ({init}, {activation})").format(
        init=result.params["init"], activation=result.params["activation"])
    if canvas.options.width >= TWO_PANELS:
        canvas.panels(1, 2)
        canvas.panel_size(1, 1, _strip_width(canvas.options.width), canvas.options.height)
        canvas.panel(1, 1, title)
        _heat_strips(canvas, result)
        canvas.panel(1, 2, "std per layer (log)")
        _std_per_layer(canvas, result)
    else:
        canvas.title(title)
        _heat_strips(canvas, result)


def _strip_width(width: int) -> int:
    return max(width * 3 // 5, width - 48)


def _heat_strips(canvas: Canvas, result: Result) -> None:
    """One strip per layer, shaded by how many of its activations fall at each value."""
    hist = np.asarray(result.series["hist"], dtype=float)
    edges = np.asarray(result.series["bin_edges"], dtype=float)
    layers, bins = hist.shape
    lo, hi = float(edges[0]), float(edges[-1])
    panel_width = canvas.options.width if canvas.options.width < TWO_PANELS else _strip_width(canvas.options.width)
    # About one sample per text column and one per text row of a strip: plotext's cost grows with the
    # points drawn. The panel's full width is a few more samples than it has columns (the frame and the
    # labels take some), which leaves no gaps; its title, frame and x labels take 4 rows.
    columns, rows = max(4, panel_width), max(1, canvas.options.height - 4)
    xs = np.linspace(lo, hi, columns)
    which = np.minimum(((xs - lo) * (bins / (hi - lo))).astype(int), bins - 1)
    # ReLU sends about half of every layer to exactly 0: shading against that bin would wash out the
    # rest, so for ReLU the zero bin is drawn full and the others are shaded against the tallest of them.
    skip = 1 if result.params["activation"] == "relu" and bins > 1 else 0
    tallest = hist[:, skip:].max(axis=1, keepdims=True)
    share = np.minimum(np.divide(hist, tallest, out=np.zeros_like(hist), where=tallest > 0), 1.0)
    share[hist > 0] = np.maximum(share[hist > 0], 1e-9)  # a single value still shows
    if skip:
        share[:, 0] = hist[:, 0] > 0
    level = np.ceil(share * len(SHADES)).astype(int)[:, which]
    per_layer = min(MAX_STRIP_ROWS, rows // layers - 1)  # a blank row between strips keeps them apart
    pitch = layers / rows  # one text row, in layers
    offsets = (np.arange(per_layer) - (per_layer - 1) / 2) * pitch if per_layer > 1 else np.zeros(1)
    shades = SHADES if canvas.options.unicode else SHADES_ASCII
    for k, marker in enumerate(shades, start=1):
        layer, column = np.nonzero(level == k)
        if not layer.size:
            continue
        ys = (layers - layer)[:, None] + offsets[None, :]
        canvas.points(np.repeat(xs[column], len(offsets)), ys.ravel(), marker=marker, color=PALETTE[0])
    canvas.yticks(list(range(1, layers + 1)), [f"L{layers + 1 - k}" for k in range(1, layers + 1)])
    canvas.ylim(0.5, layers + 0.5)
    canvas.xlim(lo, hi)


def _std_per_layer(canvas: Canvas, result: Result) -> None:
    """log10 of each layer's std, with the pinned runs' faded behind; layers with std 0 are left out."""
    canvas.log_y()
    drawn = False
    pin = canvas.options.translate("pin")
    runs = [*((run, PIN_COLOR, f"{pin} {i}") for i, run in enumerate(canvas.options.pins, 1)),
            (result, PALETTE[0], "this run" if canvas.options.pins else None)]
    for run, color, label in runs:
        std = np.asarray(run.series["act_std"], dtype=float)
        keep = np.isfinite(std) & (std > 0)
        if not keep.any():
            continue
        layer = np.arange(1, len(std) + 1)[keep]
        logs = np.log10(std[keep])
        canvas.line(layer, logs, color=color, label=label)
        canvas.points(layer, logs, color=color)
        drawn = True
    layers = len(result.series["act_std"])
    canvas.xlim(0.5, layers + 0.5)
    if not drawn:
        canvas.title("std: 0 in every layer")
