"""Scripts for `init`: the seeded inputs and weights, one forward pass, the per-layer measures."""

from __future__ import annotations

from collections.abc import Mapping

from tutor.export.writer import render
from tutor.sims.params import ParamValue

SIM = "init"
NAMES = ("init", "activation", "layers", "width", "batch", "bins", "seed")


def numpy(p: Mapping[str, ParamValue], lesson: str | None) -> str:
    return render(SIM, "numpy", p, lesson, names=NAMES, name="weight_init.numpy")


def torch(p: Mapping[str, ParamValue], lesson: str | None) -> str:
    return render(SIM, "torch", p, lesson, names=NAMES, name="weight_init.torch")
