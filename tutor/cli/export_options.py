"""`gdtutor sim … --code numpy|torch`, `--share`, and `gdtutor sim TOKEN`: a run as a script or a line.

The options are declared here and handled here, so the simulation command itself only passes them
on. A token in the simulation's place is expanded into that simulation and every value it holds,
so `gdtutor sim TOKEN --json` (or `--plot`, `--code …`) goes through exactly the same path as
`gdtutor sim NAME -s …`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import click

from tutor.cli.errors import usage_error
from tutor.i18n import _
from tutor.text import Msg

if TYPE_CHECKING:
    from tutor.sims.spec import SimSpec

FLAVOURS = ("numpy", "torch")


def options() -> list[click.Option]:
    return [
        click.Option(["--code"], type=click.Choice(FLAVOURS), metavar="numpy|torch",
                     help=_("Print a Python script that reproduces this run exactly (NumPy alone, or PyTorch).")),
        click.Option(["--share"], is_flag=True,
                     help=_("Print one short token for this run; `gdtutor sim TOKEN` runs it again.")),
    ]


def expand_token(args: list[str], ctx: click.Context) -> list[str]:
    """`TOKEN rest…` → `NAME -s p=v … rest…`; other arguments unchanged. A bad token is a usage error."""
    import re

    from tutor.share import ShareError, decode

    if not args or not re.match(r"gd\d+-", args[0]):
        return args
    try:
        shared = decode(args[0])
    except ShareError as exc:
        raise usage_error(exc.msg, ctx) from None
    settings = []
    for name, value in shared.params.items():
        if isinstance(value, bool):
            text = "true" if value else "false"
        else:
            text = repr(value) if isinstance(value, float) else str(value)
        settings += ["-s", f"{name}={text}"]
    return [shared.sim, *settings, *args[1:]]


def handle(spec: SimSpec, params: Mapping[str, Any], code: str | None, share: bool, *, chart_options: bool,
           ctx: click.Context) -> bool:
    """Print the script or the token if asked; True when that is all the command should do."""
    if not (code or share):
        return False
    if chart_options:
        raise usage_error(Msg("--code and --share print a script or a token; they cannot be combined with "
                              "--json, --plot or --export"), ctx)
    if code and share:
        raise usage_error(Msg("--code and --share cannot be used together"), ctx)
    if share:
        from tutor.share import encode

        click.echo(encode(spec.name, params))
        return True
    from tutor.export import NoExporter, script

    try:
        click.echo(script(spec.name, params, str(code), lesson=_lesson_title(spec.name, params)), nl=False)
    except NoExporter as exc:
        raise usage_error(exc.msg, ctx) from None
    return True


def _lesson_title(sim: str, params: Mapping[str, Any]) -> str | None:
    """The title of the lesson that can show this run, for the script's opening lines."""
    from tutor.lessons.loader import load_course
    from tutor.share import SharedRun, lesson_for

    try:
        lesson = lesson_for(SharedRun(sim, dict(params)), load_course())
    except OSError:
        return None
    return lesson.title if lesson else None
