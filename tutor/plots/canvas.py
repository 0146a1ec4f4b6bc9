"""A thin, stateful-for-one-chart wrapper over a plotext figure of the chart's own.

Chart modules talk to a `Canvas` rather than to plotext directly, so that size, colour, ASCII
fallback, play-mode truncation, pinned reference runs and the axes are handled once, the same way
for every simulation. The axes are settled when the chart is finished (`tutor.plots.axes`): round
ticks on the rows of their values, titles cut to fit, runaway trajectories cut at the frame with a
mark, and series told apart by their marks when there is no colour. In play mode the axes are
those of the whole run (`ChartOptions.frame`), so only the curves move.

Each canvas builds on a plotext figure object of its own (plotext's `_figure_class`, the class of
the module-level figure that `plotext.plot` and friends draw on), never on that shared figure, so
charts can be built on several threads at once without a lock.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from plotext._figure import _figure_class

from tutor.plots.axes import Frame, Series, settle
from tutor.widths import squeeze_wide

if TYPE_CHECKING:
    from tutor.sims.result import Result

ANSI = re.compile(r"\x1b\[[0-9;]*m")
#: Box-drawing and marker characters plotext uses, mapped to ASCII for terminals without Unicode.
ASCII = str.maketrans({"┌": "+", "┐": "+", "└": "+", "┘": "+", "─": "-", "│": "|", "┤": "+", "├": "+",
                       "┬": "+", "┴": "+", "┼": "+", "•": "*", "●": "o", "▶": ">", "◀": "<", "▲": "^",
                       "▼": "v", "…": "~"})

#: Colours for overlaid runs, chosen to be distinct on dark and light terminals.
PALETTE = ("cyan+", "orange+", "green+", "magenta+", "yellow+", "red+", "blue+", "white")
PIN_COLOR = "gray"
#: Without colour a pinned run is drawn with this mark, so it cannot be taken for the current run.
PIN_MARK = ":"


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class ChartOptions:
    """How to draw: the size in cells, and what the face wants shown.

    `upto` cuts every trajectory after that step (play mode); `pins` are earlier runs of the same
    simulation drawn faded underneath for comparison; `unicode=False` draws with ASCII only;
    `translate` renders titles in the learner's language; `frame` holds the axes to draw with
    (those of the whole run, so play mode's axes hold still; None: settle them from what is drawn).
    """

    width: int
    height: int
    upto: int | None = None
    pins: tuple[Result, ...] = ()
    color: bool = True
    unicode: bool = True
    translate: Callable[[str], str] = field(default=_same)
    frame: Frame | None = None


#: Charts this many rows high or more have room for an x-axis name under the ticks.
LABEL_ROWS_FROM = 16


class Canvas:
    """One chart being built: subplot layout, series drawing helpers, and the final text."""

    def __init__(self, options: ChartOptions) -> None:
        self.options = options
        #: This chart's own plotext figure; the one the axes are settled on (`tutor.plots.axes`).
        self.figure: Any = _figure_class()
        self._panel: tuple[int, int] = (1, 1)
        self._grid: tuple[int, int] | None = None
        #: Series drawn through the canvas, handed to plotext when the axes are settled.
        self._series: list[Series] = []
        #: Panels whose y values are log10 of the quantity (labelled in powers of ten), with the
        #: span the module wants shown (None: the span of what is drawn).
        self._log: dict[tuple[int, int], tuple[float, float] | None] = {}
        self._floor: dict[tuple[int, int], float] = {}
        #: Panels whose axes the module sets itself (a raster drawn on exact cells).
        self._fixed: set[tuple[int, int]] = set()
        #: Set by `text_block`: the chart is this text instead of a plotext figure.
        self._text: str | None = None
        #: The axes the chart was drawn with.
        self.frame: Frame = ()
        #: Steps at which a run left the frame (and was cut there with a mark), with its name if
        #: it has one in the legend.
        self.left_at: list[tuple[float, str | None]] = []

    # -- lifecycle (called by tutor.plots.render) -------------------------------------------------

    def start(self) -> None:
        # plotext clamps a figure to the terminal it guesses (80×24 in a pipe); the size asked for wins.
        # A new figure has the clamp on, so this must come before plot_size().
        self.figure._limit_size(False, False)
        self.figure.plot_size(self.options.width, self.options.height)
        self.figure.theme("pro" if self.options.color else "clear")

    def settle(self) -> Frame:
        """Decide every panel's axes and hand the series to plotext (once); returns the frame."""
        if self._text is None and not self.frame:
            self.frame, left_at = settle(self)
            self.left_at += left_at
        return self.frame

    def finish(self) -> str:
        if self._text is not None:
            text = self._text
        else:
            self.settle()
            text = self.figure.build()
        if not self.options.color:
            text = ANSI.sub("", text)
        if not self.options.unicode:
            text = text.translate(ASCII)
        lines = [squeeze_wide(line) for line in text.splitlines()]  # plotext counts a Korean syllable as 1
        lines = [line.rstrip() if not self.options.color else line for line in lines]
        return "\n".join(lines)

    @property
    def notes(self) -> list[str]:
        """What the chart wants said about itself: from which step a run is off the chart (and
        which run, when several are drawn)."""
        if not self.left_at:
            return []
        x, name = min(self.left_at, key=lambda exit: exit[0])
        step = f"{x:g}"
        if name:
            return [self.options.translate("{name}: off the chart from step {step}").format(name=name.rstrip("\u2800 "),
                                                                                          step=step)]
        return [self.options.translate("off the chart from step {step}").format(step=step)]

    @property
    def _active(self) -> Any:
        """The panel plotext draws on next: the one opened last (the whole figure before any)."""
        return self.figure._active

    # -- layout -----------------------------------------------------------------------------------

    @property
    def _panel_count(self) -> int:
        return self._grid[0] * self._grid[1] if self._grid else 1

    @property
    def grid(self) -> tuple[int, int] | None:
        """(rows, cols) of panels, or None for a single figure without subplots."""
        return self._grid

    def panels(self, rows: int, cols: int) -> None:
        self._grid = (rows, cols)
        self.figure._active.subplots(rows, cols)

    def panel(self, row: int, col: int, title: str) -> None:
        self._panel = (row, col)
        self.figure.subplot(row, col)
        self._active.title(self.options.translate(title))

    def title(self, title: str) -> None:
        self._active.title(self.options.translate(title))

    def labels(self, x: str = "", y: str = "") -> None:
        """Axis names; a short chart gives up its x name first, so the plot keeps that row (at 80×24
        the app's chart has about 14 rows for a title, a frame, ticks and the plot)."""
        if x and self.options.height >= LABEL_ROWS_FROM:
            self._active.xlabel(self.options.translate(x))
        if y:
            self._active.ylabel(self.options.translate(y))

    def log_y(self, span: tuple[float, float] | None = None, floor: float | None = None) -> None:
        """This panel's y values are log10 of the quantity: label it in powers of ten (and 2, 5),
        over `span` (log10 values) or over what is drawn. Values drawn at `floor` stand for zero,
        and the floor is labelled 0."""
        self._log[self._panel] = span
        if floor is not None:
            self._floor[self._panel] = floor

    def fixed_axes(self) -> None:
        """This panel's limits and ticks are the module's own (it drew on exact cells)."""
        self._fixed.add(self._panel)

    def is_log(self, panel: tuple[int, int]) -> bool:
        return panel in self._log

    def log_span(self, panel: tuple[int, int]) -> tuple[float, float] | None:
        return self._log.get(panel)

    def log_floor(self, panel: tuple[int, int]) -> float | None:
        return self._floor.get(panel)

    def is_fixed(self, panel: tuple[int, int]) -> bool:
        return panel in self._fixed

    @property
    def series(self) -> list[Series]:
        return self._series

    # -- drawing ----------------------------------------------------------------------------------

    def text_block(self, text: str) -> None:
        """Make the chart this text (a table, say) instead of a plotext figure.

        The caller fits it to `options.width` × `options.height`; colour stripping and the ASCII
        fallback still apply when the chart is finished.
        """
        self._text = text

    @property
    def marker(self) -> str:
        return "braille" if self.options.unicode else "dot"

    def visible(self, series: np.ndarray) -> np.ndarray:
        """The part of a trajectory play mode has reached so far."""
        if self.options.upto is None:
            return series
        return series[: self.options.upto + 1]

    def line(self, x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray, *,
             color: str | None = None, label: str | None = None, marker: str | None = None,
             trajectory: bool = False, start: float | None = None) -> None:
        """A line through the finite points of (x, y); nothing is drawn if none are finite.

        A `trajectory` (a run's values per step) that runs away from where it started is cut at
        the frame with a mark instead of setting the scale; `start` is its first value when the
        part drawn (play mode) may not hold it.
        """
        self._add("line", x, y, color, label, marker or None, trajectory, start)

    def points(self, x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray, *,
               color: str | None = None, label: str | None = None, marker: str | None = None,
               trajectory: bool = False) -> None:
        self._add("points", x, y, color, label, marker or ("●" if self.options.unicode else "o"), trajectory, None)

    def _add(self, kind: str, x: Any, y: Any, color: str | None, label: str | None, marker: str | None,
             trajectory: bool, start: float | None) -> None:
        xa, ya = _finite_pairs(x, y)
        if not xa.size and start is None:
            return
        if color == PIN_COLOR and not self.options.color:
            marker = PIN_MARK
        self._series.append(Series(self._panel, kind, xa, ya, color if self.options.color else None,
                                   self.options.translate(label) if label else None, marker, trajectory,
                                   start if start is not None else (float(ya[0]) if ya.size else None)))

    def hline(self, y: float, color: str = PIN_COLOR) -> None:
        if np.isfinite(y):
            self._active.hline(float(y), color if self.options.color else None)

    def vline(self, x: float, color: str | None) -> None:
        self._active.vline(x, color)

    # -- what a module sets or draws itself, on the panel it opened last ----------------------------

    def panel_size(self, row: int, col: int, width: int, height: int) -> None:
        """Give a panel of the grid its own size in cells (plotext shares the rest out)."""
        self.figure.subplot(row, col).plot_size(width, height)

    def xlim(self, lo: float, hi: float) -> None:
        self._active.xlim(lo, hi)

    def ylim(self, lo: float, hi: float) -> None:
        self._active.ylim(lo, hi)

    def xticks(self, ticks: Sequence[float], labels: Sequence[str] | None = None) -> None:
        self._active.xticks(ticks, labels)

    def yticks(self, ticks: Sequence[float], labels: Sequence[str] | None = None) -> None:
        self._active.yticks(ticks, labels)

    def text(self, label: str, x: float, y: float, *, color: str | int | None = None,
             background: str | int | None = None, alignment: str | None = None) -> None:
        """A label at (x, y), as given: the canvas neither cuts nor restyles it."""
        self._active.text(label, x, y, color=color, background=background, alignment=alignment)

    def bar(self, x: Sequence[float], heights: Sequence[float], *, width: float, marker: str,
            color: str | None = None) -> None:
        """Bars, as given: the canvas neither cuts nor restyles them."""
        self._active.bar(x, heights, width=width, marker=marker, color=color)

    def scatter(self, x: Sequence[float], y: Sequence[float], *, marker: str, color: str | None = None) -> None:
        """Points, as given: unlike `points`, never cut at the frame nor restyled without colour."""
        self._active.scatter(x, y, marker=marker, color=color)

    def step_series(self, result: Result, name: str, *, color: str = PALETTE[0],
                    label: str | None = None, with_pins: bool = True) -> None:
        """A trajectory against its step index, with the pinned runs' same series faded behind."""
        if with_pins:
            for i, pin in enumerate(self.options.pins, start=1):
                if name in pin.series:
                    ys = pin.series[name]
                    self.line(np.arange(len(ys)), ys, color=PIN_COLOR, trajectory=True,
                              label=f"{self.options.translate('pin')} {i}")
        whole = result.series[name]
        ys = self.visible(whole)
        self.line(np.arange(len(ys)), ys, color=color, label=label if self.options.pins else None,
                  trajectory=True, start=_first_finite(whole))


#: plotext's axis arithmetic overflows for values near the float limit (a diverging run's last steps
#: reach 1e307); points beyond this are left out like non-finite ones, so the rest of the run draws.
DRAWABLE = 1e300


def _first_finite(values: np.ndarray) -> float | None:
    finite = np.asarray(values, dtype=float)
    finite = finite[np.isfinite(finite)]
    return float(finite[0]) if finite.size else None


def _finite_pairs(x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray,
                  ) -> tuple[np.ndarray, np.ndarray]:
    xa, ya = np.asarray(x, dtype=float).ravel(), np.asarray(y, dtype=float).ravel()
    n = min(len(xa), len(ya))
    xa, ya = xa[:n], ya[:n]
    with np.errstate(invalid="ignore"):
        keep = (np.abs(xa) <= DRAWABLE) & (np.abs(ya) <= DRAWABLE)  # False for NaN and ±inf too
    return xa[keep], ya[keep]
