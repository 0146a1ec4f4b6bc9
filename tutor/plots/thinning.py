"""Thin a long series to what a terminal can show, keeping its shape.

plotext joins consecutive points dot by dot, so a 5,000-step noisy loss curve costs thousands of
short strokes that all land in the same few dozen character columns. Keeping, for each of about
`buckets` consecutive slices of the series, its lowest and its highest point (in their order)
draws the same picture: the band the noise spans, every spike included.
"""

from __future__ import annotations

import numpy as np


def envelope(x: np.ndarray, y: np.ndarray, buckets: int) -> tuple[np.ndarray, np.ndarray]:
    """At most about 2·buckets + 2 points of (x, y) with the same extremes in every slice.

    Non-finite points are dropped first (they are not drawn anyway). The first and last points are
    always kept, so a curve still starts and ends where it did.
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    keep = np.isfinite(x) & np.isfinite(y)
    x, y = x[keep], y[keep]
    n = len(y)
    if buckets < 1 or n <= 2 * buckets + 2:
        return x, y
    size = -(-n // buckets)  # ceil
    padded = np.concatenate([y, np.full(size * buckets - n, y[-1])]).reshape(buckets, size)
    start = np.arange(buckets) * size
    lows = np.minimum(start + padded.argmin(axis=1), n - 1)
    highs = np.minimum(start + padded.argmax(axis=1), n - 1)
    index = np.unique(np.concatenate([[0, n - 1], lows, highs]))
    return x[index], y[index]


def panel_buckets(width: int, columns: int) -> int:
    """Character columns of one panel when a chart `width` wide is split into `columns` panels."""
    return max(8, width // max(columns, 1))
