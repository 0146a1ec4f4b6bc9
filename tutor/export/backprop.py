"""Scripts for `backprop`: one forward and one backward pass, written out, and the check."""

from __future__ import annotations

from collections.abc import Mapping

from tutor.export.writer import render
from tutor.sims.params import ParamValue

SIM = "backprop"
WEIGHTS = ("w11", "w12", "b1", "w21", "w22", "b2", "v1", "v2", "c")
RENAME = {"loss": "loss_kind"}

SET = "# The weights, as set.\ntheta = np.array([w11, w12, b1, w21, w22, b2, v1, v2, c])"
RANDOM = "# The weights, drawn from N(0, 1) with the seed.\ntheta = np.random.default_rng(seed).normal(size=9)"


def _render(p: Mapping[str, ParamValue], lesson: str | None, flavour: str) -> str:
    names = ["activation", "loss", "x1", "x2", "y", "init", "lr"]
    names += WEIGHTS if p["init"] == "set" else ("seed",)
    return render(SIM, flavour, p, lesson, names=names, rename=RENAME, weights=SET if p["init"] == "set" else RANDOM)


def numpy(p: Mapping[str, ParamValue], lesson: str | None) -> str:
    return _render(p, lesson, "numpy")


def torch(p: Mapping[str, ParamValue], lesson: str | None) -> str:
    return _render(p, lesson, "torch")
