"""A headless run that may take minutes says so before it starts, and how to stop it.

Simulations whose largest sizes reach minutes declare an estimate of their work (SimSpec.work);
one above MAX_QUIET_WORK multiply-adds (about a minute on a 2-core machine) is announced on stderr,
so a learner who asked for depth 100 × width 512 × 1000 steps knows the wait is expected and that
Ctrl+C ends it (click answers it with "Aborted!" and no traceback).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import click

from tutor.i18n import render
from tutor.text import Msg

if TYPE_CHECKING:
    from tutor.sims.params import ParamValue
    from tutor.sims.spec import SimSpec

MAX_QUIET_WORK = 3e11


def announce(spec: SimSpec, params: Mapping[str, ParamValue]) -> None:
    work = spec.work(params) if spec.work else 0.0
    if work > MAX_QUIET_WORK:
        minutes = max(1, round(work / MAX_QUIET_WORK))
        click.echo(render(Msg("A large run: about {n} billion multiply-adds, roughly {minutes} min on a 2-core "
                              "machine. Ctrl+C stops it.", n=f"{work / 1e9:,.0f}", minutes=minutes)), err=True)
