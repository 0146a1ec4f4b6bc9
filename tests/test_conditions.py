"""The challenge language: what it accepts, what it refuses, and that it can never run code."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.lessons.conditions import ConditionError, check_names, parse

FACTS = {"final_loss": 0.004, "diverged": False, "regime": "oscillating", "steps_to_converge": None,
         "ratio": float("nan")}
PARAMS = {"lr": 1.5, "optimizer": "momentum", "steps": 30}
SERIES = {"loss": np.array([10.0, 1.0, 0.1, 0.004]), "w": np.array([5.0, -2.5, 1.25, -0.6])}


def holds(source: str) -> bool:
    return parse(source).evaluate(FACTS, PARAMS, SERIES)


@pytest.mark.parametrize(("source", "expected"), [
    ("final_loss < 1e-2", True),
    ("final_loss < 1e-3", False),
    ('regime == "oscillating"', True),
    ("regime == 'monotone'", False),
    ("not diverged", True),
    ("diverged", False),
    ("lr > 1 and lr < 2", True),
    ("lr > 2 or steps <= 30", True),
    ('optimizer == "momentum" and final_loss < 0.01', True),
    ("last(loss) < 0.01 * first(loss)", True),
    ("min(w) < 0 and max(w) == 5", True),
    ("len(loss) == steps - 26", True),
    ("mean(loss) > 2.7 and mean(loss) < 2.8", True),
    ("at(w, 1) == -2.5 and at(w, -1) == -0.6", True),
    ("-lr < -1", True),
    ("(lr - 1) * 2 == 1", True),
    ("2 + 3 * 4 == 14", True),
    ("not not diverged", False),
    ("final_loss <= 0.004 and final_loss >= 0.004", True),
])
def test_evaluates_like_arithmetic_and_logic(source: str, expected: bool) -> None:
    assert holds(source) is expected


@pytest.mark.parametrize("source", [
    "steps_to_converge < 100",      # none never meets a bound
    "steps_to_converge > 100",
    "ratio > 0", "ratio < 0", "ratio == ratio",  # NaN never meets anything
    "at(loss, 99) < 1",             # past the end of the series
    "lr / 0 > 1",                   # division by zero is not a number
    "regime < 3",                   # text compared with a number
    "missing_fact == none",         # a name that is not there is not equal to anything
])
def test_missing_and_non_finite_values_never_meet_a_condition(source: str) -> None:
    assert holds(source) is False


def test_none_compares_equal_to_none() -> None:
    assert holds("steps_to_converge == none")


@pytest.mark.parametrize(("source", "message"), [
    ("", "empty"),
    ("final_loss <", "ends too early"),
    ("final_loss < < 1", 'unexpected "<"'),
    ("final_loss ! 1", "cannot read"),
    ("(final_loss < 1", 'expected ")"'),
    ("and lr", '"and" cannot stand here'),
    ("last(1)", "takes the name of a series"),
    ("at(loss, 1.5) > 0", "whole step number"),
    ("x" * 600, "longer than"),
    ("(" * 40 + "lr" + ")" * 40, "nested too deeply"),
    ("-" * 40 + "lr", "nested too deeply"),
])
def test_malformed_conditions_are_refused_with_a_reason(source: str, message: str) -> None:
    with pytest.raises(ConditionError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse(source)


@pytest.mark.parametrize("source", [
    '__import__("os").system("true")',
    "open('/etc/passwd')",
    "lr.__class__",
    "eval('1')",
    "[x for x in ()]",
    "lambda: 1",
    "lr if lr else 0",
    "loss[0]",
    "{}",
    "`id`",
    "lr; import os",
])
def test_nothing_in_a_condition_can_run_code(source: str) -> None:
    with pytest.raises(ConditionError):
        condition = parse(source)
        check_names(condition, FACTS.keys(), PARAMS.keys(), SERIES.keys())


def test_unknown_names_are_reported_with_a_suggestion() -> None:
    with pytest.raises(ConditionError, match='did you mean "final_loss"'):
        check_names(parse("final_los < 1"), tuple(FACTS), tuple(PARAMS), tuple(SERIES))
    with pytest.raises(ConditionError, match='series "los"'):
        check_names(parse("last(los) < 1"), tuple(FACTS), tuple(PARAMS), tuple(SERIES))
    check_names(parse("last(loss) < lr and not diverged"), tuple(FACTS), tuple(PARAMS), tuple(SERIES))


def test_names_and_series_are_reported() -> None:
    condition = parse('last(loss) < 0.1 and regime == "x" or min(w) < lr')
    assert condition.names() == {"regime", "lr"}
    assert condition.series() == {"loss", "w"}


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_any_text_parses_or_fails_cleanly(source: str) -> None:
    try:
        condition = parse(source)
    except ConditionError:
        return
    # Whatever parsed evaluates to a truth value whose negation the language agrees with.
    value = condition.evaluate(FACTS, PARAMS, SERIES)
    assert value in (True, False)
    assert parse(f"not ({source})").evaluate(FACTS, PARAMS, SERIES) is (not value)


# -- every operator at its boundary -------------------------------------------------------------
# Each row puts the two sides below, at and above each other, so reading "<" as "<=", ">" as ">=",
# "==" as "!=" (or any swap) changes at least one expected answer.

_OPERATORS = {
    "<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b, "==": lambda a, b: a == b, "!=": lambda a, b: a != b,
}


@pytest.mark.parametrize("op", list(_OPERATORS))
@pytest.mark.parametrize(("left", "right"), [(1.0, 2.0), (2.0, 2.0), (3.0, 2.0), (-0.5, 0.0), (0.0, 0.0)])
def test_each_operator_below_at_and_above_its_boundary(op: str, left: float, right: float) -> None:
    facts = {"a": left, "b": right}
    expected = _OPERATORS[op](left, right)
    assert parse(f"a {op} b").evaluate(facts, {}, {}) is expected
    assert parse(f"{left!r} {op} {right!r}").evaluate({}, {}, {}) is expected


@pytest.mark.parametrize(("source", "expected"), [
    ('regime != "oscillating"', False),
    ('regime != "monotone"', True),
    ('optimizer != "sgd"', True),
    ("steps != 30", False),
    ("steps != 31", True),
    ("steps_to_converge != none", False),   # it reported none
    ("final_loss != none", True),           # it reported a value
    ("diverged != true", True),
])
def test_not_equal_is_the_opposite_of_equal_for_present_values(source: str, expected: bool) -> None:
    assert holds(source) is expected
    assert holds(source.replace("!=", "==")) is (not expected)


@pytest.mark.parametrize("missing", [
    "steps_to_converge",    # a fact reported as none
    "ratio",                # a fact that is NaN
    "missing_fact",         # a name the run does not have
    "at(loss, 99)",         # past the end of a series
    "lr / 0",               # a division by zero
])
@pytest.mark.parametrize("op", list(_OPERATORS))
def test_a_missing_value_never_satisfies_any_comparison(missing: str, op: str) -> None:
    for other in ("0", "1", "-1", "1e9", '"text"'):
        assert holds(f"{missing} {op} {other}") is False
        assert holds(f"{other} {op} {missing}") is False


@pytest.mark.parametrize("missing", ["missing_fact", "at(loss, 99)", "lr / 0", "at(w, -99)"])
def test_a_value_that_is_not_there_is_neither_none_nor_other_than_none(missing: str) -> None:
    # `x != none` asks whether x reported a value; a name the run lacks, a step past the end of a
    # series or a division by zero reported nothing, so it is not "a value other than none" either.
    assert holds(f"{missing} != none") is False
    assert holds(f"none != {missing}") is False
    assert holds(f"{missing} == none") is False
