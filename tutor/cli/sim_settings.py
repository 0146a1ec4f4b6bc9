"""Reading `gdtutor sim NAME -s NAME=VALUE …`: each parameter once, in the documented grammar.

The grammar of numbers is `tutor.sims.params.NUMBER` (ASCII digits, sign, point, exponent); it is
said in `-s`'s help. A parameter set twice is an error naming both values (which one was meant
cannot be guessed), and a bare `lr=0.5` without `-s` is answered with the command that works.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from tutor.cli.errors import usage_error
from tutor.i18n import N_
from tutor.text import Msg

if TYPE_CHECKING:
    from tutor.sims.spec import SimSpec

SET_HELP = N_("Set a parameter, NAME=VALUE, once each (repeat -s for several). Numbers are written with "
              "ASCII digits, a sign, a point and an exponent: 0.5, -3, .5, 1e-3; a whole number may also be "
              "written 1e3. Not accepted: 1_000, full-width digits, 0x10, inf, nan.")
#: The options of a simulation's command that take a value (the word after them is not stray).
VALUED = ("-s", "--set", "--export", "--width", "--height")


def check_stray(args: list[str], ctx: click.Context) -> None:
    """A usage error for a word such as `lr=0.5` given without `-s` (click would only say "extra argument")."""
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            return
        if arg in VALUED:
            i += 2
            continue
        if not arg.startswith("-") and "=" in arg:
            name = arg.partition("=")[0].strip()
            raise usage_error(Msg('"{arg}" is not an option; to set {name}, write -s {arg}', arg=arg[:60],
                                  name=name[:40]), ctx)
        i += 1


def parse_settings(spec: SimSpec, settings: tuple[str, ...], ctx: click.Context) -> dict[str, Any]:
    """The validated parameters of the `-s` options, or a usage error naming the problem."""
    from tutor.sims.params import ParamError

    raw: dict[str, str] = {}
    for item in settings:
        name, sep, value = item.partition("=")
        if not sep:
            raise usage_error(Msg('-s expects NAME=VALUE, got "{item}"; parameters: {names}', item=item[:40],
                                  names=", ".join(spec.param_names)), ctx)
        name = name.strip()
        if name in raw:
            raise usage_error(Msg('{name} is set twice, to "{first}" and to "{second}"; give it once',
                                  name=name[:40], first=raw[name][:40], second=value[:40]), ctx)
        raw[name] = value
    try:
        return spec.resolve(raw)
    except ParamError as exc:
        raise usage_error(exc.msg, ctx) from None
