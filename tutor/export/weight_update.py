"""Scripts for `weight-update`: the seeded points, the batches' sums, the loop of steps."""

from __future__ import annotations

from collections.abc import Mapping

from tutor.export.writer import render
from tutor.sims.params import ParamValue

SIM = "weight-update"
NAMES = ("lr", "steps", "w0", "b0", "w_true", "b_true", "noise", "n_samples", "batch_size", "seed")


def numpy(p: Mapping[str, ParamValue], lesson: str | None) -> str:
    return render(SIM, "numpy", p, lesson, names=NAMES)


def torch(p: Mapping[str, ParamValue], lesson: str | None) -> str:
    return render(SIM, "torch", p, lesson, names=NAMES)
