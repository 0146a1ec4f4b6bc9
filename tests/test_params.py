"""Parameter validation and nudging: every way a value arrives is checked in one place."""

from __future__ import annotations

import math

import pytest

from tutor.sims.params import LOG_LADDER, ParamError, choice, flag, integer, real

LR = real("lr", 0.1, 1e-4, 10.0, "learning rate", log=True)
W0 = real("w0", 5.0, -100.0, 100.0, "start", step=0.5)
STEPS = integer("steps", 30, 1, 1000, "steps", step=5)
ACT = choice("activation", "sigmoid", ("sigmoid", "tanh", "relu"), "activation")
RES = flag("residual", False, "skip connections")


@pytest.mark.parametrize(("raw", "expected"), [("0.5", 0.5), (" 2 ", 2.0), (1, 1.0), ("1e-3", 1e-3),
                                                ("\u22120.5", None)])
def test_float_accepts_numbers_and_text(raw: object, expected: float | None) -> None:
    if expected is None:  # "−0.5" with a typographic minus: out of lr's range, so rejected cleanly
        with pytest.raises(ParamError):
            LR.parse(raw)
    else:
        assert LR.parse(raw) == pytest.approx(expected)


def test_typographic_minus_is_a_minus() -> None:
    assert W0.parse("\u22122.5") == -2.5


@pytest.mark.parametrize("raw", ["nan", "inf", "-inf", "1e999", "", "abc", "0x10", True, None, [1], "20", "0"])
def test_float_rejects_with_name_and_range(raw: object) -> None:
    with pytest.raises(ParamError) as info:
        LR.parse(raw)
    assert "lr" in str(info.value) and "0.0001" in str(info.value) and "10" in str(info.value)
    assert info.value.param == "lr"


def test_negative_zero_is_zero() -> None:
    value = W0.parse("-0")
    assert value == 0 and math.copysign(1, value) == 1


@pytest.mark.parametrize(("raw", "expected"), [("10", 10), ("1e2", 100), (7.0, 7), ("-0", None)])
def test_int_parsing(raw: object, expected: int | None) -> None:
    if expected is None:
        with pytest.raises(ParamError):
            STEPS.parse(raw)
    else:
        value = STEPS.parse(raw)
        assert value == expected and isinstance(value, int)


@pytest.mark.parametrize("raw", ["2.5", "99999999999999999999999999", "1e400", True])
def test_int_rejects(raw: object) -> None:
    with pytest.raises(ParamError, match="whole number from 1 to 1000"):
        STEPS.parse(raw)


def test_choice_is_case_insensitive_and_suggests() -> None:
    assert ACT.parse("ReLU") == "relu"
    with pytest.raises(ParamError, match='did you mean "tanh"'):
        ACT.parse("tahn")


@pytest.mark.parametrize(("raw", "expected"), [("true", True), ("off", False), ("1", True), (False, False)])
def test_bool(raw: object, expected: bool) -> None:
    assert RES.parse(raw) is expected


def test_linear_nudge_stays_on_the_grid_and_in_range() -> None:
    assert W0.nudge(5.0, 1) == 5.5
    assert W0.nudge(0.1, 2) == 1.0  # snapped to the 0.5 grid: 0.1 + 1.0 → 1.0
    assert W0.nudge(99.5, 10) == 100.0
    assert STEPS.nudge(30, -10) == 1


def test_log_nudge_walks_round_numbers() -> None:
    values = [0.1]
    for _ in range(10):
        values.append(LR.nudge(values[-1], 1))
    assert values == [0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0]
    assert LR.nudge(0.1, 10) == 1.0  # ten nudges are a decade
    assert LR.nudge(0.13, 1) == 0.15 and LR.nudge(0.13, -1) == 0.12
    assert LR.nudge(8.0, 5) == 10.0 and LR.nudge(2e-4, -5) == 1e-4
    assert len(LOG_LADDER) == 10


def test_log_nudge_of_integers_always_moves() -> None:
    epochs = integer("epochs", 1, 1, 10_000, "epochs", log=True)
    seen = [1]
    for _ in range(6):
        seen.append(epochs.nudge(seen[-1], 1))
    assert seen == sorted(set(seen)), seen


def test_choice_and_bool_cycle() -> None:
    assert ACT.nudge("relu", 1) == "sigmoid" and ACT.nudge("sigmoid", -1) == "relu"
    assert RES.nudge(False, 1) is True and RES.nudge(False, 2) is False
