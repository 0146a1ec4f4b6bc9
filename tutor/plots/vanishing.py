"""vanishing's chart: how large each layer's gradient is, input side on the left, at the start and
after training (a falling line is a vanishing gradient, a rising one an exploding gradient), and the
loss per step beside it. Both on powers-of-ten axes: the interesting differences are in orders of
magnitude."""

from __future__ import annotations

import numpy as np

from tutor.plots.canvas import PALETTE, PIN_COLOR, Canvas
from tutor.plots.log_scale import extent, log_line, log_values, set_axis
from tutor.sims.result import Result


def draw(canvas: Canvas, result: Result) -> None:
    rows = max(3, canvas.options.height - 6)
    canvas.panels(1, 2)
    canvas.panel(1, 1, "gradient norm by layer")
    _gradients(canvas, result, rows)
    canvas.panel(1, 2, "loss per step")
    _loss(canvas, result, rows)


def _gradients(canvas: Canvas, result: Result, rows: int) -> None:
    pins = [log_values(pin.series["grad_norm"]) for pin in canvas.options.pins if "grad_norm" in pin.series]
    start = log_values(result.series["grad_norm"])
    trained = None
    if "grad_norm_final" in result.series and _finished(canvas, result):
        trained = log_values(result.series["grad_norm_final"])
    shown = [start, *pins] + ([trained] if trained is not None else [])
    span, floor = extent(*shown)
    for i, pin in enumerate(pins, start=1):
        log_line(canvas, np.arange(1, len(pin) + 1), pin, floor, color=PIN_COLOR,
                 label=f"{canvas.options.translate('pin')} {i}")
    log_line(canvas, np.arange(1, len(start) + 1), start, floor, color=PALETTE[0], label="start")
    if trained is not None:
        # without colour the two lines must differ in shape to be told apart
        log_line(canvas, np.arange(1, len(trained) + 1), trained, floor, color=PALETTE[1], label="trained",
                 marker=None if canvas.options.color else "x")
    set_axis(canvas, span, rows, floor)
    canvas.labels(x="layer (1 = input side)")


def _loss(canvas: Canvas, result: Result, rows: int) -> None:
    pins = [log_values(pin.series["loss"]) for pin in canvas.options.pins if "loss" in pin.series]
    loss = log_values(canvas.visible(result.series["loss"]))
    span, floor = extent(loss, *pins)
    for i, pin in enumerate(pins, start=1):
        log_line(canvas, np.arange(len(pin)), pin, floor, color=PIN_COLOR,
                 label=f"{canvas.options.translate('pin')} {i}", trajectory=True)
    log_line(canvas, np.arange(len(loss)), loss, floor, color=PALETTE[2],
             label="this run" if pins else None, trajectory=True)
    set_axis(canvas, span, rows, floor)
    canvas.labels(x="step")


def _finished(canvas: Canvas, result: Result) -> bool:
    """Whether play mode has reached the end of training (the trained gradients belong there)."""
    return canvas.options.upto is None or canvas.options.upto >= len(result.series["loss"]) - 1
