"""`regularization` against independent computations: the gradient by central finite differences, the
soft threshold by its closed form, converged weights by np.linalg.solve / lstsq and by the L1
optimality conditions, the whole trajectory by a plain loop of the documented update rule, and the
Legendre features by NumPy's own Legendre module."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.polynomial import legendre

from tutor.lessons.loader import load_course
from tutor.sims import get_spec
from tutor.sims.regularization import model

SPEC = get_spec("regularization")
RNG = np.random.default_rng(12345)


def run(**params: object):
    return SPEC.run(params)


def design(result) -> tuple[np.ndarray, np.ndarray]:
    """Φ and y of a run's training set, built here with NumPy's Legendre module."""
    degree = int(result.params["degree"])
    return legendre.legvander(result.series["x_train"], degree), result.series["y_train"]


def objective(w: np.ndarray, phi: np.ndarray, y: np.ndarray, penalty: str, lam: float) -> float:
    """J(w) as documented: mean squared error plus λ·Σ_{k≥1} w_k² (l2) or λ·Σ_{k≥1} |w_k| (l1)."""
    value = float(np.mean((phi @ w - y) ** 2))
    if penalty == "l2":
        value += lam * float(np.sum(w[1:] ** 2))
    elif penalty == "l1":
        value += lam * float(np.sum(np.abs(w[1:])))
    return value


def closed_form_soft_threshold(v: np.ndarray, t: float) -> np.ndarray:
    return np.sign(v) * np.maximum(np.abs(v) - t, 0.0)


# -- the pieces ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("degree", [1, 2, 5, 15])
def test_features_are_the_legendre_polynomials(degree: int) -> None:
    x = np.linspace(-1, 1, 37)
    np.testing.assert_allclose(model.features(x, degree), legendre.legvander(x, degree), atol=1e-12)
    assert np.allclose(model.features(np.array([1.0]), degree), 1.0)  # P_k(1) = 1 for every k


@pytest.mark.parametrize("penalty", ["none", "l1", "l2"])
@pytest.mark.parametrize("degree", [1, 4, 12])
def test_gradient_matches_central_finite_differences(penalty: str, degree: int) -> None:
    result = run(degree=degree, n_train=9, penalty=penalty, lam=0.3)
    phi, y = design(result)
    smooth = "l2" if penalty == "l2" else "none"  # the l1 term is handled by the threshold, not ∇
    h = 1e-6
    for _ in range(3):
        w = RNG.normal(size=degree + 1)
        numeric = np.array([
            (objective(w + h * e, phi, y, smooth, 0.3) - objective(w - h * e, phi, y, smooth, 0.3)) / (2 * h)
            for e in np.eye(degree + 1)
        ])
        analytic = model.gradient(w, model.features(result.series["x_train"], degree), y, penalty, 0.3)
        np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-7)


def test_soft_threshold_matches_its_closed_form() -> None:
    v = np.concatenate([RNG.normal(scale=2.0, size=200), [0.0, 0.5, -0.5, 0.5000001, -0.4999999, 3.0]])
    for t in (0.0, 0.1, 0.5, 2.0):
        out = model.soft_threshold(v, np.full_like(v, t))
        np.testing.assert_allclose(out, closed_form_soft_threshold(v, t), rtol=0, atol=1e-15)
        assert np.all(out[np.abs(v) <= t] == 0.0), "inside the threshold the result is exactly zero"


def test_soft_threshold_is_the_proximal_step_of_the_l1_norm() -> None:
    # prox_{t|·|}(v) = argmin_u ½(u − v)² + t|u|: check against a fine grid search.
    grid = np.linspace(-5, 5, 200_001)
    for v in (-2.3, -0.4, 0.0, 0.25, 1.7):
        best = grid[np.argmin(0.5 * (grid - v) ** 2 + 0.6 * np.abs(grid))]
        assert model.soft_threshold(np.array([v]), np.array([0.6]))[0] == pytest.approx(best, abs=1e-4)


def test_losses_per_step_match_residuals_computed_directly() -> None:
    result = run(degree=9, steps=50, penalty="l1", lam=0.01)
    phi, y = design(result)
    phi_val = legendre.legvander(result.series["x_val"], 9)
    for t in (0, 1, 17, 50):
        w = result.series["weight_path"][t]
        assert result.series["train_loss"][t] == pytest.approx(np.mean((phi @ w - y) ** 2), rel=1e-9, abs=1e-14)
        assert result.series["val_loss"][t] == pytest.approx(
            np.mean((phi_val @ w - result.series["y_val"]) ** 2), rel=1e-9, abs=1e-14)


# -- the update rule ----------------------------------------------------------------------------------


@pytest.mark.parametrize("penalty", ["none", "l1", "l2"])
def test_trajectory_is_the_documented_update_rule(penalty: str) -> None:
    lam, degree, steps = 0.05, 8, 60
    result = run(degree=degree, penalty=penalty, lam=lam, steps=steps, n_train=12)
    phi, y = design(result)
    n = len(y)
    penalized = np.r_[0.0, np.ones(degree)]
    hessian = 2.0 / n * phi.T @ phi + (np.diag(2 * lam * penalized) if penalty == "l2" else 0.0)
    eta = 1.0 / np.linalg.eigvalsh(hessian).max()
    assert result.facts["lr"] == pytest.approx(eta, rel=1e-12)
    w = np.zeros(degree + 1)
    for t in range(steps):
        grad = 2.0 / n * phi.T @ (phi @ w - y)
        if penalty == "l2":
            grad = grad + 2 * lam * penalized * w
        w = w - eta * grad
        if penalty == "l1":
            w[1:] = closed_form_soft_threshold(w[1:], eta * lam)
        np.testing.assert_allclose(result.series["weight_path"][t + 1], w, rtol=1e-10, atol=1e-12)
    np.testing.assert_array_equal(result.series["weights"], result.series["weight_path"][-1])


@pytest.mark.parametrize("penalty", ["none", "l1", "l2"])
def test_objective_never_rises(penalty: str) -> None:
    # With η = 1/M, (proximal) gradient descent is a descent method: J(w_{t+1}) ≤ J(w_t).
    result = run(degree=12, penalty=penalty, lam=0.02, steps=400)
    phi, y = design(result)
    values = [objective(w, phi, y, penalty, 0.02) for w in result.series["weight_path"]]
    assert np.all(np.diff(values) <= 1e-12)
    assert result.facts["objective"] == pytest.approx(values[-1], rel=1e-9)


# -- converged weights against closed forms -----------------------------------------------------------


def test_l2_converges_to_the_closed_form_ridge_solution() -> None:
    lam = 0.01
    result = run(degree=3, n_train=50, penalty="l2", lam=lam, steps=5000)
    phi, y = design(result)
    n = len(y)
    # ∇J = 0  ⇔  (ΦᵀΦ/n + λ·D)·w = Φᵀy/n with D = diag(0, 1, …, 1).
    ridge = np.linalg.solve(phi.T @ phi / n + lam * np.diag([0.0, 1, 1, 1]), phi.T @ y / n)
    np.testing.assert_allclose(result.series["weights"], ridge, rtol=1e-8, atol=1e-10)


def test_without_a_penalty_it_converges_to_least_squares() -> None:
    result = run(degree=4, n_train=40, penalty="none", steps=5000)
    phi, y = design(result)
    np.testing.assert_allclose(result.series["weights"], np.linalg.lstsq(phi, y, rcond=None)[0],
                               rtol=1e-8, atol=1e-10)


def test_l1_converges_to_a_point_meeting_the_lasso_optimality_conditions() -> None:
    # Subgradient conditions of min L(w) + λΣ|w_k|: ∂L/∂w_k = −λ·sign(w_k) where w_k ≠ 0,
    # |∂L/∂w_k| ≤ λ where w_k = 0, and ∂L/∂w₀ = 0 for the unpenalized w₀.
    lam = 0.02
    result = run(degree=6, n_train=40, penalty="l1", lam=lam, steps=20000)
    phi, y = design(result)
    w = result.series["weights"]
    grad = 2.0 / len(y) * phi.T @ (phi @ w - y)
    assert grad[0] == pytest.approx(0.0, abs=1e-8)
    active = w[1:] != 0
    np.testing.assert_allclose(grad[1:][active], -lam * np.sign(w[1:][active]), atol=1e-8)
    assert np.all(np.abs(grad[1:][~active]) <= lam + 1e-8)
    assert (~active).any(), "this case has weights at exactly zero"


# -- what the lessons show ----------------------------------------------------------------------------


def _lesson(lesson_id: str):
    lesson = load_course().find(lesson_id)
    assert lesson is not None and lesson.sim == "regularization"
    return lesson


def test_l1_makes_exact_zeros_where_l2_makes_none_at_the_lesson_settings() -> None:
    lesson = _lesson("regularization")
    settings = {**lesson.params, **lesson.solution}
    assert settings["penalty"] == "l1"
    l1 = SPEC.run(settings)
    l2 = SPEC.run({**settings, "penalty": "l2"})
    plain = SPEC.run({**settings, "penalty": "none"})
    assert l1.facts["zero_weights"] >= 5
    assert np.count_nonzero(l1.series["weights"][1:] == 0.0) == l1.facts["zero_weights"]
    assert l2.facts["zero_weights"] == 0 and plain.facts["zero_weights"] == 0
    assert l2.facts["weight_norm"] < plain.facts["weight_norm"]  # L2 shrinks them all instead
    assert l1.facts["final_val_loss"] < plain.facts["final_val_loss"]
    assert l2.facts["final_val_loss"] < plain.facts["final_val_loss"]


def test_validation_loss_is_u_shaped_in_the_degree() -> None:
    val = {d: run(degree=d).facts["final_val_loss"] for d in (1, 3, 12)}
    train = {d: run(degree=d).facts["final_train_loss"] for d in (1, 3, 12)}
    assert val[3] < val[1] and val[3] < val[12]
    assert train[1] > train[3] > train[12]
    assert run(degree=1).facts["fit"] == "underfitting"
    assert run(degree=3).facts["fit"] == "good"
    assert run(degree=12).facts["fit"] == "overfitting"


def test_overfitting_lesson_starts_overfitted() -> None:
    lesson = _lesson("overfitting")
    result = SPEC.run(lesson.params)
    assert result.facts["fit"] == "overfitting"
    assert result.facts["final_train_loss"] < result.facts["floor_val_loss"] < result.facts["final_val_loss"]


def test_more_training_points_cure_overfitting() -> None:
    assert run(degree=12, n_train=10).facts["fit"] == "overfitting"
    assert run(degree=12, n_train=100).facts["fit"] == "good"


def test_best_degree_val_loss_is_the_best_least_squares_fit() -> None:
    result = run(n_train=12)
    x, y = result.series["x_train"], result.series["y_train"]
    xv, yv = result.series["x_val"], result.series["y_val"]
    losses = []
    for d in range(1, 12):
        coef = legendre.legfit(x, y, d)
        losses.append(np.mean((legendre.legval(xv, coef) - yv) ** 2))
    assert result.facts["best_degree_val_loss"] == pytest.approx(min(losses), rel=1e-6)


def test_data_are_sin_pi_x_plus_noise_and_stable_when_points_are_added() -> None:
    small, large = run(n_train=5, noise=0.0), run(n_train=50, noise=0.0)
    np.testing.assert_allclose(small.series["y_train"], np.sin(np.pi * small.series["x_train"]))
    np.testing.assert_array_equal(large.series["x_train"][:5], small.series["x_train"])
    np.testing.assert_array_equal(large.series["x_val"], small.series["x_val"])
    assert np.all(np.abs(large.series["x_train"]) <= 1)
    noisy = run(n_train=200, noise=0.5)
    residual = noisy.series["y_train"] - np.sin(np.pi * noisy.series["x_train"])
    assert residual.std() == pytest.approx(0.5, rel=0.15)
    assert noisy.facts["floor_val_loss"] == pytest.approx(0.25, rel=0.2)
