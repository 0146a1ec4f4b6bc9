"""playground's chart: it fits its size, carries no control characters, reads without colour or
Unicode, follows play mode, and shows what the network answers where."""

from __future__ import annotations

import itertools
import re

import numpy as np
import pytest

from tutor.plots import ChartOptions, render
from tutor.plots.class_map import TONES
from tutor.sims import get_spec
from tutor.sims.playground import maps

SPEC = get_spec("playground")
SGR = re.compile(r"\x1b\[[0-9;]*m")
TRAIN_MARKS, TEST_MARKS = "●▲■", "○△□"


@pytest.fixture(scope="module")
def circle():  # type: ignore[no-untyped-def]
    return SPEC.run({"layers": "4,4"})


@pytest.mark.parametrize("size", [(80, 20), (80, 9), (118, 34), (159, 40), (160, 40), (200, 50), (40, 12)])
@pytest.mark.parametrize("color", [True, False], ids=["color", "no-color"])
@pytest.mark.parametrize("unicode", [True, False], ids=["unicode", "ascii"])
def test_the_chart_fits_its_size_with_no_control_characters(circle, size: tuple[int, int], color: bool,  # type: ignore[no-untyped-def]
                                                            unicode: bool) -> None:
    width, height = size
    for upto in (None, 0, 250):
        text = render(circle, ChartOptions(width, height, upto=upto, color=color, unicode=unicode,
                                           pins=(circle,)))
        lines = text.splitlines()
        assert 0 < len(lines) <= height
        for line in lines:
            plain = SGR.sub("", line)
            assert len(plain) <= width
            assert not any(ord(c) < 32 or 0x7f <= ord(c) < 0xa0 for c in plain), repr(plain)
        if not color:
            assert "\x1b" not in text
        if not unicode:
            assert all(ord(c) < 128 for c in SGR.sub("", text))


def test_without_colour_the_map_is_shaded_by_probability_and_points_have_marks(circle) -> None:  # type: ignore[no-untyped-def]
    text = render(circle, ChartOptions(120, 40, color=False))
    # class 1 (the disc) is dark, class 0 (the ring) light: both ends of the shading are drawn
    assert "▓" in text and "░" in text
    for mark in "●▲○△":
        assert mark in text
    ascii_text = render(circle, ChartOptions(120, 40, color=False, unicode=False))
    for mark in "OXox#":
        assert mark in ascii_text


def test_in_colour_each_class_has_its_own_tones(circle) -> None:  # type: ignore[no-untyped-def]
    text = render(circle, ChartOptions(120, 40, color=True))
    codes = {int(n) for n in re.findall(r"\x1b\[48;5;(\d+)m", text)}
    assert codes & set(TONES[0]) and codes & set(TONES[1])  # orange ring, blue disc
    assert "▀" in text  # two pixels a cell
    assert not codes & set(TONES[2])  # no third class on circle
    three = render(SPEC.run({"dataset": "three-class", "layers": "none"}), ChartOptions(120, 40))
    assert {int(n) for n in re.findall(r"\x1b\[48;5;(\d+)m", three)} & set(TONES[2])


def test_three_classes_without_colour_get_one_shade_each() -> None:
    r = SPEC.run({"dataset": "three-class", "layers": "none"})
    text = render(r, ChartOptions(120, 40, color=False))
    assert "░" in text and "▓" in text and "■" in text and "□" in text


def test_the_map_follows_play_mode(circle) -> None:  # type: ignore[no-untyped-def]
    start = render(circle, ChartOptions(100, 30, upto=0, color=False))
    end = render(circle, ChartOptions(100, 30, color=False))
    assert "step 0" in start and "step 500" in end

    def map_rows(text: str) -> list[str]:
        return [line[3:40] for line in text.splitlines()[2:20]]

    assert map_rows(start) != map_rows(end)


def test_wide_charts_show_every_hidden_unit(circle) -> None:  # type: ignore[no-untyped-def]
    assert "hidden units" in render(circle, ChartOptions(200, 50, color=False))
    assert "hidden units" not in render(circle, ChartOptions(159, 50, color=False))
    linear = SPEC.run({"layers": "none"})
    assert "hidden units" not in render(linear, ChartOptions(200, 50, color=False))


def test_a_small_map_marks_only_the_points_answered_wrong(circle) -> None:  # type: ignore[no-untyped-def]
    text = render(circle, ChartOptions(80, 9, color=False))
    marks = sum(text.count(m) for m in TRAIN_MARKS + TEST_MARKS)
    weights = circle.series["map_weights"][-1]
    wrong = sum(int(np.sum(maps.class_probabilities(circle.params, weights, circle.series[f"x_{s}"]).argmax(axis=1)
                           != circle.series[f"y_{s}"])) for s in ("train", "test"))
    assert marks <= wrong
    big = render(circle, ChartOptions(200, 50, color=False))
    assert sum(big.count(m) for m in TRAIN_MARKS + TEST_MARKS) > 100  # room for (almost) every point


def test_a_diverged_run_still_draws(circle) -> None:  # type: ignore[no-untyped-def]
    r = SPEC.run({"lr": 10.0, "input_scale": 100.0, "activation": "relu", "layers": "8,8"})
    assert r.diverged
    text = render(r, ChartOptions(100, 30, color=False, pins=(circle,)))
    assert "step 0" in text


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50), (57, 17), (100, 31)])
def test_the_map_is_centred_on_the_origin_with_round_ticks_on_their_rows(circle, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """The map's labels are read back from the text: 0 on the middle row of the plotting area and
    under its middle column, and the labels above and below it evenly spaced in rows and value."""
    from tests.chart_text import cells, panels, x_labels, y_labels

    width, height = size
    grid = [cells(line) for line in render(circle, ChartOptions(width, height, color=False)).splitlines()]
    found = panels(grid)
    the_map = found[0]
    labels = [(row, float(text)) for row, text in y_labels(grid, the_map, found)]
    rows = the_map.bottom - the_map.top - 1
    zero_row = next(row for row, text in y_labels(grid, the_map, found) if text == "0")
    assert zero_row - (the_map.top + 1) == rows - 1 - (rows - 1) // 2  # counted from the top
    row_gaps = [b[0] - a[0] for a, b in itertools.pairwise(labels)]
    value_gaps = [a[1] - b[1] for a, b in itertools.pairwise(labels)]
    assert len(set(row_gaps)) == 1 and np.allclose(value_gaps, value_gaps[0]), labels
    per_row = (labels[0][1] - labels[-1][1]) / (labels[-1][0] - labels[0][0])
    top_value = labels[0][1] + (labels[0][0] - (the_map.top + 1)) * per_row
    bottom_value = labels[-1][1] - ((the_map.bottom - 1) - labels[-1][0]) * per_row
    assert top_value >= 3 and bottom_value <= -3, labels  # the plane's points lie within ±3
    centre = (the_map.left + the_map.right) / 2
    zero_col = next(col for col, text in x_labels(grid, the_map) if text == "0")
    assert abs(zero_col - centre) <= 1.5 + (the_map.right - the_map.left) / (rows - 1) / 2
