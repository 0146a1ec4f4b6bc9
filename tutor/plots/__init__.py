"""Charts: a simulation result and a size become text, drawn by plotext.

`render(result, options)` is a pure function of its arguments, used unchanged by `gdtutor sim
--plot` and by the app, so every chart the learner sees can be tested without a terminal. Each
simulation's chart lives in a module of this package named after it (`lr-overshoot` →
`tutor.plots.lr_overshoot`), with a `draw(canvas, result)` function; the canvas settles the axes
(`tutor.plots.axes`) so that every chart gets round ticks on their rows, titles that fit, legends
and marks that tell runs apart without colour, and diverging runs cut at the frame. `draw` also
returns the axes used (`Frame`) and what the chart wants said; in play mode it draws with the axes
of the whole run (`frame_of`), so only the curves move.

Every chart is built on a plotext figure of its own (`tutor.plots.canvas`), so charts can be
built on several threads at once.
"""

from __future__ import annotations

import dataclasses
import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tutor.plots.axes import Frame
from tutor.plots.canvas import Canvas, ChartOptions

if TYPE_CHECKING:
    from tutor.sims.result import Result

__all__ = ["ChartOptions", "Drawing", "Frame", "draw", "frame_of", "render"]

#: Below this size no chart is legible; a short note is drawn instead of a broken frame.
MIN_WIDTH, MIN_HEIGHT = 20, 6


@dataclass(frozen=True)
class Drawing:
    """A chart's text, the axes of the whole run it was drawn with, and what it wants said (a run
    cut at the frame, and from which step)."""

    text: str
    frame: Frame
    notes: tuple[str, ...] = ()


def render(result: Result, options: ChartOptions) -> str:
    """The chart of `result` as text (with ANSI colours unless `options.color` is off)."""
    return draw(result, options).text


def draw(result: Result, options: ChartOptions) -> Drawing:
    """The chart of `result`; in play mode drawn with the axes of the whole run (`options.frame`, or
    worked out here when not given), so that only the curves move from frame to frame."""
    if options.width < MIN_WIDTH or options.height < MIN_HEIGHT:
        return Drawing(_too_small(options), ())
    module = _module(result)
    if options.frame is None and options.upto is not None:
        options = dataclasses.replace(options, frame=_measure(module, result, options))
    canvas = Canvas(options)
    canvas.start()
    module.draw(canvas, result)
    text = canvas.finish()
    return Drawing(text, options.frame or canvas.frame, tuple(canvas.notes))


def frame_of(result: Result, options: ChartOptions) -> Frame:
    """The axes of the whole run at this size, with these pins: what play mode draws with."""
    if options.width < MIN_WIDTH or options.height < MIN_HEIGHT:
        return ()
    return _measure(_module(result), result, options)


def _module(result: Result):  # type: ignore[no-untyped-def]
    return importlib.import_module(f"{__name__}.{result.sim.replace('-', '_')}")


def _measure(module, result: Result, options: ChartOptions) -> Frame:  # type: ignore[no-untyped-def]
    canvas = Canvas(dataclasses.replace(options, upto=None, frame=None))
    canvas.start()
    module.draw(canvas, result)
    frame = canvas.settle()
    return frame


def _too_small(options: ChartOptions) -> str:
    text = options.translate("(enlarge the window to see the chart)")
    if options.width <= 0 or options.height <= 0:
        return ""
    return text[: options.width]
