"""Maps over the plane drawn cell by cell: the class a network answers at every point, and how sure.

A character cell is twice as tall as it is wide, so with colour each cell shows two pixels, one
above the other: "▀" in the colour of the upper pixel over a background in the colour of the lower
one. That doubles the map's height in detail and makes each pixel square. Without colour each cell
is one pixel, shaded ░ ▒ ▓ by probability; without Unicode the shades are . : #.

A map is built as a grid of cells (glyph, foreground, background), bottom row first as plotext
counts rows, and handed to plotext as one text item per run of equally coloured cells, placed at
the cells' centres the way `tutor.plots.raster` places its runs; plotext draws the frame and ticks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

#: Tones of each class, weakest (the network barely prefers it) to strongest: orange, blue, green.
TONES = ((130, 166, 202, 208), (24, 25, 32, 39), (22, 28, 34, 40))
#: A class's tone steps up at these probabilities of the class answered.
SURE = (0.6, 0.75, 0.9)
#: Without colour: shades by the probability of class 1 (two classes), below 0.25, 0.5, 0.75, above.
SHADES, ASCII_SHADES = (" ", "░", "▒", "▓"), (" ", ".", ":", "#")
#: Without colour and with three classes: one shade per class.
CLASS_SHADES, ASCII_CLASS_SHADES = (" ", "░", "▓"), (" ", ".", "#")
#: Point marks by class: training points filled, test points hollow.
TRAIN_MARKS, TEST_MARKS = ("●", "▲", "■"), ("○", "△", "□")
ASCII_TRAIN_MARKS, ASCII_TEST_MARKS = ("O", "X", "V"), ("o", "x", "v")
#: Marks are drawn in a light tint of their own class, so a point in the wrong region stands out.
MARK_TINTS = (223, 153, 157)
HALF_BLOCK = "▀"


@dataclass
class Cells:
    """glyphs, foreground and background colours (−1: the terminal's own) of a rows × cols area."""

    glyph: np.ndarray
    fg: np.ndarray
    bg: np.ndarray

    @classmethod
    def blank(cls, rows: int, cols: int) -> Cells:
        return cls(np.full((rows, cols), " ", dtype="<U1"), np.full((rows, cols), -1), np.full((rows, cols), -1))

    def paste(self, other: Cells, row: int, col: int) -> None:
        """Another grid's cells over this one's, its bottom-left cell at (row, col)."""
        rows, cols = other.glyph.shape
        for name in ("glyph", "fg", "bg"):
            getattr(self, name)[row: row + rows, col: col + cols] = getattr(other, name)


@dataclass(frozen=True)
class Style:
    """How a map is drawn: in colour or shades, with Unicode or ASCII."""

    color: bool
    unicode: bool

    @property
    def halves(self) -> bool:
        """Two pixels a cell: only with colour (the background is the lower pixel) and Unicode."""
        return self.color and self.unicode


def centres(lo: float, hi: float, count: int) -> np.ndarray:
    """Where plotext puts the centre of each of `count` cells spanning [lo, hi]."""
    return np.linspace(lo, hi, count) if count > 1 else np.array([(lo + hi) / 2])


def pixel_rows(y_lo: float, y_hi: float, rows: int, halves: bool) -> np.ndarray:
    """The y of every pixel row, bottom first: the cell centres, or the centres of their two halves."""
    cy = centres(y_lo, y_hi, rows)
    if not halves:
        return cy
    pitch = (y_hi - y_lo) / max(rows - 1, 1)
    return np.column_stack([cy - pitch / 4, cy + pitch / 4]).ravel()


def pixels(limits: tuple[float, float, float, float], rows: int, cols: int, style: Style) -> np.ndarray:
    """The plane's point at the centre of every pixel of a rows × cols area: (pixel rows · cols) × 2,
    bottom row first, each row from left to right."""
    x_lo, x_hi, y_lo, y_hi = limits
    gx, gy = np.meshgrid(centres(x_lo, x_hi, cols), pixel_rows(y_lo, y_hi, rows, style.halves))
    return np.column_stack([gx.ravel(), gy.ravel()])


def class_cells(prob: np.ndarray, style: Style) -> Cells:
    """The cells of a map of class probabilities at the pixels (pixel rows × cols × classes)."""
    answer, sure = prob.argmax(axis=-1), prob.max(axis=-1)
    if style.color:
        tone = np.searchsorted(np.array(SURE), sure, side="right")
        return _coloured(np.array(TONES)[answer, tone], style)
    if prob.shape[-1] == 2:
        shades = SHADES if style.unicode else ASCII_SHADES
        glyphs = np.array(shades)[np.clip((prob[..., 1] * 4).astype(int), 0, 3)]
    else:
        glyphs = np.array(CLASS_SHADES if style.unicode else ASCII_CLASS_SHADES)[answer]
    return Cells(glyphs.astype("<U1"), np.full(glyphs.shape, -1), np.full(glyphs.shape, -1))


def signed_cells(values: np.ndarray, style: Style) -> Cells:
    """The cells of a map of values in [−1, 1] at the pixels: orange below 0, blue above, stronger
    further out."""
    if style.color:
        tone = np.clip((np.abs(values) * 4).astype(int), 0, 3)
        return _coloured(np.where(values < 0, np.array(TONES[0])[tone], np.array(TONES[1])[tone]), style)
    shades = SHADES if style.unicode else ASCII_SHADES
    glyphs = np.array(shades)[np.clip(((values + 1) * 2).astype(int), 0, 3)]
    return Cells(glyphs.astype("<U1"), np.full(glyphs.shape, -1), np.full(glyphs.shape, -1))


def _coloured(colours: np.ndarray, style: Style) -> Cells:
    """Cells from a grid of pixel colours: pairs of pixel rows as ▀ cells, or one background each."""
    if style.halves:
        lower, upper = colours[0::2], colours[1::2]
        return Cells(np.full(lower.shape, HALF_BLOCK, dtype="<U1"), upper, lower)
    return Cells(np.full(colours.shape, " ", dtype="<U1"), np.full(colours.shape, -1), colours)


def add_points(cells: Cells, x: np.ndarray, y: np.ndarray, labels: np.ndarray, train: bool,
               limits: tuple[float, float, float, float], style: Style) -> None:
    """Each point's mark in the cell that holds it, over the map's colour there."""
    x_lo, x_hi, y_lo, y_hi = limits
    rows, cols = cells.glyph.shape
    with np.errstate(all="ignore"):
        c = np.floor(0.5 + (x - x_lo) * ((cols - 1) / (x_hi - x_lo)))
        r = np.floor(0.5 + (y - y_lo) * ((rows - 1) / (y_hi - y_lo)))
    inside = np.isfinite(c) & np.isfinite(r) & (c >= 0) & (c < cols) & (r >= 0) & (r < rows)
    c, r, labels = c[inside].astype(int), r[inside].astype(int), labels[inside]
    if style.unicode:
        marks = TRAIN_MARKS if train else TEST_MARKS
    else:
        marks = ASCII_TRAIN_MARKS if train else ASCII_TEST_MARKS
    cells.glyph[r, c] = np.array(marks)[labels]
    if style.color:  # the background stays the map's (its lower half, with two pixels a cell)
        cells.fg[r, c] = np.array(MARK_TINTS)[labels]


def draw(canvas: Any, cells: Cells, limits: tuple[float, float, float, float]) -> None:
    """Hand the cells to the canvas (a `tutor.plots.canvas.Canvas`): one text item per run of cells
    sharing both colours."""
    x_lo, x_hi, y_lo, y_hi = limits
    rows, cols = cells.glyph.shape
    cx, cy = centres(x_lo, x_hi, cols), centres(y_lo, y_hi, rows)
    for row in range(rows):
        fg, bg, glyphs = cells.fg[row], cells.bg[row], cells.glyph[row]
        change = np.flatnonzero((fg[1:] != fg[:-1]) | (bg[1:] != bg[:-1])) + 1
        starts = np.concatenate([[0], change])
        ends = np.concatenate([change, [cols]])
        for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
            text = "".join(glyphs[start:end].tolist())
            if not text.strip() and bg[start] < 0:
                continue  # nothing to draw: the plotting area is blank already
            style: dict[str, Any] = {}
            if fg[start] >= 0:
                style["color"] = int(fg[start])
            if bg[start] >= 0:
                style["background"] = int(bg[start])
            canvas.text(text, float(cx[start]), float(cy[row]), alignment="left", **style)
