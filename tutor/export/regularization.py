"""Scripts for `regularization`: the seeded points, the Legendre features, (proximal) descent."""

from __future__ import annotations

from collections.abc import Mapping

from tutor.export.writer import render
from tutor.sims.params import ParamValue

SIM = "regularization"
NAMES = ("degree", "penalty", "lam", "steps", "n_train", "n_val", "noise", "seed")


def numpy(p: Mapping[str, ParamValue], lesson: str | None) -> str:
    return render(SIM, "numpy", p, lesson, names=NAMES)


def torch(p: Mapping[str, ParamValue], lesson: str | None) -> str:
    return render(SIM, "torch", p, lesson, names=NAMES)
