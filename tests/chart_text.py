"""Reading a chart back from its printed text, and the nice-number rule written out on its own.

The expected ticks come from the rule here (steps of 1, 2, 2.5 or 5 × 10^k; every multiple of
the step inside the axis is labelled), not from tutor.plots.ticks. The axis's range is read off
the chart: with labels exactly on their rows, each row stands for a fixed value step, so the
values of the top and bottom rows follow from any two labels.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

from tutor.plots.canvas import ANSI
from tutor.widths import cell_width, char_width

# -- the nice-number rule, written out independently ------------------------------------------------


def is_round_step(step: float) -> bool:
    power = math.floor(math.log10(step) + 1e-12)
    mantissa = step / 10.0**power
    return any(abs(mantissa - m) < 1e-6 for m in (1.0, 2.0, 2.5, 5.0, 10.0))


def reference_ticks(lo: float, hi: float, step: float) -> list[float]:
    """Every multiple of `step` from lo to hi."""
    first = math.ceil(lo / step - 1e-6)
    last = math.floor(hi / step + 1e-6)
    return [k * step for k in range(first, last + 1)]


def decimals_needed(step: float) -> int:
    for d in range(12):
        if abs(round(step, d) - step) < 1e-9 * step:
            return d
    return 12


# -- reading a chart back ---------------------------------------------------------------------------


@dataclass
class Panel:
    top: int
    left: int
    right: int
    bottom: int


def cells(line: str) -> list[str]:
    """One entry per screen column (a wide character's second column is "")."""
    out: list[str] = []
    for ch in line:
        out.append(ch)
        if char_width(ch) == 2:
            out.append("")
    return out


def panels(grid: list[list[str]]) -> list[Panel]:
    found = []
    for i, row in enumerate(grid):
        for j, ch in enumerate(row):
            if ch != "┌":
                continue
            right = next((c for c in range(j + 1, len(row)) if row[c] == "┐"), None)
            bottom = next((k for k in range(i + 1, len(grid)) if j < len(grid[k]) and grid[k][j] == "└"), None)
            if right is not None and bottom is not None:
                found.append(Panel(i, j, right, bottom))
    return found


def y_labels(grid: list[list[str]], panel: Panel, others: list[Panel]) -> list[tuple[int, str]]:
    start = max([p.right + 1 for p in others if p.top == panel.top and p.right < panel.left], default=0)
    labels = []
    for r in range(panel.top + 1, panel.bottom):
        text = "".join(grid[r][start:panel.left]).strip()
        mark = grid[r][panel.left]
        if text:
            assert mark in "┤├┼", f"label {text!r} beside no tick (row {r})"
            labels.append((r, text))
        else:
            assert mark != "┤", f"a tick without a label (row {r})"
    return labels


def x_labels(grid: list[list[str]], panel: Panel) -> list[tuple[float, str]]:
    """(centre column, text) of the labels under the panel."""
    if panel.bottom + 1 >= len(grid):
        return []
    row = grid[panel.bottom + 1]
    out, col = [], 0
    while col < len(row):
        if row[col] in (" ", ""):
            col += 1
            continue
        end = col
        while end < len(row) and row[end] not in (" ",):
            end += 1
        centre = (col + end - 1) / 2
        if panel.left - 1 <= centre <= panel.right + 1:
            out.append((centre, "".join(row[col:end])))
        col = end
    return out


def number(text: str) -> float | None:
    try:
        return float(text.replace("−", "-"))
    except ValueError:
        return None


def check_y(labels: list[tuple[int, str]], panel: Panel, where: str) -> None:
    values = [number(t) for _, t in labels]
    if not labels or any(v is None for v in values):
        return  # names (layers L1 …) rather than values
    rows = [r for r, _ in labels]
    vals = [float(v) for v in values]  # type: ignore[arg-type]
    for _, text in labels:
        assert not (text[0] in "-−" and number(text) == 0), f"{where}: a negative zero label {text!r}"
    assert all(a > b for a, b in itertools.pairwise(vals)), f"{where}: y labels not decreasing downwards: {labels}"
    if len(vals) < 2:
        return
    gaps = np.diff(vals)
    row_gaps = np.diff(rows)
    linear = np.allclose(gaps, gaps[0], rtol=1e-6, atol=1e-12 * max(map(abs, vals))) and len(set(row_gaps)) == 1
    if linear:
        try:
            _check_linear(labels, rows, vals, row_gaps, gaps, panel, where)
            return
        except AssertionError:
            if min(vals) <= 0:
                raise
            # Round values that are not all the multiples in range: a log axis within one decade.
    _check_log(labels, rows, vals, where)


def _check_linear(labels, rows, vals, row_gaps, gaps, panel, where) -> None:  # type: ignore[no-untyped-def]
    if True:
        step = -float(gaps[0])
        assert is_round_step(step), f"{where}: step {step} is not 1, 2, 2.5 or 5 × 10^k: {labels}"
        per_row = step / row_gaps[0]
        top_value = vals[0] + (rows[0] - (panel.top + 1)) * per_row
        bottom_value = vals[-1] - ((panel.bottom - 1) - rows[-1]) * per_row
        expected = reference_ticks(bottom_value, top_value, step)
        assert len(vals) == len(expected) and np.allclose(sorted(vals), expected, rtol=1e-6, atol=1e-9 * step), \
            f"{where}: labels {labels} are not every multiple of {step} in {bottom_value}…{top_value}"
        for _, text in labels:
            if "e" not in text and "." in text:
                assert len(text.split(".")[1]) <= max(decimals_needed(step), 1), f"{where}: {text} too precise"


def _check_log(labels, rows, vals, where) -> None:  # type: ignore[no-untyped-def]
    # A log axis: powers of ten (and 2 and 5 between), on rows linear in log10 of the value.
    floor = vals[-1] == 0 and labels[-1][1] == "0"
    if floor:
        rows, vals = rows[:-1], vals[:-1]
    assert all(v > 0 for v in vals), f"{where}: uneven linear labels {labels}"
    logs = np.log10(vals)
    decades = [(r, lg) for r, lg in zip(rows, logs, strict=True) if abs(lg - round(lg)) < 1e-9]
    for v in vals:
        mantissa = v / 10.0 ** math.floor(math.log10(v) + 1e-9)
        assert any(abs(mantissa - m) < 1e-6 for m in (1, 2, 5)) or len(decades) == 0, \
            f"{where}: {v} is not 1, 2 or 5 × 10^k: {labels}"
    if len(decades) >= 2:
        d_rows = np.diff([r for r, _ in decades])
        d_logs = np.diff([lg for _, lg in decades])
        assert np.allclose(d_logs, d_logs[0]) and is_round_step(-float(d_logs[0])), f"{where}: {labels}"
        if len(decades) == len(vals):
            assert len(set(d_rows)) == 1, f"{where}: decades on uneven rows {labels}"
    if len(decades) >= 2:  # the decades are exactly on their rows: every other label within half a row
        (r0, l0), (r1, l1) = decades[0], decades[-1]
        slope = (r1 - r0) / (l1 - l0)
        for r, lg in zip(rows, logs, strict=True):
            assert abs(r0 + slope * (lg - l0) - r) <= 0.5 + 1e-6, f"{where}: {labels}"
    elif len(vals) >= 2:  # within a decade: labels a row apart at most from where their values go
        slope = (rows[-1] - rows[0]) / (logs[-1] - logs[0])
        for r, lg in zip(rows, logs, strict=True):
            assert abs(rows[0] + slope * (lg - logs[0]) - r) <= 1.0 + 1e-6, f"{where}: {labels}"


def check_x(labels: list[tuple[float, str]], grid: list[list[str]], panel: Panel, where: str) -> None:
    values = [number(t) for _, t in labels]
    if len(labels) < 2 or any(v is None for v in values):
        return
    ticks = [c for c in range(panel.left + 1, panel.right) if grid[panel.bottom][c] in "┬┴┼"]
    cols = []
    for centre, text in labels:
        near = [c for c in ticks if abs(c - centre) <= len(text) / 2 + 1]
        assert near, f"{where}: x label {text!r} has no tick"
        cols.append(min(near, key=lambda c: abs(c - centre)))
    vals = [float(v) for v in values]  # type: ignore[arg-type]
    if vals[0] > vals[-1]:  # an axis that runs right to left (gradcheck's shrinking h)
        vals = [-v for v in vals] if min(vals) <= 0 else [1 / v for v in vals]
    assert all(a < b for a, b in itertools.pairwise(vals)), f"{where}: x labels out of order {labels}"
    gaps = np.diff(vals)
    if np.allclose(gaps, gaps[0], rtol=1e-6) and is_round_step(float(gaps[0])):
        positions = np.array(vals)
    else:
        assert all(v > 0 for v in vals), f"{where}: uneven x labels {labels}"
        positions = np.log10(vals)
        assert np.allclose(np.diff(positions), np.diff(positions)[0]), f"{where}: uneven x labels {labels}"
        assert all(abs(p - round(p)) < 1e-9 for p in positions), f"{where}: {labels}"
    slope = (cols[-1] - cols[0]) / (positions[-1] - positions[0])
    for c, p in zip(cols, positions, strict=True):
        assert abs(cols[0] + slope * (p - positions[0]) - c) <= 1.0 + 1e-6, f"{where}: x ticks off {labels}"


def check_chart(text: str, width: int, height: int, where: str) -> list[list[str]]:
    plain = ANSI.sub("", text)
    lines = plain.splitlines()
    assert len(lines) <= height, f"{where}: {len(lines)} lines"
    assert all(cell_width(line.rstrip()) <= width for line in lines), f"{where}: too wide\n{plain}"
    grid = [cells(line) for line in lines]
    found = panels(grid)
    for panel in found:
        if panel.top > 0:  # every panel keeps a title, cut to fit if need be
            above = "".join(grid[panel.top - 1][panel.left:panel.right + 1]).strip()
            assert above, f"{where}: a panel without its title\n{plain}"
        check_y(y_labels(grid, panel, found), panel, f"{where}\n{plain}")
        check_x(x_labels(grid, panel), grid, panel, f"{where}\n{plain}")
    return grid
