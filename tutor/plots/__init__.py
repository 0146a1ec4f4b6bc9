"""Charts: a simulation result and a size become text, drawn by plotext.

`render(result, options)` is a pure function of its arguments, used unchanged by `gdtutor sim
--plot` and by the app, so every chart the learner sees can be tested without a terminal. Each
simulation's chart lives in a module of this package named after it (`lr-overshoot` →
`tutor.plots.lr_overshoot`), with a `draw(canvas, result)` function.

plotext keeps one global figure, so building is serialised by a lock; the app additionally builds
every chart on a single thread.
"""

from __future__ import annotations

import importlib
import threading
from typing import TYPE_CHECKING

from tutor.plots.canvas import Canvas, ChartOptions

if TYPE_CHECKING:
    from tutor.sims.result import Result

__all__ = ["ChartOptions", "render"]

_PLOTEXT = threading.Lock()

#: Below this size no chart is legible; a short note is drawn instead of a broken frame.
MIN_WIDTH, MIN_HEIGHT = 20, 6


def render(result: Result, options: ChartOptions) -> str:
    """The chart of `result` as text (with ANSI colours unless `options.color` is off)."""
    if options.width < MIN_WIDTH or options.height < MIN_HEIGHT:
        return _too_small(options)
    module = importlib.import_module(f"{__name__}.{result.sim.replace('-', '_')}")
    with _PLOTEXT:
        canvas = Canvas(options)
        canvas.start()
        module.draw(canvas, result)
        return canvas.finish()


def _too_small(options: ChartOptions) -> str:
    text = options.translate("(enlarge the window to see the chart)")
    if options.width <= 0 or options.height <= 0:
        return ""
    return text[: options.width]
