"""The numbers the lessons state about their simulations, pinned to what the simulations do.

Each test runs the simulation the way the lesson tells the learner to, checks the number the
lesson quotes against an independent computation where there is one (the first RMSprop step from
its formula, the weight-update gradient from the data), and checks that both editions of the
lesson still quote it. A lesson edited to say something else, or a simulation changed under it,
fails here.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from tutor.sims import get_spec

LESSONS = Path(__file__).resolve().parents[1] / "lessons"


def text(name: str) -> str:
    return (LESSONS / name).read_text(encoding="utf-8")


# -- adagrad-rmsprop: the gap at equal η is RMSprop's missing bias correction ----------------------

RAVINE = {"surface": "bowl", "condition": 50, "steps": 200}


def optim(optimizer: str, lr: float, **extra: object):
    return get_spec("optimizers").run({**RAVINE, "optimizer": optimizer, "lr": lr, **extra})


@pytest.mark.parametrize("alpha", [0.99, 0.9])
def test_rmsprop_first_step_is_eta_over_root_one_minus_alpha(alpha: float) -> None:
    run = optim("rmsprop", 0.1, alpha=alpha)
    step = run.series["x"][1] - run.series["x"][0]
    # v = (1 − α)·g² after one step, so |Δx| = η·|g|/√((1 − α)·g²) = η/√(1 − α), whatever g is.
    assert step == pytest.approx(0.1 / math.sqrt(1 - alpha), rel=1e-6)
    ada = optim("adagrad", 0.1)
    assert ada.series["x"][1] - ada.series["x"][0] == pytest.approx(0.1, rel=1e-6)


def test_equal_first_steps_make_a_fair_race() -> None:
    rms, ada_equal, ada_fair = optim("rmsprop", 0.1), optim("adagrad", 0.1), optim("adagrad", 1.0)
    assert rms.facts["steps_to_target"] == 25
    assert ada_equal.facts["steps_to_target"] is None
    assert ada_equal.facts["final_loss"] == pytest.approx(1.46, abs=0.005)
    assert ada_fair.facts["steps_to_target"] == 26
    # The two fair paths nearly coincide early on: x after 10 steps, −0.58 and −0.57 in the lesson.
    assert ada_fair.series["x"][10] == pytest.approx(-0.58, abs=0.01)
    assert rms.series["x"][10] == pytest.approx(-0.57, abs=0.01)
    slow = optim("rmsprop", 0.01)
    assert slow.facts["steps_to_target"] is None
    assert slow.facts["final_loss"] == pytest.approx(0.9, abs=0.01)


def test_forgetting_shows_only_in_a_long_run() -> None:
    rms, ada = optim("rmsprop", 0.01, steps=1000), optim("adagrad", 0.1, steps=1000)
    assert rms.facts["steps_to_target"] == 526
    assert ada.facts["steps_to_target"] is None
    assert ada.facts["final_loss"] == pytest.approx(0.03, abs=0.002)


def test_rmsprop_hops_at_a_large_rate() -> None:
    run = optim("rmsprop", 0.3)
    assert run.facts["steps_to_target"] == 6
    assert run.facts["final_loss"] == pytest.approx(3.0, abs=0.05)


def test_adagrad_rmsprop_lessons_quote_these_numbers() -> None:
    en, ko = text("adagrad-rmsprop.md"), text("adagrad-rmsprop.ko.md")
    for needle in ("exactly 1.0", "steps 26 and 25", "step 526", "loss 1.46 after 200 steps"):
        assert needle in en
    for needle in ("정확히 1.0", "26스텝과 25스텝", "526스텝", "200 스텝 뒤 손실 1.46"):
        assert needle in ko
    assert "forget the distant past" not in en


# -- weights-and-loss: the sign of ∂L/∂w at the start ---------------------------------------------


def test_weight_gradient_at_the_start() -> None:
    run = get_spec("weight-update").run({"lr": 0.1, "steps": 50, "w0": 0.0, "b0": 0.0})
    x, y = run.data["x"], run.data["y"]
    terms = (0.0 - y) * x  # (ŷ − y)·x with the flat line ŷ = 0
    positive = terms > 0
    assert len(terms) == 64 and int(positive.sum()) == 18
    assert np.all((x[positive] > 0) & (x[positive] < 0.5))
    assert 2 * terms.mean() == pytest.approx(-1.43, abs=0.005)
    assert run.series["grad_w"][0] == pytest.approx(2 * terms.mean(), rel=1e-9)
    for name, needle in (("weights-and-loss.md", "18 of the 64"), ("weights-and-loss.ko.md", "64개 가운데 18개")):
        assert needle in text(name) and "−1.43" in text(name)
    assert "Either way\n(ŷ − y)·x comes out negative" not in text("weights-and-loss.md")


# -- learning-a-gate: how many seeds two, three and four hidden units fail from --------------------

GATE = {"mode": "learn", "gate": "XOR", "activation": "tanh", "loss": "bce", "lr": 1.0, "steps": 300}


def xor_run(hidden: int, seed: int, steps: int = 300):
    return get_spec("logic-gates").run({**GATE, "hidden": hidden, "seed": seed, "steps": steps})


def learned(run) -> bool:  # type: ignore[no-untyped-def]
    return bool(run.facts["gates_correct"]) and run.facts["final_loss"] < 0.05


def test_seeds_that_fail_xor() -> None:
    failures = {h: [s for s in range(61) if not learned(xor_run(h, s))] for h in (2, 3, 4)}
    assert len(failures[2]) == 25
    assert failures[3] == [1, 2, 31]
    assert failures[4] == []
    en, ko = text("learning-a-gate.md"), text("learning-a-gate.ko.md")
    assert "25 of the 61 seeds" in en and "(seeds 1, 2 and 31)" in en
    assert "61개 가운데 25개" in ko and "시드 1, 2,\n31" in ko


def test_stuck_run_sinks_along_a_plateau_toward_half_ln2() -> None:
    floor = math.log(2) / 2
    losses = [xor_run(2, 6, steps).facts["final_loss"] for steps in (300, 1000, 5000)]
    assert losses[0] == pytest.approx(0.353, abs=0.0005)
    assert losses[1] == pytest.approx(0.348, abs=0.0005)
    assert losses[2] == pytest.approx(0.3468, abs=0.00005)
    assert losses[0] > losses[1] > losses[2] > floor  # still falling, never through the floor
    long = xor_run(2, 6, 5000)
    assert long.facts["correct"] == 2
    assert np.all(np.diff(long.series["loss"][100:]) <= 1e-12)  # no step of it goes back up
    assert "This is not a local minimum" in text("learning-a-gate.md")
    assert "every small step\naway from them makes the loss worse" not in text("learning-a-gate.md")


def test_successful_run_has_its_own_plateau() -> None:
    loss = xor_run(2, 0).series["loss"]
    assert loss[20] == pytest.approx(0.69, abs=0.005)
    assert loss[100] == pytest.approx(0.22, abs=0.005)
    assert loss[300] == pytest.approx(0.016, abs=0.0005)


# -- regularization: L2 and weight decay part ways under Adam ---------------------------------------


def test_regularization_says_l2_is_weight_decay_only_for_sgd() -> None:
    en, ko = text("regularization.md"), text("regularization.ko.md")
    assert "plain SGD only" in en and "AdamW" in en
    assert "평범한 SGD에서뿐" in ko and "AdamW" in ko


# -- the status lines the lessons quote -------------------------------------------------------------


def test_deep_remedies_batch_norm_with_relu_numbers() -> None:
    run = get_spec("vanishing").run({"depth": 20, "activation": "relu", "init": "xavier", "lr": 0.1,
                                     "steps": 100, "batchnorm": True})
    loss, total = run.series["loss"], run.series["grad_total"]
    assert loss[0] == pytest.approx(1.9, abs=0.05) and loss[-1] < 1e-4
    # The last gradient comes after 100 steps of training, where the last bits of NumPy's vectorised
    # exp and matrix products (which differ between processors) have added up: the lesson quotes a bound.
    assert total[0] == pytest.approx(218, abs=3) and total[-1] < 0.1
    assert run.facts["gradient_flow"] == "uneven"
    assert "uneven, not exploding" in text("deep-remedies.md")
    assert "고르지 않은 기울기" in text("deep-remedies.ko.md")
    assert "기울기 폭발(exploding gradients)이라고 부릅니다" not in text("deep-remedies.ko.md")


def test_exploding_gradients_tanh_stack_numbers() -> None:
    run = get_spec("vanishing").run({"depth": 10, "activation": "tanh", "init": "normal", "init_std": 1.0,
                                     "lr": 0.1, "steps": 100})
    loss, total = run.series["loss"], run.series["grad_total"]
    assert run.facts["grad_ratio_first_last"] == pytest.approx(100, rel=0.1)
    assert total[0] == pytest.approx(936, abs=5) and total[-1] < 1  # a bound, as above
    assert loss[0] == pytest.approx(8.7, abs=0.05) and loss[-1] < 0.05
    assert run.facts["gradient_flow"] == "uneven"
    start = get_spec("vanishing").run({"depth": 10, "activation": "relu", "init": "normal", "init_std": 0.3,
                                       "lr": 0.1, "steps": 100})
    assert start.facts["gradient_flow"] == "exploding" and str(start.status).startswith("diverged at step 1")


# -- the numbers the challenges' explanations give ---------------------------------------------------


@pytest.mark.parametrize(("optimizer", "lr", "mu", "steps"), [
    ("momentum", 0.03, 0.9, 84), ("momentum", 0.04, 0.7, 22), ("momentum", 0.06, 0.6, 21), ("nesterov", 0.01, 0.9, 24),
])
def test_momentum_explanation(optimizer: str, lr: float, mu: float, steps: int) -> None:
    run = get_spec("optimizers").run({"surface": "bowl", "condition": 50, "steps": 100, "optimizer": optimizer,
                                      "lr": lr, "momentum": mu})
    assert run.facts["steps_to_target"] == steps


@pytest.mark.parametrize(("lr", "beta2", "arrives", "stays"), [
    (0.02, 0.9, 255, True), (0.05, 0.9, 153, False), (0.3, 0.99, 292, True), (0.1, 0.99, 425, True),
])
def test_adam_explanation(lr: float, beta2: float, arrives: int, stays: bool) -> None:
    run = get_spec("optimizers").run({"surface": "rosenbrock", "optimizer": "adam", "steps": 500, "lr": lr,
                                      "beta2": beta2})
    assert run.facts["steps_to_target"] == arrives
    assert (run.facts["minimum_reached"] == "(1, 1)") is stays


def test_choosing_optimizer_explanation() -> None:
    spec = get_spec("optimizers")
    base = {"surface": "rosenbrock", "steps": 400, "compare": "all"}
    assert spec.run({**base, "optimizer": "momentum", "lr": 0.003}).facts["steps_to_target"] == 205
    assert spec.run({**base, "optimizer": "momentum", "lr": 0.002}).facts["steps_to_target"] == 365
    assert spec.run({**base, "optimizer": "adam", "lr": 0.5}).facts["steps_to_target"] == 359
    status = str(spec.run({**base, "optimizer": "momentum", "lr": 0.003}).status)
    assert "fastest momentum (step 205), diverged: nesterov" in status


@pytest.mark.parametrize(("clip", "loss", "clipped"), [(1, 0.055, 100), (3, 4.5e-5, 27), (5, 0.0015, 9)])
def test_exploding_gradients_explanation(clip: float, loss: float, clipped: int) -> None:
    run = get_spec("vanishing").run({"depth": 10, "activation": "relu", "init": "normal", "init_std": 0.3,
                                     "lr": 0.1, "steps": 100, "clip_norm": clip})
    assert run.facts["final_loss"] == pytest.approx(loss, rel=0.05)
    assert run.facts["clipped_steps"] == clipped


def test_deep_remedies_explanation() -> None:
    def residual(depth: int, std: float, activation: str = "relu"):  # type: ignore[no-untyped-def]
        return get_spec("vanishing").run({"depth": depth, "activation": activation, "init": "normal",
                                          "init_std": std, "residual": True, "lr": 0.1, "steps": 100})
    assert residual(20, 0.02).facts["final_loss"] == pytest.approx(7.7e-5, rel=0.05)
    assert residual(30, 0.02).diverged
    assert residual(30, 0.01).facts["final_loss"] == pytest.approx(1.1e-5, rel=0.1)
    assert residual(40, 0.01).facts["final_loss"] == pytest.approx(2.7e-5, rel=0.1)
    assert 0.04 <= residual(30, 0.01, "tanh").facts["final_loss"] <= 0.065


@pytest.mark.parametrize(("activation", "init", "ratio", "loss"), [
    ("tanh", "xavier", 3.1, 0.015), ("tanh", "he", 0.97, 0.0004),
    ("relu", "he", 0.33, 0.026), ("relu", "xavier", 0.93, 0.41),
])
def test_vanishing_gradients_explanation(activation: str, init: str, ratio: float, loss: float) -> None:
    run = get_spec("vanishing").run({"depth": 15, "activation": activation, "init": init, "lr": 0.03, "steps": 100})
    assert run.facts["grad_ratio_first_last"] == pytest.approx(ratio, rel=0.05)
    assert run.facts["final_loss"] == pytest.approx(loss, rel=0.1)


def test_initialization_explanation() -> None:
    def last_over_first(init: str) -> float:
        std = get_spec("init").run({"init": init, "activation": "relu", "layers": 10}).series["act_std"]
        return float(std[-1] / std[0])
    assert last_over_first("xavier") == pytest.approx(0.027, abs=0.001)
    assert last_over_first("he") == pytest.approx(0.61, abs=0.01)
    assert last_over_first("small") ** (1 / 9) == pytest.approx(0.054, abs=0.002)


@pytest.mark.parametrize(("degree", "n_train", "val", "fit"), [
    (1, 10, 0.27, "underfitting"), (2, 10, 0.26, "underfitting"), (3, 10, 0.096, "good"), (4, 10, 0.101, "good"),
    (6, 10, 0.22, "overfitting"), (8, 10, 0.43, "overfitting"), (12, 20, 0.076, "good"),
])
def test_overfitting_explanation(degree: int, n_train: int, val: float, fit: str) -> None:
    run = get_spec("regularization").run({"degree": degree, "n_train": n_train, "penalty": "none", "steps": 2000})
    assert run.facts["final_val_loss"] == pytest.approx(val, abs=0.006) and run.facts["fit"] == fit


@pytest.mark.parametrize(("lam", "zeros"), [(0.01, 6), (0.02, 7), (0.045, 7), (0.05, 9), (0.07, 9), (0.08, 10)])
def test_regularization_explanation(lam: float, zeros: int) -> None:
    run = get_spec("regularization").run({"degree": 12, "n_train": 10, "penalty": "l1", "lam": lam, "steps": 2000})
    assert run.facts["zero_weights"] == zeros
    assert (run.facts["final_val_loss"] < 0.08) is (0.03 <= lam <= 0.07)


def test_lr_schedules_explanation() -> None:
    def tail(schedule: str) -> tuple[float, float]:
        run = get_spec("lr-schedule").run({"schedule": schedule, "lr": 0.1, "steps": 200})
        return float(run.series["loss"][20]), float(run.facts["tail_loss"])
    for schedule, tail_loss in (("step", 0.0011), ("exponential", 0.00067), ("cosine", 0.0014)):
        at20, settled = tail(schedule)
        assert 0.012 <= at20 <= 0.016 and settled == pytest.approx(tail_loss, rel=0.05)
    assert tail("warmup-cosine")[0] == pytest.approx(0.071, abs=0.001)
    assert tail("constant")[1] == pytest.approx(0.0061, abs=0.0001)


def test_minima_and_saddles_quotes_the_cycle_it_describes() -> None:
    for steps in (50, 1000):
        status = str(get_spec("landscape").run({"function": "double-well", "w0": 1.5, "lr": 0.25,
                                                  "steps": steps}).status)
        assert "two-step cycle" in status and "-1.096" in status and "-0.8659" in status
    assert "between −1.096 and −0.866" in text("minima-and-saddles.md")
    assert "−1.096과 −0.866 사이" in text("minima-and-saddles.ko.md")
