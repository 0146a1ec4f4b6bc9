"""Settling a chart's axes once everything is drawn: what every chart gets without asking.

For each panel the plotting area's true size is worked out the way plotext will lay it out, then:

- a linear y axis gets round ticks exactly on their rows (`tutor.plots.ticks.row_axis`), a log one
  powers of ten (`log_axis`), and the x axis round ticks that fit between each other (`col_axis`);
  a module that set its own ticks (layer names, 0 and 1 of a truth table) keeps them;
- a trajectory that runs away (a diverging run) is cut where it leaves the frame and marked ▲ or ▼
  there, and does not set the scale: the frame reaches `CLIP_FACTOR` times the largest start of the
  panel's runs (or `CLIP_DECADES` above it on a log axis), so the runs that did not diverge stay
  readable beside it;
- series with names are drawn with different marks when there is no colour, so the legend tells
  them apart;
- a title too wide for its panel is cut with … rather than left out, as plotext would.

The axes chosen are returned as a `Frame`; drawn again with that frame (play mode: the frame of the
whole run), a chart keeps its axes whatever part of the run it shows.

This reads plotext's per-subplot state (`monitor`) and its size rules (plotext < 6); the rules are
the ones of `plotext._build.build_plot`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from tutor.plots.ticks import Axis, col_axis, log_axis, row_axis
from tutor.widths import cell_width, clip


class Canvas(Protocol):
    """What settling a figure's axes reads of the chart being built (tutor.plots.canvas.Canvas)."""

    @property
    def options(self) -> Any: ...
    @property
    def figure(self) -> Any: ...
    @property
    def grid(self) -> tuple[int, int] | None: ...
    @property
    def series(self) -> list[Series]: ...
    @property
    def marker(self) -> str: ...
    def is_log(self, panel: tuple[int, int]) -> bool: ...
    def log_span(self, panel: tuple[int, int]) -> tuple[float, float] | None: ...
    def log_floor(self, panel: tuple[int, int]) -> float | None: ...
    def is_fixed(self, panel: tuple[int, int]) -> bool: ...

#: A linear frame reaches at most this many times the largest starting value of the runs drawn.
CLIP_FACTOR = 10.0
#: A log frame reaches at most this many decades above the largest starting value.
CLIP_DECADES = 3.0
#: Marks that tell named series apart without colour, after the first series' own.
MONO_MARKS = ("+", "x", "o", "*", "=", "#", "%", "@")

Panel = tuple[int, int]


@dataclass(frozen=True)
class Series:
    """One line or set of points drawn through the canvas, not yet handed to plotext."""

    panel: Panel
    kind: str  # "line" or "points"
    x: np.ndarray
    y: np.ndarray
    color: str | None
    label: str | None
    marker: str | None
    trajectory: bool
    start: float | None


@dataclass(frozen=True)
class PanelAxes:
    """The axes of one panel; None where the module set its own. `clip` is the band trajectories
    are cut to (None: nothing is cut)."""

    x: Axis | None
    y: Axis | None
    clip: tuple[float, float] | None = None


Frame = tuple[tuple[Panel, PanelAxes], ...]


def settle(canvas: Canvas) -> tuple[Frame, list[tuple[float, str | None]]]:
    """Apply axes to every panel of the figure being built, hand the canvas's series to plotext,
    and return the frame used and the steps at which runs left the frame (cut there), with the
    names of those runs where they have one."""
    master = canvas.figure
    master._set_sizes()
    given = dict(canvas.options.frame or ())
    grid = canvas.grid
    panels = [(r, c) for r in range(1, grid[0] + 1) for c in range(1, grid[1] + 1)] if grid else [(1, 1)]
    frame: list[tuple[Panel, PanelAxes]] = []
    notes: list[tuple[float, str | None]] = []
    for panel in panels:
        sub = master._get_subplot(*panel) if grid else master
        if grid:
            master.subplot(*panel)
        else:
            master.main()
        series = [s for s in canvas.series if s.panel == panel]
        if canvas.is_fixed(panel):
            notes += _draw(canvas, series, None, None)
            _fit_title(canvas, sub, None)
            continue
        axes = given.get(panel) or _decide(canvas, panel, sub, series)
        _apply(sub, axes)
        notes += _draw(canvas, series, axes.clip, _Legend.of(sub, axes, series))
        _fit_title(canvas, sub, axes)
        frame.append((panel, axes))
    master.main()
    return tuple(frame), notes


# -- deciding -----------------------------------------------------------------------------------


def _numbers(values: Any) -> np.ndarray:
    out = np.array([v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)], dtype=float)
    return out[np.isfinite(out)] if out.size else out


def _has_data(mon: Any, series: list[Series]) -> bool:
    return bool(series or any(len(x) for x in mon.x) or mon.tx or mon.hcoord[0] or mon.vcoord[0])


def plot_rows(sub: Any, has_data: bool) -> int:
    """Rows of a subplot's plotting area, as plotext will lay it out."""
    mon = sub.monitor
    height = sub._height or 0
    high = mon.title is not None or mon.xlabel[1] is not None
    low = any(label is not None for label in mon.ylabel) or mon.xlabel[0] is not None
    return height - sum(mon.xaxes) - (1 if has_data else 0) - int(high) - int(low)


def _clip_band(canvas: Canvas, series: list[Series], mon: Any, log: bool) -> tuple[float, float] | None:
    """The band trajectories are cut to: around the largest start of the panel's runs."""
    starts = [abs(s.start) if not log else s.start for s in series if s.trajectory and s.start is not None]
    if not starts:
        return None
    if log:
        return -math.inf, max(starts) + CLIP_DECADES
    others = [np.abs(s.y) for s in series if not s.trajectory and s.y.size]
    others += [np.abs(_numbers(y)) for y in mon.y]
    scale = max([*starts, *(float(o.max()) for o in others if o.size), *(abs(h) for h in mon.hcoord[0])])
    if scale <= 0:
        return None
    return -CLIP_FACTOR * scale, CLIP_FACTOR * scale


def _decide(canvas: Canvas, panel: Panel, sub: Any, series: list[Series]) -> PanelAxes:
    mon = sub.monitor
    log = canvas.is_log(panel)
    has_data = _has_data(mon, series)
    if not has_data:
        return PanelAxes(None, None)
    rows = plot_rows(sub, has_data)
    band = _clip_band(canvas, series, mon, log)
    y_axis: Axis | None = None
    if log or mon.yticks[0] is None:
        wanted = canvas.log_span(panel) if log else None
        if wanted is None and None not in mon.ylim[0]:
            wanted = (mon.ylim[0][0], mon.ylim[0][1])
        if wanted is None:
            values = [np.clip(s.y, *band) if (band and s.trajectory) else s.y for s in series]
            values += [_numbers(y) for y in mon.y] + [_numbers(mon.hcoord[0]), _numbers(mon.ty)]
            values = [v for v in values if v.size]
            if values:
                wanted = (min(float(v.min()) for v in values), max(float(v.max()) for v in values))
        elif band and log and any(s.trajectory for s in series):
            wanted = (wanted[0], min(wanted[1], max(band[1], wanted[0] + 1)))
        if wanted is not None:
            y_axis = log_axis(*wanted, rows) if log else row_axis(*wanted, rows)
            floor = canvas.log_floor(panel) if log else None
            if floor is not None and wanted[0] <= floor:
                row = (y_axis.hi - y_axis.lo) / max(rows - 1, 1)  # a label a row or more above the floor's
                kept = [(t, text) for t, text in zip(y_axis.ticks, y_axis.labels, strict=True)
                        if t > floor + 1.5 * row]
                y_axis = Axis(min(y_axis.lo, floor), y_axis.hi, (floor, *(t for t, _ in kept)),
                              ("0", *(text for _, text in kept)))
    x_axis: Axis | None = None
    if mon.xticks[0] is None:
        data = [s.x for s in series] + [_numbers(x) for x in mon.x] + [_numbers(mon.vcoord[0]), _numbers(mon.tx)]
        data = [x for x in data if x.size]
        xs = [np.array(mon.xlim[0], dtype=float)] if None not in mon.xlim[0] else data
        if xs:
            lo, hi = min(float(x.min()) for x in xs), max(float(x.max()) for x in xs)
            # whole numbers only (steps, layers) when everything drawn is at whole numbers
            whole = bool(data) and all(bool(np.all(x == np.round(x))) for x in data)
            labels = y_axis.labels if y_axis is not None else (mon.ylabels[0] or [])
            cols = (sub._width or 0) - sum(mon.yaxes) - max((len(t) for t in labels), default=0)
            x_axis = col_axis(lo, hi, cols, whole)
    return PanelAxes(x_axis, y_axis, band)


def _apply(sub: Any, axes: PanelAxes) -> None:
    mon = sub.monitor
    if axes.y is not None:
        mon.set_ylim(axes.y.lo, axes.y.hi)
        mon.set_yticks(list(axes.y.ticks), list(axes.y.labels))
    if axes.x is not None:
        mon.set_xlim(axes.x.lo, axes.x.hi)
        mon.set_xticks(list(axes.x.ticks), list(axes.x.labels))


# -- drawing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Legend:
    """Where plotext will put a panel's legend (top left of the plotting area), in data units: a
    mark for a run leaving the frame goes just under it rather than over a name."""

    x_end: float  # the legend's right edge
    y_below: float  # the row under its last entry

    @staticmethod
    def of(sub: Any, axes: PanelAxes, series: list[Series]) -> _Legend | None:
        names = [s.label for s in series if s.label is not None]
        if not names or axes.x is None or axes.y is None:
            return None
        rows = plot_rows(sub, True)
        cols = (sub._width or 0) - sum(sub.monitor.yaxes) - max((len(t) for t in axes.y.labels), default=0)
        if rows < 2 or cols < 2:
            return None
        width = 3 + max(len(name) for name in names) + 2  # marker cells, then " name "
        x_end = axes.x.lo + (axes.x.hi - axes.x.lo) * (width + 0.5) / (cols - 1)
        return _Legend(x_end, axes.y.hi - len(names) * (axes.y.hi - axes.y.lo) / (rows - 1))


def _draw(canvas: Canvas, series: list[Series], band: tuple[float, float] | None,
          legend: _Legend | None) -> list[tuple[float, str | None]]:
    """Hand the series to plotext, cutting runaway trajectories at the band; returns the steps
    (x values) at which they left it, with their names."""
    opts = canvas.options
    drawn_on = canvas.figure._active  # the panel settle() opened
    notes: list[tuple[float, str | None]] = []
    used = {s.marker or canvas.marker for s in series if s.label is not None}
    spare = [m for m in MONO_MARKS if m not in used]
    default_taken = False
    for s in series:
        marker = s.marker or canvas.marker
        if s.label is not None and not opts.color and marker == canvas.marker:
            if default_taken and spare:  # without colour, each named series its own mark
                marker = spare.pop(0)
            default_taken = True
        style: dict[str, Any] = {"marker": marker}
        if s.color:
            style["color"] = s.color
        if s.kind == "points":
            keep = _inside(s.y, band) if s.trajectory else np.ones(s.y.size, dtype=bool)
            if keep.any():
                drawn_on.scatter(s.x[keep].tolist(), s.y[keep].tolist(), label=_padded(s.label), **style)
            continue
        pieces, exit_at = _cut(s.x, s.y, band) if s.trajectory else ([(s.x, s.y)], None)
        label = _padded(s.label)
        for xs, ys in pieces:
            if xs.size:
                drawn_on.plot(xs.tolist(), ys.tolist(), label=label, **style)
                label = None
        if label is not None:  # nothing inside the frame: keep the legend entry
            drawn_on.plot([], [], label=label, **style)
        if exit_at is not None:
            x, y, up = exit_at
            mark = ("▲" if up else "▼") if opts.unicode else ("^" if up else "v")
            if up and legend is not None and x <= legend.x_end:
                y = min(y, legend.y_below)
            drawn_on.text(mark, x, y, color=s.color, alignment="center")
            notes.append((x, s.label))
    return notes


def _padded(label: str | None) -> str | None:
    """A legend label with a space for each extra column its wide characters take: plotext counts
    a Hangul syllable as one column, and the spaces are what the line's squeezing takes back, so a
    curve running past the legend does not push the frame out of line."""
    if label is None:
        return None
    return label + "\u2800" * (cell_width(label) - len(label))  # a blank braille cell: plotext strips spaces


def _inside(y: np.ndarray, band: tuple[float, float] | None) -> np.ndarray:
    if band is None:
        return np.ones(y.size, dtype=bool)
    return (y >= band[0]) & (y <= band[1])


def _cut(x: np.ndarray, y: np.ndarray, band: tuple[float, float] | None,
         ) -> tuple[list[tuple[np.ndarray, np.ndarray]], tuple[float, float, bool] | None]:
    """The runs of a line inside the band, each ended where it crosses the band's edge, and the
    first point where the line leaves (x, edge, upwards?)."""
    inside = _inside(y, band)
    if band is None or inside.all():
        return [(x, y)], None
    pieces: list[tuple[np.ndarray, np.ndarray]] = []
    first_exit: tuple[float, float, bool] | None = None
    n = len(y)
    i = 0
    while i < n:
        if not inside[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and inside[j + 1]:
            j += 1
        xs, ys = list(x[i:j + 1]), list(y[i:j + 1])
        if i > 0:
            ex, ey = _crossing(x[i - 1], y[i - 1], x[i], y[i], band)
            xs.insert(0, ex)
            ys.insert(0, ey)
        if j + 1 < n:
            ex, ey = _crossing(x[j], y[j], x[j + 1], y[j + 1], band)
            xs.append(ex)
            ys.append(ey)
            if first_exit is None:
                first_exit = (float(x[j + 1]), ey, bool(y[j + 1] > band[1]))
        pieces.append((np.array(xs, dtype=float), np.array(ys, dtype=float)))
        i = j + 1
    if first_exit is None and not inside[0]:  # starts outside (cannot happen for a start-based band)
        k = int(np.argmax(~inside))
        first_exit = (float(x[k]), band[1] if y[k] > band[1] else band[0], bool(y[k] > band[1]))
    return pieces, first_exit


def _crossing(x0: float, y0: float, x1: float, y1: float, band: tuple[float, float]) -> tuple[float, float]:
    """Where the segment from an inside point to an outside one meets the band's edge."""
    a, b = (x0, y0), (x1, y1)
    if not band[0] <= y0 <= band[1]:
        a, b = b, a
    edge = band[1] if b[1] > band[1] else band[0]
    t = (edge - a[1]) / (b[1] - a[1]) if b[1] != a[1] else 0.0
    return float(a[0] + t * (b[0] - a[0])), float(edge)


# -- titles -------------------------------------------------------------------------------------


def _fit_title(canvas: Canvas, sub: Any, axes: PanelAxes | None) -> None:
    """Cut a title that would not fit over its panel (plotext would drop it) to one that does."""
    mon = sub.monitor
    title = mon.title
    if not title:
        return
    width = sub._width or 0
    labels = axes.y.labels if axes is not None and axes.y is not None else (mon.ylabels[0] or [])
    ylw = max((len(t) for t in labels), default=0)
    canvas_width = width - sum(mon.yaxes) - ylw
    center = ylw + mon.yaxes[0] + canvas_width // 2
    ellipsis = "…" if canvas.options.unicode else "~"
    text = title
    while text and not _title_fits(text, center, width):
        text = clip(text, cell_width(text) - 1, ellipsis)
        if text == ellipsis:
            break
    if text != title and _title_fits(text, center, width):
        mon.title = text


def _title_fits(text: str, center: int, width: int) -> bool:
    """plotext centres the title by its characters; on screen a wide character takes two cells."""
    start = center - len(text) // 2
    return start >= 1 and start + cell_width(text) + 1 <= width
