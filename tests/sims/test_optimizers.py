"""optimizers against independent arithmetic.

The update rules are checked step by step against numbers worked out by hand from torch.optim's
documented algorithms, and whole runs against those algorithms written out again here as a plain
loop over a (x, y) vector. The surfaces are checked against their formulas at known points, their
gradients against central finite differences, and their minima by finite-difference gradients
and Hessians. Then the behaviour the lessons rely on: momentum through the ravine, AdaGrad's
stall, the saddle, the basins of Himmelblau, divergence, and the compare view.
"""

from __future__ import annotations

import itertools
import json
import math
from types import SimpleNamespace

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.sims.strategies import params_of
from tutor.cli.root import cli
from tutor.plots import ChartOptions, render
from tutor.plots.raster import Raster
from tutor.sims import get_spec
from tutor.sims.optimizers import OPTIMIZERS, SURFACES, TARGET, rules, surfaces
from tutor.sims.result import Result
from tutor.sims.spec import RunCancelled

SPEC = get_spec("optimizers")
H = 1e-6  # central-difference step


def run(**params: object) -> Result:
    return SPEC.run(params)


# -- the surfaces, written out again ----------------------------------------------------------------


def f_ref(name: str, x: float, y: float, kappa: float = 10.0) -> float:
    """The four formulas exactly as the documentation states them."""
    if name == "bowl":
        return 0.5 * (x**2 + kappa * y**2)
    if name == "rosenbrock":
        return (1 - x) ** 2 + 100 * (y - x**2) ** 2
    if name == "saddle":
        return 0.5 * x**2 - 0.5 * y**2 + 0.25 * y**4
    return (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2


def grad_fd(name: str, x: float, y: float, kappa: float = 10.0, h: float = H) -> tuple[float, float]:
    gx = (f_ref(name, x + h, y, kappa) - f_ref(name, x - h, y, kappa)) / (2 * h)
    gy = (f_ref(name, x, y + h, kappa) - f_ref(name, x, y - h, kappa)) / (2 * h)
    return gx, gy


def hessian_fd(name: str, x: float, y: float, h: float = 1e-4) -> np.ndarray:
    f = lambda a, b: f_ref(name, a, b)  # noqa: E731
    fxx = (f(x + h, y) - 2 * f(x, y) + f(x - h, y)) / h**2
    fyy = (f(x, y + h) - 2 * f(x, y) + f(x, y - h)) / h**2
    fxy = (f(x + h, y + h) - f(x + h, y - h) - f(x - h, y + h) + f(x - h, y - h)) / (4 * h**2)
    return np.array([[fxx, fxy], [fxy, fyy]])


def grad_ref(name: str, p: np.ndarray, kappa: float) -> np.ndarray:
    """The analytic gradients, derived by hand again for the reference runs below."""
    x, y = p
    if name == "bowl":
        return np.array([x, kappa * y])
    if name == "rosenbrock":
        return np.array([-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)])
    if name == "saddle":
        return np.array([x, -y + y**3])
    return np.array([4 * x * (x**2 + y - 11) + 2 * (x + y**2 - 7), 2 * (x**2 + y - 11) + 4 * y * (x + y**2 - 7)])


def torch_reference(name: str, optimizer: str, start: tuple[float, float], steps: int, lr: float, *,
                    kappa: float = 10.0, momentum: float = 0.9, alpha: float = 0.99, beta1: float = 0.9,
                    beta2: float = 0.999, eps: float = 1e-8) -> np.ndarray:
    """The torch.optim algorithms (SGD, Adagrad, RMSprop, Adam pseudocode, defaults otherwise) on
    the vector θ = (x, y): every iterate, as rows."""
    theta = np.array(start, dtype=float)
    out = [theta.copy()]
    b = s = v = m = np.zeros(2)
    for t in range(1, steps + 1):
        g = grad_ref(name, theta, kappa)
        if optimizer == "sgd":
            theta = theta - lr * g
        elif optimizer in ("momentum", "nesterov"):
            b = g if t == 1 else momentum * b + g  # dampening τ = 0
            theta = theta - lr * (g + momentum * b if optimizer == "nesterov" else b)
        elif optimizer == "adagrad":
            s = s + g**2  # state_sum₀ = 0, lr_decay η = 0
            theta = theta - lr * g / (np.sqrt(s) + eps)
        elif optimizer == "rmsprop":
            v = alpha * v + (1 - alpha) * g**2
            theta = theta - lr * g / (np.sqrt(v) + eps)
        else:
            m = beta1 * m + (1 - beta1) * g
            v = beta2 * v + (1 - beta2) * g**2
            m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
            theta = theta - lr * m_hat / (np.sqrt(v_hat) + eps)
        out.append(theta.copy())
    return np.array(out)


# -- update rules, by hand --------------------------------------------------------------------------


def steps_of(rule: rules.Rule, theta: float, grads: list[float]) -> list[float]:
    out = []
    for g in grads:
        theta = rule.step(theta, g)
        out.append(theta)
    return out


def test_sgd_by_hand() -> None:
    # θ ← θ − lr·g with lr = 0.1 from θ = 1: 1 − 0.2 = 0.8; 0.8 + 0.1 = 0.9; 0.9 − 0.05 = 0.85
    assert steps_of(rules.SGD(0.1), 1.0, [2.0, -1.0, 0.5]) == pytest.approx([0.8, 0.9, 0.85], abs=1e-15)


def test_momentum_by_hand() -> None:
    # b₁ = g₁ = 2 (torch's first step), θ₁ = 1 − 0.1·2 = 0.8
    # b₂ = 0.9·2 − 1 = 0.8, θ₂ = 0.8 − 0.08 = 0.72
    # b₃ = 0.9·0.8 + 0.5 = 1.22, θ₃ = 0.72 − 0.122 = 0.598
    rule = rules.Momentum(0.1, 0.9)
    assert steps_of(rule, 1.0, [2.0, -1.0, 0.5]) == pytest.approx([0.8, 0.72, 0.598], abs=1e-15)
    assert rule.buffer == pytest.approx(1.22)


def test_nesterov_by_hand() -> None:
    # b as for momentum; the step uses g + μ·b:
    # 2 + 0.9·2 = 3.8 → θ₁ = 1 − 0.38 = 0.62
    # −1 + 0.9·0.8 = −0.28 → θ₂ = 0.62 + 0.028 = 0.648
    # 0.5 + 0.9·1.22 = 1.598 → θ₃ = 0.648 − 0.1598 = 0.4882
    assert steps_of(rules.Momentum(0.1, 0.9, nesterov=True), 1.0, [2.0, -1.0, 0.5]) == pytest.approx(
        [0.62, 0.648, 0.4882], abs=1e-15)


def test_momentum_zero_is_plain_sgd() -> None:
    grads = [3.0, -1.0, 2.5, 0.25]
    plain = steps_of(rules.SGD(0.05), 2.0, grads)
    assert steps_of(rules.Momentum(0.05, 0.0), 2.0, grads) == pytest.approx(plain, abs=1e-15)
    assert steps_of(rules.Momentum(0.05, 0.0, nesterov=True), 2.0, grads) == pytest.approx(plain, abs=1e-15)


def test_adagrad_by_hand_with_eps_outside_the_root() -> None:
    # lr = 0.5, eps = 1 (large, to see where it goes): s = 9, step 0.5·3/(√9 + 1) = 0.375 → 0.625
    # s = 9 + 16 = 25, step 0.5·4/(√25 + 1) = 1/3 → 0.625 − 0.3333… = 0.291666…
    # (eps inside the root would give 0.5·3/√10 = 0.474… instead)
    rule = rules.Adagrad(0.5, 1.0)
    assert steps_of(rule, 1.0, [3.0, 4.0]) == pytest.approx([0.625, 0.2916666666666667], abs=1e-15)
    assert rule.sum == pytest.approx(25.0)


def test_adagrad_rate_only_shrinks() -> None:
    rule = rules.Adagrad(0.1, 1e-8)
    rates = []
    for g in [5.0, 0.1, 0.0, 2.0, 1e-3]:
        rule.step(0.0, g)
        rates.append(rule.lr / (math.sqrt(rule.sum) + rule.eps))
    assert all(b <= a for a, b in itertools.pairwise(rates))


def test_rmsprop_by_hand() -> None:
    # α = 0.75, lr = 0.5, eps = 1:
    # v = 0.25·16 = 4, step 0.5·4/(2 + 1) = 2/3 → 1/3
    # v = 0.75·4 + 0.25·4 = 4, step 0.5·(−2)/3 = −1/3 → 2/3
    # v = 0.75·4 + 0 = 3, a zero gradient moves nothing → 2/3
    rule = rules.RMSprop(0.5, 0.75, 1.0)
    assert steps_of(rule, 1.0, [4.0, -2.0, 0.0]) == pytest.approx([1 / 3, 2 / 3, 2 / 3], abs=1e-15)
    assert rule.square_avg == pytest.approx(3.0)


def test_rmsprop_forgets_where_adagrad_does_not() -> None:
    rms, ada = rules.RMSprop(0.1, 0.9, 1e-8), rules.Adagrad(0.1, 1e-8)
    for _ in range(5):
        rms.step(0.0, 100.0)
        ada.step(0.0, 100.0)
    for _ in range(300):
        rms.step(0.0, 0.01)
        ada.step(0.0, 0.01)
    # RMSprop's average has forgotten the big slopes: its step for g = 0.01 is back near lr
    assert 0.1 * 0.01 / (math.sqrt(rms.square_avg) + 1e-8) == pytest.approx(0.1, rel=1e-3)
    assert 0.1 * 0.01 / (math.sqrt(ada.sum) + 1e-8) < 1e-4


def test_adam_by_hand() -> None:
    # β₁ = 0.5, β₂ = 0.75, lr = 0.1, eps = 0.5:
    # t=1, g=2:  m = 1, v = 1, m̂ = 1/0.5 = 2, v̂ = 1/0.25 = 4, step 0.1·2/(2 + 0.5) = 0.08 → 0.92
    # t=2, g=−2: m = 0.5 − 1 = −0.5, v = 0.75 + 1 = 1.75, m̂ = −0.5/0.75 = −2/3,
    #            v̂ = 1.75/0.4375 = 4, step 0.1·(−2/3)/2.5 = −0.02666… → 0.946666…
    rule = rules.Adam(0.1, 0.5, 0.75, 0.5)
    first_two = steps_of(rule, 1.0, [2.0, -2.0])
    assert first_two == pytest.approx([0.92, 0.9466666666666667], abs=1e-15)
    assert (rule.t, rule.m, rule.v) == (2, pytest.approx(-0.5), pytest.approx(1.75))
    # t=3, g=4, from the documented formula: m = −0.25 + 2, v = 1.3125 + 4
    m, v = 0.5 * -0.5 + 0.5 * 4, 0.75 * 1.75 + 0.25 * 16
    expected = first_two[-1] - 0.1 * (m / (1 - 0.5**3)) / (math.sqrt(v / (1 - 0.75**3)) + 0.5)
    assert rule.step(first_two[-1], 4.0) == pytest.approx(expected, abs=1e-15)


@pytest.mark.parametrize("g", [1e-3, 1.0, 1e3])
def test_adams_first_step_is_lr_whatever_the_slope(g: float) -> None:
    """Bias correction makes m̂₁ = g and v̂₁ = g², so the first step is lr·g/(|g| + eps)."""
    assert 1.0 - rules.Adam(0.01, 0.9, 0.999, 1e-8).step(1.0, g) == pytest.approx(0.01, rel=1e-4)


def test_the_factory_reads_each_optimizers_own_settings() -> None:
    p = SimpleNamespace(lr=0.3, momentum=0.7, alpha=0.8, beta1=0.6, beta2=0.95, eps=1e-6)
    made = {name: rules.make(name, p) for name in OPTIMIZERS}
    assert isinstance(made["sgd"], rules.SGD) and made["sgd"].lr == 0.3
    assert isinstance(made["momentum"], rules.Momentum) and not made["momentum"].nesterov
    assert isinstance(made["nesterov"], rules.Momentum) and made["nesterov"].nesterov
    assert made["nesterov"].momentum == 0.7
    assert isinstance(made["adagrad"], rules.Adagrad) and made["adagrad"].eps == 1e-6
    assert isinstance(made["rmsprop"], rules.RMSprop) and made["rmsprop"].alpha == 0.8
    assert isinstance(made["adam"], rules.Adam) and (made["adam"].beta1, made["adam"].beta2) == (0.6, 0.95)
    with pytest.raises(ValueError):
        rules.make("lbfgs", p)


def test_pytorch_calls_name_every_setting_that_matters() -> None:
    p = SimpleNamespace(lr=0.05, momentum=0.9, alpha=0.99, beta1=0.9, beta2=0.999, eps=1e-8)
    assert rules.pytorch_call("sgd", p) == "torch.optim.SGD(params, lr=0.05)"
    assert rules.pytorch_call("momentum", p) == "torch.optim.SGD(params, lr=0.05, momentum=0.9)"
    assert rules.pytorch_call("nesterov", p) == "torch.optim.SGD(params, lr=0.05, momentum=0.9, nesterov=True)"
    no_momentum = SimpleNamespace(**{**vars(p), "momentum": 0.0})
    assert rules.pytorch_call("nesterov", no_momentum) == "torch.optim.SGD(params, lr=0.05)"
    assert rules.pytorch_call("adagrad", p) == "torch.optim.Adagrad(params, lr=0.05, eps=1e-08)"
    assert rules.pytorch_call("rmsprop", p) == "torch.optim.RMSprop(params, lr=0.05, alpha=0.99, eps=1e-08)"
    assert rules.pytorch_call("adam", p) == "torch.optim.Adam(params, lr=0.05, betas=(0.9, 0.999), eps=1e-08)"
    assert run(optimizer="adam", lr=0.05).facts["pytorch"] == rules.pytorch_call("adam", p)


# -- whole runs against the documented algorithms ---------------------------------------------------


CASES = [("bowl", 0.05), ("rosenbrock", 0.001), ("saddle", 0.1), ("himmelblau", 0.005)]


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
@pytest.mark.parametrize(("surface", "lr"), CASES, ids=[c[0] for c in CASES])
def test_every_run_follows_the_torch_algorithm(surface: str, lr: float, optimizer: str) -> None:
    settings = {"momentum": 0.8, "alpha": 0.9, "beta1": 0.85, "beta2": 0.99, "eps": 1e-6}
    result = run(surface=surface, optimizer=optimizer, lr=lr, steps=60, condition=7.0, **settings)
    start = surfaces.STARTS[surface]
    expected = torch_reference(surface, optimizer, start, 60, lr, kappa=7.0, **settings)
    assert not result.diverged
    np.testing.assert_allclose(result.series["x"], expected[:, 0], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(result.series["y"], expected[:, 1], rtol=1e-9, atol=1e-12)
    loss = [f_ref(surface, x, y, 7.0) for x, y in expected]
    np.testing.assert_allclose(result.series["loss"], loss, rtol=1e-9, atol=1e-12)
    norms = [math.hypot(*grad_fd(surface, x, y, 7.0, h=1e-5)) for x, y in expected]
    np.testing.assert_allclose(result.series["grad_norm"], norms, rtol=1e-5, atol=1e-6)


def test_a_custom_start_is_used_and_the_default_one_otherwise() -> None:
    custom = run(start="custom", x0=0.5, y0=-2.0, steps=3)
    assert (custom.series["x"][0], custom.series["y"][0]) == (0.5, -2.0)
    ignored = run(start="surface", x0=0.5, y0=-2.0, steps=3, surface="himmelblau")
    assert (ignored.series["x"][0], ignored.series["y"][0]) == surfaces.STARTS["himmelblau"]


def test_every_documented_start_is_listed_in_the_help() -> None:
    text = SPEC.param("start").help
    for name in SURFACES:
        x, y = surfaces.STARTS[name]
        assert f"{name} ({x:g}, {y:g})" in text


# -- the surfaces -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "point", "value"), [
    ("bowl", (1.0, 1.0), 5.5),  # ½(1 + 10·1)
    ("bowl", (-4.0, 1.0), 13.0),
    ("rosenbrock", (0.0, 0.0), 1.0),
    ("rosenbrock", (-1.2, 1.0), 24.2),  # 2.2² + 100·0.44²
    ("saddle", (0.0, 0.0), 0.0),
    ("saddle", (2.0, 1.0), 1.75),  # 2 − ½ + ¼
    ("himmelblau", (0.0, 0.0), 170.0),  # 121 + 49
    ("himmelblau", (3.0, 2.0), 0.0),
])
def test_surfaces_match_their_formulas(name: str, point: tuple[float, float], value: float) -> None:
    assert surfaces.make(name, 10.0).value(*point) == pytest.approx(value, abs=1e-12)


@pytest.mark.parametrize("name", SURFACES)
@pytest.mark.parametrize("kappa", [1.0, 10.0, 1000.0])
def test_gradients_match_central_differences(name: str, kappa: float) -> None:
    surface = surfaces.make(name, kappa)
    rng = np.random.default_rng(7)
    for x, y in rng.uniform(-4, 4, size=(25, 2)):
        gx, gy = surface.gradient(float(x), float(y))
        fx, fy = grad_fd(name, float(x), float(y), kappa)
        scale = max(1.0, abs(fx), abs(fy))
        assert gx == pytest.approx(fx, abs=1e-6 * scale)
        assert gy == pytest.approx(fy, abs=1e-6 * scale)


@pytest.mark.parametrize("name", SURFACES)
def test_gradients_work_on_whole_grids(name: str) -> None:
    surface = surfaces.make(name, 3.0)
    xs, ys = np.meshgrid(np.linspace(-2, 2, 5), np.linspace(-1, 3, 4))
    gx, gy = surface.gradient(xs, ys)
    for (i, j), x in np.ndenumerate(xs):
        assert (gx[i, j], gy[i, j]) == pytest.approx(surface.gradient(float(x), float(ys[i, j])))
    np.testing.assert_allclose(surface.value(xs, ys), [[f_ref(name, a, b, 3.0) for a, b in zip(r, q, strict=True)]
                                                       for r, q in zip(xs, ys, strict=True)])


@pytest.mark.parametrize("name", SURFACES)
def test_minima_are_stationary_with_a_positive_definite_hessian(name: str) -> None:
    surface = surfaces.make(name, 10.0)
    for x, y in surface.minima:
        assert f_ref(name, x, y) == pytest.approx(surface.f_min, abs=1e-12)
        gx, gy = grad_fd(name, x, y, h=1e-7)
        assert abs(gx) < 1e-6 and abs(gy) < 1e-6
        assert (np.abs(grad_ref(name, np.array([x, y]), 10.0)) < 1e-12).all()
        assert np.all(np.linalg.eigvalsh(hessian_fd(name, x, y)) > 0.1)


def test_the_saddle_point_is_stationary_but_not_a_minimum() -> None:
    surface = surfaces.make("saddle")
    assert surface.saddles == ((0.0, 0.0),)
    assert grad_fd("saddle", 0.0, 0.0) == pytest.approx((0.0, 0.0), abs=1e-9)
    low, high = np.linalg.eigvalsh(hessian_fd("saddle", 0.0, 0.0))
    assert low == pytest.approx(-1.0, abs=1e-4) and high == pytest.approx(1.0, abs=1e-4)


def test_himmelblau_has_exactly_these_four_minima() -> None:
    """Newton's method from a grid of starts finds no other minimum, and each listed one is found."""
    found: set[int] = set()
    minima = np.array(surfaces.HIMMELBLAU_MINIMA)
    for x0 in np.linspace(-5, 5, 11):
        for y0 in np.linspace(-5, 5, 11):
            p = np.array([x0, y0])
            for _ in range(100):
                x, y = p
                hess = np.array([[12 * x**2 + 4 * y - 42, 4 * x + 4 * y], [4 * x + 4 * y, 12 * y**2 + 4 * x - 26]])
                try:
                    p = p - np.linalg.solve(hess, grad_ref("himmelblau", p, 0.0))
                except np.linalg.LinAlgError:
                    break
            stationary = np.linalg.norm(grad_ref("himmelblau", p, 0.0)) < 1e-9
            if stationary and np.all(np.linalg.eigvalsh(hessian_fd("himmelblau", *p)) > 0):
                distance = np.linalg.norm(minima - p, axis=1)
                assert distance.min() < 1e-9, f"a minimum not in the list: {p}"
                found.add(int(distance.argmin()))
    assert found == {0, 1, 2, 3}


def test_minimum_labels() -> None:
    assert surfaces.make("himmelblau").minimum_labels() == ("(3, 2)", "(-2.81, 3.13)", "(-3.78, -3.28)",
                                                            "(3.58, -1.85)")
    assert surfaces.make("saddle").minimum_labels() == ("(0, 1)", "(0, -1)")


def test_an_unknown_surface_is_refused() -> None:
    with pytest.raises(ValueError):
        surfaces.make("sphere")


# -- facts ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("surface", "optimizer", "lr"), [
    ("bowl", "momentum", 0.03), ("rosenbrock", "adam", 0.1), ("saddle", "sgd", 0.1), ("himmelblau", "rmsprop", 0.02),
    ("rosenbrock", "sgd", 0.001)])
def test_facts_agree_with_the_series(surface: str, optimizer: str, lr: float) -> None:
    result = run(surface=surface, optimizer=optimizer, lr=lr, steps=400)
    facts, s = result.facts, result.series
    surf = surfaces.make(surface)
    gap = s["loss"] - surf.f_min
    hits = [i for i, value in enumerate(gap) if value <= TARGET]
    assert facts["steps_to_target"] == (hits[0] if hits else None)
    assert facts["final_loss"] == s["loss"][-1]
    assert (facts["final_x"], facts["final_y"]) == (s["x"][-1], s["y"][-1])
    assert facts["f_min"] == surf.f_min
    distances = {surfaces.label(m): math.dist(m, (s["x"][-1], s["y"][-1])) for m in surf.minima}
    nearest = min(distances, key=distances.__getitem__)
    assert facts["nearest_minimum"] == nearest
    assert facts["distance_to_minimum"] == pytest.approx(distances[nearest])
    assert facts["minimum_reached"] == (nearest if gap[-1] <= TARGET else None)
    assert facts["fastest"] == (optimizer if hits else None)
    assert not facts["diverged"]


def test_a_run_that_never_gets_close_reports_none() -> None:
    result = run(surface="rosenbrock", optimizer="sgd", lr=1e-4, steps=50)
    assert result.facts["steps_to_target"] is None
    assert result.facts["minimum_reached"] is None
    assert "from the nearest minimum (1, 1)" in str(result.status)


def test_status_names_the_minimum_reached() -> None:
    result = run(surface="saddle", optimizer="sgd", lr=0.1)
    assert result.facts["minimum_reached"] == "(0, 1)"
    assert str(result.status).startswith(f"sgd on saddle: reached (0, 1) at step {result.facts['steps_to_target']}")


# -- divergence -------------------------------------------------------------------------------------


def test_sgd_diverges_on_rosenbrock_with_a_large_rate() -> None:
    result = run(surface="rosenbrock", optimizer="sgd", lr=0.1, steps=200)
    assert result.diverged
    k = len(result.series["x"])
    assert k < 20
    assert f"diverged at step {k}" in str(result.status)
    for name in ("x", "y", "loss", "grad_norm"):
        assert len(result.series[name]) == k and np.all(np.isfinite(result.series[name]))
    # the reference, stopped at the first non-finite value, agrees on where
    with np.errstate(all="ignore"):
        ref = torch_reference("rosenbrock", "sgd", surfaces.STARTS["rosenbrock"], 200, 0.1)
        bad = ~np.isfinite(ref).all(axis=1) | ~np.isfinite([f_ref("rosenbrock", x, y) for x, y in ref])
    assert int(np.argmax(bad)) == k


def test_extreme_settings_never_raise() -> None:
    for optimizer in OPTIMIZERS:
        for surface in SURFACES:
            result = run(surface=surface, optimizer=optimizer, lr=10.0, momentum=0.999, alpha=0.0, beta1=0.999,
                         beta2=0.0, eps=1e-12, steps=500, condition=1000.0, start="custom", x0=6.0, y0=-6.0)
            assert result.facts["diverged"] in (True, False)


# -- the progress callback --------------------------------------------------------------------------


def test_long_runs_report_progress_over_every_compared_run() -> None:
    calls: list[tuple[int, int]] = []
    SPEC.run({"steps": 3000, "compare": "all"}, progress=lambda done, total: calls.append((done, total)) or True)
    assert {total for _, total in calls} == {6 * 3000}
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert calls[0][0] == 0 and calls[-1][0] >= 5 * 3000


def test_a_run_can_be_cancelled() -> None:
    with pytest.raises(RunCancelled):
        SPEC.run({"steps": 5000}, progress=lambda done, total: done < 2000)


# -- what the lessons rely on -----------------------------------------------------------------------


RAVINE = {"surface": "bowl", "condition": 50.0, "steps": 100}


def test_momentum_gets_through_the_ravine_in_under_100_steps_and_sgd_cannot() -> None:
    tuned = run(**RAVINE, optimizer="momentum", lr=0.03, momentum=0.9)
    assert tuned.facts["steps_to_target"] is not None and tuned.facts["steps_to_target"] < 100
    assert tuned.facts["final_loss"] < TARGET
    for lr in np.geomspace(1e-3, 0.04, 30):  # 2/κ = 0.04: beyond it SGD diverges along y
        plain = run(**RAVINE, optimizer="sgd", lr=float(lr))
        assert plain.facts["steps_to_target"] is None, f"SGD got through at lr={lr}"


def test_sgd_zigzags_across_the_ravine_near_its_largest_stable_rate() -> None:
    y = run(**RAVINE, optimizer="sgd", lr=0.038).series["y"]
    signs = np.sign(y[:20])
    assert np.all(signs[1:] != signs[:-1])  # y changes side every step
    assert np.all(np.diff(run(**RAVINE, optimizer="sgd", lr=0.038).series["x"][:20]) > 0)  # x creeps along


def test_adagrad_stalls_where_rmsprop_gets_there() -> None:
    common = {"surface": "bowl", "condition": 50.0, "steps": 200, "lr": 0.1}
    adagrad, rmsprop = run(**common, optimizer="adagrad"), run(**common, optimizer="rmsprop")
    assert adagrad.facts["final_loss"] > 1.0 and adagrad.facts["minimum_reached"] is None
    assert rmsprop.facts["minimum_reached"] == "(0, 0)"
    # AdaGrad's steps shrink however far it still is from the bottom
    steps = np.hypot(np.diff(adagrad.series["x"]), np.diff(adagrad.series["y"]))
    assert steps[-1] < steps[0] / 20 and adagrad.series["x"][-1] < -1.0


def test_adaptive_methods_ignore_how_steep_the_ravine_is() -> None:
    for optimizer in ("adagrad", "rmsprop", "adam"):
        mild = run(surface="bowl", condition=10.0, optimizer=optimizer, lr=0.1, steps=60)
        steep = run(surface="bowl", condition=1000.0, optimizer=optimizer, lr=0.1, steps=60)
        np.testing.assert_allclose(mild.series["x"], steep.series["x"], atol=1e-6)
        np.testing.assert_allclose(mild.series["y"], steep.series["y"], atol=1e-6)


def test_a_start_exactly_on_the_ridge_never_leaves_the_saddle() -> None:
    stuck = run(surface="saddle", optimizer="sgd", lr=0.1, start="custom", x0=-1.8, y0=0.0, steps=300)
    assert abs(stuck.facts["final_x"]) < 1e-9 and stuck.facts["final_y"] == 0.0
    assert stuck.series["grad_norm"][-1] < 1e-9 and stuck.facts["minimum_reached"] is None
    assert stuck.facts["final_loss"] == pytest.approx(0.0, abs=1e-12)  # the saddle's value, not −¼


@pytest.mark.parametrize(("y0", "minimum"), [(1e-3, "(0, 1)"), (-1e-3, "(0, -1)")])
def test_a_hair_off_the_ridge_escapes_to_that_sides_minimum(y0: float, minimum: str) -> None:
    result = run(surface="saddle", optimizer="sgd", lr=0.1, start="custom", x0=-1.8, y0=y0, steps=300)
    assert result.facts["minimum_reached"] == minimum
    # it lingers first: y grows only by (1 + lr) a step near the saddle
    k = int(np.argmax(np.abs(result.series["y"]) > 0.5))
    assert k > math.log(0.5 / 1e-3) / math.log(1.1) - 2


def test_adam_escapes_the_saddle_faster_than_sgd() -> None:
    common = {"surface": "saddle", "lr": 0.05, "start": "custom", "x0": -1.8, "y0": 1e-6, "steps": 400}
    sgd, adam = run(**common, optimizer="sgd"), run(**common, optimizer="adam")
    assert adam.facts["steps_to_target"] < sgd.facts["steps_to_target"]


def test_which_himmelblau_minimum_depends_on_the_optimizer() -> None:
    result = run(surface="himmelblau", lr=0.01, compare="all", steps=500)
    sgd = result.facts["minimum_reached"]
    rmsprop = run(surface="himmelblau", optimizer="rmsprop", lr=0.01, steps=500).facts["minimum_reached"]
    assert sgd == "(3.58, -1.85)" and rmsprop == "(3, 2)"


# -- the compare view -------------------------------------------------------------------------------


def test_compare_all_runs_each_optimizer_as_it_would_run_alone() -> None:
    result = run(surface="himmelblau", optimizer="adam", lr=0.01, compare="all", steps=150)
    for name in OPTIMIZERS:
        alone = run(surface="himmelblau", optimizer=name, lr=0.01, steps=150)
        for kind in ("x", "y", "loss"):
            np.testing.assert_array_equal(result.series[f"{kind}_{name}"], alone.series[kind])
    np.testing.assert_array_equal(result.series["x"], result.series["x_adam"])


def test_compare_one_adds_only_that_one() -> None:
    result = run(optimizer="rmsprop", compare="adagrad")
    extra = {k for k in result.series if "_" in k and k != "grad_norm"}
    assert extra == {"x_rmsprop", "y_rmsprop", "loss_rmsprop", "x_adagrad", "y_adagrad", "loss_adagrad"}
    assert set(run().series) == {"x", "y", "loss", "grad_norm"}


def test_fastest_is_the_first_to_reach_a_minimum() -> None:
    result = run(surface="bowl", lr=0.01, compare="all", steps=300)
    reached = {}
    for name in OPTIMIZERS:
        gap = result.series[f"loss_{name}"] - 0.0
        hits = np.flatnonzero(gap <= TARGET)
        if hits.size:
            reached[name] = int(hits[0])
    assert reached
    assert result.facts["fastest"] == min(reached, key=lambda n: (reached[n], OPTIMIZERS.index(n)))
    assert f"fastest {result.facts['fastest']} (step {min(reached.values())})" in str(result.status)


def test_a_compared_run_that_diverges_keeps_its_finite_prefix_and_is_named() -> None:
    result = run(surface="rosenbrock", optimizer="adam", lr=0.05, compare="all", steps=100)
    assert not result.diverged
    assert len(result.series["x_sgd"]) < 101 and np.all(np.isfinite(result.series["x_sgd"]))
    assert len(result.series["x_adam"]) == 101
    assert "diverged: sgd" in str(result.status)


def test_the_lesson_conditions_can_read_the_compared_runs() -> None:
    from tutor.lessons import conditions

    result = run(surface="bowl", condition=50.0, steps=200, lr=0.1, optimizer="rmsprop", compare="adagrad")
    met = conditions.parse('optimizer == "rmsprop" and final_loss < 0.001 and min(loss_adagrad) > 0.1')
    assert met.evaluate(result.facts, result.params, result.series)
    alone = run(surface="bowl", condition=50.0, steps=200, lr=0.1, optimizer="rmsprop")
    assert not met.evaluate(alone.facts, alone.params, alone.series)  # no AdaGrad run to compare with


# -- the chart --------------------------------------------------------------------------------------


ANY_SURFACE = [{"surface": s} for s in SURFACES] + [{"surface": s, "compare": "all", "lr": 0.01} for s in SURFACES]


@pytest.mark.parametrize("params", ANY_SURFACE, ids=[f"{p['surface']}-{p.get('compare', 'off')}" for p in ANY_SURFACE])
@pytest.mark.parametrize("size", [(80, 24), (78, 14), (160, 48), (40, 12)])
def test_chart_fits_in_every_mode(params: dict[str, object], size: tuple[int, int]) -> None:
    result = SPEC.run(params)
    width, height = size
    for color in (True, False):
        for unicode in (True, False):
            text = render(result, ChartOptions(width, height, color=color, unicode=unicode))
            plain = [line for line in text.splitlines()]
            assert 0 < len(plain) <= height
            if not color:
                assert all(len(line) <= width for line in plain)
            if not unicode:
                assert all(ord(ch) < 128 for ch in text), sorted({ch for ch in text if ord(ch) >= 128})


def test_chart_shows_the_path_the_minima_and_the_legend() -> None:
    text = render(run(surface="himmelblau", lr=0.01, compare="all"), ChartOptions(120, 30, color=False))
    assert text.count("×") == 3  # one of the four minima is under a path's end marker
    assert "○" in text and "●" in text
    for name in OPTIMIZERS:
        assert f"{name[0] if name != 'adagrad' else 'g'}={name}" in text
    assert "▶s=sgd" in text
    assert "himmelblau: same start, same settings" in text
    assert "loss (log scale)" in text


def test_saddle_chart_marks_the_saddle_and_shifts_the_loss() -> None:
    text = render(run(surface="saddle"), ChartOptions(100, 30, color=False))
    assert "+" in text
    assert "loss + 0.25 (log scale)" in text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params=params_of(SPEC).map(lambda p: {**p, "steps": min(int(p["steps"]), 300)}),
       width=st.integers(20, 200), height=st.integers(6, 60), upto=st.one_of(st.none(), st.integers(0, 300)),
       color=st.booleans(), unicode=st.booleans())
def test_any_run_draws_at_any_size(params: dict[str, object], width: int, height: int, upto: int | None,
                                   color: bool, unicode: bool) -> None:
    result = SPEC.run(params)
    text = render(result, ChartOptions(width, height, upto=upto, pins=(result,), color=color, unicode=unicode))
    lines = text.splitlines()
    assert len(lines) <= height
    if not color:
        assert all(len(line) <= width for line in lines)
    if not unicode:
        assert all(ord(ch) < 128 for ch in text)


def test_titles_are_translated_as_templates() -> None:
    table = {"{optimizer} on {surface}": "{optimizer} sur {surface}", "loss (log scale)": "perte (échelle log)"}
    text = render(run(surface="rosenbrock", optimizer="adam"),
                  ChartOptions(100, 30, color=False, translate=lambda s: table.get(s, s)))
    assert "adam sur rosenbrock" in text and "perte (échelle log)" in text


def test_play_mode_draws_only_the_steps_reached() -> None:
    result = run(surface="bowl", optimizer="sgd", lr=0.15, steps=50)
    early = render(result, ChartOptions(100, 30, upto=2, color=False))
    late = render(result, ChartOptions(100, 30, color=False))
    assert early != late
    assert early.count("•") < late.count("•")


def test_pins_are_drawn_behind_the_run() -> None:
    pin = run(surface="bowl", optimizer="sgd", lr=0.15)
    result = run(surface="bowl", optimizer="momentum", lr=0.01)
    with_pin = render(result, ChartOptions(100, 30, pins=(pin,), color=False, unicode=False))
    without = render(result, ChartOptions(100, 30, color=False, unicode=False))
    assert ":" in with_pin and with_pin != without


def test_a_diverging_path_leaves_the_frame_without_stretching_it() -> None:
    result = run(surface="rosenbrock", optimizer="sgd", lr=0.1)
    text = render(result, ChartOptions(100, 30, color=False))
    x_labels = [float(v) for v in text.splitlines()[-1].split()[:5]]  # the path panel's x axis
    assert min(x_labels) >= -6.0 and max(x_labels) <= 6.0  # at most 3× the window, not 1e+150


# -- the raster -------------------------------------------------------------------------------------


def test_raster_places_braille_dots_like_the_unicode_table() -> None:
    raster = Raster(2, 1, 0.0, 3.0, 0.0, 3.0)  # 4 × 4 dots, dot i at coordinate i
    mask = np.zeros((4, 4), dtype=bool)
    mask[3, 0] = True  # top-left dot → U+2801
    mask[0, 3] = True  # bottom-right dot of the second cell → U+2880
    raster.add_dots(mask, None)
    assert raster.runs() == [(0, 0, "⠁⢀", None)]


def test_raster_lines_are_clipped_to_the_frame() -> None:
    raster = Raster(10, 5, 0.0, 1.0, 0.0, 1.0)
    mask = raster.polyline_mask(np.array([0.5, 1e200, 0.5]), np.array([0.5, 0.5, -1e150]))
    assert mask.shape == (20, 20) and mask.any()
    assert mask[10, 10:].all()  # the horizontal segment runs to the right edge


def test_raster_runs_never_erase_a_lower_layer() -> None:
    raster = Raster(6, 1, 0.0, 5.0, 0.0, 1.0)
    raster.add_marks([1.0], [0.0], "a", "red")
    raster.add_marks([0.0, 4.0], [0.0, 0.0], "b", "blue")
    runs = raster.runs()
    assert (0, 1, "a", "red") in runs
    assert (0, 0, "b", "blue") in runs and (0, 4, "b", "blue") in runs  # split around the "a"


# -- the command line -------------------------------------------------------------------------------


def test_cli_draws_adam_on_rosenbrock() -> None:
    out = CliRunner().invoke(cli, ["sim", "optimizers", "-s", "surface=rosenbrock", "-s", "optimizer=adam", "--plot",
                                   "--width", "100", "--height", "30"])
    assert out.exit_code == 0, out.output
    assert "adam on rosenbrock" in out.output and "×" in out.output


def test_cli_json_carries_none_for_a_minimum_not_reached() -> None:
    out = CliRunner().invoke(cli, ["sim", "optimizers", "-s", "surface=rosenbrock", "-s", "lr=0.0001", "--json"])
    data = json.loads(out.output)
    assert data["facts"]["minimum_reached"] is None and data["facts"]["steps_to_target"] is None
    assert len(data["series"]["x"]) == 201


@pytest.mark.parametrize(("setting", "needle"), [("surface=rosenbrok", "rosenbrock"), ("optimizer=adamw", "adam"),
                                                  ("compare=everything", "all"), ("lr=0", "lr")])
def test_cli_refuses_bad_settings_with_a_usage_error(setting: str, needle: str) -> None:
    out = CliRunner().invoke(cli, ["sim", "optimizers", "-s", setting])
    assert out.exit_code == 2
    assert needle in out.output and "Traceback" not in out.output


# -- PyTorch itself, when it happens to be installed ------------------------------------------------


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_matches_pytorch_when_available(optimizer: str) -> None:
    torch = pytest.importorskip("torch")
    p = {"surface": "rosenbrock", "optimizer": optimizer, "lr": 0.001, "steps": 50, "momentum": 0.9,
         "alpha": 0.99, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}
    result = run(**p)
    theta = torch.tensor(surfaces.STARTS["rosenbrock"], dtype=torch.float64, requires_grad=True)
    opt = {
        "sgd": lambda: torch.optim.SGD([theta], lr=0.001),
        "momentum": lambda: torch.optim.SGD([theta], lr=0.001, momentum=0.9),
        "nesterov": lambda: torch.optim.SGD([theta], lr=0.001, momentum=0.9, nesterov=True),
        "adagrad": lambda: torch.optim.Adagrad([theta], lr=0.001, eps=1e-8),
        "rmsprop": lambda: torch.optim.RMSprop([theta], lr=0.001, alpha=0.99, eps=1e-8),
        "adam": lambda: torch.optim.Adam([theta], lr=0.001, betas=(0.9, 0.999), eps=1e-8),
    }[optimizer]()
    xs = [theta.detach().numpy().copy()]
    for _ in range(50):
        opt.zero_grad()
        x, y = theta[0], theta[1]
        ((1 - x) ** 2 + 100 * (y - x**2) ** 2).backward()
        opt.step()
        xs.append(theta.detach().numpy().copy())
    np.testing.assert_allclose(np.column_stack([result.series["x"], result.series["y"]]), np.array(xs), rtol=1e-9)
