"""vanishing's chart: decade axes that survive zeros, subnormals and overflow, at any size."""

from __future__ import annotations

import math

import numpy as np

from tutor.plots import ChartOptions, render
from tutor.plots.log_scale import extent, log_values
from tutor.sims import get_spec
from tutor.sims.result import Result
from tutor.text import Msg

SPEC = get_spec("vanishing")


def test_log_values_put_zeros_and_subnormals_on_the_floor() -> None:
    logs = log_values([0.0, 5e-324, 1e-300, 1.0, 1e5, math.inf, math.nan, -0.0])
    assert np.isneginf(logs[0]) and np.isneginf(logs[1]) and np.isneginf(logs[7])
    np.testing.assert_allclose(logs[2:5], [-300.0, 0.0, 5.0])
    assert np.isnan(logs[5]) and np.isnan(logs[6])


def test_extent_reaches_down_to_the_floor_only_when_there_are_zeros() -> None:
    span, floor = extent(log_values([1e-3, 10.0]))
    assert span == (-3.0, 1.0) and floor == -4.0
    span, floor = extent(log_values([1e-3, 10.0, 0.0]))
    assert span == (-4.0, 1.0) and floor == -4.0
    assert extent(log_values([math.nan]))[0] is None
    assert extent(log_values([0.0]))[0] == (-1.0, 0.0)


def _result_with(grad_norm: list[float], final: list[float] | None, loss: list[float]) -> Result:
    series = {"grad_norm": np.array(grad_norm), "loss": np.array(loss), "grad_total": np.ones(len(loss))}
    if final is not None:
        series["grad_norm_final"] = np.array(final)
    return Result("vanishing", SPEC.defaults(), series, {}, Msg("test"))


def test_a_layer_with_no_gradient_still_shows_on_the_floor() -> None:
    result = _result_with([1e-30, 0.0, 1e-10, 1.0], [0.0, 0.0, 0.0, 0.0], [0.5, 0.4, 0.3])
    text = render(result, ChartOptions(80, 24, color=False))
    assert any(line.lstrip().startswith("0┤") for line in text.splitlines()), text  # the floor line reads 0
    assert "trained" in text


def test_trained_gradients_appear_only_when_play_reaches_the_end() -> None:
    result = SPEC.run({"steps": 10, "depth": 4})
    assert "trained" not in render(result, ChartOptions(100, 30, color=False, upto=3))
    assert "trained" in render(result, ChartOptions(100, 30, color=False, upto=10))


def test_a_run_that_diverged_at_the_first_step_still_draws() -> None:
    result = SPEC.run({"activation": "relu", "init_std": 10.0, "depth": 100})
    assert result.diverged and len(result.series["loss"]) == 0
    text = render(result, ChartOptions(80, 24, color=False, unicode=False))
    assert all(ord(ch) < 128 for ch in text)
    assert len(text.splitlines()) <= 24
