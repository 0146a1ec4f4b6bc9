"""logic-gates' chart: the unit square with the four input patterns, where the network answers 1,
and (in learn mode) the loss per step beside it.

Each pattern is drawn as its target digit — green when the network answers it right, red when not —
with the network's output σ(z) next to it, so the truth table is read straight off the square. Dots
fill the part of the plane the network answers 1 to; for a single neuron the edge of that region is
the straight line w₁·x₁ + w₂·x₂ + b = 0, drawn as well. In play mode everything follows the weights
at the step reached. The network's answers anywhere in the plane are the run's `logit` and `output`
maps, one frame per step.
"""

from __future__ import annotations

import numpy as np

from tutor.plots.canvas import PALETTE, Canvas
from tutor.sims.result import Result

#: The square is shown with a margin so that points on its edge are not drawn on the frame.
LOW, HIGH = -0.25, 1.25
RIGHT, WRONG, REGION, LINE = "green+", "red+", "cyan", "orange+"


def draw(canvas: Canvas, result: Result) -> None:
    p = result.params
    if p["mode"] == "manual" or "weights" not in result.series or not len(result.series["weights"]):
        theta = np.array([float(p["w1"]), float(p["w2"]), float(p["b"])])
        hidden = 0
        canvas.panels(1, 1)
        title = canvas.options.translate("{gate}: w1={w1}  w2={w2}  b={b}")
        canvas.panel(1, 1, title.format(gate=p["gate"], w1=f"{theta[0]:.3g}", w2=f"{theta[1]:.3g}",
                                        b=f"{theta[2]:.3g}"))
        _square(canvas, result, theta, 0, hidden)
        return
    hidden = int(p["hidden"])
    weights = canvas.visible(result.series["weights"])
    step = len(weights) - 1
    canvas.panels(1, 2)
    template = "{gate}, one neuron, step {step}" if hidden == 0 else "{gate}, {h} hidden, step {step}"
    canvas.panel(1, 1, canvas.options.translate(template).format(gate=p["gate"], h=hidden, step=step))
    _square(canvas, result, weights[-1], step, hidden)
    canvas.panel(1, 2, "loss per step")
    guess = np.log(2.0) if p["loss"] == "bce" else 0.25
    canvas.hline(guess)  # the loss of answering 0.5 to every pattern
    canvas.step_series(result, "loss", color=PALETTE[1], label="this run")


def _square(canvas: Canvas, result: Result, theta: np.ndarray, frame: int, hidden: int) -> None:
    """The square at one frame of the run's maps (`theta`: that frame's weights)."""
    opts = canvas.options
    logit, output = result.maps["logit"], result.maps["output"]
    patterns = np.array(logit.marks["patterns"])
    columns, rows = _panel_cells(canvas)
    nx, ny = max(columns // 3, 4), max(rows, 3)
    gx, gy = np.meshgrid(np.linspace(LOW, HIGH, nx), np.linspace(LOW, HIGH, ny))
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    with np.errstate(all="ignore"):
        on = logit.at(grid, frame) > 0.0
    z = logit.at(patterns, frame)
    dot = "·" if opts.unicode else "."
    canvas.points(grid[on, 0], grid[on, 1], color=REGION, marker=dot)
    if hidden == 0:
        _boundary(canvas, theta)
    y = np.array([float(t) for t in str(result.facts["target_table"])])
    outputs = output.at(patterns, frame)
    for (x1, x2), target, zi, out in zip(patterns, y, z, outputs, strict=True):
        # plotext writes a label over the cell it is anchored to, so the target digit is part of the
        # label: "1 0.91" from the point rightwards on the left side, "0.91 1" leftwards on the right.
        ok = (zi > 0) == (target > 0.5)
        value = f"{out:.2f}" if np.isfinite(out) else "?"
        left = x1 < 0.5
        label = f"{int(target)} {value}" if left else f"{value} {int(target)}"
        canvas.text(label, float(x1), float(x2), color=(RIGHT if ok else WRONG) if opts.color else None,
                 alignment="left" if left else "right")
    canvas.xlim(LOW, HIGH)
    canvas.ylim(LOW, HIGH)
    canvas.xticks([0, 1])
    canvas.yticks([0, 1])
    canvas.labels("x1", "x2")


def _boundary(canvas: Canvas, theta: np.ndarray) -> None:
    """The segment of w₁·x₁ + w₂·x₂ + b = 0 inside the view, if the neuron has a line at all."""
    w1, w2, b = (float(v) for v in theta)
    if not np.isfinite([w1, w2, b]).all() or max(abs(w1), abs(w2)) < 1e-12:
        return
    if abs(w2) >= abs(w1):  # the line is closer to horizontal: write x₂ as a function of x₁
        xs = np.linspace(LOW, HIGH, 60)
        ys = -(w1 * xs + b) / w2
    else:
        ys = np.linspace(LOW, HIGH, 60)
        xs = -(w2 * ys + b) / w1
    inside = (xs >= LOW) & (xs <= HIGH) & (ys >= LOW) & (ys <= HIGH)
    if inside.sum() >= 2:
        canvas.line(xs[inside], ys[inside], color=LINE)


def _panel_cells(canvas: Canvas) -> tuple[int, int]:
    """Roughly how many character cells one panel's plotting area has."""
    cols = canvas.options.width // (2 if canvas._panel_count > 1 else 1)
    return max(cols - 8, 4), max(canvas.options.height - 5, 3)
