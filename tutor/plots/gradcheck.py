"""gradcheck's chart: how wrong numerical gradients are for each step h, and what they cost.

Left, the relative error of forward and central differences against backpropagation, both axes in
powers of ten. h shrinks to the right, so play mode sweeps the step down decade by decade and the U
appears: truncation error falling, then rounding error rising. The learner's own h is a vertical
line; pinned runs (float32 against float64, say) are drawn faded. plotext's log scale does not
take custom tick labels, so log10 values are drawn on linear axes and labelled as 1e-k.
Right, loss evaluations per gradient as the network grows: two straight lines against backprop's
flat two passes.
"""

from __future__ import annotations

import numpy as np

from tutor.plots.canvas import PALETTE, PIN_COLOR, Canvas
from tutor.sims.result import Result

#: Errors are floored here before the logarithm: an exact match would otherwise be −∞.
FLOOR = 1e-17
FORWARD, CENTRAL, BACKPROP = PALETTE[1], PALETTE[0], PALETTE[2]


def _markers(canvas: Canvas) -> dict[str, str]:
    """Without colour the lines are told apart by their marks: braille (or ·) for central, + for
    forward, - for backprop."""
    if canvas.options.color:
        return dict.fromkeys(("central", "forward", "backprop"), canvas.marker)
    return {"central": canvas.marker, "forward": "+", "backprop": "-"}


def draw(canvas: Canvas, result: Result) -> None:
    canvas.panels(1, 2)
    canvas.panel(1, 1, "relative error vs step h")
    _errors(canvas, result)
    canvas.panel(1, 2, "evaluations per gradient")
    _cost(canvas, result)


def _log(values: np.ndarray) -> np.ndarray:
    return np.log10(np.maximum(np.asarray(values, dtype=float), FLOOR))


def _errors(canvas: Canvas, result: Result) -> None:
    for i, pin in enumerate(canvas.options.pins, start=1):
        if "h" in pin.series:
            x = -_log(pin.series["h"])
            canvas.line(x, _log(pin.series["err_forward"]), color=PIN_COLOR,
                        label=f"{canvas.options.translate('pin')} {i}")
            canvas.line(x, _log(pin.series["err_central"]), color=PIN_COLOR)
    h = canvas.visible(result.series["h"])
    x = -_log(h)
    ys = [_log(canvas.visible(result.series[name])) for name in ("err_forward", "err_central")]
    mark = _markers(canvas)
    canvas.line(x, ys[0], color=FORWARD, label="forward", marker=mark["forward"])
    canvas.line(x, ys[1], color=CENTRAL, label="central", marker=mark["central"])
    own = float(result.params["h"])
    canvas.vline(-np.log10(own), "gray" if canvas.options.color else None)

    canvas.xlim(0.5, 12.5)
    # h in decades, on a round stride whose labels (1e-10: 5 columns and 2 of space) fit the panel
    room = max(canvas.options.width // 2 - 8, 1)
    stride = next((s for s in (1, 2, 5) if 12 // s * 7 <= room), 10)
    shown = list(range(stride, 13, stride))
    canvas.xticks(shown, [f"1e-{k}" for k in shown])
    canvas.log_y()
    canvas.labels("h", "")


def _cost(canvas: Canvas, result: Result) -> None:
    s = result.series
    n = s["cost_weights"]
    mark = _markers(canvas)
    canvas.line(n, s["cost_central"], color=CENTRAL, label="central: 2n", marker=mark["central"])
    canvas.line(n, s["cost_forward"], color=FORWARD, label="forward: n+1", marker=mark["forward"])
    canvas.line(n, s["cost_backprop"], color=BACKPROP, label="backprop: 2", marker=mark["backprop"])
    here = float(result.facts["n_weights"])  # type: ignore[arg-type]
    marker = "●" if canvas.options.unicode else "o"
    canvas.points([here, here], [float(result.facts["evals_central"]), float(result.facts["evals_forward"])],  # type: ignore[arg-type]
                  color="white", marker=marker)
    canvas.labels("weights n", "")
