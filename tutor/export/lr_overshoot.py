"""Scripts for `lr-overshoot`: the bowl, the slope a·(w − w*), and the loop of plain steps."""

from __future__ import annotations

from collections.abc import Mapping

from tutor.export.writer import render
from tutor.sims.params import ParamValue

SIM = "lr-overshoot"
NAMES = ("lr", "a", "w0", "w_star", "steps")


def numpy(p: Mapping[str, ParamValue], lesson: str | None) -> str:
    return render(SIM, "numpy", p, lesson, names=NAMES)


def torch(p: Mapping[str, ParamValue], lesson: str | None) -> str:
    return render(SIM, "torch", p, lesson, names=NAMES)
