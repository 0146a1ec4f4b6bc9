"""The one-dimensional losses of `landscape`, each with its exact derivative and its critical points.

Every curve is here to show one thing gradient descent does on its own:

quadratic     L(w) = ½·(w − 1)²                   L′(w) = w − 1
              one minimum, w = 1 (L = 0): the slope always points away from the bottom.
double-well   L(w) = (w + 1)²·((w − 1)² + c)      L′(w) = 2·(w + 1)·(2w² − 2w + c),  c = 0.2
              global minimum w = −1 (L = 0); local minimum w = (1 + √(1 − 2c))/2 ≈ 0.8873
              (L ≈ 0.7576); the hilltop between them at w = (1 − √(1 − 2c))/2 ≈ 0.1127 (L ≈ 1.2224).
              Where the ball ends depends on where it starts and how far it jumps.
bumpy         L(w) = w²/10 + h·(1 − cos 2πw)      L′(w) = w/5 + 2πh·sin 2πw
              global minimum w = 0 (L = 0); a local minimum near every whole number k with
              |k| < 10πh or so (slightly pulled towards 0), hilltops near the half-integers. h is
              the `bump` parameter; h = 0 leaves the plain bowl w²/10.
plateau       L(w) = tanh²(w)                     L′(w) = 2·tanh(w)·(1 − tanh²(w))
              one minimum, w = 0 (L = 0); for |w| > 3.4 the curve is so flat (|L′| < 0.01) that
              small steps barely move, although the loss is still almost 1.

The derivatives are written out by hand (tests check them against central finite differences);
the bumpy curve's critical points depend on h and are found numerically, the others are exact.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from tutor.sims.landscape import FUNCTIONS

NAMES = FUNCTIONS

#: The double-well's constant c: the local minimum exists for c < ½; 0.2 makes it clearly shallower.
DOUBLE_WELL_C = 0.2

#: Grid spacing used to bracket the bumpy curve's critical points before bisection refines them:
#: a 64th of the ripple period, far finer than the distance between neighbouring critical points.
_BRACKET_STEP = 1.0 / 64

Array = np.ndarray
Fn = Callable[[Array], Array]


@dataclass(frozen=True)
class Curve:
    """One loss curve: L, L′, its minima and the hilltops between them, and the range worth drawing.

    `minima` and `hilltops` are sorted and interleave (m₀ < h₀ < m₁ < …), so the hilltops split the
    line into the valleys ("basins") of the minima: gradient descent with small steps started
    anywhere in a valley ends at that valley's minimum.
    """

    name: str
    formula: str
    loss: Fn
    grad: Fn
    minima: Array
    hilltops: Array
    view: tuple[float, float]

    @property
    def global_index(self) -> int:
        """Which minimum is the lowest (the global one)."""
        return int(np.argmin(self.loss(self.minima)))

    def basin(self, w: Array | float) -> Array:
        """For each w, the index of the minimum whose valley it lies in."""
        return np.searchsorted(self.hilltops, w)


def curve(name: str, bump: float = 0.5) -> Curve:
    """The curve called `name`; `bump` (h) shapes only the bumpy one."""
    if name == "quadratic":
        return Curve(name, "L(w) = ½(w − 1)²", _quadratic, _quadratic_grad,
                     np.array([1.0]), np.array([]), (-4.0, 6.0))
    if name == "double-well":
        root = math.sqrt(1.0 - 2.0 * DOUBLE_WELL_C)
        return Curve(name, f"L(w) = (w + 1)²((w − 1)² + {DOUBLE_WELL_C:g})", _double_well, _double_well_grad,
                     np.array([-1.0, (1.0 + root) / 2.0]), np.array([(1.0 - root) / 2.0]), (-1.8, 1.8))
    if name == "bumpy":
        h = float(bump)

        def loss(w: Array) -> Array:
            return w * w / 10.0 + h * (1.0 - np.cos(2.0 * np.pi * w))

        def grad(w: Array) -> Array:
            return w / 5.0 + 2.0 * np.pi * h * np.sin(2.0 * np.pi * w)

        # |L′(w)| ≥ |w|/5 − 2πh > 0 beyond |w| = 10πh: every critical point lies inside that range.
        reach = 10.0 * math.pi * h + 0.5
        minima, hilltops = critical_points(grad, -reach, reach)
        return Curve(name, f"L(w) = w²/10 + {h:g}(1 − cos 2πw)", loss, grad, minima, hilltops, (-3.2, 3.2))
    if name == "plateau":
        return Curve(name, "L(w) = tanh²(w)", _plateau, _plateau_grad,
                     np.array([0.0]), np.array([]), (-5.0, 5.0))
    raise ValueError(f"unknown curve {name!r}; valid: {', '.join(NAMES)}")


def _quadratic(w: Array) -> Array:
    return 0.5 * (w - 1.0) ** 2


def _quadratic_grad(w: Array) -> Array:
    return w - 1.0


def _double_well(w: Array) -> Array:
    return (w + 1.0) ** 2 * ((w - 1.0) ** 2 + DOUBLE_WELL_C)


def _double_well_grad(w: Array) -> Array:
    return 2.0 * (w + 1.0) * (2.0 * w * w - 2.0 * w + DOUBLE_WELL_C)


def _plateau(w: Array) -> Array:
    return np.tanh(w) ** 2


def _plateau_grad(w: Array) -> Array:
    t = np.tanh(w)
    return 2.0 * t * (1.0 - t * t)


def critical_points(grad: Fn, lo: float, hi: float) -> tuple[Array, Array]:
    """The minima and the hilltops of a curve on [lo, hi], from the sign changes of its derivative.

    The derivative is sampled on a fine grid; every cell where it changes sign brackets one critical
    point (− to + a minimum, + to − a hilltop), and bisection narrows all brackets at once to
    machine precision. A point within 1e-12 of 0 is reported as exactly 0.
    """
    count = max(2, math.ceil((hi - lo) / _BRACKET_STEP) + 1)
    grid = np.linspace(lo, hi, count)
    slope = grad(grid)
    falling = slope[:-1] < 0
    rising = slope[:-1] > 0
    up = np.flatnonzero(falling & (slope[1:] >= 0))
    down = np.flatnonzero(rising & (slope[1:] <= 0))
    minima = _bisect(grad, grid[up], grid[up + 1], rising_root=True)
    hilltops = _bisect(grad, grid[down], grid[down + 1], rising_root=False)
    return _snap(minima), _snap(hilltops)


def _snap(points: Array) -> Array:
    """Bisection lands within a few units of 1e-20 of a root at 0; call that 0 so it reads as 0."""
    return np.where(np.abs(points) < 1e-12, 0.0, points)


def _bisect(grad: Fn, left: Array, right: Array, *, rising_root: bool) -> Array:
    left, right = left.astype(float), right.astype(float)
    for _ in range(64):
        mid = 0.5 * (left + right)
        slope = grad(mid)
        below = slope < 0 if rising_root else slope > 0
        left = np.where(below, mid, left)
        right = np.where(below, right, mid)
    return 0.5 * (left + right)
