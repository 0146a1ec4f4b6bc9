"""`gdtutor open LESSON`: the app, straight into one lesson (by number or id), optionally with values.

The values are checked here, against the lesson's own parameters, before the app starts: a typo
gets click's usage message and exit status 2 in the shell, not a notice inside a full-screen app.
Like `gdtutor` alone, it needs a terminal, and says what to use instead when it has none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from tutor.cli.course_commands import find_lesson
from tutor.cli.errors import usage_error
from tutor.i18n import language
from tutor.text import Msg

if TYPE_CHECKING:
    from tutor.sims.params import ParamValue


@click.command("open")
@click.argument("lesson")
@click.option("-s", "--set", "settings", multiple=True, metavar="NAME=VALUE",
              help="Start the lesson with this value (repeatable), e.g. -s lr=0.5.")
@click.pass_context
def open_command(ctx: click.Context, lesson: str, settings: tuple[str, ...]) -> None:
    """Open the app at LESSON (its number or id)."""
    from tutor.cli.launch import has_terminal, headless_help
    from tutor.lessons.loader import load_course

    found = find_lesson(load_course(lang=language()), lesson, ctx)
    values = lesson_values(found.sim, found.controls, settings, ctx)
    if not has_terminal():
        headless_help(ctx)
    from tutor.tui.app import run_app

    run_app(lesson_id=found.id, values=values)


def lesson_values(sim: str, controls: tuple[str, ...], settings: tuple[str, ...],
                  ctx: click.Context) -> dict[str, ParamValue]:
    """`NAME=VALUE` settings as the lesson's typed values, or a usage error naming the fix."""
    from tutor.sims import get_spec
    from tutor.sims.params import ParamError, unknown_name

    spec = get_spec(sim)
    values: dict[str, ParamValue] = {}
    for item in settings:
        name, sep, raw = item.partition("=")
        name = name.strip()
        if not sep:
            raise usage_error(Msg('-s expects NAME=VALUE, got "{item}"; this lesson changes: {names}',
                                  item=item[:40], names=", ".join(controls)), ctx)
        if name not in controls:
            raise usage_error(unknown_name("parameter", name, controls), ctx)
        try:
            values[name] = spec.param(name).parse(raw)
        except ParamError as exc:
            raise usage_error(exc.msg, ctx) from None
    return values



