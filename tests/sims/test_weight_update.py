"""weight-update against independent arithmetic.

Every check here recomputes from the samples the run reports (`result.data`): the loss as
torch.nn.MSELoss(reduction="mean") defines it, its gradient by central finite differences, the
update rule as a plain loop, the best line with np.linalg.lstsq, and which samples each mini-batch
held by searching every subset for the one whose loss has the reported gradient.
"""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest
from click.testing import CliRunner

from tutor.cli.root import cli
from tutor.sims import get_spec
from tutor.sims.result import Result
from tutor.sims.spec import RunCancelled

SPEC = get_spec("weight-update")
H = 1e-5  # finite-difference step; the loss is quadratic, so central differences are exact but for rounding


def run(**params: object) -> Result:
    return SPEC.run(params)


def mse(w: float, b: float, x: np.ndarray, y: np.ndarray) -> float:
    """torch.nn.MSELoss(reduction='mean') of the prediction w·x + b against y."""
    return float(np.mean((w * x + b - y) ** 2))


def numeric_gradient(w: float, b: float, x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    gw = (mse(w + H, b, x, y) - mse(w - H, b, x, y)) / (2 * H)
    gb = (mse(w, b + H, x, y) - mse(w, b - H, x, y)) / (2 * H)
    return gw, gb


def hand_loop(x: np.ndarray, y: np.ndarray, w0: float, b0: float, lr: float, steps: int) -> dict[str, list[float]]:
    """Full-batch gradient descent written out from the documented rule, stopping at overflow."""
    out: dict[str, list[float]] = {"w": [], "b": [], "loss": [], "grad_w": [], "grad_b": []}
    w, b = w0, b0
    with np.errstate(all="ignore"):
        for _ in range(steps + 1):
            residual = w * x + b - y
            values = (w, b, float(np.mean(residual**2)), 2 * float(np.mean(residual * x)),
                      2 * float(np.mean(residual)))
            if not np.all(np.isfinite(values)):
                break
            for name, value in zip(out, values, strict=True):
                out[name].append(value)
            w, b = w - lr * values[3], b - lr * values[4]
    return out


# -- the loss and its gradient ----------------------------------------------------------------------


@pytest.mark.parametrize("params", [
    {},
    {"w0": 4.0, "b0": -3.0, "lr": 0.3, "steps": 20},
    {"w_true": -3.5, "b_true": 2.0, "noise": 1.0, "n_samples": 7, "seed": 11},
])
def test_full_batch_gradients_match_central_differences_of_the_loss(params: dict[str, object]) -> None:
    result = run(**params)
    x, y = result.data["x"], result.data["y"]
    for t in range(len(result.series["w"])):
        w, b = result.series["w"][t], result.series["b"][t]
        gw, gb = numeric_gradient(w, b, x, y)
        assert result.series["grad_w"][t] == pytest.approx(gw, rel=1e-6, abs=1e-8)
        assert result.series["grad_b"][t] == pytest.approx(gb, rel=1e-6, abs=1e-8)
        assert result.series["loss"][t] == pytest.approx(mse(w, b, x, y), rel=1e-9, abs=1e-15)


def test_the_last_gradient_is_on_all_samples_even_with_mini_batches() -> None:
    result = run(batch_size=5, steps=23)
    x, y = result.data["x"], result.data["y"]
    gw, gb = numeric_gradient(result.series["w"][-1], result.series["b"][-1], x, y)
    assert result.series["grad_w"][-1] == pytest.approx(gw, rel=1e-6, abs=1e-8)
    assert result.series["grad_b"][-1] == pytest.approx(gb, rel=1e-6, abs=1e-8)


# -- the update rule ----------------------------------------------------------------------------------


@pytest.mark.parametrize("params", [
    {"steps": 3, "n_samples": 2, "lr": 0.5},
    {"steps": 5, "n_samples": 4, "w0": -2.0, "b0": 1.5, "lr": 0.25, "noise": 0.5, "seed": 3},
    {"steps": 8, "n_samples": 6, "w0": 1.0, "w_true": -1.0, "b_true": 0.5, "lr": 0.9, "seed": 42},
    {"steps": 50},
])
def test_full_batch_steps_follow_the_documented_rule(params: dict[str, object]) -> None:
    result = run(**params)
    p = result.params
    expected = hand_loop(result.data["x"], result.data["y"], float(p["w0"]), float(p["b0"]),
                         float(p["lr"]), int(p["steps"]))
    for name, values in expected.items():
        assert len(result.series[name]) == int(p["steps"]) + 1
        np.testing.assert_allclose(result.series[name], values, rtol=1e-9, atol=1e-12, err_msg=name)


def test_a_step_written_out_by_hand() -> None:
    """Two samples, numbers small enough to check on paper."""
    result = run(n_samples=2, steps=1, lr=0.5, w0=1.0, b0=0.0)
    (x1, x2), (y1, y2) = result.data["x"], result.data["y"]
    r1, r2 = 1.0 * x1 - y1, 1.0 * x2 - y2  # ŷ − y at w = 1, b = 0
    grad_w, grad_b = (2 * r1 * x1 + 2 * r2 * x2) / 2, (2 * r1 + 2 * r2) / 2
    assert result.series["loss"][0] == pytest.approx((r1**2 + r2**2) / 2)
    assert result.series["w"][1] == pytest.approx(1.0 - 0.5 * grad_w)
    assert result.series["b"][1] == pytest.approx(0.0 - 0.5 * grad_b)


@pytest.mark.parametrize("batch_size", [0, 64, 65, 10_000])
def test_batch_size_zero_or_at_least_n_samples_is_full_batch(batch_size: int) -> None:
    full = run(batch_size=0, n_samples=64)
    same = run(batch_size=batch_size, n_samples=64)
    assert same.facts["batch"] == 64
    for name in full.series:
        np.testing.assert_allclose(same.series[name], full.series[name], rtol=1e-12, atol=1e-15)


# -- mini-batches ----------------------------------------------------------------------------------


def identify_batch(w: float, b: float, gw: float, gb: float, x: np.ndarray, y: np.ndarray,
                   sizes: tuple[int, ...]) -> list[tuple[int, ...]]:
    """Every subset of the samples whose loss has, by central differences, the reported gradient."""
    found = []
    for size in sizes:
        for subset in itertools.combinations(range(len(x)), size):
            index = list(subset)
            nw, nb = numeric_gradient(w, b, x[index], y[index])
            if abs(nw - gw) < 1e-7 * (1 + abs(gw)) and abs(nb - gb) < 1e-7 * (1 + abs(gb)):
                found.append(subset)
    return found


def test_each_mini_batch_gradient_is_that_of_a_batch_and_each_epoch_uses_every_sample_once() -> None:
    n, k, epochs = 8, 3, 4  # batches of 3, 3 and the remainder 2 in every epoch
    result = run(n_samples=n, batch_size=k, steps=3 * epochs, lr=0.2, noise=0.5, seed=5)
    x, y = result.data["x"], result.data["y"]
    s = result.series
    batches = []
    for t in range(3 * epochs):
        matches = identify_batch(s["w"][t], s["b"][t], s["grad_w"][t], s["grad_b"][t], x, y, (k, n % k))
        assert len(matches) == 1, f"step {t}: batches with this gradient: {matches}"
        batches.append(matches[0])
    orders = []
    for e in range(epochs):
        epoch = batches[3 * e: 3 * e + 3]
        assert [len(batch) for batch in epoch] == [3, 3, 2]
        used = [i for batch in epoch for i in batch]
        assert sorted(used) == list(range(n)), f"epoch {e} used {used}"
        orders.append(tuple(epoch))
    assert len(set(orders)) > 1, "the order is reshuffled every epoch"
    assert result.facts["batch"] == k
    assert result.facts["epochs"] == pytest.approx(epochs)


def test_single_sample_steps_visit_every_sample_once_per_epoch() -> None:
    """With one sample per step ∂L/∂w = 2·r·x and ∂L/∂b = 2·r, so x = grad_w / grad_b names it."""
    n, epochs = 16, 3
    result = run(n_samples=n, batch_size=1, steps=n * epochs, lr=0.05, seed=9)
    x, y = result.data["x"], result.data["y"]
    s = result.series
    visits = []
    for t in range(n * epochs):
        ratio = s["grad_w"][t] / s["grad_b"][t]
        sample = int(np.argmin(np.abs(x - ratio)))
        assert x[sample] == pytest.approx(ratio, rel=1e-9, abs=1e-12)
        assert s["grad_b"][t] == pytest.approx(2 * (s["w"][t] * x[sample] + s["b"][t] - y[sample]))
        visits.append(sample)
    epochs_seen = [visits[e * n:(e + 1) * n] for e in range(epochs)]
    for order in epochs_seen:
        assert sorted(order) == list(range(n))
    assert len({tuple(order) for order in epochs_seen}) == epochs
    assert visits[:n] != list(range(n)), "the first epoch is shuffled too"


def test_epoch_count_includes_the_smaller_last_batch() -> None:
    result = run(n_samples=64, batch_size=10, steps=13)  # 7 steps an epoch: six of 10, one of 4
    assert result.facts["epochs"] == pytest.approx((64 + 6 * 10) / 64)


def test_a_longer_run_repeats_every_step_of_a_shorter_one() -> None:
    short, long = run(batch_size=5, steps=20), run(batch_size=5, steps=45)
    for name in ("w", "b", "loss"):
        np.testing.assert_array_equal(long.series[name][:21], short.series[name])
    for name in ("grad_w", "grad_b"):  # the short run's last gradient is on all samples, not a batch
        np.testing.assert_array_equal(long.series[name][:20], short.series[name][:20])


def test_mini_batches_make_the_loss_curve_noisy() -> None:
    full, single = run(steps=200), run(steps=200, batch_size=1)
    assert full.facts["loss_increases"] == 0
    assert single.facts["loss_increases"] > 10
    rises = np.diff(single.series["loss"]) > 0
    assert single.facts["loss_increases"] == pytest.approx(int(rises.sum()), abs=2)


# -- data, seeds, determinism ------------------------------------------------------------------------


def test_samples_are_drawn_as_documented() -> None:
    result = run(n_samples=10_000, w_true=-1.5, b_true=0.5, noise=0.3, steps=1)
    x, y = result.data["x"], result.data["y"]
    assert x.min() >= -1.0 and x.max() < 1.0
    assert x.mean() == pytest.approx(0.0, abs=0.03)
    assert x.var() == pytest.approx(1 / 3, rel=0.05)
    noise = y - (-1.5 * x + 0.5)
    assert noise.mean() == pytest.approx(0.0, abs=0.02)
    assert noise.std() == pytest.approx(0.3, rel=0.05)
    clean = run(n_samples=50, noise=0.0, w_true=3.0, b_true=-2.0)
    np.testing.assert_allclose(clean.data["y"], 3.0 * clean.data["x"] - 2.0, rtol=1e-12, atol=1e-12)


def test_the_data_depends_only_on_its_own_parameters() -> None:
    base = run()
    for other in (run(lr=0.7, batch_size=4, steps=9, w0=3.0), run(noise=0.1, seed=0)):
        np.testing.assert_array_equal(other.data["x"], base.data["x"])
        np.testing.assert_array_equal(other.data["y"], base.data["y"])


@pytest.mark.parametrize("batch_size", [0, 7])
def test_same_seed_same_run_other_seed_other_run(batch_size: int) -> None:
    a, b = run(seed=4, batch_size=batch_size), run(seed=4, batch_size=batch_size)
    c = run(seed=5, batch_size=batch_size)
    for name in ("x", "y"):
        np.testing.assert_array_equal(a.data[name], b.data[name])
        assert not np.allclose(a.data[name], c.data[name])
    for name in a.series:
        np.testing.assert_array_equal(a.series[name], b.series[name])
    assert not np.allclose(a.series["w"], c.series["w"])


# -- the reference facts ------------------------------------------------------------------------------


@pytest.mark.parametrize("params", [{}, {"n_samples": 2}, {"noise": 2.0, "w_true": -4.0, "seed": 8},
                                    {"n_samples": 5000, "b_true": 7.0}])
def test_the_best_line_is_least_squares(params: dict[str, object]) -> None:
    result = run(**params)
    x, y = result.data["x"], result.data["y"]
    design = np.column_stack([x, np.ones_like(x)])
    (w, b), *_ = np.linalg.lstsq(design, y, rcond=None)
    assert result.facts["optimum_w"] == pytest.approx(w, rel=1e-9, abs=1e-12)
    assert result.facts["optimum_b"] == pytest.approx(b, rel=1e-9, abs=1e-12)
    assert result.facts["optimum_loss"] == pytest.approx(mse(w, b, x, y), rel=1e-6, abs=1e-15)
    assert result.facts["excess_loss"] == pytest.approx(result.facts["final_loss"] - mse(w, b, x, y),
                                                        rel=1e-6, abs=1e-12)


def test_a_long_full_batch_run_reaches_the_best_line() -> None:
    result = run(lr=0.5, steps=400)
    assert result.facts["final_w"] == pytest.approx(result.facts["optimum_w"], abs=1e-8)
    assert result.facts["final_b"] == pytest.approx(result.facts["optimum_b"], abs=1e-8)
    assert result.facts["excess_loss"] == pytest.approx(0.0, abs=1e-12)
    x, y = result.data["x"], result.data["y"]
    losses = [mse(w, b, x, y) for w, b in zip(result.series["w"], result.series["b"], strict=True)]
    within = [t for t, loss in enumerate(losses) if loss <= result.facts["optimum_loss"] + 1e-3]
    assert result.facts["steps_to_fit"] == within[0]


def test_steps_to_fit_is_none_when_never_close() -> None:
    assert run(lr=1e-4, steps=10).facts["steps_to_fit"] is None


def test_lr_edge_is_two_over_the_largest_curvature() -> None:
    result = run(n_samples=32, seed=2)
    x = result.data["x"]
    hessian = 2 * np.array([[np.mean(x * x), np.mean(x)], [np.mean(x), 1.0]])
    edge = 2 / np.linalg.eigvalsh(hessian).max()
    assert result.facts["lr_edge"] == pytest.approx(edge, rel=1e-12)
    below, above = run(n_samples=32, seed=2, lr=0.98 * edge, steps=300), run(n_samples=32, seed=2,
                                                                            lr=1.02 * edge, steps=300)
    assert below.facts["final_loss"] < below.series["loss"][0]
    assert above.facts["final_loss"] > 10 * above.series["loss"][0]


# -- the numerical guard ------------------------------------------------------------------------------


def test_a_huge_rate_diverges_and_keeps_the_finite_prefix() -> None:
    result = run(lr=10.0, steps=2000)
    assert result.facts["diverged"] is True
    k = len(result.series["w"])
    assert 1 < k < 2001
    assert str(result.status).startswith(f"diverged at step {k}")
    for name, values in result.series.items():
        assert len(values) == k, name
        assert np.all(np.isfinite(values)), name
    p = result.params
    expected = hand_loop(result.data["x"], result.data["y"], float(p["w0"]), float(p["b0"]), 10.0, 2000)
    # The step at which float64 overflows may differ by one between two ways of writing the same
    # loss (the square can overflow a step before the weights do); the finite steps agree.
    assert abs(len(expected["w"]) - k) <= 1
    shared = min(k, len(expected["w"]))
    for name in expected:
        np.testing.assert_allclose(result.series[name][:shared], expected[name][:shared], rtol=1e-9,
                                   err_msg=name)
    assert result.facts["final_w"] == pytest.approx(result.series["w"][-1])


def test_a_growing_loss_is_reported_before_it_overflows() -> None:
    result = run(lr=1.5, steps=30)
    assert result.facts["diverged"] is False
    assert result.facts["loss_increases"] == 30
    assert "grew" in str(result.status)


def test_progress_is_reported_and_can_cancel() -> None:
    calls: list[tuple[int, int]] = []
    SPEC.run({"steps": 10}, progress=lambda done, total: calls.append((done, total)) or True)
    assert calls[-1] == (10, 10)
    with pytest.raises(RunCancelled):
        SPEC.run({"steps": 10}, progress=lambda done, total: done < 4)


# -- the command line ----------------------------------------------------------------------------------


def test_json_carries_the_samples() -> None:
    out = CliRunner().invoke(cli, ["sim", "weight-update", "--json", "-s", "n_samples=10", "-s", "steps=5"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert len(data["x"]) == len(data["y"]) == 10
    assert all(len(v) == 6 for v in data["series"].values())
    assert data["params"]["batch_size"] == 0
    direct = run(n_samples=10, steps=5)
    np.testing.assert_allclose(data["x"], direct.data["x"], rtol=1e-15)
    np.testing.assert_allclose(data["y"], direct.data["y"], rtol=1e-15)
    x, y = np.array(data["x"]), np.array(data["y"])
    assert data["series"]["loss"][0] == pytest.approx(mse(0.0, 0.0, x, y))


def test_export_writes_the_samples_too(tmp_path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "run.npz"
    out = CliRunner().invoke(cli, ["sim", "weight-update", "--export", str(target), "-s", "batch_size=8"])
    assert out.exit_code == 0, out.output
    with np.load(target) as saved:
        assert {"x", "y", "w", "b", "loss", "grad_w", "grad_b"} <= set(saved.files)
        assert saved["x"].shape == (64,)


@pytest.mark.parametrize("setting, name", [("batch_size=-1", "batch_size"), ("n_samples=1", "n_samples"),
                                           ("noise=nan", "noise"), ("lr=0", "lr")])
def test_out_of_range_settings_are_usage_errors(setting: str, name: str) -> None:
    out = CliRunner().invoke(cli, ["sim", "weight-update", "-s", setting])
    assert out.exit_code == 2
    assert name in out.output
    assert "Traceback" not in out.output
