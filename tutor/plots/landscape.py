"""landscape's chart: the loss curve with the ball's every position on it and the slope under the
ball drawn as a tangent, and the loss per step beside it.

In play mode the ball is at step `upto` and the tangent follows it, so the learner watches the slope
flatten as the ball settles (or stay flat while it crawls along a plateau).
"""

from __future__ import annotations

import numpy as np

from tutor.plots.canvas import PALETTE, PIN_COLOR, Canvas
from tutor.sims.result import Result

#: The curve is drawn in the terminal's own text colour ("default"), legible on dark and light screens.
PATH_COLOR, BALL_COLOR, TANGENT_COLOR, CURVE_COLOR = PALETTE[0], PALETTE[1], PALETTE[4], "default"
#: The tangent is drawn this wide (as a share of the x range) unless it would leave the picture.
TANGENT_REACH = 0.12
#: A slope below this is shown as 0 in the title.
FLAT = 5e-4
#: The fewest points the curve is drawn with, however narrow the chart.
CURVE_MIN_POINTS = 60


def draw(canvas: Canvas, result: Result) -> None:
    canvas.panels(1, 2)
    w, loss, grad = (canvas.visible(result.series[k]) for k in ("w", "loss", "grad"))
    canvas.panel(1, 1, "loss curve L(w) and the path of w")
    if len(w):
        canvas.title(_slope_title(canvas, len(w) - 1, float(grad[-1])))
    canvas.labels(x="w")
    _curve(canvas, result)
    _pins_on_curve(canvas, result)
    if len(w):
        canvas.points(w[:-1], loss[:-1], color=PATH_COLOR, marker="•" if canvas.options.unicode else ".")
        _tangent(canvas, result, float(w[-1]), float(loss[-1]), float(grad[-1]))
        canvas.points(w[-1:], loss[-1:], color=BALL_COLOR)
    canvas.panel(1, 2, "loss per step")
    canvas.labels(x="step")
    canvas.step_series(result, "loss", color=PALETTE[1], label="this run")


def _slope_title(canvas: Canvas, step: int, slope: float) -> str:
    """"step 3: slope +2.4, so w moves left": the sign of the slope read out as a direction."""
    if abs(slope) < FLAT:
        template, shown = "step {k}: slope {g}, so w stays put", "0"
    else:
        shown = f"{slope:+.3g}"
        template = "step {k}: slope {g}, so w moves left" if slope > 0 else "step {k}: slope {g}, so w moves right"
    return canvas.options.translate(template).format(k=step, g=shown)


def _curve(canvas: Canvas, result: Result) -> None:
    """The curve, thinned to about one point per dot column: plotext joins every pair of points
    dot by dot, so points beyond the screen's resolution cost time and add nothing."""
    xs, ys = result.series["curve_w"], result.series["curve_loss"]
    wanted = max(CURVE_MIN_POINTS, canvas.options.width)
    if len(xs) > wanted:
        keep = np.unique(np.linspace(0, len(xs) - 1, wanted).round().astype(int))
        xs, ys = xs[keep], ys[keep]
    canvas.line(xs, ys, color=CURVE_COLOR)


def _pins_on_curve(canvas: Canvas, result: Result) -> None:
    """Earlier runs on the same curve, faded: where they went from their own starts and rates."""
    same = ("function", "bump") if result.params.get("function") == "bumpy" else ("function",)
    for pin in canvas.options.pins:
        if pin.sim == result.sim and all(pin.params.get(k) == result.params.get(k) for k in same):
            canvas.points(pin.series["w"], pin.series["loss"], color=PIN_COLOR,
                          marker="•" if canvas.options.unicode else ".")


def _tangent(canvas: Canvas, result: Result, w: float, loss: float, slope: float) -> None:
    """The straight line with the curve's slope at the ball, short enough to stay in the picture."""
    xs, ys = result.series["curve_w"], result.series["curve_loss"]
    x_span = float(xs[-1] - xs[0])
    finite = ys[np.isfinite(ys)]
    y_span = float(finite.max() - finite.min()) if finite.size else 0.0
    reach = TANGENT_REACH * x_span
    if slope != 0 and y_span > 0:
        reach = min(reach, 0.25 * y_span / abs(slope))
    if not np.isfinite(reach) or reach <= 0:
        return
    x = np.array([w - reach, w + reach])
    canvas.line(x, loss + slope * (x - w), color=TANGENT_COLOR)
