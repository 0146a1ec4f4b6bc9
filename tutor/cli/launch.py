"""What `gdtutor` alone does: open the app in a terminal, or explain the headless commands."""

from __future__ import annotations

import sys

import click

from tutor.i18n import N_, _

HEADLESS_HELP = N_("""gdtutor needs an interactive terminal to open the course.
Without one (a pipe, a script, CI), use the headless commands:

  gdtutor list                     the lessons and your progress
  gdtutor show LESSON              read a lesson
  gdtutor sims                     the simulations
  gdtutor sim NAME -s lr=0.5       run one and draw its chart
  gdtutor --help                   everything else""")


def launch() -> None:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        click.echo(_(HEADLESS_HELP))
        return
    try:
        from tutor.tui.app import run_app
    except ImportError:
        from tutor.cli.course_commands import list_command

        list_command.main(args=[], prog_name="gdtutor list", standalone_mode=False)
        return
    from tutor.cli import output

    output.uninstall()  # (Textual writes its own escape sequences)
    run_app()
