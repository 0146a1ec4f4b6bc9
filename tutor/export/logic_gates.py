"""Scripts for `logic-gates`: hand-set weights judged, or training by backpropagation."""

from __future__ import annotations

from collections.abc import Mapping

from tutor.export.writer import render, template
from tutor.sims.params import ParamValue

SIM = "logic-gates"
RENAME = {"loss": "loss_kind"}  # the script's `loss` is the loss itself


def _render(p: Mapping[str, ParamValue], lesson: str | None, flavour: str) -> str:
    if p["mode"] == "manual":
        return render(SIM, flavour, p, lesson, names=("mode", "gate", "w1", "w2", "b", "loss"), rename=RENAME,
                      name=f"logic_gates.manual.{flavour}")
    hidden = int(p["hidden"])  # type: ignore[arg-type]
    names = ["mode", "gate", "hidden", "loss", "lr", "steps", "seed"]
    if hidden:
        names.append("activation")
    network = template(f"logic_gates.{'hidden' if hidden else 'neuron'}.{flavour}").template.rstrip("\n")
    return render(SIM, flavour, p, lesson, names=names, rename=RENAME, name=f"logic_gates.learn.{flavour}",
                  network=network)


def numpy(p: Mapping[str, ParamValue], lesson: str | None) -> str:
    return _render(p, lesson, "numpy")


def torch(p: Mapping[str, ParamValue], lesson: str | None) -> str:
    return _render(p, lesson, "torch")
