"""A chart's strips read from its colour codes directly are, cell by cell, the strips Rich's ANSI
decoder and line renderer make of the same text; text holding anything else is left to Rich."""

from __future__ import annotations

import pytest
from rich.style import Style
from textual.strip import Strip

from tutor.i18n import table
from tutor.plots import ChartOptions, render
from tutor.sims import all_specs, get_spec
from tutor.tui.widgets import chart_strips
from tutor.tui.widgets.chart import Chart, chart_content, rich_chart

KOREAN = table("ko")


def cells(lines: tuple[Strip, ...]) -> list[list[tuple[str, Style]]]:
    """Each line as (character, style) pairs: how segments are cut does not matter, what shows does."""
    return [[(char, segment.style or Style()) for segment in strip for char in segment.text] for strip in lines]


def same_as_rich(chart: Chart, text: str, options: ChartOptions) -> None:
    reference = rich_chart(text, options)
    assert cells(chart.lines) == cells(reference.lines)
    assert chart.plain == reference.plain


@pytest.mark.parametrize("sim", sorted(all_specs()))
@pytest.mark.parametrize("color", [True, False])
def test_every_simulations_chart_reads_as_rich_reads_it(sim: str, color: bool) -> None:
    result = get_spec(sim).run({})
    for (width, height), korean in [((40, 12), False), ((80, 20), True), ((120, 36), False)]:
        translate = (lambda text: KOREAN.get(text, text)) if korean else (lambda text: text)
        options = ChartOptions(width, height, color=color, translate=translate)
        text = render(result, options)
        chart = chart_content(text, options)
        assert chart.read_directly, "the chart was left to Rich: this test compares nothing"
        if color and sim != "backprop":  # (its chart is a table of numbers, uncoloured)
            assert "\x1b[" in text, "a coloured chart without colour codes: this test checks little"
        same_as_rich(chart, text, options)


@pytest.mark.parametrize("text", [
    "\x1b[38;5;9mred\nstill red\x1b[0m plain\n",           # a colour holds across a line break
    "\x1b[38;5;12;48;5;208mboth\x1b[48;5;3m bg only\x1b[mreset",  # codes combined; an empty reset
    "\x1b[38;2;10;200;30mtrue \x1b[48;2;1;2;3mcolour\x1b[0m",
    "\x1b[38;5;300mclamped to 255\x1b[0m",
    "no codes at all\n\nand a blank line",
    "",
])
def test_the_codes_it_reads_give_rich_s_cells(text: str) -> None:
    options = ChartOptions(40, 5, color=True)
    chart = chart_content(text, options)
    assert chart.read_directly
    same_as_rich(chart, text, options)


@pytest.mark.parametrize("text", [
    "\x1b[1mbold\x1b[0m",              # an attribute, not a colour
    "\x1b[2Jcleared",                   # another escape
    "bell\x07 and back\bspace",        # control characters
    "carriage\rreturn",
    "line\u2028separator",
    "\x1b[38;5mcolour cut short",
])
@pytest.mark.parametrize("color", [True, False])
def test_anything_else_is_left_to_rich(text: str, color: bool) -> None:
    options = ChartOptions(40, 5, color=color)
    assert (chart_strips.strips(text) if color else chart_strips.uncoloured(text)) is None
    chart = chart_content(text, options)
    assert not chart.read_directly
    same_as_rich(chart, text, options)
