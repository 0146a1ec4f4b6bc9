"""Every run as a Python script a learner can keep: NumPy alone, or PyTorch as its users write it.

A run of gdtutor is deterministic, so it can be written out as a short program that reproduces it
exactly — the data, the starting values, the update rule, the loop — and prints every series the
run reports, one line each, as `name: v0 v1 …`, the numbers `gdtutor sim NAME --json` gives. The
learner can then run it on their own machine, change it, and check it against the tutor.

One module per simulation (named in EXPORTERS) turns its validated parameters into both scripts;
the scripts themselves are files in `templates/`, filled in by `writer`. A simulation without an
exporter gets a clear `NoExporter`, and a test lists every simulation that lacks one. Importing
this package imports neither NumPy nor the simulations' models.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping

from tutor.sims.params import ParamValue
from tutor.text import Msg

FLAVOURS = ("numpy", "torch")

#: The simulation → the module of tutor.export that writes its scripts.
EXPORTERS: dict[str, str] = {
    "backprop": "backprop",
    "gradcheck": "gradcheck",
    "init": "weight_init",
    "landscape": "landscape",
    "logic-gates": "logic_gates",
    "lr-overshoot": "lr_overshoot",
    "lr-schedule": "lr_schedule",
    "optimizers": "optimizers",
    "playground": "playground",
    "regularization": "regularization",
    "vanishing": "vanishing",
    "weight-update": "weight_update",
}


#: The simulations with a PyTorch script (an exporter may start with its NumPy script alone).
TORCH_SCRIPTS = frozenset({"backprop", "gradcheck", "init", "landscape", "logic-gates", "lr-overshoot", "lr-schedule",
                           "optimizers", "playground", "regularization", "vanishing", "weight-update"})


class NoExporter(ValueError):
    """A simulation or flavour no script can be written for; `msg` says which and what exists."""

    def __init__(self, msg: Msg) -> None:
        super().__init__(str(msg))
        self.msg = msg


def script(sim: str, params: Mapping[str, ParamValue], flavour: str = "numpy", *, lesson: str | None = None,
           ) -> str:
    """The script that reproduces a run of `sim` with these (validated, complete) parameters.

    `lesson` is the title of the lesson the run belongs to, named in the script's opening lines.
    """
    if flavour not in FLAVOURS:
        raise NoExporter(Msg('unknown code flavour "{flavour}"; valid: {valid}', flavour=flavour,
                             valid=", ".join(FLAVOURS)))
    if sim not in EXPORTERS:
        raise NoExporter(Msg('no code export for the simulation "{sim}" yet', sim=sim))
    if flavour == "torch" and sim not in TORCH_SCRIPTS:
        raise NoExporter(Msg('no PyTorch script for the simulation "{sim}" yet; --code numpy reproduces it',
                             sim=sim))
    module = importlib.import_module(f"{__name__}.{EXPORTERS[sim]}")
    text: str = getattr(module, flavour)(dict(params), lesson)
    return text
