"""`gdtutor open LESSON`: the app, straight into one lesson (by number or id), optionally with values,
or at a shared run (`gdtutor open gd1-…`, a token from `gdtutor sim … --share` or the app's share key).

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
    from tutor.lessons.model import Course, Lesson
    from tutor.sims.params import ParamValue


@click.command("open")
@click.argument("lesson")
@click.option("-s", "--set", "settings", multiple=True, metavar="NAME=VALUE",
              help="Start the lesson with this value (repeatable), e.g. -s lr=0.5.")
@click.pass_context
def open_command(ctx: click.Context, lesson: str, settings: tuple[str, ...]) -> None:
    """Open the app at LESSON (its number or id), or at a shared run's token."""
    from tutor.cli.launch import has_terminal, headless_help
    from tutor.lessons.loader import load_course
    from tutor.share import looks_like_token

    course = load_course(lang=language())
    if looks_like_token(lesson):
        found, values = shared_lesson(course, lesson, ctx)
    else:
        found = find_lesson(course, lesson, ctx)
        values = {}
    values.update(lesson_values(found.sim, found.controls, settings, ctx))
    if not has_terminal():
        headless_help(ctx)
    from tutor.tui.app import run_app

    run_app(lesson_id=found.id, values=values)


def shared_lesson(course: Course, token: str, ctx: click.Context) -> tuple[Lesson, dict[str, ParamValue]]:
    """The lesson that can show a shared run, and the values it needs set; a usage error when the
    token is damaged or no lesson of this course drives that simulation at those values."""
    from tutor.share import ShareError, decode, lesson_for

    try:
        shared = decode(token)
    except ShareError as exc:
        raise usage_error(exc.msg, ctx) from None
    found = lesson_for(shared, course)
    if found is None:
        raise usage_error(Msg("no lesson of this course shows this {sim} run; draw it with: gdtutor sim {token} --plot",
                              sim=shared.sim, token=token.strip()), ctx)
    return found, {name: value for name, value in shared.params.items()
                   if name in found.controls and found.params.get(name) != value}


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



