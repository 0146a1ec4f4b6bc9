"""Facts read the same in the app's status line and under `gdtutor sim`: 4 significant digits,
yes/no, a dash for a fact the run could not measure."""

from __future__ import annotations

import math

import pytest
from click.testing import CliRunner

from tutor.cli.root import cli
from tutor.present.facts import fact_lines, format_fact, key_facts


@pytest.mark.parametrize(("value", "text"), [
    (None, "—"), (True, "yes"), (False, "no"), (7, "7"), (-120000, "-120000"),
    (1 / 3, "0.3333"), (2 / 3, "0.6667"), (123456.0, "1.235e+05"), (1e-8, "1e-08"), (2.0, "2"),
    (-0.5, "-0.5"), (math.nan, "NaN"), (math.inf, "∞"), (-math.inf, "−∞"), ("oscillating", "oscillating"),
])
def test_a_fact_has_four_significant_digits_yes_no_and_a_dash(value: object, text: str) -> None:
    assert format_fact(value) == text


def test_fact_lines_put_one_fact_to_a_line_in_their_order() -> None:
    assert fact_lines({"b": 0.1 + 0.2, "a": None, "met": True}).splitlines() == ["b = 0.3", "a = —", "met = yes"]


def test_key_facts_put_the_challenges_first_and_leave_out_diverged() -> None:
    facts = {"a": 1, "diverged": False, "b": 2.5, "c": None}
    assert key_facts(facts, ["c", "missing"], limit=2) == [("c", "—"), ("a", "1")]


def test_gdtutor_sim_prints_the_facts_as_the_app_shows_them() -> None:
    result = CliRunner().invoke(cli, ["sim", "lr-overshoot", "-s", "lr=1.9", "-s", "steps=5", "--width", "60",
                                      "--height", "12", "--no-color"], catch_exceptions=False)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    # w_t = w0 (1 - lr a)^t with w0 = 5, a = 1: w_5 = 5 · (-0.9)^5 = -2.95245, loss = w_5² / 2 = 4.358480…
    w5 = 5 * (-0.9) ** 5
    assert abs(w5 + 2.95245) < 1e-12
    assert "final_w = -2.952" in lines and "final_loss = 4.358" in lines
    assert "diverged = no" in lines and "factor = -0.9" in lines and "lr_optimal = 1" in lines
