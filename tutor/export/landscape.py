"""Scripts for `landscape`: the chosen curve's loss and slope, the rolling ball, the drawn curve."""

from __future__ import annotations

from collections.abc import Mapping

from tutor.export.writer import render, template
from tutor.sims.params import ParamValue

SIM = "landscape"


def _names(p: Mapping[str, ParamValue]) -> tuple[str, ...]:
    names = ("function", "lr", "w0", "steps")
    return (*names, "bump") if p["function"] == "bumpy" else names


def _curve(p: Mapping[str, ParamValue], flavour: str) -> str:
    suffix = ".torch" if flavour == "torch" else ""
    return template(f"landscape.curve.{p['function']}{suffix}").template.rstrip("\n")


def numpy(p: Mapping[str, ParamValue], lesson: str | None) -> str:
    return render(SIM, "numpy", p, lesson, names=_names(p), curve=_curve(p, "numpy"))


def torch(p: Mapping[str, ParamValue], lesson: str | None) -> str:
    return render(SIM, "torch", p, lesson, names=_names(p), curve=_curve(p, "torch"))
