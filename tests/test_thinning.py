"""Thinning a long series for the terminal keeps every slice's extremes, its ends and its order."""

from __future__ import annotations

import numpy as np

from tutor.plots.thinning import envelope


def test_short_series_are_left_alone() -> None:
    x, y = np.arange(10.0), np.sin(np.arange(10.0))
    tx, ty = envelope(x, y, 8)
    np.testing.assert_array_equal(tx, x)
    np.testing.assert_array_equal(ty, y)


def test_each_slice_keeps_its_lowest_and_highest_point_in_order() -> None:
    rng = np.random.default_rng(3)
    y = rng.standard_normal(1000)
    x = np.arange(1000.0)
    tx, ty = envelope(x, y, 25)
    assert len(tx) <= 2 * 25 + 2
    assert np.all(np.diff(tx) > 0)  # still in step order
    assert tx[0] == 0 and tx[-1] == 999
    for start in range(0, 1000, 40):  # 1000 / 25 = 40 points a slice
        chunk = y[start:start + 40]
        kept = ty[(tx >= start) & (tx < start + 40)]
        assert kept.min() == chunk.min() and kept.max() == chunk.max()
    assert ty.min() == y.min() and ty.max() == y.max()


def test_non_finite_points_are_dropped() -> None:
    y = np.array([1.0, np.nan, 3.0, np.inf, 2.0] * 100)
    _, ty = envelope(np.arange(500.0), y, 10)
    assert np.all(np.isfinite(ty)) and ty.max() == 3.0 and ty.min() == 1.0


def test_an_uneven_last_slice_is_handled() -> None:
    y = np.arange(1003.0)
    tx, ty = envelope(y, y, 10)
    assert tx[-1] == 1002 and ty[-1] == 1002 and len(tx) <= 22
