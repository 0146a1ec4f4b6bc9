"""lr-overshoot's chart: the weight step by step (is it creeping, landing, bouncing, escaping?) and
the loss beside it."""

from __future__ import annotations

from tutor.plots.canvas import PALETTE, Canvas
from tutor.sims.result import Result


def draw(canvas: Canvas, result: Result) -> None:
    canvas.panels(1, 2)
    canvas.panel(1, 1, "weight w per step")
    canvas.hline(float(result.params["w_star"]))
    canvas.step_series(result, "w", color=PALETTE[0], label="this run")
    canvas.panel(1, 2, "loss per step")
    canvas.step_series(result, "loss", color=PALETTE[1], label="this run")
