"""Scripts for `vanishing`: the seeded data and stack, the passes by hand, clipping, the loop."""

from __future__ import annotations

from collections.abc import Mapping

from tutor.export.writer import render, template
from tutor.sims.params import ParamValue

SIM = "vanishing"
NAMES = ("depth", "width", "activation", "init", "init_std", "residual", "batchnorm", "batch", "steps", "lr",
         "clip_norm", "seed")


def numpy(p: Mapping[str, ParamValue], lesson: str | None) -> str:
    act = template(f"vanishing.act.{p['activation']}").template.rstrip("\n")
    return render(SIM, "numpy", p, lesson, names=NAMES, activation=act)


def torch(p: Mapping[str, ParamValue], lesson: str | None) -> str:
    return render(SIM, "torch", p, lesson, names=NAMES)
