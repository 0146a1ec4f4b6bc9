"""playground's chart: the plane coloured by the class the network answers, with the points on top,
and the train and test loss per step beside it; from WIDE columns on, each hidden unit's own map
in between, layer by layer, as TensorFlow Playground shows them.

Every map is evaluated here, at the chart's own cells, from the run's `class_probabilities` and
`unit_outputs` maps, one frame per set of weights the run kept (at the steps `map_steps`): in play
mode, the last kept at or before the step reached, while the losses are cut at that step.

The map is square on screen (a cell is twice as tall as wide, so it is about twice as many columns
as rows; on short charts up to twice as wide) and the loss panel takes the rest. Training points
are filled marks (● ▲ ■ by class), test points hollow ones (○ △ □), so the chart reads the same
without colour, where the map is shaded by probability instead. Where the map has too few cells
for every point, only the points the network answers wrong are marked.
"""

from __future__ import annotations

import numpy as np

from tutor.plots import class_map
from tutor.plots.canvas import PALETTE, PIN_COLOR, Canvas
from tutor.plots.ticks import Axis, col_axis, row_axis
from tutor.sims.result import Result
from tutor.widths import cell_width

#: plotext rows that are not plotting area: the title, the frame's two lines and the x tick labels;
#: below SHORT rows the map leaves out its x ticks, and is drawn up to twice as wide as square.
CHROME_ROWS, SHORT = 4, 14
#: Every point is marked when the map has this many cells per point; fewer, and only the training
#: points and the test points answered wrong; fewer still, only the points answered wrong.
ROOM_PER_POINT = 4
#: The loss panel is left out below this width; the hidden units are shown from WIDE columns on.
MIN_LOSS_WIDTH, WIDE = 28, 160
#: The share of the width the hidden units' panel may take at most.
UNIT_SHARE = 0.3
TRAIN, TEST = PALETTE[1], PALETTE[0]


def draw(canvas: Canvas, result: Result) -> None:
    opts = canvas.options
    step, index = _step_shown(canvas, result)
    hidden = result.maps["unit_outputs"].groups
    widths = _widths(opts.width, opts.height, hidden, _plane(result))
    canvas.panels(1, len(widths))
    for col, size in enumerate(widths, start=1):
        canvas.panel_size(1, col, size, opts.height)
    _map_panel(canvas, result, step, index, widths[0])
    if len(widths) == 3:
        _units_panel(canvas, result, index, widths[1], hidden)
    if len(widths) >= 2:
        _loss_panel(canvas, result, len(widths), widths[-1])


def _plane(result: Result) -> tuple[float, float, float, float]:
    """The plane the points come from, centred on the origin: the map shows at least this much of
    it, the hidden units' maps exactly this."""
    window = result.maps["class_probabilities"].window
    assert window is not None
    return window


def _widths(width: int, height: int, hidden: tuple[int, ...], plane: tuple[float, float, float, float]) -> list[int]:
    """Panel widths: the square map; the hidden units when wide; the loss panel with what is left."""
    rows = max(height - _chrome(height), 1)
    label = _label_width(_map_axis(height, plane)) + 2
    square = 2 * rows * (2 if height < SHORT else 1) + label
    if width - square < MIN_LOSS_WIDTH:
        square = max(width - MIN_LOSS_WIDTH, square * 2 // 3)
        if width - square < MIN_LOSS_WIDTH:
            return [width]
    units = 0
    if width >= WIDE and hidden:
        tile = 2 * max(1, (height - 3) // max(hidden))  # square tiles, as tall as the layers allow
        units = min(int(width * UNIT_SHARE), len(hidden) * (tile + 2) + 2)
    if units:
        return [square, units, width - square - units]
    return [square, width - square]


def _chrome(height: int) -> int:
    return CHROME_ROWS - 1 if height < SHORT else CHROME_ROWS


def _map_axis(height: int, plane: tuple[float, float, float, float]) -> Axis:
    """The map's y axis, and its x axis's limits too (the same scale both ways keeps the plane
    square): round ticks on their rows like every chart's, over at least the plane, with the
    origin on the middle row so the plane stays centred."""
    return row_axis(plane[2], plane[3], max(height - _chrome(height), 2), middle=0.0)


def _label_width(axis: Axis) -> int:
    return max(len(t) for t in axis.labels)


def _step_shown(canvas: Canvas, result: Result) -> tuple[int, int]:
    """The step the chart shows and the index of the kept weights its maps are drawn from."""
    last = len(result.series["train_loss"]) - 1
    step = last if canvas.options.upto is None else min(canvas.options.upto, last)
    kept = np.asarray(result.series["map_steps"])
    index = int(np.searchsorted(kept, step, side="right")) - 1
    return step, max(index, 0)


def _style(canvas: Canvas) -> class_map.Style:
    return class_map.Style(canvas.options.color, canvas.options.unicode)


def _fitting(canvas: Canvas, titles: list[str], room: int) -> str:
    """plotext leaves out a title wider than its panel: the first of these that fits (the shortest
    is cut to fit when the canvas settles the axes)."""
    return next((t for t in titles if cell_width(t) + 2 <= room), titles[-1])


def _map_panel(canvas: Canvas, result: Result, step: int, index: int, width: int) -> None:
    tr = canvas.options.translate
    series = result.series
    accuracy = f"{100 * float(series['test_accuracy'][step]):.0f}%"
    probabilities = result.maps["class_probabilities"]
    k = probabilities.groups[0]
    marks = (class_map.TRAIN_MARKS, class_map.TEST_MARKS) if canvas.options.unicode else (
        class_map.ASCII_TRAIN_MARKS, class_map.ASCII_TEST_MARKS)
    values = {"dataset": result.params["dataset"], "step": step, "acc": accuracy,
              "train": "".join(marks[0][:k]), "test": "".join(marks[1][:k])}
    titles = [tr("{dataset}, step {step}: test accuracy {acc}; {train} train, {test} test").format(**values),
              tr("{dataset}, step {step}: test accuracy {acc}").format(**values),
              tr("step {step}: test {acc}").format(**values), tr("test {acc}").format(**values)]
    height = canvas.options.height
    axis = _map_axis(height, _plane(result))
    label = _label_width(axis)
    cols, rows = width - label - 2, height - _chrome(height)
    canvas.panel(1, 1, _fitting(canvas, titles, cols))
    canvas.fixed_axes()  # drawn on exact cells: the limits must be the ones the cells were computed for
    limits = (axis.lo, axis.hi, axis.lo, axis.hi)
    canvas.xlim(axis.lo, axis.hi)
    canvas.ylim(axis.lo, axis.hi)
    if height < SHORT:
        canvas.xticks([])
    else:
        x_axis = col_axis(axis.lo, axis.hi, max(cols, 2))
        canvas.xticks(list(x_axis.ticks), list(x_axis.labels))
    canvas.yticks(list(axis.ticks), [t.rjust(label) for t in axis.labels])
    if cols < 2 or rows < 1:
        return
    style = _style(canvas)
    prob = probabilities.at(class_map.pixels(limits, rows, cols, style), index)
    cells = class_map.class_cells(prob.reshape(-1, cols, prob.shape[-1]), style)
    room = rows * cols / ROOM_PER_POINT
    for split, train in (("train", True), ("test", False)):
        x, y = np.asarray(series[f"x_{split}"]), np.asarray(series[f"y_{split}"])
        if len(series["y_train"]) + len(series["y_test"]) > room and (not train or len(y) > room):
            wrong = probabilities.at(x, index).argmax(axis=1) != y
            x, y = x[wrong], y[wrong]  # too many to mark in so few cells: only the ones answered wrong
        class_map.add_points(cells, x[:, 0], x[:, 1], y, train, limits, style)
    class_map.draw(canvas, cells, limits)


def _units_panel(canvas: Canvas, result: Result, index: int, width: int, hidden: tuple[int, ...]) -> None:
    """One small map per hidden unit, a column per layer (input side on the left)."""
    canvas.panel(1, 2, _fitting(canvas, [canvas.options.translate("hidden units, layer by layer"),
                                         canvas.options.translate("hidden units")], width - 2))
    canvas.yticks([])
    canvas.xlim(0.0, 1.0)
    canvas.ylim(0.0, 1.0)
    height = canvas.options.height
    cols, rows = width - 2, height - _chrome(height)
    pitch_v = rows // max(hidden)
    pitch_h = cols // len(hidden)
    tile_h = pitch_v - 1 if pitch_v >= 3 else pitch_v
    tile_w = min(pitch_h - 1, 2 * tile_h)
    if height < SHORT or tile_h < 1 or tile_w < 2:
        canvas.xticks([])
    else:  # each layer's name under its column, on the row the map's x labels take
        centres = [(layer * pitch_h + (tile_w - 1) / 2) / max(cols - 1, 1) for layer in range(len(hidden))]
        canvas.xticks(centres, [f"L{layer + 1}" for layer in range(len(hidden))])
    if tile_h < 1 or tile_w < 2:
        return
    style = _style(canvas)
    outputs = result.maps["unit_outputs"].at(class_map.pixels(_plane(result), tile_h, tile_w, style), index)
    values = _unit_values(outputs.T.reshape(len(outputs.T), -1, tile_w), str(result.params["activation"]))
    cells = class_map.Cells.blank(rows, cols)
    unit = 0
    for layer, size in enumerate(hidden):
        for k in range(size):
            tile = class_map.signed_cells(values[unit], style)
            top = rows - k * pitch_v  # first tile at the top
            cells.paste(tile, top - tile_h, layer * pitch_h)
            unit += 1
    class_map.draw(canvas, cells, (0.0, 1.0, 0.0, 1.0))


def _unit_values(maps: np.ndarray, activation: str) -> np.ndarray:
    """Each unit's outputs in [−1, 1]: sigmoid's around ½, tanh's as they are, ReLU's and linear
    units' divided by their own largest size (they have no range of their own)."""
    if activation == "sigmoid":
        return 2.0 * maps - 1.0
    if activation == "tanh":
        return maps
    size = np.abs(maps).max(axis=(1, 2), keepdims=True)
    return np.divide(maps, size, out=np.zeros_like(maps), where=size > 0)


def _loss_panel(canvas: Canvas, result: Result, col: int, width: int) -> None:
    """Train (solid) and test (dotted) loss per step. With pins, each pinned run's train loss is
    named in the legend and the current run's two curves too; the axes are set from the whole run
    and the pins, so play mode only grows the curves."""
    opts = canvas.options
    tr = opts.translate
    canvas.panel(1, col, _fitting(canvas, [tr("loss per step: train solid, test dotted"),
                                           tr("loss: train, test dotted"), tr("loss")], width - 7))
    dotted = "·" if opts.unicode else "."
    top = 0.0
    for name, color, marker, label in (("train_loss", TRAIN, None, "train"), ("test_loss", TEST, dotted, "test")):
        for i, pin in enumerate(opts.pins, start=1):
            if name in pin.series:
                ys = np.asarray(pin.series[name])
                canvas.line(*_thinned(ys, width), color=PIN_COLOR, marker=marker,
                            label=f"{tr('pin')} {i}" if name == "train_loss" else None)
                top = max(top, _finite_max(ys))
        ys = canvas.visible(np.asarray(result.series[name]))
        canvas.line(*_thinned(ys, width), color=color, marker=marker, label=label if opts.pins else None)
        top = max(top, _finite_max(np.asarray(result.series[name])))
    canvas.xlim(0, max(len(result.series["train_loss"]) - 1, 1))
    entries = len(opts.pins) + 2 if opts.pins else 0
    canvas.ylim(0.0, _headroom(top * 1.05 if top > 0 else 1.0, opts.height - CHROME_ROWS, entries))


def _headroom(top: float, rows: int, entries: int) -> float:
    """The top of the loss axis with rows left free above the curves for the legend (plotext puts it
    at the top left, where the losses start highest), when that leaves most of the rows to them."""
    free = rows - 1 - entries
    if entries == 0 or free < rows / 2:
        return top
    return top * (rows - 1) / free


def _thinned(ys: np.ndarray, columns: int) -> tuple[np.ndarray, np.ndarray]:
    """(step, value) at about two points per text column: plotext joins every pair of points dot
    by dot, so thousands of steps would cost tens of milliseconds and show nothing more."""
    keep = np.unique(np.linspace(0, len(ys) - 1, min(len(ys), 2 * max(columns, 1))).astype(int))
    return keep, ys[keep]


def _finite_max(values: np.ndarray) -> float:
    finite = values[np.isfinite(values)]
    return float(finite.max()) if finite.size else 0.0
