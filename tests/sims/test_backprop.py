"""backprop against a forward and backward pass worked out by hand here, against central differences
of a network written out in this file, and against gradcheck's numerical gradient; plus the table:
one row per play step, every backward row upstream × local."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest

from tutor.lessons.loader import load_lesson
from tutor.plots import ChartOptions, render
from tutor.sims import get_spec
from tutor.sims.backprop.stages import BACKWARD, FORWARD, STAGES, WEIGHTS
from tutor.sims.gradcheck import mlp, numeric

SPEC = get_spec("backprop")
LESSON = Path(__file__).resolve().parents[2] / "lessons" / "backprop.md"


def sigma(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def act(a: float, name: str) -> float:
    return {"tanh": math.tanh, "sigmoid": sigma, "relu": lambda u: max(u, 0.0)}[name](a)


def loss_of(w: dict[str, float], x1: float, x2: float, y: float, activation: str, loss: str) -> float:
    """The 2-2-1 network by its definition, written with no reference to the simulation."""
    h1 = act(w["w11"] * x1 + w["w12"] * x2 + w["b1"], activation)
    h2 = act(w["w21"] * x1 + w["w22"] * x2 + w["b2"], activation)
    z3 = w["v1"] * h1 + w["v2"] * h2 + w["c"]
    if loss == "bce":  # the log-sum-exp form of −[y·log σ(z) + (1 − y)·log(1 − σ(z))], as torch documents
        return max(z3, 0.0) - z3 * y + math.log1p(math.exp(-abs(z3)))
    return (sigma(z3) - y) ** 2


def central(w: dict[str, float], x1: float, x2: float, y: float, activation: str, loss: str,
            h: float = 1e-6) -> dict[str, float]:
    out = {}
    for name in WEIGHTS:
        up, down = dict(w), dict(w)
        up[name] += h
        down[name] -= h
        out[name] = (loss_of(up, x1, x2, y, activation, loss) - loss_of(down, x1, x2, y, activation, loss)) / (2 * h)
    return out


def used_weights(result) -> dict[str, float]:  # type: ignore[no-untyped-def]
    return {name: float(v) for name, v in zip(WEIGHTS, result.series["weights"], strict=True)}


# -- by hand -------------------------------------------------------------------------------------

def test_default_pass_worked_by_hand() -> None:
    """Sigmoid hidden units, squared error, x = (1, 0.5), y = 1, the lesson's starting weights."""
    r = SPEC.run()
    s = r.series
    # Forward, top to bottom.
    z1 = 0.5 * 1.0 + (-0.4) * 0.5 + 0.1          # 0.4
    z2 = (-0.3) * 1.0 + 0.8 * 0.5 + 0.2          # 0.3
    h1, h2 = 1 / (1 + math.exp(-z1)), 1 / (1 + math.exp(-z2))
    z3 = 0.7 * h1 + (-0.6) * h2 + 0.1
    y_hat = 1 / (1 + math.exp(-z3))
    loss = (y_hat - 1.0) ** 2
    np.testing.assert_allclose(s["forward"], [z1, z2, h1, h2, z3, y_hat, loss], rtol=1e-12)
    assert (z1, z2) == pytest.approx((0.4, 0.3)) and loss == pytest.approx(0.2084, abs=5e-5)
    # Backward, from the loss: (upstream, local, gradient) for each row.
    d_yhat = 2 * (y_hat - 1.0)
    d_z3 = d_yhat * y_hat * (1 - y_hat)
    d_h1, d_h2 = d_z3 * 0.7, d_z3 * (-0.6)
    d_z1, d_z2 = d_h1 * h1 * (1 - h1), d_h2 * h2 * (1 - h2)
    expected = [
        (1.0, d_yhat, d_yhat), (d_yhat, y_hat * (1 - y_hat), d_z3),
        (d_z3, h1, d_z3 * h1), (d_z3, h2, d_z3 * h2), (d_z3, 1.0, d_z3),
        (d_z3, 0.7, d_h1), (d_z3, -0.6, d_h2),
        (d_h1, h1 * (1 - h1), d_z1), (d_h2, h2 * (1 - h2), d_z2),
        (d_z1, 1.0, d_z1), (d_z1, 0.5, d_z1 * 0.5), (d_z1, 1.0, d_z1),
        (d_z2, 1.0, d_z2), (d_z2, 0.5, d_z2 * 0.5), (d_z2, 1.0, d_z2),
    ]
    got = np.column_stack([s["upstream"], s["local"], s["gradient"]])
    np.testing.assert_allclose(got, expected, rtol=1e-12)
    assert r.facts["grad_w12"] == pytest.approx(d_z1 * 0.5, rel=1e-12)
    assert r.facts["grad_c"] == pytest.approx(d_z3, rel=1e-12)


def test_bce_rows_follow_the_documented_derivative() -> None:
    r = SPEC.run({"loss": "bce", "activation": "tanh", "y": 0.3})
    y_hat, loss = r.series["forward"][5], r.series["forward"][6]
    assert loss == pytest.approx(-(0.3 * math.log(y_hat) + 0.7 * math.log(1 - y_hat)), rel=1e-12)
    d_yhat = -0.3 / y_hat + 0.7 / (1 - y_hat)      # ∂/∂ŷ of −[y·log ŷ + (1 − y)·log(1 − ŷ)]
    assert r.series["gradient"][0] == pytest.approx(d_yhat, rel=1e-12)
    assert r.series["gradient"][1] == pytest.approx(y_hat - 0.3, rel=1e-10)  # the famous σ − y


# -- against central differences and against gradcheck -------------------------------------------

CASES = [({}, 1.0, 0.5, 1.0), ({"w11": -1.3, "v2": 2.0, "c": -0.7}, -0.8, 1.5, 0.0),
         ({"b1": 0.9, "b2": -0.4, "w22": -2.2}, 0.2, -1.1, 0.6)]


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
@pytest.mark.parametrize("loss", ["mse", "bce"])
@pytest.mark.parametrize("case", range(len(CASES)))
def test_every_gradient_matches_central_differences(activation: str, loss: str, case: int) -> None:
    weights, x1, x2, y = CASES[case]
    r = SPEC.run({"activation": activation, "loss": loss, "x1": x1, "x2": x2, "y": y, **weights})
    expected = central(used_weights(r), x1, x2, y, activation, loss)
    for name in WEIGHTS:
        assert r.facts[f"grad_{name}"] == pytest.approx(expected[name], rel=1e-6, abs=1e-10)


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_random_weights_match_central_differences(seed: int, activation: str) -> None:
    r = SPEC.run({"init": "random", "seed": seed, "activation": activation, "loss": "bce", "y": 0.0})
    np.testing.assert_array_equal(r.series["weights"], np.random.default_rng(seed).normal(size=9))
    expected = central(used_weights(r), 1.0, 0.5, 0.0, activation, "bce")
    got = [r.facts[f"grad_{name}"] for name in WEIGHTS]
    np.testing.assert_allclose(got, [expected[n] for n in WEIGHTS], rtol=1e-6, atol=1e-10)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
@pytest.mark.parametrize("loss", ["mse", "bce"])
def test_table_agrees_with_gradchecks_numerical_gradient(activation: str, loss: str) -> None:
    r = SPEC.run({"activation": activation, "loss": loss})
    theta = r.series["weights"]
    x, y = np.array([[1.0, 0.5]]), np.array([1.0])

    def f(thetas: np.ndarray) -> np.ndarray:
        return mlp.losses(thetas, x, y, activation, loss)

    estimate, evaluations = numeric.central_difference(f, theta, 1e-5)
    table = np.array([r.facts[f"grad_{name}"] for name in WEIGHTS])
    assert numeric.relative_error(estimate, table) < 1e-8
    assert evaluations == 18
    np.testing.assert_allclose(mlp.gradient(theta, x, y, activation, loss), table, rtol=1e-10, atol=1e-14)
    assert r.facts["numeric_error"] < 1e-8


def test_extreme_weights_stay_finite_and_right() -> None:
    big = dict.fromkeys(WEIGHTS, 5.0)
    r = SPEC.run({"activation": "relu", "loss": "bce", "x1": 2.0, "x2": 2.0, "y": 0.0, **big})
    assert not r.facts["diverged"] and all(np.isfinite(v).all() for v in r.series.values())
    assert r.facts["loss"] == pytest.approx(255.0)  # z3 = 5·25 + 5·25 + 5, answered ŷ ≈ 1 for y = 0
    assert r.series["gradient"][1] == pytest.approx(1.0)  # ∂L/∂z3 = σ(z3) − y
    expected = central(used_weights(r), 2.0, 2.0, 0.0, "relu", "bce", h=1e-4)
    for name in WEIGHTS:
        assert r.facts[f"grad_{name}"] == pytest.approx(expected[name], rel=1e-6)


def test_one_update_step_lowers_the_loss_as_computed_here() -> None:
    r = SPEC.run({"lr": 0.5})
    w = used_weights(r)
    stepped = {name: w[name] - 0.5 * r.facts[f"grad_{name}"] for name in WEIGHTS}
    assert r.facts["loss_after"] == pytest.approx(loss_of(stepped, 1.0, 0.5, 1.0, "sigmoid", "mse"), rel=1e-12)
    assert r.facts["loss_after"] < r.facts["loss"]


def test_relu_kink_is_named_in_the_status() -> None:
    r = SPEC.run({"activation": "relu", "w11": 0.5, "w12": -1.0, "b1": 0.0})  # z1 = 0.5 − 0.5 + 0 = 0
    assert r.series["forward"][0] == 0.0 and r.series["local"][7] == 0.0  # ReLU′(0) taken as 0
    assert "kink" in str(r.status)
    assert "kink" not in str(SPEC.run({"activation": "relu"}).status)


# -- structure of the table -----------------------------------------------------------------------

def test_every_backward_row_is_upstream_times_local() -> None:
    r = SPEC.run({"activation": "tanh", "loss": "bce"})
    s = r.series
    done: dict[str, float] = {"1": 1.0}
    for j, stage in enumerate(BACKWARD):
        assert s["upstream"][j] == done[stage.upstream], stage.node
        assert s["gradient"][j] == pytest.approx(s["upstream"][j] * s["local"][j], rel=1e-15)
        done[stage.node] = s["gradient"][j]
    assert len(STAGES) == 22 == r.facts["stages"]
    np.testing.assert_array_equal(s["stage"], np.arange(23))


def test_lesson_challenge_is_met_by_a_zero_on_the_path() -> None:
    lesson = load_lesson(LESSON)
    assert not lesson.challenge.is_met(SPEC.run(lesson.params))
    silenced = SPEC.run({**lesson.params, "v1": 0.0})
    assert silenced.facts["unit1_grad"] == 0.0 and lesson.challenge.is_met(silenced)
    dead = SPEC.run({**lesson.params, "activation": "relu", "b1": -1.0})  # z1 = −0.7: a dead ReLU
    assert lesson.challenge.is_met(dead)
    both = SPEC.run({**lesson.params, "v1": 0.0, "v2": 0.0})  # unit 2 silenced too: not allowed
    assert not lesson.challenge.is_met(both)


# -- the chart: one row per play step -------------------------------------------------------------

ROW = re.compile(r"^[ ▶>]\s?(\d{1,2}) ")


def _rows(text: str) -> list[int]:
    return [int(m.group(1)) for line in text.splitlines() if (m := ROW.match(line))]


def test_play_mode_reveals_one_row_per_step() -> None:
    r = SPEC.run()
    for upto in range(len(STAGES) + 1):
        text = render(r, ChartOptions(120, 40, upto=upto, color=False))
        assert _rows(text) == list(range(1, upto + 1))
        if upto:
            newest = [line for line in text.splitlines() if line.startswith("▶")]
            assert len(newest) == 1 and _rows(newest[0]) == [upto]
    full = render(r, ChartOptions(120, 40, color=False))
    assert _rows(full) == list(range(1, 23)) and "▶" not in full
    assert "step through" in render(r, ChartOptions(120, 40, upto=0, color=False))


def test_backward_rows_show_the_chain_rule_in_symbols_and_numbers() -> None:
    r = SPEC.run()
    text = render(r, ChartOptions(120, 40, color=False))
    row = next(line for line in text.splitlines() if "∂L/∂z₁ " in line and "σ′(z₁)" in line)
    up, local, grad = r.series["upstream"][7], r.series["local"][7], r.series["gradient"][7]
    expected = "= ∂L/∂h₁ × σ′(z₁)"
    assert expected in row
    assert f"{up:.4g} × {local:.4g}".replace("-", "−") in row and row.rstrip().endswith(f"{grad:.4g}".replace("-", "−"))


def test_columns_do_not_move_while_playing() -> None:
    r = SPEC.run()
    first = render(r, ChartOptions(120, 40, upto=1, color=False)).splitlines()
    full = render(r, ChartOptions(120, 40, color=False)).splitlines()
    row_then = next(line for line in first if _rows(line) == [1])
    row_now = next(line for line in full if _rows(line) == [1])
    assert row_then[1:] == row_now[1:]


def test_a_short_window_keeps_the_newest_row_in_view() -> None:
    text = render(SPEC.run(), ChartOptions(60, 10, upto=20, color=False))
    lines = text.splitlines()
    assert len(lines) <= 10 and _rows(lines[-1]) == [20] and "earlier rows" in lines[0]


def test_ascii_table_names_nodes_plainly() -> None:
    text = render(SPEC.run(), ChartOptions(120, 40, color=False, unicode=False))
    assert re.search(r"dL/dw11 += dL/dz1 x x1 ", text) and "y_hat" in text
    assert all(ord(ch) < 128 for ch in text)


def test_forward_stage_list_matches_the_series() -> None:
    r = SPEC.run()
    assert len(r.series["forward"]) == len(FORWARD) and len(r.series["gradient"]) == len(BACKWARD)


@pytest.mark.parametrize("size", [(50, 12), (30, 8), (20, 6)])
@pytest.mark.parametrize("upto", [None, 7, 20])
def test_small_ascii_tables_fit_and_stay_ascii(size: tuple[int, int], upto: int | None) -> None:
    width, height = size
    text = render(SPEC.run({"loss": "bce"}), ChartOptions(width, height, upto=upto, color=False, unicode=False))
    lines = text.splitlines()
    assert 0 < len(lines) <= height and all(len(line) <= width for line in lines)
    assert all(ord(ch) < 128 for ch in text)


@pytest.mark.parametrize("error, shown", [(1.9e-11, "1e-10"), (2.1e-11, "1e-10"), (1e-10, "1e-10"),
                                          (1.0001e-10, "1e-9"), (0.5, "1e0"), (0.0, "0")])
def test_the_agreement_is_shown_as_the_power_of_ten_above_it(error: float, shown: str) -> None:
    from tutor.sims.backprop.model import power_of_ten_above

    assert power_of_ten_above(error) == shown


def test_the_status_quotes_a_bound_the_error_is_within() -> None:
    r = get_spec("backprop").run({})
    bound = float(str(r.status).rsplit("to within ", 1)[1].split()[0])
    assert r.facts["numeric_error"] <= bound < 10 * r.facts["numeric_error"]
