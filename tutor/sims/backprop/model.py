"""The arithmetic of `backprop`: the forward and backward pass written out stage by stage.

Deliberately not vectorised: the point is the order of the computations, one scalar each, exactly
as the table shows them (22 multiplications and additions are no hot path). The result is then
checked against `gradcheck`'s central differences on the very same network.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from tutor.sims import activations, guard
from tutor.sims.backprop import BackpropParams
from tutor.sims.backprop.stages import BACKWARD, FORWARD, STAGES, WEIGHTS
from tutor.sims.gradcheck import mlp, numeric
from tutor.sims.result import Result
from tutor.sims.spec import ProgressFn
from tutor.sims.typed import as_mapping
from tutor.text import Msg

#: The step of the central differences the table is checked against.
CHECK_H = 1e-5


def sigmoid(z: float) -> float:
    """σ(z) as a Python float: the table's rows are scalars. The shared σ keeps tiny values such as
    σ(−255) ≈ 2e-111, which the BCE row divides by ŷ·(1 − ŷ)."""
    return float(activations.sigmoid(np.float64(z)))


def _act(z: float, activation: str) -> float:
    if activation == "sigmoid":
        return sigmoid(z)
    if activation == "tanh":
        return math.tanh(z)
    return max(z, 0.0)


def _act_slope(z: float, h: float, activation: str) -> float:
    if activation == "sigmoid":
        return h * (1.0 - h)
    if activation == "tanh":
        return 1.0 - h * h
    return 1.0 if z > 0.0 else 0.0  # ReLU′(0) taken as 0, as PyTorch does


def passes(w: Mapping[str, float], x1: float, x2: float, y: float, activation: str, loss: str,
           ) -> tuple[dict[str, float], dict[str, tuple[float, float, float]]]:
    """Forward values by node, and for each backward node its (upstream, local, gradient)."""
    v: dict[str, float] = {}
    v["z1"] = w["w11"] * x1 + w["w12"] * x2 + w["b1"]
    v["z2"] = w["w21"] * x1 + w["w22"] * x2 + w["b2"]
    v["h1"] = _act(v["z1"], activation)
    v["h2"] = _act(v["z2"], activation)
    v["z3"] = w["v1"] * v["h1"] + w["v2"] * v["h2"] + w["c"]
    v["y_hat"] = sigmoid(v["z3"])
    one_minus = sigmoid(-v["z3"])  # 1 − ŷ without cancellation when ŷ is close to 1
    error = (1.0 - y) * v["y_hat"] - y * one_minus  # ŷ − y, accurate even when ŷ rounds to 1
    if loss == "bce":  # −[y·log ŷ + (1 − y)·log(1 − ŷ)], from the logit so log(0) never happens
        z = v["z3"]
        v["L"] = max(z, 0.0) - z * y + math.log1p(math.exp(-abs(z)))
        spread = v["y_hat"] * one_minus
        dloss = error / spread if spread > 0.0 else math.copysign(math.inf, error)
    else:
        v["L"] = error * error
        dloss = 2.0 * error

    g: dict[str, tuple[float, float, float]] = {}

    def chain(node: str, upstream_node: str, local: float) -> None:
        upstream = 1.0 if upstream_node == "1" else g[upstream_node][2]
        g[node] = (upstream, local, upstream * local)

    chain("dL/dy_hat", "1", dloss)
    chain("dL/dz3", "dL/dy_hat", v["y_hat"] * one_minus)
    chain("dL/dv1", "dL/dz3", v["h1"])
    chain("dL/dv2", "dL/dz3", v["h2"])
    chain("dL/dc", "dL/dz3", 1.0)
    chain("dL/dh1", "dL/dz3", w["v1"])
    chain("dL/dh2", "dL/dz3", w["v2"])
    chain("dL/dz1", "dL/dh1", _act_slope(v["z1"], v["h1"], activation))
    chain("dL/dz2", "dL/dh2", _act_slope(v["z2"], v["h2"], activation))
    chain("dL/dw11", "dL/dz1", x1)
    chain("dL/dw12", "dL/dz1", x2)
    chain("dL/db1", "dL/dz1", 1.0)
    chain("dL/dw21", "dL/dz2", x1)
    chain("dL/dw22", "dL/dz2", x2)
    chain("dL/db2", "dL/dz2", 1.0)
    return v, g


def starting_weights(p: BackpropParams) -> dict[str, float]:
    if p.init == "random":
        drawn = np.random.default_rng(p.seed).normal(size=len(WEIGHTS))
        return {name: float(value) for name, value in zip(WEIGHTS, drawn, strict=True)}
    return {name: getattr(p, name) for name in WEIGHTS}


def simulate(p: BackpropParams, progress: ProgressFn | None = None) -> Result:
    activation, loss = p.activation, p.loss
    x1, x2, y = p.x1, p.x2, p.y
    w = starting_weights(p)
    theta = np.array([w[name] for name in WEIGHTS])
    with guard.quiet():
        values, grads = passes(w, x1, x2, y, activation, loss)
        analytic = np.array([grads[f"dL/d{name}"][2] for name in WEIGHTS])
        x, target = np.array([[x1, x2]]), np.array([y])

        def f(thetas: np.ndarray) -> np.ndarray:
            return mlp.losses(thetas, x, target, activation, loss)

        estimate, _evals = numeric.central_difference(f, theta, CHECK_H)
        error = float(numeric.relative_error(estimate, analytic))
        after = float(f((theta - p.lr * analytic)[None, :])[0])

    series = {
        "stage": np.arange(len(STAGES) + 1, dtype=float),
        "forward": np.array([values[s.node] for s in FORWARD]),
        "upstream": np.array([grads[s.node][0] for s in BACKWARD]),
        "local": np.array([grads[s.node][1] for s in BACKWARD]),
        "gradient": np.array([grads[s.node][2] for s in BACKWARD]),
        "weights": theta,
        "numeric": estimate,
    }
    finite = guard.all_finite(*series.values(), after)
    used = {**as_mapping(p), **w}  # with init = random, the weights reported are the ones drawn
    facts = {
        "y_hat": values["y_hat"],
        "loss": values["L"],
        "loss_after": after,
        **{f"grad_{name}": float(g) for name, g in zip(WEIGHTS, analytic, strict=True)},
        "unit1_grad": float(np.linalg.norm(analytic[0:3])),
        "unit2_grad": float(np.linalg.norm(analytic[3:6])),
        "numeric_error": error,
        "stages": len(STAGES),
        "diverged": not finite,
    }
    if not finite:  # cannot happen within the declared ranges; kept so a future range change is caught
        return Result(sim="backprop", params=used, series={"stage": series["stage"][:1]}, facts=facts,
                      status=guard.diverged_status(0))
    status = Msg("loss {loss} → {after} after one step of η = {lr}; gradients agree with central "
                 "differences to within {err}", loss=f"{values['L']:.4g}", after=f"{after:.4g}",
                 lr=f"{p.lr:g}", err=power_of_ten_above(error))
    kink = activation == "relu" and min(abs(values["z1"]), abs(values["z2"])) < CHECK_H
    if kink:
        status = Msg("{status} (a hidden unit sits on ReLU's kink at 0, where the slope is taken as 0 "
                     "but a numerical estimate sees the average of both sides)", status=status)
    return Result(sim="backprop", params=used, series=series, facts=facts, status=status)


def power_of_ten_above(error: float) -> str:
    """The smallest power of ten not below `error`, as "1e-10": the agreement is rounding noise, whose
    last digits differ between processors (NumPy's vectorised kernels), so only its size is shown."""
    if not error > 0:
        return "0"
    return f"1e{math.ceil(math.log10(error)):d}"
