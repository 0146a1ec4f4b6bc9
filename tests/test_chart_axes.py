"""Every simulation's chart, read back from its printed text (tests/chart_text.py): labels are
round values on the rows and columns of their values, the chart fits its size, overlaid series
are named, play frames keep the whole run's axes, and a diverging run is cut at the frame."""

from __future__ import annotations

import pytest

from tests.chart_text import check_chart, number, panels, x_labels, y_labels
from tutor.i18n import table
from tutor.lessons.loader import load_course
from tutor.plots import ChartOptions, render
from tutor.plots.canvas import ANSI
from tutor.sims import all_specs
from tutor.sims.result import Result

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
