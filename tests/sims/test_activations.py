"""The one set of activations every simulation uses, checked against central differences and the
textbook formulas written here."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tutor.sims.activations import ACTIVATIONS, LEAKY_SLOPE, activate, sigmoid, slope

U = np.array([-30.0, -4.0, -1.5, -0.3, 0.2, 0.9, 2.5, 7.0, 30.0])


def textbook(name: str, u: float) -> float:
    if name == "sigmoid":
        return 1.0 / (1.0 + math.exp(-u)) if u >= 0 else math.exp(u) / (1.0 + math.exp(u))
    if name == "tanh":
        return math.tanh(u)
    if name == "relu":
        return max(u, 0.0)
    if name == "linear":
        return u
    return u if u > 0 else LEAKY_SLOPE * u


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_values_are_the_textbook_functions(name: str) -> None:
    np.testing.assert_allclose(activate(name, U), [textbook(name, float(u)) for u in U], rtol=1e-14, atol=0)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_slopes_from_the_output_match_central_differences(name: str) -> None:
    h = 1e-6
    numeric = [(textbook(name, float(u) + h) - textbook(name, float(u) - h)) / (2 * h) for u in U]
    np.testing.assert_allclose(slope(name, activate(name, U)), numeric, rtol=1e-6, atol=1e-9)


def test_relu_slope_at_zero_is_zero_as_pytorch_takes_it() -> None:
    assert slope("relu", activate("relu", np.array([0.0])))[0] == 0.0
    assert slope("leaky_relu", activate("leaky_relu", np.array([0.0])))[0] == pytest.approx(LEAKY_SLOPE)


def test_sigmoid_never_overflows_and_keeps_tiny_values() -> None:
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        values = sigmoid(np.array([-1000.0, -255.0, -40.0, 0.0, 40.0, 1000.0]))
    assert values[0] == 0.0 and values[-1] == 1.0 and values[3] == 0.5
    assert values[1] == pytest.approx(math.exp(-255.0), rel=1e-12)  # not rounded to 0
    assert values[2] == pytest.approx(math.exp(-40.0) / (1 + math.exp(-40.0)), rel=1e-12)


def test_the_kernels_write_into_the_array_they_are_given() -> None:
    out = np.full_like(U, np.nan)
    ACTIVATIONS["tanh"].apply(U, out)
    np.testing.assert_allclose(out, np.tanh(U), rtol=1e-15)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_the_kernels_may_write_over_their_input(name: str) -> None:
    u = U.copy()
    ACTIVATIONS[name].apply(u, u)
    np.testing.assert_allclose(u, activate(name, U), rtol=1e-15)
