"""Every simulation's chart, read back from its printed text: labels are round values on the rows
and columns of their values, the chart fits its size, and overlaid series are named.

The expected ticks come from the nice-number rule written out here (steps of 1, 2, 2.5 or 5 ×
10^k; every multiple of the step inside the axis is labelled), not from tutor.plots.ticks. The
axis's range is read off the chart: with labels exactly on their rows, each row stands for a
fixed value step, so the values of the top and bottom rows follow from any two labels.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np
import pytest

from tutor.i18n import table
from tutor.lessons.loader import load_course
from tutor.plots import ChartOptions, render
from tutor.plots.canvas import ANSI
from tutor.sims import all_specs
from tutor.sims.result import Result
from tutor.widths import cell_width, char_width

SPECS = all_specs()
#: Sizes from the smallest the app allows to a large terminal; each case is drawn at several.
SIZES = [(40, 12), (80, 24), (120, 40), (200, 60), (57, 17), (100, 30), (66, 20), (150, 45)]
KOREAN = table("ko")


def _korean(text: str) -> str:
    return KOREAN.get(text, text)


def _english(text: str) -> str:
    return text


def _cases() -> list[tuple[str, str, dict[str, object]]]:
    """(sim, what, params): defaults, and every lesson's starting and solution values."""
    cases: list[tuple[str, str, dict[str, object]]] = [(name, "defaults", {}) for name in SPECS]
    for lesson in load_course().lessons:
        cases.append((lesson.sim, f"{lesson.id} start", dict(lesson.params)))
        cases.append((lesson.sim, f"{lesson.id} solution", {**lesson.params, **lesson.solution}))
    return cases


CASES = _cases()
_RUNS: dict[tuple[str, str], Result] = {}


def _run(sim: str, params: dict[str, object]) -> Result:
    key = (sim, repr(sorted(params.items())))
    if key not in _RUNS:
        _RUNS[key] = SPECS[sim].run(params)
    return _RUNS[key]


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


@pytest.mark.parametrize(("sim", "what", "params"), CASES, ids=[f"{s}:{w}" for s, w, _ in CASES])
def test_labels_are_round_values_on_their_rows(sim: str, what: str, params: dict[str, object]) -> None:
    result = _run(sim, params)
    index = CASES.index((sim, what, params))
    for k, (width, height) in enumerate(SIZES[index % 2::2]):  # half the sizes per case, all overall
        color = (index + k) % 2 == 0
        translate = _korean if (index // 2 + k) % 2 else _english
        options = ChartOptions(width, height, color=color, translate=translate)
        check_chart(render(result, options), width, height, f"{sim} {what} {width}×{height} color={color}")


def test_the_reader_catches_uneven_labels() -> None:
    """The reading above fails on the charts the old axes drew (labels off their rows)."""
    old = "\n".join([
        "     ┌──────┐",
        "  5.0┤      │",
        "  3.7┤      │",
        "  2.3┤      │",
        " -0.3├──────┤",
        " -3.0┤      │",
        "     └┬────┬┘",
        "      0   30",
    ])
    with pytest.raises(AssertionError):
        check_chart(old, 20, 10, "old")


# -- axes that hold still -----------------------------------------------------------------------


@pytest.mark.parametrize("sim", sorted(set(SPECS) - {"backprop"}))
def test_play_frames_keep_the_axes_of_the_whole_run(sim: str) -> None:
    result = _run(sim, {})
    steps = max((len(result.series[n]) for n in SPECS[sim].trajectory if n in result.series), default=1) - 1
    whole = check_chart(render(result, ChartOptions(100, 30, color=False)), 100, 30, sim)
    for upto in sorted({0, 1, steps // 3, steps}):
        frame = check_chart(render(result, ChartOptions(100, 30, color=False, upto=upto)), 100, 30, sim)
        for panel in panels(whole):
            assert y_labels(frame, panel, panels(frame)) == y_labels(whole, panel, panels(whole)), (sim, upto)
            assert x_labels(frame, panel) == x_labels(whole, panel), (sim, upto)


# -- names and marks ------------------------------------------------------------------------------

#: Simulations whose charts name pinned runs in a legend (backprop is a table: it has no pins).
PIN_LEGENDS = sorted(set(SPECS) - {"backprop"})


@pytest.mark.parametrize("sim", PIN_LEGENDS)
@pytest.mark.parametrize("translate", [_english, _korean], ids=["en", "ko"])
def test_pinned_runs_are_named_and_marked_apart_without_colour(sim: str, translate) -> None:  # type: ignore[no-untyped-def]
    spec = SPECS[sim]
    result = _run(sim, {})
    other = _pin_for(sim)
    text = render(result, ChartOptions(120, 36, pins=(other,), color=False, translate=translate))
    check_chart(text, 120, 36, sim)
    name = f"{translate('pin')} 1"
    assert name in text, text
    line = next(line for line in text.splitlines() if name in line)
    mark = line[line.index(name) - 3: line.index(name) - 1]
    others = [line for line in text.splitlines() if name not in line]
    assert spec is not None and mark.strip(), text
    current = [ln for ln in others if any(f" {translate(n)}" in ln for n in _current_names(sim, result))]
    for ln in current:  # the current run's legend mark differs from the pin's
        for n in _current_names(sim, result):
            label = f" {translate(n)}"
            if label in ln:
                at = ln.index(label)
                assert ln[at - 2: at] != mark, text


def _pin_for(sim: str) -> Result:
    spec = SPECS[sim]
    for param in spec.params:
        if param.kind in ("float", "int") and param.name not in ("seed",):
            value = spec.defaults()[param.name]
            changed = value * 0.5 if value else 1
            try:
                return spec.run({param.name: int(changed) if param.kind == "int" else changed})
            except Exception:  # out of range: try the next parameter
                continue
    return spec.run({})


def _current_names(sim: str, result: Result) -> list[str]:
    return ["this run", "start", str(result.params.get("schedule", "")), "train"]


def test_compared_runs_are_all_named() -> None:
    from tutor.sims.lr_schedule import SCHEDULES
    from tutor.sims.optimizers import OPTIMIZERS

    for sim, params, names in (("optimizers", {"compare": "all"}, OPTIMIZERS),
                               ("lr-schedule", {"compare": True}, SCHEDULES)):
        for color in (True, False):
            text = ANSI.sub("", render(_run(sim, params), ChartOptions(120, 30, color=color)))
            check_chart(text, 120, 30, sim)
            for name in names:
                assert name in text, (sim, name, text)


# -- honest extremes ------------------------------------------------------------------------------


def test_a_diverging_run_is_cut_at_the_frame_with_a_mark_and_a_note() -> None:
    from tutor.plots import draw

    result = _run("lr-overshoot", {"lr": 2.5, "steps": 40})
    drawing = draw(result, ChartOptions(80, 24, color=False))
    grid = check_chart(drawing.text, 80, 24, "diverging")
    assert "▲" in drawing.text or "▼" in drawing.text
    top_labels = [number(t) for p in panels(grid) for _, t in y_labels(grid, p, panels(grid))[:1]]
    final_w = abs(float(result.series["w"][-1]))
    assert all(v is not None and v < final_w / 100 for v in top_labels), "the blow-up set the scale"
    assert any("step" in note for note in drawing.notes)


def test_a_diverging_pin_does_not_set_the_scale_of_a_tame_run() -> None:
    tame = _run("lr-overshoot", {"lr": 0.5})
    wild = _run("lr-overshoot", {"lr": 3.0})
    text = render(tame, ChartOptions(100, 30, pins=(wild,), color=False))
    grid = check_chart(text, 100, 30, "pin")
    tops = [number(y_labels(grid, p, panels(grid))[0][1]) for p in panels(grid)]
    start_w, start_loss = float(tame.series["w"][0]), float(tame.series["loss"][0])
    assert tops[0] is not None and tops[0] <= 20 * abs(start_w)
    assert tops[1] is not None and tops[1] <= 20 * start_loss


@pytest.mark.parametrize("w_star", [0.0, 1.3, -2.0, 7.5])
@pytest.mark.parametrize(("width", "height"), [(80, 24), (60, 14), (120, 40)])
def test_the_reference_line_sits_on_the_row_of_its_value(w_star: float, width: int, height: int) -> None:
    result = _run("lr-overshoot", {"w_star": w_star, "lr": 0.4, "a": 4.0})
    text = render(result, ChartOptions(width, height, color=False))
    grid = check_chart(text, width, height, "w*")
    found = panels(grid)
    panel = found[0]  # weight w per step, with the w* line
    labels = [(r, float(t)) for r, t in y_labels(grid, panel, found)]
    (r0, v0), (r1, v1) = labels[0], labels[-1]
    per_row = (v0 - v1) / (r1 - r0)
    line_rows = [r for r in range(panel.top + 1, panel.bottom) if grid[r][panel.left] == "├"]
    assert len(line_rows) == 1, text
    at = v0 - (line_rows[0] - r0) * per_row  # the value of the row the line is drawn on
    assert abs(at - w_star) <= per_row / 2 + 1e-9, text
