"""A thin, stateful-for-one-chart wrapper over plotext's global figure.

Chart modules talk to a `Canvas` rather than to plotext directly, so that size, colour, ASCII
fallback, play-mode truncation and pinned reference runs are handled once, the same way for every
simulation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import plotext as plt

from tutor.widths import squeeze_wide

if TYPE_CHECKING:
    from tutor.sims.result import Result

ANSI = re.compile(r"\x1b\[[0-9;]*m")
#: Box-drawing and marker characters plotext uses, mapped to ASCII for terminals without Unicode.
ASCII = str.maketrans({"┌": "+", "┐": "+", "└": "+", "┘": "+", "─": "-", "│": "|", "┤": "+", "├": "+",
                       "┬": "+", "┴": "+", "┼": "+", "•": "*", "●": "o", "▶": ">", "◀": "<"})

#: Colours for overlaid runs, chosen to be distinct on dark and light terminals.
PALETTE = ("cyan+", "orange+", "green+", "magenta+", "yellow+", "red+", "blue+", "white")
PIN_COLOR = "gray"


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class ChartOptions:
    """How to draw: the size in cells, and what the face wants shown.

    `upto` cuts every trajectory after that step (play mode); `pins` are earlier runs of the same
    simulation drawn faded underneath for comparison; `unicode=False` draws with ASCII only;
    `translate` renders titles in the learner's language.
    """

    width: int
    height: int
    upto: int | None = None
    pins: tuple[Result, ...] = ()
    color: bool = True
    unicode: bool = True
    translate: Callable[[str], str] = field(default=_same)


class Canvas:
    """One chart being built: subplot layout, series drawing helpers, and the final text."""

    def __init__(self, options: ChartOptions) -> None:
        self.options = options
        self.plt = plt
        self._panel: tuple[int, int] = (1, 1)
        #: The y extent drawn in each panel, to label its axis compactly when the chart is built.
        self._y_extent: dict[tuple[int, int], tuple[float, float]] = {}
        #: Set by `text_block`: the chart is this text instead of a plotext figure.
        self._text: str | None = None

    # -- lifecycle (called by tutor.plots.render) -------------------------------------------------

    def start(self) -> None:
        plt.main()  # clear_figure() only clears the *active* subplot: return to the whole figure first
        plt.clear_figure()
        # plotext clamps a figure to the terminal it guesses (80×24 in a pipe); the size asked for wins.
        # clear_figure() turns the clamp back on, so this must come after it and before plotsize().
        plt.limit_size(False, False)
        plt.plotsize(self.options.width, self.options.height)
        plt.theme("pro" if self.options.color else "clear")

    def finish(self) -> str:
        if self._text is not None:
            text = self._text
        else:
            self._compact_y_ticks()
            text = plt.build()
        plt.main()
        plt.clear_figure()
        if not self.options.color:
            text = ANSI.sub("", text)
        if not self.options.unicode:
            text = text.translate(ASCII)
        lines = [squeeze_wide(line) for line in text.splitlines()]  # plotext counts a Korean syllable as 1
        lines = [line.rstrip() if not self.options.color else line for line in lines]
        return "\n".join(lines)

    def _compact_y_ticks(self) -> None:
        """Short y labels (1.4e+19, not 14411518807585587200.0) so the plot keeps its width."""
        for (row, col), (lo, hi) in self._y_extent.items():
            if not (abs(lo) >= 1e5 or abs(hi) >= 1e5 or 0 < hi - lo < 1e-3):
                continue
            if self._panel_count > 1:
                plt.subplot(row, col)
            ticks = np.linspace(lo, hi, 5) if hi > lo else np.array([lo])
            plt.yticks(ticks.tolist(), [f"{t:.2g}" for t in ticks])

    # -- layout -----------------------------------------------------------------------------------

    _panel_count = 1

    def panels(self, rows: int, cols: int) -> None:
        self._panel_count = rows * cols
        plt.subplots(rows, cols)

    def panel(self, row: int, col: int, title: str) -> None:
        self._panel = (row, col)
        plt.subplot(row, col)
        plt.title(self.options.translate(title))

    def title(self, title: str) -> None:
        plt.title(self.options.translate(title))

    def labels(self, x: str = "", y: str = "") -> None:
        if x:
            plt.xlabel(self.options.translate(x))
        if y:
            plt.ylabel(self.options.translate(y))

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
             color: str | None = None, label: str | None = None, marker: str | None = None) -> None:
        """A line through the finite points of (x, y); nothing is drawn if none are finite."""
        xs, ys = _finite_pairs(x, y)
        if not xs:
            return
        self._note_extent(ys)
        kwargs: dict[str, Any] = {"marker": marker or self.marker}
        if color and self.options.color:
            kwargs["color"] = color
        if label:
            kwargs["label"] = self.options.translate(label)
        plt.plot(xs, ys, **kwargs)

    def points(self, x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray, *,
               color: str | None = None, label: str | None = None, marker: str | None = None) -> None:
        xs, ys = _finite_pairs(x, y)
        if not xs:
            return
        self._note_extent(ys)
        kwargs: dict[str, Any] = {"marker": marker or ("●" if self.options.unicode else "o")}
        if color and self.options.color:
            kwargs["color"] = color
        if label:
            kwargs["label"] = self.options.translate(label)
        plt.scatter(xs, ys, **kwargs)

    def _note_extent(self, ys: list[float]) -> None:
        lo, hi = min(ys), max(ys)
        old = self._y_extent.get(self._panel)
        self._y_extent[self._panel] = (min(lo, old[0]), max(hi, old[1])) if old else (lo, hi)

    def hline(self, y: float, color: str = PIN_COLOR) -> None:
        if np.isfinite(y):
            plt.hline(float(y), color if self.options.color else None)

    def step_series(self, result: Result, name: str, *, color: str = PALETTE[0],
                    label: str | None = None, with_pins: bool = True) -> None:
        """A trajectory against its step index, with the pinned runs' same series faded behind."""
        if with_pins:
            for i, pin in enumerate(self.options.pins, start=1):
                if name in pin.series:
                    ys = pin.series[name]
                    self.line(np.arange(len(ys)), ys, color=PIN_COLOR,
                              label=f"{self.options.translate('pin')} {i}")
        ys = self.visible(result.series[name])
        self.line(np.arange(len(ys)), ys, color=color, label=label if self.options.pins else None)


#: plotext's axis arithmetic overflows for values near the float limit (a diverging run's last steps
#: reach 1e307); points beyond this are left out like non-finite ones, so the rest of the run draws.
DRAWABLE = 1e300


def _finite_pairs(x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray,
                  ) -> tuple[list[float], list[float]]:
    xa, ya = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    n = min(len(xa), len(ya))
    xa, ya = xa[:n], ya[:n]
    with np.errstate(invalid="ignore"):
        keep = (np.abs(xa) <= DRAWABLE) & (np.abs(ya) <= DRAWABLE)  # False for NaN and ±inf too
    return xa[keep].tolist(), ya[keep].tolist()
