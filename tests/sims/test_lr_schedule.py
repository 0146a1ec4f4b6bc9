"""lr-schedule against independent arithmetic.

Each schedule is checked two ways: against its closed form written out here, and against the
step-by-step (chainable) rules PyTorch's schedulers apply — StepLR, ExponentialLR,
CosineAnnealingLR, and LinearLR followed by CosineAnnealingLR under SequentialLR — rewritten as
plain loops. Training is checked against the documented noisy update run by hand, weight by weight.
Then the behaviour the lesson relies on: decay lowers the level the noise lets the loss settle at,
and warm-up survives a peak rate that blows up without it.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from tutor.plots import ChartOptions, render
from tutor.sims import get_spec
from tutor.sims.lr_schedule import SCHEDULES
from tutor.sims.lr_schedule.schedules import ScheduleSettings, rates
from tutor.sims.result import Result
from tutor.sims.spec import RunCancelled

SPEC = get_spec("lr-schedule")
COPIES = 50  # documented: fifty copies of the one-weight problem, each with its own noise


def run(**params: object) -> Result:
    return SPEC.run(params)


# -- the schedules ----------------------------------------------------------------------------------

SETTINGS = [
    ScheduleSettings(lr=0.1, steps=200),
    ScheduleSettings(lr=0.3, steps=37, step_size=7, step_gamma=0.3, exp_gamma=0.9, lr_min=0.01,
                     warmup=5, warmup_start=0.25),
    ScheduleSettings(lr=2.0, steps=10, step_size=1, step_gamma=1.0, exp_gamma=0.5, lr_min=0.5,
                     warmup=10, warmup_start=0.001),
    ScheduleSettings(lr=0.05, steps=3, warmup=0),
    ScheduleSettings(lr=0.05, steps=1, warmup=20),
]


def closed_form(name: str, s: ScheduleSettings, t: int) -> float:
    """The documented formulas, one rate at a time."""
    if name == "constant":
        return s.lr
    if name == "step":
        return s.lr * s.step_gamma ** (t // s.step_size)
    if name == "exponential":
        return s.lr * s.exp_gamma**t
    if name == "cosine":
        return s.lr_min + (s.lr - s.lr_min) * (1 + math.cos(math.pi * t / s.steps)) / 2
    warm = min(s.warmup, s.steps)
    if t < warm:
        return s.lr * (s.warmup_start + (1 - s.warmup_start) * t / warm)
    span = s.steps - warm
    if span == 0:
        return s.lr
    return s.lr_min + (s.lr - s.lr_min) * (1 + math.cos(math.pi * (t - warm) / span)) / 2


def torch_chain(name: str, s: ScheduleSettings) -> list[float]:
    """The rates as torch.optim.lr_scheduler computes them: each from the one before (get_lr)."""
    base, out = s.lr, []
    if name == "constant":
        return [base] * (s.steps + 1)
    if name in ("step", "exponential"):
        lr = base
        for t in range(s.steps + 1):
            if t > 0 and (name == "exponential" or t % s.step_size == 0):
                lr *= s.exp_gamma if name == "exponential" else s.step_gamma
            out.append(lr)
        return out
    if name == "cosine":
        return _torch_cosine(base, s.lr_min, s.steps, s.steps + 1)
    warm = min(s.warmup, s.steps)
    # LinearLR(start_factor=s, end_factor=1, total_iters=W) for t < W …
    lr = base * s.warmup_start
    for t in range(warm):
        if t > 0:
            lr *= 1 + (1 - s.warmup_start) / (warm * s.warmup_start + (t - 1) * (1 - s.warmup_start))
        out.append(lr)
    # … then SequentialLR calls CosineAnnealingLR.step(0) at the milestone: back to the base rate.
    return out + _torch_cosine(base, s.lr_min, max(s.steps - warm, 1), s.steps + 1 - warm)


def _torch_cosine(base: float, eta_min: float, t_max: int, count: int) -> list[float]:
    """CosineAnnealingLR.get_lr, its recursive form, for epochs 0 … count − 1."""
    out, lr = [], base
    for t in range(count):
        if t == 0:
            lr = base
        elif (t - 1 - t_max) % (2 * t_max) == 0:
            lr = lr + (base - eta_min) * (1 - math.cos(math.pi / t_max)) / 2
        else:
            ratio = (1 + math.cos(math.pi * t / t_max)) / (1 + math.cos(math.pi * (t - 1) / t_max))
            lr = ratio * (lr - eta_min) + eta_min
        out.append(lr)
    return out


@pytest.mark.parametrize("name", SCHEDULES)
@pytest.mark.parametrize("settings", SETTINGS, ids=range(len(SETTINGS)))
def test_each_schedule_is_its_closed_form(name: str, settings: ScheduleSettings) -> None:
    expected = [closed_form(name, settings, t) for t in range(settings.steps + 1)]
    np.testing.assert_allclose(rates(name, settings), expected, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("name", SCHEDULES)
@pytest.mark.parametrize("settings", SETTINGS, ids=range(len(SETTINGS)))
def test_each_schedule_matches_torch_step_by_step(name: str, settings: ScheduleSettings) -> None:
    np.testing.assert_allclose(rates(name, settings), torch_chain(name, settings), rtol=1e-9, atol=1e-12)


def test_hand_checked_values() -> None:
    s = ScheduleSettings(lr=1.0, steps=4, step_size=2, step_gamma=0.5, exp_gamma=0.5, lr_min=0.0,
                         warmup=2, warmup_start=0.5)
    assert list(rates("step", s)) == pytest.approx([1, 1, 0.5, 0.5, 0.25])
    assert list(rates("exponential", s)) == pytest.approx([1, 0.5, 0.25, 0.125, 0.0625])
    assert list(rates("cosine", s)) == pytest.approx([1, (1 + math.sqrt(0.5)) / 2, 0.5, (1 - math.sqrt(0.5)) / 2, 0])
    assert list(rates("warmup-cosine", s)) == pytest.approx([0.5, 0.75, 1, 0.5, 0])


def test_the_torch_documentation_example_of_step_lr() -> None:
    # StepLR(step_size=30, gamma=0.1) on lr 0.05: 0.05 before epoch 30, 0.005 until 60, 0.0005 until 90.
    s = ScheduleSettings(lr=0.05, steps=89, step_size=30, step_gamma=0.1)
    assert set(np.round(rates("step", s)[:30], 12)) == {0.05}
    assert set(np.round(rates("step", s)[30:60], 12)) == {0.005}
    assert set(np.round(rates("step", s)[60:90], 12)) == {0.0005}


def test_the_run_reports_the_rates_of_its_schedule() -> None:
    result = run(schedule="step", lr=0.2, steps=30, step_size=10, step_gamma=0.1)
    np.testing.assert_allclose(result.series["lr"], [0.2 * 0.1 ** (t // 10) for t in range(31)], rtol=1e-12)
    assert result.facts["peak_lr"] == pytest.approx(0.2)
    assert result.facts["final_lr"] == pytest.approx(0.2 * 0.1**3)


# -- training ---------------------------------------------------------------------------------------


def reference_rate(schedule: str, t: int, lr: float, steps: int, *, warmup: int = 20,
                   warmup_start: float = 0.01, exp_gamma: float = 0.98, lr_min: float = 0.0) -> float:
    """The rate at step t, written from torch.optim.lr_scheduler's documentation, one scalar at a time."""
    def cosine(t: int, period: int) -> float:
        return lr_min + (lr - lr_min) * (1 + math.cos(math.pi * t / max(period, 1))) / 2
    if schedule == "constant":
        return lr
    if schedule == "exponential":
        return lr * exp_gamma**t
    if schedule == "cosine":
        return cosine(t, steps)
    if schedule == "warmup-cosine":
        w = min(warmup, steps)
        if t < w:
            return lr * (warmup_start + (1 - warmup_start) * t / w)
        return cosine(t - w, steps - w)
    raise AssertionError(schedule)


def hand_training(rates_: list[float], w0: float, noise: float, seed: int) -> list[float]:
    """The documented update, one copy at a time; returns the mean of ½w² + ¼w⁴ at every step."""
    steps = len(rates_) - 1
    xi = np.random.default_rng(seed).standard_normal((steps, COPIES))
    w = [w0] * COPIES
    losses = [math.fsum(0.5 * v * v + 0.25 * v**4 for v in w) / COPIES]
    for t in range(steps):
        w = [v - rates_[t] * (v + v**3 + noise * float(xi[t, i])) for i, v in enumerate(w)]
        losses.append(math.fsum(0.5 * v * v + 0.25 * v**4 for v in w) / COPIES)
    return losses


@pytest.mark.parametrize(("schedule", "lr", "noise", "w0", "seed", "steps"), [
    ("constant", 0.1, 0.5, 2.0, 0, 12),
    ("cosine", 0.2, 1.0, -1.5, 7, 9),
    ("warmup-cosine", 0.5, 0.3, 2.5, 3, 15),
    ("exponential", 0.05, 0.0, 0.75, 1, 6),
])
def test_training_follows_the_noisy_update_by_hand(schedule: str, lr: float, noise: float, w0: float,
                                                   seed: int, steps: int) -> None:
    result = run(schedule=schedule, lr=lr, noise=noise, w0=w0, seed=seed, steps=steps, warmup=4)
    expected = hand_training([reference_rate(schedule, t, lr, steps, warmup=4) for t in range(steps + 1)],
                             w0, noise, seed)
    np.testing.assert_allclose(result.series["loss"], expected, rtol=1e-10, atol=1e-14)


def test_without_noise_every_copy_follows_the_same_scalar_recursion() -> None:
    result = run(noise=0.0, w0=1.0, lr=0.3, steps=20)
    w, expected = 1.0, [0.5 + 0.25]
    for _ in range(20):
        w -= 0.3 * (w + w**3)
        expected.append(0.5 * w * w + 0.25 * w**4)
    np.testing.assert_allclose(result.series["loss"], expected, rtol=1e-12)


def test_tail_loss_is_the_mean_of_the_last_tenth() -> None:
    for steps in (1, 9, 10, 11, 200):
        result = run(steps=steps)
        k = max(1, math.ceil(steps / 10))
        assert result.facts["tail_loss"] == pytest.approx(float(np.mean(result.series["loss"][-k:])))
        assert result.facts["final_loss"] == pytest.approx(float(result.series["loss"][-1]))
        assert result.facts["min_loss"] == pytest.approx(float(result.series["loss"].min()))


def test_compare_runs_every_schedule_on_the_same_noise() -> None:
    compared = run(compare=True, seed=5, lr=0.2)
    tails = {}
    for name in SCHEDULES:
        alone = run(schedule=name, seed=5, lr=0.2)
        key = name.replace("-", "_")
        np.testing.assert_allclose(compared.series[f"loss_{key}"], alone.series["loss"], rtol=1e-12)
        np.testing.assert_allclose(compared.series[f"lr_{key}"], alone.series["lr"], rtol=1e-12)
        tails[name] = alone.facts["tail_loss"]
    assert compared.facts["best_schedule"] == min(tails, key=lambda n: tails[n])
    assert "lr_cosine" not in run(seed=5).series  # only compare carries the overlay


# -- what the lesson relies on ----------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_decay_lowers_the_level_the_noise_allows(seed: int) -> None:
    constant = run(seed=seed).facts["tail_loss"]
    for name in ("step", "exponential", "cosine", "warmup-cosine"):
        assert run(schedule=name, seed=seed).facts["tail_loss"] < 0.5 * constant, name


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_schedule_gets_both_speed_and_precision_where_no_constant_rate_can(seed: int) -> None:
    # The lesson's challenge: loss below 0.05 by step 20 and settled below 0.002.
    def meets(result: Result) -> bool:
        return bool(result.series["loss"][20] < 0.05 and result.facts["tail_loss"] < 0.002)

    for lr in (0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.08, 0.1, 0.2):
        assert not meets(run(lr=lr, seed=seed)), lr
    for name in ("step", "exponential", "cosine"):
        assert meets(run(schedule=name, lr=0.1, seed=seed)), name


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_noise_floor_grows_with_the_rate(seed: int) -> None:
    tails = [run(lr=lr, seed=seed, steps=400).facts["tail_loss"] for lr in (0.02, 0.05, 0.1)]
    assert tails[0] < tails[1] < tails[2]


def test_a_high_peak_rate_needs_warm_up() -> None:
    # At w = 2 the curvature is 13, so η = 0.5 overshoots wildly; near 0 it is 1, where 0.5 is safe.
    for name in ("constant", "step", "exponential", "cosine"):
        assert run(schedule=name, lr=0.5).diverged, name
    warmed = run(schedule="warmup-cosine", lr=0.5)
    assert not warmed.diverged
    assert warmed.facts["tail_loss"] < run().facts["tail_loss"]  # and ends lower than constant 0.1


def test_a_diverged_run_keeps_its_finite_prefix() -> None:
    result = run(schedule="constant", lr=0.5, compare=True)
    assert result.diverged and str(result.status).startswith("diverged at step ")
    step = int(str(result.status).rsplit(" ", 1)[1])
    assert len(result.series["loss"]) == len(result.series["lr"]) == step
    assert result.facts["tail_loss"] is None
    assert result.facts["best_schedule"] == "warmup-cosine"
    assert len(result.series["loss_warmup_cosine"]) == 201


def test_long_runs_can_be_cancelled() -> None:
    with pytest.raises(RunCancelled):
        SPEC.run({"steps": 2000}, progress=lambda done, total: done < 1000)


# -- the chart --------------------------------------------------------------------------------------


def test_compare_chart_names_every_schedule() -> None:
    text = render(run(compare=True), ChartOptions(120, 30, color=False))
    for name in SCHEDULES:
        assert name in text
