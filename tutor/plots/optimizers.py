"""optimizers' chart: the path over the surface's level sets, and the loss per step beside it.

plotext has no contour plot, so the level sets are drawn the way a printer would: the surface is
evaluated at every braille dot of the panel, each dot gets the band of log-spaced levels its value
falls in, and the dots where the band changes from one neighbour to the next are the level lines.
The map, the paths and their markers are rasterised by `tutor.plots.raster` on the panel's exact
character grid (plotext alone would take tens of milliseconds for that many points), which is why
this module fixes the panel widths and the width of the y labels itself.

The loss is drawn as log₁₀(loss − minimum), because an optimizer's progress spans many orders of
magnitude; the flat line is the 1e-3 a run must get under to count as having reached a minimum.
Everything is computed from the result and the chart size alone: the surface's values, window,
minima and saddle points are the run's `surface` map.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from tutor.plots.axes import CLIP_DECADES
from tutor.plots.canvas import PALETTE, PIN_COLOR, Canvas
from tutor.plots.raster import Raster
from tutor.plots.ticks import log_axis, row_axis
from tutor.sims.optimizers import OPTIMIZERS, TARGET
from tutor.sims.result import Map, Result
from tutor.widths import cell_width

#: Level lines are drawn dim so the paths stand out over them.
LEVEL_COLOR = 240
#: Share of the chart width given to the path panel (the loss panel takes the rest).
PATH_SHARE = 0.58
#: Lowest value of loss − minimum drawn on the log scale (exact zeros would be −∞).
FLOOR = 1e-16
#: Each optimizer's mark when there is no colour to tell the paths apart.
LETTERS = dict(zip(OPTIMIZERS, "smngra", strict=True))
#: plotext rows that are not plotting area: the title, the frame's two lines and the x labels.
CHROME_ROWS = 4


@dataclass(frozen=True)
class Path:
    """One optimizer's path as the chart draws it."""

    name: str
    x: np.ndarray
    y: np.ndarray
    loss: np.ndarray
    color: str


@dataclass(frozen=True)
class Surface:
    """The surface a run walked, as its result describes it."""

    name: str
    condition: float
    map: Map

    @classmethod
    def of(cls, result: Result) -> Surface:
        return cls(str(result.params["surface"]), float(result.params["condition"]),  # type: ignore[arg-type]
                   result.maps["surface"])

    @property
    def f_min(self) -> float:
        return 0.0 if self.map.lowest is None else self.map.lowest

    @property
    def window(self) -> tuple[float, float, float, float]:
        assert self.map.window is not None
        return self.map.window


def draw(canvas: Canvas, result: Result) -> None:
    surface = Surface.of(result)
    paths = _paths(result)
    opts = canvas.options
    left = max(10, round(opts.width * PATH_SHARE))
    canvas.panels(1, 2)
    canvas.panel_size(1, 1, left, opts.height)

    _path_panel(canvas, result, surface, paths, left)
    _loss_panel(canvas, result, surface, paths, opts.width - left)


# -- which paths ------------------------------------------------------------------------------------


def _paths(result: Result) -> list[Path]:
    """The chosen optimizer's path, then every compared one, each in its own colour."""
    chosen = str(result.params["optimizer"])
    s = result.series
    paths = [Path(chosen, s["x"], s["y"], s["loss"], PALETTE[OPTIMIZERS.index(chosen)])]
    for name in OPTIMIZERS:
        if name != chosen and f"x_{name}" in s:
            paths.append(Path(name, s[f"x_{name}"], s[f"y_{name}"], s[f"loss_{name}"],
                              PALETTE[OPTIMIZERS.index(name)]))
    return paths


def _path_titles(result: Result, surface: Surface, paths: list[Path], canvas: Canvas) -> list[str]:
    """Titles from the most to the least telling; the panel shows the first that fits. Each is a
    template translated before it is filled in, so the learner's language table can hold it."""
    tr, name = canvas.options.translate, surface.name
    fill = {"optimizer": result.params["optimizer"], "surface": name, "k": f"{surface.condition:g}"}
    if len(paths) > 1:
        templates = ["{surface}: same start, same settings", "{surface}: same start", "{surface}"]
    else:
        templates = ["{optimizer} on {surface}", "{optimizer}"]
    if name == "bowl":
        templates.insert(0, templates[0].replace("{surface}", "{surface}, κ = {k}"))
    titles = [tr(t).format(**fill) for t in templates]
    return titles if canvas.options.unicode else [t.replace("κ", "k") for t in titles]


def _loss_titles(surface: Surface, canvas: Canvas) -> list[str]:
    tr = canvas.options.translate
    if surface.f_min == 0:
        return [tr("loss (log scale)"), tr("loss")]
    shift = f"{-surface.f_min:g}"
    return [tr("loss + {shift} (log scale)").format(shift=shift), tr("loss + {shift}").format(shift=shift),
            tr("loss")]


def _fitting(titles: list[str], width: int) -> str:
    """plotext leaves out a title wider than its panel: a shorter one that fits is better (and the
    shortest is cut to fit when the canvas settles the axes)."""
    return next((t for t in titles if cell_width(t) + 2 <= width), titles[-1])


# -- the path panel ---------------------------------------------------------------------------------


def _path_panel(canvas: Canvas, result: Result, surface: Surface, paths: list[Path], width: int) -> None:
    opts = canvas.options
    x_lo, x_hi, y_lo, y_hi = _window(surface, paths)
    axis = row_axis(y_lo, y_hi, opts.height - CHROME_ROWS)
    raster = _frame(canvas, (1, 1), _path_titles(result, surface, paths, canvas), (x_lo, x_hi, axis.lo, axis.hi),
                    _y_labels(list(axis.ticks), list(axis.labels)), width)
    if raster is None:
        return
    color = opts.color
    raster.add_dots(_level_lines(raster, surface, opts.unicode), LEVEL_COLOR if color else None,
                    None if opts.unicode else ".")
    for pin in opts.pins:
        if all(pin.params.get(k) == result.params.get(k) for k in ("surface", "condition")) and "x" in pin.series:
            raster.add_polyline(pin.series["x"], pin.series["y"], PIN_COLOR if color else None,
                                None if opts.unicode and color else ":")
    for path in reversed(paths):  # the chosen optimizer last, on top
        raster.add_polyline(canvas.visible(path.x), canvas.visible(path.y), path.color if color else None,
                            _path_glyph(path, opts.unicode, color, len(paths) > 1))
    _landmarks(raster, surface, opts.unicode)
    for path in reversed(paths):
        x, y = canvas.visible(path.x), canvas.visible(path.y)
        if x.size:
            tint = path.color if color else None
            raster.add_marks(x[:1], y[:1], "○" if opts.unicode else "o", tint)
            raster.add_marks(x[-1:], y[-1:], "●" if opts.unicode else "@", tint)
    raster.draw(canvas)


def _frame(canvas: Canvas, panel: tuple[int, int], titles: list[str],
           limits: tuple[float, float, float, float], y_labels: tuple[list[float], list[str]],
           width: int) -> Raster | None:
    """Open a panel with the first title that fits, its limits and y labels, and return the raster
    of its plotting area (None when the panel is too small to hold one)."""
    x_lo, x_hi, y_lo, y_hi = limits
    ticks, labels = y_labels
    cols, rows = width - len(labels[0]) - 2, canvas.options.height - CHROME_ROWS
    canvas.panel(*panel, _fitting(titles, cols))
    canvas.xlim(x_lo, x_hi)
    canvas.ylim(y_lo, y_hi)
    canvas.yticks(ticks, labels)
    if cols < 2 or rows < 1:
        return None
    return Raster(cols, rows, x_lo, x_hi, y_lo, y_hi)


def _path_glyph(path: Path, unicode: bool, color: bool, compare: bool) -> str | None:
    """Braille in colour; without colour a mark per cell, the optimizer's letter when comparing."""
    if compare and not color:
        return LETTERS[path.name]
    if color and unicode:
        return None
    return "•" if unicode else "*"


def _window(surface: Surface, paths: list[Path]) -> tuple[float, float, float, float]:
    """The surface's window, grown to hold every path, but never beyond three times its size: a
    diverging path leaves the frame instead of shrinking the surface to a dot."""
    x_lo, x_hi, y_lo, y_hi = surface.window
    cx, cy, hx, hy = (x_lo + x_hi) / 2, (y_lo + y_hi) / 2, (x_hi - x_lo) / 2, (y_hi - y_lo) / 2
    for path in paths:
        inside = (np.abs(path.x - cx) <= 3 * hx) & (np.abs(path.y - cy) <= 3 * hy)
        if inside.any():
            x_lo, x_hi = min(x_lo, float(path.x[inside].min())), max(x_hi, float(path.x[inside].max()))
            y_lo, y_hi = min(y_lo, float(path.y[inside].min())), max(y_hi, float(path.y[inside].max()))
    return x_lo, x_hi, y_lo, y_hi


def _y_labels(ticks: list[float], texts: list[str]) -> tuple[list[float], list[str]]:
    """Y ticks whose labels share one width, so the plotting area's width is known."""
    width = max(len(t) for t in texts)
    return ticks, [t.rjust(width) for t in texts]


def _level_lines(raster: Raster, surface: Surface, fine: bool) -> np.ndarray:
    """The dots where the surface crosses one of a few levels, spaced evenly in log(f − f_min)
    across the values the window holds: evenly in log so both the steep walls and the flat floor
    get lines."""
    gx, gy = raster.grid()
    points = np.stack(np.broadcast_arrays(gx[None, :], gy[:, None]), axis=-1)
    with np.errstate(all="ignore"):
        heights = np.log10(np.maximum(surface.map.at(points) - surface.f_min, FLOOR))
    # One mark per cell (no braille) makes every line a cell or two thick: fewer lines then.
    count = int(min(7, max(3, raster.rows // 3))) if fine else int(min(4, max(2, raster.rows // 5)))
    low, high = np.quantile(heights, [0.03, 0.97])
    levels = np.linspace(low, high, count)
    band = np.searchsorted(levels, heights)
    edge = np.zeros(band.shape, dtype=bool)
    edge[:, 1:] |= band[:, 1:] != band[:, :-1]
    edge[1:, :] |= band[1:, :] != band[:-1, :]
    return edge


def _landmarks(raster: Raster, surface: Surface, unicode: bool) -> None:
    """The minima as ×, saddle points as +: where paths should end, and where they may stall."""
    minima, saddles = surface.map.marks["minima"], surface.map.marks["saddles"]
    raster.add_marks([m[0] for m in minima], [m[1] for m in minima], "×" if unicode else "x", None)
    if saddles:
        raster.add_marks([s[0] for s in saddles], [s[1] for s in saddles], "+", None)


# -- the loss panel ---------------------------------------------------------------------------------


def _log_gap(loss: np.ndarray, f_min: float) -> np.ndarray:
    with np.errstate(all="ignore"):
        return np.log10(np.maximum(loss - f_min, FLOOR))


def _loss_panel(canvas: Canvas, result: Result, surface: Surface, paths: list[Path], width: int) -> None:
    opts = canvas.options
    target = math.log10(TARGET)
    curves: list[tuple[np.ndarray, np.ndarray, str | None, str | None, str]] = []  # (whole, shown, colour, glyph, name)
    for pin in opts.pins:
        if len(pin.series.get("loss", ())):
            gap = _log_gap(pin.series["loss"], Surface.of(pin).f_min)
            curves.append((gap, gap, PIN_COLOR if opts.color else None, None if opts.unicode and opts.color else ":",
                           f"{opts.translate('pin')} {len(curves) + 1}"))
    for path in reversed(paths):
        gap = _log_gap(path.loss, surface.f_min)
        curves.append((gap, canvas.visible(gap), path.color if opts.color else None,
                       _path_glyph(path, opts.unicode, opts.color, len(paths) > 1), path.name))
    curves = [c for c in curves if c[0].size]
    # The axes of the whole run (play mode holds them still); a diverging curve is cut at a few
    # decades above the highest start instead of setting the scale.
    ceiling = max([target, *(float(c[0][0]) for c in curves)]) + CLIP_DECADES
    lo = min([target, *(float(c[0].min()) for c in curves)])
    hi = min(ceiling, max([target, *(float(c[0].max()) for c in curves)]))
    last_step = max([1, *(int(p.loss.size) - 1 for p in paths)])
    axis = log_axis(lo, hi, opts.height - CHROME_ROWS)
    raster = _frame(canvas, (1, 2), _loss_titles(surface, canvas), (0.0, float(last_step), axis.lo, axis.hi),
                    _y_labels(list(axis.ticks), list(axis.labels)), width)
    if raster is None:
        return
    raster.add_polyline(np.array([0.0, last_step]), np.array([target, target]),
                        LEVEL_COLOR if opts.color else None, None if opts.unicode else "-")
    for _, gap, color, glyph, name in curves:
        raster.add_polyline(np.arange(gap.size, dtype=float), gap, color, glyph)
        above = np.flatnonzero(gap > axis.hi)
        if above.size:  # cut at the frame: mark where it left, and say so
            raster.add_marks([float(above[0])], [axis.hi], "▲" if opts.unicode else "^", color)
            canvas.left_at.append((float(above[0]), name))
    if len(paths) > 1 or opts.pins:
        _legend(raster, _legend_entries(canvas, paths, str(result.params["optimizer"])))
    raster.draw(canvas)


def _legend_entries(canvas: Canvas, paths: list[Path], chosen: str) -> list[tuple[str, str | None]]:
    """The runs' names in their colours; ▶ marks the chosen optimizer, whose facts the run reports.
    Without colour each name carries the mark its curve is drawn with (its letter when comparing)."""
    opts = canvas.options
    compare = len(paths) > 1
    entries = []
    for p in sorted(paths, key=lambda p: OPTIMIZERS.index(p.name)):
        mark = _path_glyph(p, opts.unicode, opts.color, compare)
        name = p.name if opts.color or mark is None else f"{mark}={p.name}"
        entries.append((("▶" if compare and p.name == chosen else "") + name, p.color if opts.color else None))
    pin = opts.translate("pin")
    for i, _ in enumerate(opts.pins, start=1):
        entries.append((f"{pin} {i}" if opts.color else f":={pin} {i}", PIN_COLOR if opts.color else None))
    # A wide character takes two columns but one cell here: a space after the name for each, which
    # squeezing the line takes back, keeps the frame where it belongs.
    return [(text + " " * (cell_width(text) - len(text)), tint) for text, tint in entries]


def _legend(raster: Raster, entries: list[tuple[str, str | None]]) -> None:
    """The names at the top right, where converging curves have long since left, packed into as few
    rows as the width allows."""
    lines: list[list[tuple[str, str | None]]] = [[]]
    for entry in entries:
        line = lines[-1]
        if line and sum(len(t) + 2 for t, _ in line) + len(entry[0]) > raster.cols - 1:
            lines.append([entry])
        else:
            line.append(entry)
    if raster.rows < len(lines) + 3 or any(len(t) >= raster.cols for t, _ in entries):
        return  # a legend filling the panel would hide what it labels
    width = max(sum(len(t) + 2 for t, _ in line) - 1 for line in lines)
    for i, line in enumerate(lines):
        row = raster.rows - 1 - i
        raster.add_text(row, raster.cols - width, " " * width, None)  # a clear box behind the names
        col = raster.cols - sum(len(t) + 2 for t, _ in line) + 2
        for text, tint in line:
            raster.add_text(row, col, text, tint)
            col += len(text) + 2
