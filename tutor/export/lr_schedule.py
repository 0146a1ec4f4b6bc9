"""Scripts for `lr-schedule`: the five schedules' closed forms, the noisy quartic, the copies."""

from __future__ import annotations

from collections.abc import Mapping

from tutor.export.writer import render
from tutor.sims.params import ParamValue

SIM = "lr-schedule"
NAMES = ("schedule", "lr", "steps", "step_size", "step_gamma", "exp_gamma", "lr_min", "warmup", "warmup_start",
         "noise", "w0", "seed", "compare")

ONE = '''rates, loss = train(schedule_rates(schedule))
show("lr", rates)
show("loss", loss)'''

ALL = '''rates, loss = train(schedule_rates(schedule))
show("lr", rates)
show("loss", loss)
# compare: every schedule on the very same noise.
for name in SCHEDULES:
    rates, loss = train(schedule_rates(name))
    show("lr_" + name.replace("-", "_"), rates)
    show("loss_" + name.replace("-", "_"), loss)'''


def numpy(p: Mapping[str, ParamValue], lesson: str | None) -> str:
    return render(SIM, "numpy", p, lesson, names=NAMES, run=ALL if p["compare"] else ONE)


def torch(p: Mapping[str, ParamValue], lesson: str | None) -> str:
    return render(SIM, "torch", p, lesson, names=NAMES, run=ALL if p["compare"] else ONE)
