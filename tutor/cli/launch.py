"""What `gdtutor` alone does: open the app in a terminal, or explain the headless commands."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from tutor.i18n import N_, _

if TYPE_CHECKING:
    import click

HEADLESS_HELP = N_("""gdtutor needs an interactive terminal to open the course.
Without one (a pipe, a script, CI), use the headless commands:

  gdtutor list                     the lessons and your progress
  gdtutor show LESSON              read a lesson
  gdtutor sims                     the simulations
  gdtutor sim NAME -s lr=0.5       run one and draw its chart
  gdtutor --help                   everything else""")


def has_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def headless_help(ctx: click.Context | None = None) -> None:
    """Say what to use instead of the app, and end with status 1: a script that ran `gdtutor`
    expecting the course did not get it."""
    import click

    click.echo(_(HEADLESS_HELP))
    (ctx or click.get_current_context()).exit(1)


def launch() -> None:
    if not has_terminal():
        headless_help()
    try:
        from tutor.tui.app import run_app
    except ImportError:
        from tutor.cli.course_commands import list_command

        list_command.main(args=[], prog_name="gdtutor list", standalone_mode=False)
        return
    from tutor.cli import output

    output.uninstall()  # (Textual writes its own escape sequences)
    run_app()
