"""backprop's chart: the table of the forward and the backward pass, one row per computation.

The table is text, not a plot, so it is handed to the canvas with `Canvas.text_block`. Play mode's
`upto` is the number of rows shown: step 0 shows the inputs and weights only, step k the first k
computations (forward nodes first, then the gradients from the loss back to every weight), and
`upto=None` the whole table. Every backward row reads gradient = upstream × local, first in symbols,
then in numbers, so the chain rule can be followed with a pocket calculator.

When the window is narrow the numbers-substituted column goes first, then the symbolic one; when it
is short the rows scroll so the newest row stays in view.
"""

from __future__ import annotations

import re

from tutor.plots.canvas import Canvas
from tutor.sims.backprop.stages import FORWARD, STAGES, WEIGHTS
from tutor.sims.result import Result

BOLD, RESET = "\x1b[1m", "\x1b[0m"

_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_SYMBOLS = (("dL/d", "∂L/∂"), ("-[", "−["), ("y_hat", "ŷ"), ("sigma", "σ"), ("*", "·"), ("'", "′"),
            ("^2", "²"), (" x ", " × "), (" - ", " − "))
_NAME = re.compile(r"\b(w11|w12|w21|w22|b1|b2|v1|v2|c|x1|x2|z1|z2|z3|h1|h2|y_hat|y)\b")
_INDEXED = re.compile(r"(?<=[a-zA-Z])(\d+)")

ACT_NAME = {"sigmoid": "sigma", "tanh": "tanh", "relu": "relu"}
LOSS_ROW = {"mse": "(y_hat - y)^2", "bce": "BCE(y_hat, y)"}
LOSS_FORMULA = {"mse": "(y_hat - y)^2", "bce": "BCE(y_hat, y) = -[y*log(y_hat) + (1 - y)*log(1 - y_hat)]"}
LOSS_SLOPE = {"mse": "2(y_hat - y)", "bce": "(y_hat - y)/(y_hat(1 - y_hat))"}


def draw(canvas: Canvas, result: Result) -> None:
    opts = canvas.options
    canvas.text_block(table(result, opts.width, opts.height, opts.upto, opts.unicode, opts.color,
                            opts.translate))


def table(result: Result, width: int, height: int, upto: int | None = None, unicode: bool = True,
          color: bool = False, translate=str) -> str:  # type: ignore[no-untyped-def]
    """The walk-through as at most `height` lines of at most `width` characters."""
    p = result.params
    if "forward" not in result.series:  # a run that could not compute (never within the ranges)
        return _fit([translate("(no table: the pass did not produce finite numbers)")], width, height)
    shown = len(STAGES) if upto is None else max(0, min(int(upto), len(STAGES)))
    pretty = _pretty if unicode else _plain
    number = _number_unicode if unicode else _number_ascii
    known = _known_values(result)
    act, loss = str(p["activation"]), str(p["loss"])

    inputs = translate("x1 = {x1}   x2 = {x2}   y = {y}   hidden: {act}   loss: {loss}").format(
        x1=number(float(p["x1"])), x2=number(float(p["x2"])), y=number(float(p["y"])), act=act,
        loss=pretty(LOSS_FORMULA[loss]))
    inputs = pretty(inputs)
    groups = ["  ".join(f"{name}={number(known[name])}" for name in WEIGHTS[k: k + 3]) for k in (0, 3, 6)]
    weights = pretty("   ".join(groups))
    header = [inputs, *([weights] if len(weights) <= width else [pretty(g) for g in groups])]

    rows: list[list[str]] = []
    for i, stage in enumerate(STAGES):  # every row, so the columns do not shift while playing
        if stage.kind == "forward":
            formula = stage.formula.replace("act(", f"{ACT_NAME[act]}(").replace("loss(y_hat, y)", LOSS_ROW[loss])
            symbolic = formula
            numeric = _substitute(formula, known, number)
            value = known[stage.node]
        else:
            j = i - len(FORWARD)
            local = stage.formula.replace("act'", f"{ACT_NAME[act]}'").replace("dloss/dy_hat", LOSS_SLOPE[loss])
            symbolic = f"{stage.upstream} x {local}"
            up, loc, value = (float(result.series[k][j]) for k in ("upstream", "local", "gradient"))
            numeric = f"{number(up)} x {_factor(number(loc))}"
        rows.append([f"{i + 1:>2}", pretty(stage.node), pretty(symbolic), pretty(numeric), number(value)])

    lines = _layout(rows, width - 1)[:shown]
    newest = len(lines) - 1 if upto is not None and shown > 0 else None
    marker = "▶" if unicode else ">"
    body: list[str] = []
    for k, line in enumerate(lines):
        if k == 0:
            body.append(translate("forward pass"))
        if k == len(FORWARD):
            body.append(translate("backward pass: gradient = upstream × local") if unicode
                        else translate("backward pass: gradient = upstream x local"))
        lead = marker if k == newest else " "
        text = _clip(f"{lead}{line}", width)
        body.append(f"{BOLD}{text}{RESET}" if color and k == newest else text)
    if not lines and upto is not None:
        body.append(translate("(step through the pass: each step adds one row)"))
    text = _fit(header, width, height, body, translate("⋮ {n} earlier rows"))
    return text if unicode else text.replace("…", ".").replace("⋮", ":")  # same widths, ASCII only


def _factor(text: str) -> str:
    """A negative number inside a product is written in parentheses: 0.5 × (−0.6)."""
    return f"({text})" if text.startswith(("-", "−")) else text


def _known_values(result: Result) -> dict[str, float]:
    """Every number a formula may mention: inputs, target, weights and forward values."""
    p = result.params
    values = {name: float(v) for name, v in zip(WEIGHTS, result.series["weights"], strict=True)}
    values.update(x1=float(p["x1"]), x2=float(p["x2"]), y=float(p["y"]))
    values.update({s.node: float(v) for s, v in zip(FORWARD, result.series["forward"], strict=True)})
    return values


def _substitute(formula: str, known: dict[str, float], number) -> str:  # type: ignore[no-untyped-def]
    def one(match: re.Match[str]) -> str:
        return _factor(number(known[match.group(1)]))
    return _NAME.sub(one, formula)


#: Layouts from richest to leanest: (step numbers?, symbolic?, which rows show numbers: all/backward/none).
LAYOUTS = (
    (True, True, "all"), (True, True, "backward"), (False, True, "backward"),
    (True, True, "none"), (False, True, "none"), (False, False, "none"),
)


def _layout(rows: list[list[str]], width: int) -> list[str]:
    """Aligned rows in the richest layout that fits: the numbers of the forward rows go first (their
    inputs are in the header), then the chain-rule numbers, the step numbers, the formulas."""
    lines: list[str] = []
    for steps, symbolic, numbers in LAYOUTS:
        shown = [_cells(i, r, steps, symbolic, numbers) for i, r in enumerate(rows)]
        columns = max((len(c) for c in shown), default=0)
        widths = [max((len(c[k]) for c in shown if len(c) > k), default=0) for k in range(columns)]
        lines = []
        for cells in shown:
            padded = [cell.ljust(widths[k]) if k < len(cells) - 1 else cell for k, cell in enumerate(cells)]
            lines.append(" ".join(padded).rstrip())
        if all(len(line) <= width for line in lines):
            return lines
    return lines


def _cells(index: int, row: list[str], steps: bool, symbolic: bool, numbers: str) -> list[str]:
    """One row's cells: [step] lhs [= symbolic] [= numbers] = value (blank numbers keep alignment)."""
    step, lhs, formula, substituted, value = row
    cells = [step] if steps else []
    cells.append(lhs)
    if symbolic:
        cells.append("= " + formula)
    if numbers == "all" or (numbers == "backward" and index >= len(FORWARD)):
        cells.append("= " + substituted)
    elif numbers == "backward":
        cells.append("")
    cells.append("= " + value)
    return cells


def _fit(header: list[str], width: int, height: int, body: list[str] | None = None,
         scrolled: str = "⋮ {n} earlier rows") -> str:
    """Header then body in `height` lines: header lines go first, then the body scrolls to its end."""
    body = body or []
    header = list(header)
    while header and len(header) + len(body) > height:
        header.pop()
    if len(header) + len(body) > height:
        room = max(height - 1, 0)
        hidden = len(body) - room
        body = [scrolled.format(n=hidden)] + (body[-room:] if room else [])
        body = body[:height]
    lines = [_clip(line, width) for line in [*header, *body]][: max(height, 0)]
    return "\n".join(lines)


def _clip(line: str, width: int) -> str:
    visible = re.sub(r"\x1b\[[0-9;]*m", "", line)
    if len(visible) <= width:
        return line
    return visible[: max(width - 1, 0)] + ("…" if width > 0 else "")


def _pretty(text: str) -> str:
    for old, new in _SYMBOLS:
        text = text.replace(old, new)
    return _INDEXED.sub(lambda m: m.group(1).translate(_SUBSCRIPT), text)


def _plain(text: str) -> str:
    return text


def _number_unicode(value: float) -> str:
    return _number_ascii(value).replace("-", "−")


def _number_ascii(value: float) -> str:
    text = f"{value:.4g}"
    return "0" if text in ("-0", "0") else text
