"""The tick rule on its own: round steps, every tick exactly on a row of the plotting area (by
plotext's own mapping, written out here), the data inside the limits, and labels without -0."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.plots.ticks import col_axis, log_axis, row_axis


def round_step(step: float) -> bool:
    mantissa = step / 10.0 ** math.floor(math.log10(step) + 1e-12)
    return any(abs(mantissa - m) < 1e-6 for m in (1, 2, 2.5, 5, 10))


def plotext_row(value: float, lo: float, hi: float, rows: int) -> float:
    """Where plotext puts a value, before it rounds: 0 is the bottom row, rows − 1 the top."""
    return (rows - 1) * (value - lo) / (hi - lo)


finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(finite, st.floats(0, 1e6), st.integers(2, 60))
def test_row_ticks_are_round_and_sit_exactly_on_rows(lo: float, span: float, rows: int) -> None:
    hi = lo + span
    axis = row_axis(lo, hi, rows)
    tolerance = 1e-6 * max(span, 1e-9 * max(abs(lo), 1.0))
    assert axis.lo <= lo + tolerance and axis.hi >= hi - tolerance
    assert len(axis.ticks) >= 2
    steps = np.diff(axis.ticks)
    if len(axis.ticks) >= 2 and rows >= 3:
        assert np.allclose(steps, steps[0], rtol=1e-9) and round_step(float(steps[0]))
        for t in axis.ticks:
            place = plotext_row(t, axis.lo, axis.hi, rows)
            assert abs(place - round(place)) < 1e-3, (t, place, axis)  # (plotext rounds from ½ off)
            assert -1e-3 <= place <= rows - 1 + 1e-3
    assert not any(label.startswith("-0") and float(label) == 0 for label in axis.labels)
    assert len(set(axis.labels)) == len(axis.labels)


def test_the_examples_of_misleading_axes() -> None:
    axis = row_axis(-3.0, 5.0, 6)  # the README's old "5.0 3.7 2.3 -0.3 -1.7 -3.0" with w* = 0
    assert 0.0 in axis.ticks
    assert abs(plotext_row(0.0, axis.lo, axis.hi, 6) - round(plotext_row(0.0, axis.lo, axis.hi, 6))) < 1e-9
    assert row_axis(0.0, 514.0, 10).labels == ("0", "200", "400", "600")
    assert col_axis(0, 2000, 30, whole=True).ticks == (0.0, 500.0, 1000.0, 1500.0, 2000.0)


@settings(max_examples=200, deadline=None)
@given(st.floats(0, 1e6), st.floats(0.001, 1e6), st.integers(8, 200), st.booleans())
def test_column_ticks_are_round_inside_and_have_room(lo: float, span: float, cols: int, whole: bool) -> None:
    hi = lo + span
    axis = col_axis(lo, hi, cols, whole)
    assert all(lo - 1e-9 * max(1, hi) <= t <= hi + 1e-9 * max(1, hi) for t in axis.ticks) or len(axis.ticks) == 1
    if len(axis.ticks) >= 2 and not (whole and axis.ticks == (lo, hi)):
        step = axis.ticks[1] - axis.ticks[0]
        assert round_step(step) and np.allclose(np.diff(axis.ticks), step)
        room = (cols - 1) * step / (axis.hi - axis.lo)
        assert room + 1e-9 >= max(map(len, axis.labels)) + 2
        if whole:
            assert step >= 1 and step == int(step)


@settings(max_examples=200, deadline=None)
@given(st.floats(-250, 250), st.floats(0, 50), st.integers(3, 60))
def test_log_ticks_are_powers_of_ten_or_one_two_five(lo: float, span: float, rows: int) -> None:
    axis = log_axis(lo, lo + span, rows)
    values = [10.0**t for t in axis.ticks]
    decades = [t for t in axis.ticks if abs(t - round(t)) < 1e-9]
    if len(decades) >= 2:
        for t in decades:
            place = plotext_row(t, axis.lo, axis.hi, rows)
            assert abs(place - round(place)) < 1e-6
        mantissas = [v / 10.0 ** math.floor(math.log10(v) + 1e-9) for v in values]
        assert all(any(abs(m - k) < 1e-6 for k in (1, 2, 5)) for m in mantissas)


@settings(max_examples=200, deadline=None)
@given(st.floats(0.01, 1e4), st.integers(3, 60))
def test_a_centred_axis_puts_the_origin_on_the_middle_row(half: float, rows: int) -> None:
    """A map of a plane around its origin: round ticks on their rows, the plane inside, and the
    origin on the middle row (the lower of the two middle ones when the rows are even)."""
    axis = row_axis(-half, half, rows, middle=0.0)
    assert axis.lo <= -half * (1 - 1e-9) and axis.hi >= half * (1 - 1e-9)
    per_row = (axis.hi - axis.lo) / (rows - 1)
    middle_value = axis.lo + ((rows - 1) // 2) * per_row
    assert abs(middle_value) < 1e-6 * per_row, (axis, middle_value)
    assert 0.0 in axis.ticks
    steps = np.diff(axis.ticks)
    assert np.allclose(steps, steps[0], rtol=1e-9) and round_step(float(steps[0]))
    for t in axis.ticks:
        place = plotext_row(t, axis.lo, axis.hi, rows)
        assert abs(place - round(place)) < 1e-3, (t, place, axis)


def test_the_corners_the_properties_found() -> None:
    """Cases the properties above once failed on, each checked for what went wrong then."""
    tiny = row_axis(9.982636720968076e-141, 9.982636720968076e-141 + 7.574233823223175e-148, 2)
    assert len(set(tiny.labels)) == len(tiny.labels)  # were all "0"
    squeezed = log_axis(151.0, 201.0, 3)  # was 1e0 … 1e500 with the data in one corner
    assert squeezed.hi - squeezed.lo <= 5 * 50 and max(squeezed.ticks) <= math.log10(1.7e308)
    flat_x = col_axis(262144.5703125, 262144.5713125, 131)  # ticks a rounding error apart
    assert len(flat_x.ticks) == 1 and 262144.5703125 <= flat_x.ticks[0] <= 262144.5713125
    one = log_axis(0.0, 1e-9, 3)  # a factor of 1 + 2e-9 is one value: the decade around it
    decades = [t for t in one.ticks if abs(t - round(t)) < 1e-9]
    assert len(decades) <= 1
