"""Scripts for `lr-schedule`: the five schedules, the noisy quartic, the fifty copies.

The NumPy script writes the schedules' closed forms (`schedule_rates(name)` gives every rate at
once); the PyTorch one builds torch.optim.lr_scheduler objects and steps them (`train(name)`).
"""

from __future__ import annotations

from collections.abc import Mapping

from tutor.export.writer import render
from tutor.sims.params import ParamValue

SIM = "lr-schedule"
NAMES = ("schedule", "lr", "steps", "step_size", "step_gamma", "exp_gamma", "lr_min", "warmup", "warmup_start",
         "noise", "w0", "seed", "compare")
#: How each flavour trains under the schedule named by the expression NAME.
TRAIN = {"numpy": "train(schedule_rates(NAME))", "torch": "train(NAME)"}

ONE = '''rates, loss = TRAIN_CHOSEN
show("lr", rates)
show("loss", loss)'''

ALL = ONE + '''
# compare: every schedule on the very same noise.
for name in SCHEDULES:
    rates, loss = TRAIN_EACH
    show("lr_" + name.replace("-", "_"), rates)
    show("loss_" + name.replace("-", "_"), loss)'''


def _render(p: Mapping[str, ParamValue], lesson: str | None, flavour: str) -> str:
    train = TRAIN[flavour]
    run = (ALL if p["compare"] else ONE).replace("TRAIN_CHOSEN", train.replace("NAME", "schedule")).replace(
        "TRAIN_EACH", train.replace("NAME", "name"))
    return render(SIM, flavour, p, lesson, names=NAMES, run=run)


def numpy(p: Mapping[str, ParamValue], lesson: str | None) -> str:
    return _render(p, lesson, "numpy")


def torch(p: Mapping[str, ParamValue], lesson: str | None) -> str:
    return _render(p, lesson, "torch")
