"""`--lessons DIR`: run a course folder (a course pack) instead of the built-in course.

The folder is handed on as `GDTUTOR_LESSONS`, the variable the lesson loader already reads, so every
command, the app, and the app processes `gdtutor serve` starts all see the same course.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from tutor.i18n import N_

LESSONS_HELP = N_("Run the course in DIR (a course pack) instead of the built-in one; the same as setting "
                  "GDTUTOR_LESSONS.")


def use_lessons(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    if value is not None and not ctx.resilient_parsing:
        os.environ["GDTUTOR_LESSONS"] = str(value.resolve())
