"""gradcheck against computations written out here: the network by its definition, its gradient by
central differences taken in this file, the difference formulas on a function with known
derivatives, evaluation counts by counting, and the U shape of the error as behaviour."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tutor.sims import get_spec
from tutor.sims.gradcheck import mlp, numeric
from tutor.sims.gradcheck.model import SWEEP

SPEC = get_spec("gradcheck")


def sigma(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def act(a: float, name: str) -> float:
    return {"tanh": math.tanh, "sigmoid": sigma, "relu": lambda u: max(u, 0.0)}[name](a)


def written_out_loss(theta: np.ndarray, x: np.ndarray, y: np.ndarray, width: int, activation: str,
                     loss: str) -> float:
    """The network one sample and one unit at a time; θ = (W₁₁, W₁₂, b₁, W₂₁, …, v₁ … v_w, c)."""
    d = x.shape[1]
    total = 0.0
    for sample, target in zip(x, y, strict=True):
        z = theta[-1]
        for j in range(width):
            row = theta[j * (d + 1): (j + 1) * (d + 1)]
            pre = sum(row[i] * sample[i] for i in range(d)) + row[d]
            z += theta[width * (d + 1) + j] * act(pre, activation)
        if loss == "bce":  # torch.nn.BCELoss on σ(z): −[y·log ŷ + (1 − y)·log(1 − ŷ)]
            total += -(target * math.log(sigma(z)) + (1 - target) * math.log(1 - sigma(z)))
        else:
            total += (sigma(z) - target) ** 2
    return total / len(x)


def problem(width: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(6, 2))
    y = (rng.random(6) > 0.5).astype(float)
    return x, y, rng.normal(size=4 * width + 1)


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu"])
@pytest.mark.parametrize("loss", ["mse", "bce"])
def test_network_loss_is_the_written_out_network(activation: str, loss: str) -> None:
    x, y, theta = problem(3, 1)
    stack = np.vstack([theta, theta * 0.5, -theta])
    got = mlp.losses(stack, x, y, activation, loss)
    for k in range(3):
        assert got[k] == pytest.approx(written_out_loss(stack[k], x, y, 3, activation, loss), rel=1e-10)


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu"])
@pytest.mark.parametrize("loss", ["mse", "bce"])
@pytest.mark.parametrize("width", [1, 3])
def test_backprop_gradient_matches_central_differences(activation: str, loss: str, width: int) -> None:
    for seed in range(3):
        x, y, theta = problem(width, seed)
        expected = np.empty_like(theta)
        h = 1e-6
        for i in range(theta.size):
            up, down = theta.copy(), theta.copy()
            up[i] += h
            down[i] -= h
            expected[i] = (written_out_loss(up, x, y, width, activation, loss)
                           - written_out_loss(down, x, y, width, activation, loss)) / (2 * h)
        np.testing.assert_allclose(mlp.gradient(theta, x, y, activation, loss), expected, rtol=1e-6, atol=1e-9)


def test_n_weights_counts_every_weight_and_bias() -> None:
    for width in (1, 2, 4, 64):
        assert mlp.n_weights(2, width) == width * 2 + width + width + 1


# -- the difference formulas on a function whose derivatives are known --------------------------

A = np.array([0.5, -1.0, 2.0])


def smooth(thetas: np.ndarray) -> np.ndarray:
    """f(θ) = Σ exp(aᵢ·θᵢ): ∂f/∂θᵢ = aᵢ·e^(aᵢθᵢ), ∂²f/∂θᵢ² = aᵢ²·e^(aᵢθᵢ), ∂³f/∂θᵢ³ = aᵢ³·e^(aᵢθᵢ)."""
    return np.exp(thetas * A).sum(axis=1)


def test_forward_difference_error_is_half_h_times_the_curvature() -> None:
    theta = np.array([0.3, 0.1, -0.2])
    h = 1e-4
    estimate, _ = numeric.forward_difference(smooth, theta, h)
    exact = A * np.exp(A * theta)
    second = A**2 * np.exp(A * theta)
    np.testing.assert_allclose(estimate - exact, h / 2 * second, rtol=1e-3)


def test_central_difference_error_is_h_squared_over_six_times_the_third_derivative() -> None:
    theta = np.array([0.3, 0.1, -0.2])
    h = 1e-3
    estimate, _ = numeric.central_difference(smooth, theta, h)
    exact = A * np.exp(A * theta)
    third = A**3 * np.exp(A * theta)
    np.testing.assert_allclose(estimate - exact, h**2 / 6 * third, rtol=1e-2)


@pytest.mark.parametrize("width", [1, 3, 8])
def test_evaluations_are_counted_not_assumed(width: int) -> None:
    x, y, theta = problem(width, 0)
    rows: list[int] = []

    def counted(thetas: np.ndarray) -> np.ndarray:
        rows.append(len(thetas))
        return mlp.losses(thetas, x, y, "tanh", "mse")

    n = theta.size
    _, reported = numeric.forward_difference(counted, theta, 1e-5)
    assert sum(rows) == reported == n + 1
    rows.clear()
    _, reported = numeric.central_difference(counted, theta, 1e-5)
    assert sum(rows) == reported == 2 * n
    facts = SPEC.run({"width": width}).facts
    assert (facts["n_weights"], facts["evals_forward"], facts["evals_central"]) == (n, n + 1, 2 * n)


def test_cost_series_grow_with_the_weights_while_backprop_stays_flat() -> None:
    s = SPEC.run().series
    n = s["cost_weights"]
    np.testing.assert_array_equal(n, [mlp.n_weights(2, w) for w in range(1, 65)])
    np.testing.assert_array_equal(s["cost_forward"], n + 1)
    np.testing.assert_array_equal(s["cost_central"], 2 * n)
    assert set(s["cost_backprop"].tolist()) == {2.0}


def test_relative_error_is_zero_for_a_match_and_bounded() -> None:
    g = np.array([1.0, -2.0, 0.5])
    assert numeric.relative_error(g, g) == 0.0
    assert numeric.relative_error(np.zeros(3), g) == pytest.approx(1.0)
    assert numeric.relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert numeric.relative_error(g * (1 + 1e-6), g) == pytest.approx(1e-6 / (1 + 1e-6), rel=1e-6)


# -- the U ----------------------------------------------------------------------------------------

def _slope(h: np.ndarray, err: np.ndarray) -> float:
    return float(np.polyfit(np.log10(h), np.log10(err), 1)[0])


@pytest.mark.parametrize("activation", ["tanh", "sigmoid"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_error_draws_a_u_with_its_bottoms_where_theory_puts_them(activation: str, seed: int) -> None:
    r = SPEC.run({"activation": activation, "seed": seed})
    f, s = r.facts, r.series
    assert 10**-6.5 <= f["best_h_central"] <= 10**-4.5   # ≈ ε^(1/3)
    assert 10**-9 <= f["best_h_forward"] <= 10**-7       # ≈ √ε
    assert f["best_err_central"] < 1e-9 and f["best_err_forward"] < 1e-6
    assert f["best_err_central"] < f["best_err_forward"] / 10
    for name in ("err_forward", "err_central"):  # both ends of the U stand far above its bottom
        bottom = s[name].min()
        assert s[name][0] > 100 * bottom and s[name][-1] > 100 * bottom
    big = s["h"] >= 1e-3  # truncation side: error ∝ h (forward), ∝ h² (central)
    assert _slope(s["h"][big], s["err_forward"][big]) == pytest.approx(1.0, abs=0.2)
    assert _slope(s["h"][big], s["err_central"][big]) == pytest.approx(2.0, abs=0.3)
    tiny = s["h"] <= 1e-9  # rounding side: error ∝ 1/h
    assert _slope(s["h"][tiny], s["err_central"][tiny]) == pytest.approx(-1.0, abs=0.5)
    assert _slope(s["h"][tiny], s["err_forward"][tiny]) == pytest.approx(-1.0, abs=0.5)


def test_float32_moves_the_bottom_to_larger_steps() -> None:
    r64, r32 = SPEC.run({"precision": "float64"}), SPEC.run({"precision": "float32"})
    assert r32.facts["best_h_central"] >= 1e-4 > r64.facts["best_h_central"]
    assert r32.facts["best_err_central"] > 1e3 * r64.facts["best_err_central"]
    tiny = r32.series["h"] <= 1e-10  # θ + h rounds back to θ: the estimate is 0, 100 % wrong
    np.testing.assert_allclose(r32.series["err_central"][tiny], 1.0)


def test_own_h_is_judged_like_the_sweep() -> None:
    for h in (1e-1, 1e-3, 1e-5, 1e-8):
        r = SPEC.run({"h": h})
        i = int(np.argmin(np.abs(np.log10(SWEEP) - math.log10(h))))
        assert r.facts["err_forward"] == pytest.approx(r.series["err_forward"][i], rel=1e-12)
        assert r.facts["err_central"] == pytest.approx(r.series["err_central"][i], rel=1e-12)


def test_sweep_runs_from_1e_1_to_1e_12_four_per_decade() -> None:
    assert SWEEP[0] == 0.1 and SWEEP[-1] == 1e-12 and len(SWEEP) == 45
    np.testing.assert_allclose(np.diff(np.log10(SWEEP)), -0.25, atol=1e-12)


def test_the_lesson_challenge_needs_the_bottom_of_the_u() -> None:
    from pathlib import Path

    from tutor.lessons.loader import load_lesson

    lesson = load_lesson(Path(__file__).resolve().parents[2] / "lessons" / "numerical-gradients.md")
    met = {h: lesson.challenge.is_met(SPEC.run({**lesson.params, "h": h})) for h in (1e-1, 1e-3, 1e-5, 1e-9, 1e-12)}
    assert met == {1e-1: False, 1e-3: False, 1e-5: True, 1e-9: False, 1e-12: False}
    assert not lesson.challenge.is_met(SPEC.run({**lesson.params, "h": 1e-5, "precision": "float32"}))
