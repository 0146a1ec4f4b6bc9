"""The four two-dimensional loss surfaces the optimizers race on, with their exact gradients.

Each surface shows one difficulty an optimizer has to overcome:

    bowl        f = ½(x² + κ·y²)                   a ravine: κ times steeper across than along
    rosenbrock  f = (1 − x)² + 100·(y − x²)²        a long, curved, nearly flat valley
    saddle      f = ½x² − ½y² + ¼y⁴                 a saddle at (0, 0) between minima at (0, ±1)
    himmelblau  f = (x² + y − 11)² + (x + y² − 7)²   four minima: where you end depends on the path

The formulas use only +, − and ×, so the same code evaluates one point (Python floats, which is how
the optimizer loop runs, fast and free of NumPy warnings: an overflow simply becomes inf) or a whole
grid of points (NumPy arrays, for the chart's level sets). This module does not import NumPy, so
the simulation's declaration can read each surface's start and minima cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Point = tuple[float, float]


def label(point: Point) -> str:
    """How a learner names a minimum: '(3, 2)', '(-2.81, 3.13)'."""
    return f"({point[0]:.3g}, {point[1]:.3g})"


@dataclass(frozen=True)
class Surface:
    """A surface's formula and the facts about it a lesson and a chart need.

    `start` is the surface's own starting point (see STARTS for why each one); `window` is
    (x_lo, x_hi, y_lo, y_hi), the region the chart shows unless a path wanders outside it.
    """

    name: str
    formula: str
    start: Point
    minima: tuple[Point, ...]
    f_min: float
    window: tuple[float, float, float, float]
    saddles: tuple[Point, ...] = ()
    condition: float = field(default=1.0)

    def value(self, x: Any, y: Any) -> Any:  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    def gradient(self, x: Any, y: Any) -> tuple[Any, Any]:  # pragma: no cover
        raise NotImplementedError

    def minimum_labels(self) -> tuple[str, ...]:
        return tuple(label(m) for m in self.minima)


class Bowl(Surface):
    """f = ½(x² + κ·y²): the curvature is 1 along x and κ along y, so the stable learning rate is
    capped by the steep direction (lr < 2/κ for plain gradient descent) while progress along the
    gentle one crawls at (1 − lr) per step. That mismatch is the ravine momentum is built for."""

    def value(self, x: Any, y: Any) -> Any:
        return 0.5 * (x * x + self.condition * y * y)

    def gradient(self, x: Any, y: Any) -> tuple[Any, Any]:
        return x, self.condition * y


class Rosenbrock(Surface):
    """f = (1 − x)² + 100·(y − x²)²: the walls of the valley y = x² are steep (curvature ≈ 200 and
    more), its floor is nearly flat, and it bends, so a step that suits the walls is far too small
    for the floor. The only minimum is (1, 1)."""

    def value(self, x: Any, y: Any) -> Any:
        a = 1.0 - x
        b = y - x * x
        return a * a + 100.0 * b * b

    def gradient(self, x: Any, y: Any) -> tuple[Any, Any]:
        b = y - x * x
        return -2.0 * (1.0 - x) - 400.0 * x * b, 200.0 * b


class Saddle(Surface):
    """f = ½x² − ½y² + ¼y⁴: downhill along x towards x = 0, uphill-then-down along y. At the origin
    the gradient is zero but it is not a minimum; a path that starts exactly on y = 0 never learns
    that y should move, and one that starts a hair off it escapes only as fast as the tiny y
    gradient lets it. The minima are (0, ±1), where f = −¼."""

    def value(self, x: Any, y: Any) -> Any:
        y2 = y * y
        return 0.5 * x * x - 0.5 * y2 + 0.25 * y2 * y2

    def gradient(self, x: Any, y: Any) -> tuple[Any, Any]:
        return x, y * y * y - y


class Himmelblau(Surface):
    """f = (x² + y − 11)² + (x + y² − 7)²: four minima, all with f = 0, so which one a run ends in
    depends on the start, the optimizer and its settings, not on which is 'better'."""

    def value(self, x: Any, y: Any) -> Any:
        a = x * x + y - 11.0
        b = x + y * y - 7.0
        return a * a + b * b

    def gradient(self, x: Any, y: Any) -> tuple[Any, Any]:
        a = x * x + y - 11.0
        b = x + y * y - 7.0
        return 4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b


#: Himmelblau's minima other than (3, 2) have no closed form; these are Newton's method's roots of
#: the gradient to 50 digits, rounded to double precision (the tests check they are stationary).
HIMMELBLAU_MINIMA: tuple[Point, ...] = (
    (3.0, 2.0),
    (-2.805118086952745, 3.131312518250573),
    (-3.779310253377747, -3.2831859912861696),
    (3.5844283403304917, -1.8481265269644036),
)

NAMES = ("bowl", "rosenbrock", "saddle", "himmelblau")

#: Each surface's own start (the `start` parameter's "surface"), as (x0, y0). The bowl's is far
#: along the gentle axis and a little up the steep one, so a ravine's zig-zag shows; Rosenbrock's is
#: the classic (−1.2, 1), across the bend from the minimum; the saddle's lies on the far side of the
#: saddle a hair off the ridge y = 0, so a path first slows down near (0, 0) and then escapes; from
#: Himmelblau's, the momentum family and the adaptive methods end in different minima.
STARTS: dict[str, Point] = {
    "bowl": (-4.0, 1.0),
    "rosenbrock": (-1.2, 1.0),
    "saddle": (-1.8, 0.01),
    "himmelblau": (0.0, -1.0),
}


def make(name: str, condition: float = 10.0) -> Surface:
    """The named surface; `condition` is the bowl's κ and is ignored by the others."""
    if name == "bowl":
        return Bowl("bowl", "½(x² + κ·y²)", STARTS["bowl"], ((0.0, 0.0),), 0.0,
                    (-4.5, 4.5, -1.5, 1.5), condition=float(condition))
    if name == "rosenbrock":
        return Rosenbrock("rosenbrock", "(1 − x)² + 100·(y − x²)²", STARTS["rosenbrock"],
                          ((1.0, 1.0),), 0.0, (-2.0, 2.0, -1.0, 3.0))
    if name == "saddle":
        return Saddle("saddle", "½x² − ½y² + ¼y⁴", STARTS["saddle"], ((0.0, 1.0), (0.0, -1.0)), -0.25,
                      (-2.0, 2.0, -1.5, 1.5), saddles=((0.0, 0.0),))
    if name == "himmelblau":
        return Himmelblau("himmelblau", "(x² + y − 11)² + (x + y² − 7)²", STARTS["himmelblau"],
                          HIMMELBLAU_MINIMA, 0.0, (-5.0, 5.0, -5.0, 5.0))
    raise ValueError(f"unknown surface {name!r}; valid: {', '.join(NAMES)}")
