"""landscape against independent arithmetic.

The curves' derivatives are checked against central finite differences of the losses, written out
again here from the documented formulas; the iterates against the update rule run by hand; the
minima against the roots of the derivative polynomial (double-well, by NumPy's polynomial
arithmetic on the expanded loss) and a fine grid search (bumpy, quadratic, plateau). Then the
behaviour the lessons rely on: where the double-well's ball ends, how the plateau stalls.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from tutor.plots import ChartOptions, render
from tutor.sims import get_spec
from tutor.sims.landscape.functions import curve
from tutor.sims.params import ParamError
from tutor.sims.result import Result
from tutor.sims.spec import RunCancelled

SPEC = get_spec("landscape")
C = 0.2  # the double-well's documented constant
H = 1e-6  # finite-difference step


def run(**params: object) -> Result:
    return SPEC.run(params)


#: The documented losses, written out independently of the package.
LOSSES = {
    "quadratic": lambda w, h: 0.5 * (w - 1.0) ** 2,
    "double-well": lambda w, h: (w + 1.0) ** 2 * ((w - 1.0) ** 2 + C),
    "bumpy": lambda w, h: w**2 / 10.0 + h * (1.0 - np.cos(2.0 * np.pi * w)),
    "plateau": lambda w, h: np.tanh(w) ** 2,
}
#: …and their derivatives, also written out from the documentation.
SLOPES = {
    "quadratic": lambda w, h: w - 1.0,
    "double-well": lambda w, h: 2.0 * (w + 1.0) * (2.0 * w * w - 2.0 * w + C),
    "bumpy": lambda w, h: w / 5.0 + 2.0 * np.pi * h * np.sin(2.0 * np.pi * w),
    "plateau": lambda w, h: 2.0 * np.tanh(w) * (1.0 - np.tanh(w) ** 2),
}
FUNCTIONS = tuple(LOSSES)


def hand_descent(name: str, w0: float, lr: float, steps: int, h: float = 0.5) -> list[float]:
    """w ← w − η·L′(w), step by step, from the formula above."""
    w, out = w0, [w0]
    for _ in range(steps):
        w = w - lr * float(SLOPES[name](w, h))
        out.append(w)
    return out


# -- the curves -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "bump"), [*((name, 0.5) for name in FUNCTIONS), ("bumpy", 0.0), ("bumpy", 1.7)])
def test_each_derivative_matches_central_differences(name: str, bump: float) -> None:
    shape = curve(name, bump)
    w = np.linspace(-4.0, 4.0, 161) + 0.0123  # off the grid of whole numbers on purpose
    numeric = (shape.loss(w + H) - shape.loss(w - H)) / (2 * H)
    np.testing.assert_allclose(shape.grad(w), numeric, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("name", FUNCTIONS)
def test_each_curve_is_the_documented_formula(name: str) -> None:
    shape = curve(name, 0.8)
    w = np.linspace(-6.0, 6.0, 97)
    np.testing.assert_allclose(shape.loss(w), LOSSES[name](w, 0.8), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(shape.grad(w), SLOPES[name](w, 0.8), rtol=1e-12, atol=1e-12)


def test_double_well_critical_points_are_the_roots_of_its_derivative_polynomial() -> None:
    P = np.polynomial.Polynomial
    loss = P([1.0, 1.0]) ** 2 * (P([-1.0, 1.0]) ** 2 + C)  # (w + 1)²((w − 1)² + c), expanded
    slope, bend = loss.deriv(), loss.deriv(2)
    roots = np.sort(slope.roots().real)
    minima = roots[bend(roots) > 0]
    hilltops = roots[bend(roots) < 0]
    shape = curve("double-well")
    np.testing.assert_allclose(shape.minima, minima, atol=1e-9)
    np.testing.assert_allclose(shape.hilltops, hilltops, atol=1e-9)
    # The documented values: global −1 (loss 0), local ≈ 0.8873 (loss ≈ 0.7576), hilltop ≈ 0.1127.
    assert minima == pytest.approx([-1.0, (1 + math.sqrt(1 - 2 * C)) / 2], abs=1e-9)
    assert loss(minima) == pytest.approx([0.0, 0.7576], abs=1e-4)
    assert shape.global_index == 0


def _grid_minima(name: str, h: float, lo: float, hi: float, step: float = 1e-5) -> np.ndarray:
    w = np.arange(lo, hi, step)
    y = LOSSES[name](w, h)
    inner = (y[1:-1] < y[:-2]) & (y[1:-1] <= y[2:])
    return w[1:-1][inner]


@pytest.mark.parametrize("h", [0.3, 0.5, 1.0])
def test_bumpy_minima_match_a_fine_grid_search(h: float) -> None:
    shape = curve("bumpy", h)
    reach = 10 * math.pi * h + 0.5  # beyond it |L′| ≥ |w|/5 − 2πh > 0: no critical points
    found = _grid_minima("bumpy", h, -reach, reach)
    assert len(shape.minima) == len(found)
    np.testing.assert_allclose(shape.minima, found, atol=2e-5)
    assert shape.minima[shape.global_index] == pytest.approx(0.0, abs=1e-12)
    # Minima and hilltops alternate, so every valley has one bottom.
    assert len(shape.hilltops) == len(shape.minima) - 1
    assert np.all(shape.minima[:-1] < shape.hilltops) and np.all(shape.hilltops < shape.minima[1:])


def test_bumpy_without_bumps_is_a_plain_bowl() -> None:
    shape = curve("bumpy", 0.0)
    assert shape.minima == pytest.approx([0.0]) and len(shape.hilltops) == 0


@pytest.mark.parametrize(("name", "where"), [("quadratic", 1.0), ("plateau", 0.0)])
def test_single_minimum_curves_by_grid_search(name: str, where: float) -> None:
    w = np.linspace(-8.0, 8.0, 1_600_001)
    assert w[np.argmin(LOSSES[name](w, 0.0))] == pytest.approx(where, abs=1e-5)
    assert curve(name).minima == pytest.approx([where])


def test_the_plateau_is_flat_beyond_the_documented_edge() -> None:
    w = np.linspace(3.4, 10.0, 500)
    assert np.all(np.abs(SLOPES["plateau"](w, 0.0)) < 0.01)
    assert np.all(LOSSES["plateau"](w, 0.0) > 0.99)


# -- gradient descent -------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "w0", "lr", "steps"), [
    ("quadratic", 3.0, 0.1, 6),
    ("quadratic", -2.0, 1.5, 5),
    ("double-well", 1.5, 0.2, 6),
    ("double-well", -1.7, 0.05, 8),
    ("bumpy", 4.3, 0.02, 7),
    ("plateau", 2.5, 1.0, 6),
])
def test_iterates_follow_the_update_rule_by_hand(name: str, w0: float, lr: float, steps: int) -> None:
    result = run(function=name, w0=w0, lr=lr, steps=steps, bump=0.5)
    expected = hand_descent(name, w0, lr, steps)
    np.testing.assert_allclose(result.series["w"], expected, rtol=1e-12, atol=1e-12)
    w = np.array(expected)
    np.testing.assert_allclose(result.series["loss"], LOSSES[name](w, 0.5), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(result.series["grad"], SLOPES[name](w, 0.5), rtol=1e-12, atol=1e-12)


def test_quadratic_matches_its_closed_form() -> None:
    # w_t = 1 + (1 − η)ᵗ·(w0 − 1) on ½(w − 1)².
    result = run(function="quadratic", w0=-3.0, lr=0.3, steps=40)
    t = np.arange(41)
    np.testing.assert_allclose(result.series["w"], 1 + 0.7**t * (-4.0), rtol=1e-12, atol=1e-12)
    # It stays at the minimum from the first step whose loss is within 0.001 of 0.
    first = int(np.argmax(0.5 * (0.7**t * 4.0) ** 2 <= 1e-3))
    assert result.facts["steps_to_minimum"] == first
    assert result.facts["minimum"] == "global" and result.facts["minimum_w"] == pytest.approx(1.0)


def test_every_series_has_one_entry_per_step_and_the_curve_covers_the_path() -> None:
    result = run(function="double-well", w0=1.5, lr=0.2, steps=30)
    for name in ("w", "loss", "grad"):
        assert len(result.series[name]) == 31
    xs = result.series["curve_w"]
    assert xs.min() <= result.series["w"].min() and xs.max() >= result.series["w"].max()
    np.testing.assert_allclose(result.series["curve_loss"], LOSSES["double-well"](xs, 0.0), rtol=1e-12)


# -- what the lessons rely on -----------------------------------------------------------------------


def test_double_well_small_steps_settle_in_the_shallow_valley() -> None:
    facts = run(function="double-well", w0=1.5, lr=0.05, steps=50).facts
    assert facts["minimum"] == "local" and facts["basin"] == "local"
    assert facts["minimum_w"] == pytest.approx((1 + math.sqrt(1 - 2 * C)) / 2)
    assert facts["stalled"] is True  # a tiny slope, yet the loss is 0.76 above the lowest


def test_double_well_from_the_left_reaches_the_deep_valley() -> None:
    facts = run(function="double-well", w0=-1.7, lr=0.05, steps=50).facts
    assert facts["minimum"] == "global" and facts["minimum_w"] == pytest.approx(-1.0)
    assert facts["stalled"] is False


def test_double_well_a_larger_first_step_jumps_the_hill() -> None:
    # From 1.5 the slope is 8.5: η = 0.2 jumps to −0.2, past the hilltop at ≈ 0.113.
    result = run(function="double-well", w0=1.5, lr=0.2, steps=50)
    assert result.series["w"][1] == pytest.approx(1.5 - 0.2 * 8.5)
    assert result.facts["minimum"] == "global"


def test_double_well_too_large_a_step_never_settles_or_flies_off() -> None:
    # Near −1 the curvature is 8.4, so η above 2/8.4 ≈ 0.238 overshoots the bottom every time.
    assert run(function="double-well", w0=1.5, lr=0.3, steps=50).facts["minimum"] == "none"
    assert run(function="double-well", w0=1.5, lr=0.5, steps=50).diverged


def test_plateau_stalls_with_small_steps_and_crosses_with_large_ones() -> None:
    slow = run(function="plateau", w0=4.0, lr=0.1, steps=100).facts
    assert slow["stalled"] is True and slow["minimum"] == "none" and slow["final_loss"] > 0.99
    fast = run(function="plateau", w0=4.0, lr=1.0, steps=100).facts  # too small still: 100 steps
    assert fast["final_w"] < 4.0
    crossed = run(function="plateau", w0=4.0, lr=0.8, steps=1000).facts
    assert crossed["minimum"] == "global" and crossed["stalled"] is False


def test_bumpy_small_steps_stop_in_the_nearest_dip() -> None:
    facts = run(function="bumpy", w0=4.3, lr=0.01, steps=200, bump=0.5).facts
    assert facts["minimum"] == "local"
    assert facts["minimum_w"] == pytest.approx(4.0, abs=0.05)
    assert facts["local_minima"] == len(_grid_minima("bumpy", 0.5, -16.3, 16.3)) - 1


def test_an_escaping_weight_is_reported_as_diverged_with_its_finite_prefix() -> None:
    result = run(function="quadratic", w0=3.0, lr=3.0, steps=100)
    # w_t = 1 + 2·(−2)ᵗ: the first step beyond |w| = 10⁶ is where the run stops.
    escape = next(t for t in range(100) if abs(1 + 2 * (-2) ** t) > 1e6)
    assert result.diverged and result.facts["minimum"] == "none"
    assert str(result.status) == f"diverged at step {escape}"
    w = result.series["w"]
    assert len(w) == escape and np.all(np.abs(w) <= 1e6)
    np.testing.assert_allclose(w, hand_descent("quadratic", 3.0, 3.0, escape - 1), rtol=1e-12)


def test_a_bad_function_name_is_a_clear_error() -> None:
    with pytest.raises(ParamError, match='did you mean "quadratic"'):
        run(function="quadratik")


def test_long_runs_can_be_cancelled() -> None:
    with pytest.raises(RunCancelled):
        SPEC.run({"steps": 1000}, progress=lambda done, total: done < 500)


# -- the chart --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("w0", "way"), [(3.0, "moves left"), (-2.0, "moves right"), (1.0, "stays put")])
def test_the_chart_reads_the_slope_as_a_direction(w0: float, way: str) -> None:
    result = run(function="quadratic", w0=w0)
    assert way in render(result, ChartOptions(120, 24, upto=0, color=False))


def test_the_chart_in_play_mode_follows_the_ball() -> None:
    result = run(function="quadratic", w0=3.0, lr=0.5, steps=10)
    # At step 2 the ball is at 1.5 with slope +0.5.
    assert "step 2: slope +0.5" in render(result, ChartOptions(120, 24, upto=2, color=False))


# -- the status line names a cycle for what it is ---------------------------------------------------


def test_double_well_at_a_quarter_is_caught_in_a_two_step_cycle() -> None:
    """At η = 0.25 the descent from 1.5 locks into hopping between two points: checked by iterating
    the rule by hand far past the lesson's 50 steps, then against the status line."""
    path = hand_descent("double-well", 1.5, 0.25, 2000)
    a, b = path[-2], path[-1]
    assert abs(path[-3] - b) < 1e-9 and abs(path[-4] - a) < 1e-9 and abs(a - b) > 0.2
    for steps in (50, 200, 1000):
        result = run(function="double-well", w0=1.5, lr=0.25, steps=steps)
        status = str(result.status)
        assert status.startswith("caught in a two-step cycle"), status
        assert "on the way down" not in status
        assert f"{min(a, b):.4g}" in status and f"{max(a, b):.4g}" in status


def test_runs_that_settle_or_head_on_down_are_not_called_cycles() -> None:
    settling = run(function="double-well", w0=1.5, lr=0.235, steps=50)  # swings that die down
    assert str(settling.status).startswith("reached the global minimum")
    crawling = run(function="plateau", w0=3.0, lr=0.1, steps=50)  # one way, slowly
    assert "on the way down" in str(crawling.status)


def test_longer_cycles_and_swings_that_do_not_repeat() -> None:
    path = hand_descent("double-well", 1.5, 0.3, 400)
    assert abs(path[-1] - path[-5]) < 1e-9 and abs(path[-1] - path[-3]) > 0.1  # period 4, not 2
    assert str(run(function="double-well", w0=1.5, lr=0.3, steps=400).status).startswith("caught in a 4-step cycle")
    path = hand_descent("double-well", 1.5, 0.32, 50)
    swings = np.diff(path[-17:])
    assert np.all(swings[1:] * swings[:-1] < 0)  # every step reverses the last…
    assert not any(np.all(np.abs(np.array(path[-17 + p:]) - np.array(path[-17:-p])) < 1e-3) for p in (2, 4, 8))
    assert "bouncing across" in str(run(function="double-well", w0=1.5, lr=0.32, steps=50).status)
