"""logic-gates against computations written out here: the network and both losses by their
definitions, gradients by central differences, the update rule by hand, and the lessons' claims
(AND by hand, XOR out of reach without a hidden layer and learned with one)."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import numpy as np
import pytest

from tutor.lessons.loader import load_lesson
from tutor.plots import ChartOptions, render
from tutor.sims import get_spec
from tutor.sims.logic_gates import network
from tutor.sims.params import ParamError

SPEC = get_spec("logic-gates")
LESSONS = Path(__file__).resolve().parents[2] / "lessons"
PATTERNS = [(0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)]
TRUTH = {"AND": (0, 0, 0, 1), "OR": (0, 1, 1, 1), "NAND": (1, 1, 1, 0), "XOR": (0, 1, 1, 0)}


# -- the network and the losses, written out one pattern at a time -------------------------------

def sigma(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def act(a: float, name: str) -> float:
    return {"tanh": math.tanh, "sigmoid": sigma, "relu": lambda u: max(u, 0.0)}[name](a)


def logit(theta: np.ndarray, x1: float, x2: float, hidden: int, activation: str) -> float:
    """z for one pattern: θ = (w1, w2, b), or (W row-major over rows x1, x2, bias; v; c)."""
    if hidden == 0:
        return theta[0] * x1 + theta[1] * x2 + theta[2]
    total = theta[4 * hidden]
    for j in range(hidden):
        a = theta[j] * x1 + theta[hidden + j] * x2 + theta[2 * hidden + j]
        total += theta[3 * hidden + j] * act(a, activation)
    return total


def bce_documented(z: float, y: float) -> float:
    """torch.nn.BCEWithLogitsLoss for one element: ℓ = −[y·log σ(z) + (1 − y)·log(1 − σ(z))]."""
    return -(y * math.log(sigma(z)) + (1.0 - y) * math.log(1.0 - sigma(z)))


def mean_loss(theta: np.ndarray, gate: str, hidden: int, activation: str, kind: str) -> float:
    total = 0.0
    for (x1, x2), y in zip(PATTERNS, TRUTH[gate], strict=True):
        z = logit(theta, x1, x2, hidden, activation)
        total += bce_documented(z, y) if kind == "bce" else (sigma(z) - y) ** 2
    return total / 4


def central_gradient(theta: np.ndarray, gate: str, hidden: int, activation: str, kind: str,
                     h: float = 1e-6) -> np.ndarray:
    grad = np.empty_like(theta)
    for i in range(theta.size):
        up, down = theta.copy(), theta.copy()
        up[i] += h
        down[i] -= h
        grad[i] = (mean_loss(up, gate, hidden, activation, kind)
                   - mean_loss(down, gate, hidden, activation, kind)) / (2 * h)
    return grad


# -- gradients and losses -------------------------------------------------------------------------

@pytest.mark.parametrize("hidden", [0, 1, 2, 5])
@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu"])
@pytest.mark.parametrize("kind", ["bce", "mse"])
@pytest.mark.parametrize("gate", ["AND", "XOR"])
def test_gradient_matches_central_differences(hidden: int, activation: str, kind: str, gate: str) -> None:
    rng = np.random.default_rng(hidden * 7 + len(activation))
    for _ in range(3):
        theta = rng.normal(0.0, 1.0, network.n_weights(hidden))
        out = np.empty_like(theta)
        network.gradient_fn(hidden, activation, kind, network.targets(gate))(theta, out)
        expected = central_gradient(theta, gate, hidden, activation, kind)
        np.testing.assert_allclose(out, expected, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("z", [-12.0, -4.0, -0.3, 0.0, 0.7, 5.0, 12.0])  # where the naive form is still exact
@pytest.mark.parametrize("y", [0.0, 1.0])
def test_bce_is_the_documented_formula(z: float, y: float) -> None:
    got = float(network.loss(np.array([z]), np.array([y]), "bce"))
    assert got == pytest.approx(bce_documented(z, y), rel=1e-9, abs=1e-12)


def test_bce_is_stable_where_the_naive_formula_overflows() -> None:
    z = np.array([-800.0, 800.0, -800.0, 800.0])
    y = np.array([0.0, 1.0, 1.0, 0.0])  # two right with huge margins, two wrong by 800
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # underflow to 0 is harmless
        got = float(network.loss(z, y, "bce"))
    assert got == pytest.approx((0 + 0 + 800 + 800) / 4, rel=1e-12)


def test_mse_is_the_squared_error_of_the_output() -> None:
    theta = np.array([0.3, -1.2, 0.4])
    z = network.logits(theta, network.INPUTS, 0, "tanh")
    expected = np.mean([(sigma(float(zi)) - y) ** 2 for zi, y in zip(z, TRUTH["OR"], strict=True)])
    assert float(network.loss(z, network.targets("OR"), "mse")) == pytest.approx(expected, rel=1e-12)


def test_vectorised_logits_equal_the_written_out_network() -> None:
    rng = np.random.default_rng(3)
    history = rng.normal(size=(5, network.n_weights(3)))
    got = network.logits(history, network.INPUTS, 3, "tanh")
    for t in range(5):
        for k, (x1, x2) in enumerate(PATTERNS):
            assert got[t, k] == pytest.approx(logit(history[t], x1, x2, 3, "tanh"), rel=1e-12, abs=1e-12)


# -- learn mode -----------------------------------------------------------------------------------

@pytest.mark.parametrize("hidden", [0, 3])
@pytest.mark.parametrize("kind", ["bce", "mse"])
def test_each_step_is_theta_minus_lr_times_the_gradient(hidden: int, kind: str) -> None:
    lr = 0.7
    result = SPEC.run({"gate": "XOR", "hidden": hidden, "loss": kind, "lr": lr, "steps": 4, "seed": 5})
    weights = result.series["weights"]
    for t in range(4):
        expected = weights[t] - lr * central_gradient(weights[t], "XOR", hidden, "tanh", kind)
        np.testing.assert_allclose(weights[t + 1], expected, rtol=1e-7, atol=1e-9)


def test_start_is_seeded_normal_with_spread_one_half() -> None:
    result = SPEC.run({"hidden": 2, "seed": 42, "steps": 1})
    expected = np.random.default_rng(42).normal(0.0, 0.5, 9)
    np.testing.assert_array_equal(result.series["weights"][0], expected)
    assert not np.array_equal(SPEC.run({"hidden": 2, "seed": 43, "steps": 1}).series["weights"][0], expected)


def test_curves_follow_the_weights() -> None:
    result = SPEC.run({"gate": "OR", "hidden": 2, "loss": "mse", "steps": 30})
    weights, outputs = result.series["weights"], result.series["outputs"]
    assert weights.shape == (31, 9) and outputs.shape == (31, 4)
    for t in (0, 17, 30):
        zs = [logit(weights[t], x1, x2, 2, "tanh") for x1, x2 in PATTERNS]
        np.testing.assert_allclose(outputs[t], [sigma(z) for z in zs], rtol=1e-10)
        assert result.series["loss"][t] == pytest.approx(mean_loss(weights[t], "OR", 2, "tanh", "mse"), rel=1e-9)
        right = [(z > 0) == bool(y) for z, y in zip(zs, TRUTH["OR"], strict=True)]
        assert result.series["accuracy"][t] == pytest.approx(sum(right) / 4)


def test_facts_describe_the_last_step() -> None:
    result = SPEC.run({"gate": "NAND", "steps": 200})
    f = result.facts
    last = result.series["outputs"][-1]
    assert [f["out_00"], f["out_01"], f["out_10"], f["out_11"]] == pytest.approx(list(last))
    assert f["truth_table"] == "".join("1" if o > 0.5 else "0" for o in last)
    assert f["target_table"] == "1110"
    assert f["correct"] == sum(a == b for a, b in zip(f["truth_table"], "1110", strict=True))
    assert f["gates_correct"] is (f["correct"] == 4)
    assert f["final_loss"] == pytest.approx(result.series["loss"][-1])
    solved = np.flatnonzero(result.series["accuracy"] == 1.0)
    assert f["solved_at"] == int(solved[0])
    assert f["n_weights"] == 3 and f["separable"] is True


@pytest.mark.parametrize("gate", ["AND", "OR", "NAND"])
def test_one_neuron_learns_every_separable_gate(gate: str) -> None:
    result = SPEC.run({"gate": gate})
    assert result.facts["gates_correct"] and result.facts["margin"] > 0
    assert result.series["loss"][-1] < 0.1 * result.series["loss"][0]


@pytest.mark.parametrize("kind", ["bce", "mse"])
@pytest.mark.parametrize("seed", range(8))
def test_xor_is_out_of_reach_without_a_hidden_layer(kind: str, seed: int) -> None:
    result = SPEC.run({"gate": "XOR", "hidden": 0, "loss": kind, "seed": seed, "steps": 1000})
    assert result.facts["separable"] is False
    assert result.series["accuracy"].max() <= 0.75, "no line splits XOR: never more than 3 of 4 right"
    assert result.facts["solved_at"] is None and not result.facts["gates_correct"]
    if kind == "bce":  # the best a line can do on XOR is σ = 0.5 everywhere: loss ln 2
        assert result.series["loss"].min() >= math.log(2) - 1e-9
        assert result.facts["final_loss"] == pytest.approx(math.log(2), abs=1e-3)
    assert "no single line" in str(result.status)


def test_the_lesson_xor_fails_without_and_succeeds_with_two_or_more_hidden_units() -> None:
    lesson = load_lesson(LESSONS / "learning-a-gate.md")
    start = SPEC.run(lesson.params)
    assert start.params["gate"] == "XOR" and start.params["hidden"] == 0
    assert not start.facts["gates_correct"]
    for hidden in range(2, 9):
        solved = SPEC.run({**lesson.params, "hidden": hidden})
        assert solved.facts["gates_correct"], f"{hidden} hidden units: {solved.status}"
        assert solved.facts["final_loss"] < 0.05
    assert lesson.challenge.is_met(SPEC.run({**lesson.params, **lesson.solution}))


def test_four_hidden_units_learn_xor_from_almost_any_start() -> None:
    wins = sum(SPEC.run({"gate": "XOR", "hidden": 4, "seed": s}).facts["gates_correct"] for s in range(20))
    assert wins >= 19


# -- manual mode ----------------------------------------------------------------------------------

def test_and_weights_found_by_hand() -> None:
    result = SPEC.run({"mode": "manual", "gate": "AND", "w1": 1.0, "w2": 1.0, "b": -1.5})
    f = result.facts
    assert f["truth_table"] == "0001" and f["gates_correct"] and f["solved_at"] == 0
    expected = [sigma(1.0 * x1 + 1.0 * x2 - 1.5) for x1, x2 in PATTERNS]
    assert [f["out_00"], f["out_01"], f["out_10"], f["out_11"]] == pytest.approx(expected, rel=1e-12)
    assert f["margin"] == pytest.approx(0.5)
    assert f["final_loss"] == pytest.approx(mean_loss(np.array([1.0, 1.0, -1.5]), "AND", 0, "tanh", "bce"))
    assert result.series == {}


def test_same_line_larger_weights_more_confident_lower_loss() -> None:
    losses = [SPEC.run({"mode": "manual", "w1": k, "w2": k, "b": -1.5 * k}).facts["final_loss"]
              for k in (1.0, 2.0, 4.0, 6.0)]
    assert all(a > b for a, b in itertools.pairwise(losses))


def test_the_lesson_and_challenge_needs_more_than_the_right_line() -> None:
    lesson = load_lesson(LESSONS / "neuron-knobs.md")
    assert lesson.params["mode"] == "manual" and lesson.params["gate"] == "AND"
    right_but_timid = SPEC.run({**lesson.params, "w1": 1.0, "w2": 1.0, "b": -1.5})
    assert right_but_timid.facts["gates_correct"] and not lesson.challenge.is_met(right_but_timid)
    wrong_gate = SPEC.run({**lesson.params, "w1": 5.0, "w2": 5.0, "b": -2.5})  # an OR
    assert wrong_gate.facts["truth_table"] == "0111" and not lesson.challenge.is_met(wrong_gate)
    assert lesson.challenge.is_met(SPEC.run({**lesson.params, **lesson.solution}))
    assert not lesson.challenge.is_met(SPEC.run(lesson.params))


def test_zero_weights_answer_0_everywhere() -> None:
    f = SPEC.run({"mode": "manual"}).facts
    assert f["truth_table"] == "0000" and f["out_11"] == 0.5 and f["correct"] == 3
    assert f["final_loss"] == pytest.approx(math.log(2))


def test_a_wrong_gate_name_is_refused_with_the_choices() -> None:
    with pytest.raises(ParamError, match="gate must be one of AND, OR, NAND, XOR"):
        SPEC.run({"gate": "XAND"})
    assert SPEC.run({"gate": "xor"}).params["gate"] == "XOR"


# -- the chart ------------------------------------------------------------------------------------

def test_manual_chart_shows_the_truth_table_on_the_square() -> None:
    result = SPEC.run({"mode": "manual", "w1": 1.0, "w2": 1.0, "b": -1.5})
    text = render(result, ChartOptions(80, 24, color=False))
    for label in ("0 0.18", "0 0.38", "0.38 0", "0.62 1"):
        assert label in text


def test_learn_chart_follows_play_mode() -> None:
    result = SPEC.run({"gate": "XOR", "hidden": 2})
    assert "step 300" in render(result, ChartOptions(100, 24, color=False))
    early = render(result, ChartOptions(100, 24, upto=5, color=False))
    assert "step 5" in early
    at_five = [f"{o:.2f}" for o in result.series["outputs"][5]]
    assert all(value in early for value in at_five)
