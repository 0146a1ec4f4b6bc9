"""regularization's chart: the fitted curve over the data (does it follow the trend or chase every
point?), train and validation loss per step (do they part ways?), and the weights' sizes (which are
large, which are exactly zero?).

Training points are drawn as ● and validation points as ·, and the validation loss is drawn dotted
like its points, so the chart reads the same without colour. The true curve is left out: the cloud
of validation points already traces it. The fitted curve is the run's `fit` map, drawn at two points
a text column. In play mode every panel shows the step reached, so the curve can be watched bending
toward the training points as training goes on.
"""

from __future__ import annotations

import numpy as np

from tutor.plots.canvas import PALETTE, PIN_COLOR, Canvas
from tutor.plots.ticks import col_axis
from tutor.sims.result import Result

#: Narrower than TWO_PANELS only the curve is drawn; then the losses join it, from THREE_PANELS on
#: the weights too. SHARES split the width between the panels.
TWO_PANELS, THREE_PANELS = 56, 72
SHARES = {2: (0.55, 0.45), 3: (0.44, 0.30, 0.26)}
#: Losses are drawn on a log scale; an exact fit (loss 0) is shown at this floor instead.
LOSS_FLOOR = 1e-12
TRAIN, VAL, CURVE = PALETTE[1], PALETTE[3], PALETTE[0]


def draw(canvas: Canvas, result: Result) -> None:
    width, height = canvas.options.width, canvas.options.height
    count = 1 if width < TWO_PANELS else 2 if width < THREE_PANELS else 3
    if count == 1:
        canvas.title(_curve_title(canvas, result, width))
        _curve(canvas, result, width)
        return
    sizes = [int(width * share) for share in SHARES[count]]
    sizes[-1] = width - sum(sizes[:-1])
    canvas.panels(1, count)
    for col, size in enumerate(sizes, start=1):
        canvas.panel_size(1, col, size, height)
    canvas.panel(1, 1, _curve_title(canvas, result, sizes[0]))
    _curve(canvas, result, sizes[0])
    canvas.panel(1, 2, "loss (log)")
    _losses(canvas, result, sizes[1])
    if count == 3:
        canvas.panel(1, 3, "|weights|" if sizes[2] < 28 else "|weights|; x: exactly 0")
        _weights(canvas, _weights_at(canvas, result), sizes[2])


def _weights_at(canvas: Canvas, result: Result) -> np.ndarray:
    """The weights at the step play mode has reached (the final ones otherwise)."""
    path = canvas.visible(result.series["weight_path"])
    return np.asarray(path[-1] if len(path) else result.series["weights"], dtype=float)


def _frame_at(canvas: Canvas, result: Result) -> int:
    """The frame of the run's `fit` map at the step play mode has reached (the last otherwise)."""
    return max(len(canvas.visible(result.series["weight_path"])) - 1, 0)


def _val_marker(canvas: Canvas) -> str:
    return "·" if canvas.options.unicode else "."


def _curve_title(canvas: Canvas, result: Result, room: int) -> str:
    """The title names the markers, which keeps a legend box off the data; shorter when narrow."""
    train = "●" if canvas.options.unicode else "o"
    values = {"d": result.params["degree"], "train": train, "val": _val_marker(canvas)}
    long = canvas.options.translate("degree {d}: {train} train {val} validation").format(**values)
    if len(long) + 6 <= room:
        return long
    return canvas.options.translate("deg {d}: {train} train {val} val").format(**values)


def _curve(canvas: Canvas, result: Result, columns: int) -> None:
    s = result.series
    # Two points a text column are as smooth as the screen can show, and plotext's cost grows with them.
    x_grid = np.linspace(-1.0, 1.0, max(8, min(len(s["x_grid"]), 2 * columns)))
    for pin in canvas.options.pins:
        if "fit" in pin.maps:
            canvas.line(x_grid, pin.maps["fit"].at(x_grid), color=PIN_COLOR)
    canvas.points(s["x_val"], s["y_val"], color=VAL, marker=_val_marker(canvas))
    canvas.line(x_grid, result.maps["fit"].at(x_grid, _frame_at(canvas, result)), color=CURVE)
    canvas.points(s["x_train"], s["y_train"], color=TRAIN)
    ys = np.concatenate([s["y_train"], s["y_val"]])
    lo, hi = float(ys.min()), float(ys.max())
    pad = 0.25 * (hi - lo) + 0.1
    canvas.ylim(lo - pad, hi + pad)  # an overfitted curve may leap far off between the points
    canvas.xlim(-1.0, 1.0)


def _losses(canvas: Canvas, result: Result, columns: int) -> None:
    """Train (solid) and validation (dotted) loss per step, on a log scale labelled in powers of ten."""
    canvas.log_y()
    names = {"train_loss": "train", "val_loss": "validation"}
    for name, color, marker in (("train_loss", TRAIN, canvas.marker), ("val_loss", VAL, _val_marker(canvas))):
        for i, pin in enumerate(canvas.options.pins, start=1):
            if name in pin.series:
                _loss_line(canvas, np.asarray(pin.series[name]), PIN_COLOR, marker, columns,
                           f"{canvas.options.translate('pin')} {i}" if name == "train_loss" else None)
        _loss_line(canvas, canvas.visible(result.series[name]), color, marker, columns,
                   names[name] if canvas.options.pins else None)
    canvas.xlim(0, max(len(result.series["train_loss"]) - 1, 1))


def _loss_line(canvas: Canvas, loss: np.ndarray, color: str, marker: str, columns: int,
               label: str | None = None) -> None:
    """log10 of a loss trajectory, drawn through at most two points per text column: plotext's cost
    grows with the points, and thousands of steps would cost tens of milliseconds."""
    logs = np.log10(np.maximum(np.asarray(loss, dtype=float), LOSS_FLOOR))
    if not logs.size:
        return
    keep = np.unique(np.linspace(0, len(logs) - 1, min(len(logs), 2 * columns)).astype(int))
    canvas.line(keep, logs[keep], color=color, marker=marker, label=label)


def _weights(canvas: Canvas, w: np.ndarray, columns: int) -> None:
    """|w_k| as bars, k = 0 … d; an x on the axis marks a weight that is exactly zero."""
    k = np.arange(len(w))
    size = np.abs(w)
    color = CURVE if canvas.options.color else None
    canvas.bar(k.tolist(), size.tolist(), width=0.6, marker="sd" if canvas.options.unicode else "#", color=color)
    zero = k[1:][w[1:] == 0.0]
    if zero.size:
        canvas.scatter(zero.tolist(), [0.0] * zero.size, marker="x", color=color)
    top = float(size.max()) if size.size else 0.0
    canvas.ylim(0.0, top * 1.1 if top > 0 else 1.0)
    canvas.xlim(-0.5, len(w) - 0.5)
    # Whole-number ticks that fit the panel (its labels take about 4 columns, the frame 2).
    axis = col_axis(0, max(len(w) - 1, 1), max(columns - 6, 2), whole=True)
    canvas.xticks(list(axis.ticks), list(axis.labels))
