"""Scripts for `gradcheck`: the seeded network, forward and central differences, the sweep."""

from __future__ import annotations

from collections.abc import Mapping

from tutor.export.writer import render
from tutor.sims.params import ParamValue

SIM = "gradcheck"
NAMES = ("h", "width", "activation", "loss", "precision", "n_samples", "seed")


def numpy(p: Mapping[str, ParamValue], lesson: str | None) -> str:
    return render(SIM, "numpy", p, lesson, names=NAMES)


def torch(p: Mapping[str, ParamValue], lesson: str | None) -> str:
    return render(SIM, "torch", p, lesson, names=NAMES)
