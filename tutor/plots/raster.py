"""A panel's plotting area drawn here, cell by cell, and handed to plotext as a few strings.

plotext places every data point through several Python-level passes, about ten microseconds a
point; a map with level lines and a few long paths would be thousands of points and tens of
milliseconds per frame. Here each layer (level lines, paths, markers) is rasterised with NumPy
onto the panel's exact character grid of braille dots (2 × 4 per cell), drawn as braille or as one
chosen character per cell; layers are stacked so later ones cover earlier ones, and the result goes
to plotext as one text item per run of same-coloured cells. plotext still draws the frame, ticks
and title.

The grid must be the panel's true plotting area (`cols` × `rows` characters between the frame
lines), which the caller knows because it fixes the panel's size and the width of its y labels.
Rows count from the bottom, as plotext's do; text outside the plotting area is clipped by plotext.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

#: The bit of each dot in a braille cell, by (row from the top of the cell, column).
BRAILLE_BITS = np.array([[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]], dtype=np.int64)
BRAILLE_BLANK = 0x2800
#: A polyline with more segments than this is drawn from its distinct segments, ends on whole dots.
MANY_SEGMENTS = 5_000


@dataclass
class Raster:
    """The character grid of one plotting area and its layers, bottom first."""

    cols: int
    rows: int
    x_lo: float
    x_hi: float
    y_lo: float
    y_hi: float
    layers: list[tuple[np.ndarray, Any]] = field(default_factory=list)

    # -- coordinates ------------------------------------------------------------------------------

    @property
    def dots(self) -> tuple[int, int]:
        """The grid of dots, two across and four up per cell, as braille has: (across, up)."""
        return self.cols * 2, self.rows * 4

    def dot_xy(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Data coordinates to (fractional) dot coordinates; dot i's centre is at i."""
        nx, ny = self.dots
        with np.errstate(all="ignore"):
            u = (np.asarray(x, dtype=float) - self.x_lo) * ((nx - 1) / _span(self.x_lo, self.x_hi))
            v = (np.asarray(y, dtype=float) - self.y_lo) * ((ny - 1) / _span(self.y_lo, self.y_hi))
        return u, v

    def grid(self) -> tuple[np.ndarray, np.ndarray]:
        """The data coordinates of every dot column and every dot row."""
        nx, ny = self.dots
        return np.linspace(self.x_lo, self.x_hi, nx), np.linspace(self.y_lo, self.y_hi, ny)

    # -- layers -----------------------------------------------------------------------------------

    def add_dots(self, mask: np.ndarray, color: Any, glyph: str | None = None) -> None:
        """A layer from a (dots up, dots across) mask: braille, or `glyph` in every cell with a dot."""
        cells = mask.reshape(self.rows, 4, self.cols, 2)[:, ::-1]  # a cell's first dot row is its top
        if glyph is None:
            bits = np.einsum("rycx,yx->rc", cells.astype(np.int64), BRAILLE_BITS)
            codes = np.where(bits > 0, BRAILLE_BLANK + bits, 0)
        else:
            codes = np.where(cells.any(axis=(1, 3)), ord(glyph), 0)
        self.layers.append((codes, color))

    def add_polyline(self, x: np.ndarray, y: np.ndarray, color: Any, glyph: str | None = None) -> None:
        self.add_dots(self.polyline_mask(x, y), color, glyph)

    def add_marks(self, x: list[float] | np.ndarray, y: list[float] | np.ndarray, glyph: str,
                  color: Any) -> None:
        """One character per point, in the cell holding the point (points outside are dropped)."""
        cols, rows = self._cells(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
        codes = np.zeros((self.rows, self.cols), dtype=np.int64)
        codes[rows, cols] = ord(glyph)
        self.layers.append((codes, color))

    def add_text(self, row: int, col: int, text: str, color: Any) -> None:
        """A label starting at a cell (rows count from the bottom); its spaces hide what is below."""
        codes = np.zeros((self.rows, self.cols), dtype=np.int64)
        if 0 <= row < self.rows:
            for i, ch in enumerate(text):
                if 0 <= col + i < self.cols:
                    codes[row, col + i] = ord(ch)
        self.layers.append((codes, color))

    def _cells(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        with np.errstate(all="ignore"):
            c = np.floor(0.5 + (x - self.x_lo) * ((self.cols - 1) / _span(self.x_lo, self.x_hi)))
            r = np.floor(0.5 + (y - self.y_lo) * ((self.rows - 1) / _span(self.y_lo, self.y_hi)))
        keep = np.isfinite(c) & np.isfinite(r) & (c >= 0) & (c < self.cols) & (r >= 0) & (r < self.rows)
        return c[keep].astype(int), r[keep].astype(int)

    # -- rasterising ------------------------------------------------------------------------------

    def polyline_mask(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """The dots a polyline through (x, y) passes over, clipped to the frame."""
        nx, ny = self.dots
        mask = np.zeros((ny, nx), dtype=bool)
        u, v = self.dot_xy(x, y)
        if u.size == 0:
            return mask
        # Steps that stay on the same dot draw nothing new; a converging path is mostly those.
        moved = np.ones(u.size, dtype=bool)
        moved[1:] = (np.rint(u[1:]) != np.rint(u[:-1])) | (np.rint(v[1:]) != np.rint(v[:-1]))
        u, v = u[moved], v[moved]
        if u.size == 1:
            u, v = np.repeat(u, 2), np.repeat(v, 2)
        seg = _clip(u[:-1], v[:-1], u[1:], v[1:], nx - 0.5, ny - 0.5)
        if seg.shape[0] > MANY_SEGMENTS:  # a long path retraces itself: draw each distinct segment once
            ends = np.rint(seg).astype(np.int64) + 1  # within 0 … n + 1 after clipping
            wide, high = nx + 2, ny + 2
            keys = ((ends[:, 3] * wide + ends[:, 2]) * high + ends[:, 1]) * wide + ends[:, 0]
            _, first = np.unique(keys, return_index=True)
            seg = (ends[first] - 1).astype(float)
        lengths = np.ceil(np.maximum(np.abs(seg[:, 2] - seg[:, 0]), np.abs(seg[:, 3] - seg[:, 1]))).astype(int) + 1
        owner = np.repeat(np.arange(seg.shape[0]), lengths)
        starts = np.cumsum(lengths) - lengths
        t = (np.arange(owner.size) - starts[owner]) / np.maximum(lengths[owner] - 1, 1)
        # floor(· + ½), not rint: rint rounds halves to even, which would skip every other dot
        px = np.floor(seg[owner, 0] + t * (seg[owner, 2] - seg[owner, 0]) + 0.5).astype(int)
        py = np.floor(seg[owner, 1] + t * (seg[owner, 3] - seg[owner, 1]) + 0.5).astype(int)
        inside = (px >= 0) & (px < nx) & (py >= 0) & (py < ny)
        mask[py[inside], px[inside]] = True
        return mask

    # -- output -----------------------------------------------------------------------------------

    def runs(self) -> list[tuple[int, int, str, Any]]:
        """(row, first col, text, colour) items that draw the stacked layers, bottom layer first.

        The top layer that marks a cell owns it. A layer's run may pass over empty cells (a space
        there hides nothing) and over cells a later layer owns (that layer is drawn afterwards),
        but never over a cell an earlier layer owns, which a space would erase.
        """
        if not self.layers:
            return []
        stack = np.stack([codes for codes, _ in self.layers])
        marked = stack > 0
        top = len(self.layers) - 1 - np.argmax(marked[::-1], axis=0)
        owner = np.where(marked.any(axis=0), top, -1)
        glyph = np.take_along_axis(stack, np.maximum(owner, 0)[None], axis=0)[0]
        items: list[tuple[int, int, str, Any]] = []
        for layer, (_, color) in enumerate(self.layers):
            own = owner == layer
            if not own.any():
                continue
            blocked = (owner >= 0) & (owner < layer)
            for row in np.flatnonzero(own.any(axis=1)):
                items.extend(_row_runs(int(row), own[row], blocked[row], glyph[row], color))
        return items

    def draw(self, canvas: Any) -> None:
        """Hand the runs to the canvas (a `tutor.plots.canvas.Canvas`) as text at the cells' centres."""
        cx = np.linspace(self.x_lo, self.x_hi, self.cols) if self.cols > 1 else np.array([self.x_lo])
        cy = np.linspace(self.y_lo, self.y_hi, self.rows) if self.rows > 1 else np.array([self.y_lo])
        for row, col, text, color in self.runs():
            canvas.text(text, float(cx[col]), float(cy[row]), color=color, alignment="left")


def _span(lo: float, hi: float) -> float:
    return (hi - lo) or 1.0


def _row_runs(row: int, own: np.ndarray, blocked: np.ndarray, glyph: np.ndarray, color: Any,
              ) -> list[tuple[int, int, str, Any]]:
    cols = np.flatnonzero(own)
    # Split where a blocked cell lies between two consecutive owned cells.
    blocked_before = np.cumsum(blocked)
    breaks = np.flatnonzero(blocked_before[cols[1:]] != blocked_before[cols[:-1]]) + 1
    items = []
    for group in np.split(cols, breaks):
        first, last = int(group[0]), int(group[-1])
        codes = np.where(own[first:last + 1], glyph[first:last + 1], 32)
        items.append((row, first, "".join(map(chr, codes.tolist())), color))
    return items


def _clip(x0: np.ndarray, y0: np.ndarray, x1: np.ndarray, y1: np.ndarray, x_max: float, y_max: float,
          ) -> np.ndarray:
    """Segments cut to the box [−0.5, x_max] × [−0.5, y_max] (Liang–Barsky), as rows of
    (x0, y0, x1, y1); segments wholly outside, or not finite, are dropped."""
    ends = np.stack([x0, y0, x1, y1], axis=1)
    inside = ((ends[:, 0::2] >= -0.5) & (ends[:, 0::2] <= x_max)).all(axis=1) & (
        (ends[:, 1::2] >= -0.5) & (ends[:, 1::2] <= y_max)).all(axis=1)
    if inside.all():
        return ends
    cut = _liang_barsky(x0[~inside], y0[~inside], x1[~inside], y1[~inside], x_max, y_max)
    return np.concatenate([ends[inside], cut])


def _liang_barsky(x0: np.ndarray, y0: np.ndarray, x1: np.ndarray, y1: np.ndarray, x_max: float,
                  y_max: float) -> np.ndarray:
    with np.errstate(all="ignore"):
        dx, dy = x1 - x0, y1 - y0
        t0 = np.zeros_like(x0)
        t1 = np.ones_like(x0)
        for p, q in ((-dx, x0 + 0.5), (dx, x_max - x0), (-dy, y0 + 0.5), (dy, y_max - y0)):
            parallel = p == 0
            r = np.where(parallel, 0.0, q / np.where(parallel, 1.0, p))
            t0 = np.where(~parallel & (p < 0), np.maximum(t0, r), t0)
            t1 = np.where(~parallel & (p > 0), np.minimum(t1, r), t1)
            t1 = np.where(parallel & (q < 0), -1.0, t1)  # parallel to this edge and outside it
        keep = np.isfinite(t0) & np.isfinite(t1) & (t0 <= t1) & np.isfinite(dx) & np.isfinite(dy)
        out = np.stack([x0 + t0 * dx, y0 + t0 * dy, x0 + t1 * dx, y0 + t1 * dy], axis=1)[keep]
    # Far-away ends (a diverging path) leave rounding errors larger than the box: clamp them.
    out[:, 0::2] = np.clip(out[:, 0::2], -0.5, x_max)
    out[:, 1::2] = np.clip(out[:, 1::2], -0.5, y_max)
    return out
