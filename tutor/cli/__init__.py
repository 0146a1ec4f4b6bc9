"""The `gdtutor` command: a thin click face over the course, the simulations and the charts.

Start-up speed matters here, so this module imports only click and gdtutor's light modules; each
command imports what it needs (NumPy, plotext, Rich, textual) when it runs. `gdtutor --help`,
`--version`, `list` and `sims` never import NumPy or textual.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tutor import __version__
from tutor.cli.class_report import class_group
from tutor.cli.course_commands import check_lessons_command, list_command, show_command
from tutor.cli.glossary_command import glossary_command
from tutor.cli.help_text import untruncated
from tutor.cli.language import setup, translate_help
from tutor.cli.lessons_option import LESSONS_HELP, use_lessons
from tutor.cli.open_command import open_command
from tutor.cli.pack_command import pack_group
from tutor.cli.progress_commands import progress_command, reset_command
from tutor.cli.review_command import review_command
from tutor.cli.serve_command import serve_command
from tutor.cli.sim_commands import SimGroup, sims_command
from tutor.i18n import LANGUAGES, _

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """`--version`, worded when it is asked for (click's own option fixes its words at import)."""
    if value and not ctx.resilient_parsing:
        click.echo(_("{prog}, version {version}").format(prog="gdtutor", version=__version__))
        ctx.exit()


@click.group(invoke_without_command=True, context_settings=CONTEXT)
@click.option("-V", "--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show the version and exit.")
@click.option("--lang", type=click.Choice(sorted(LANGUAGES)), expose_value=False, is_eager=True,
              help="The language to speak (default: GDTUTOR_LANG, else your last choice in the app, else "
                   "the locale).")
@click.option("--lessons", type=click.Path(exists=True, file_okay=False, path_type=Path), metavar="DIR",
              expose_value=False, is_eager=True, callback=use_lessons, help=LESSONS_HELP)
@click.pass_context
def cli(ctx: click.Context) -> None:
    """A terminal tutor that teaches how neural networks learn.

    Run `gdtutor` alone to open the course. The other commands work without the app: in a pipe,
    over plain SSH, or in a script.
    """
    if ctx.invoked_subcommand is None:
        from tutor.cli.launch import launch

        launch()


cli.add_command(list_command)
cli.add_command(show_command)
cli.add_command(open_command)
cli.add_command(sims_command)
cli.add_command(SimGroup("sim", context_settings=CONTEXT))
cli.add_command(check_lessons_command)
cli.add_command(progress_command)
cli.add_command(reset_command)
cli.add_command(review_command)
cli.add_command(glossary_command)
cli.add_command(serve_command)
cli.add_command(class_group)
cli.add_command(pack_group)
untruncated(cli)


def main(args: list[str] | None = None) -> None:
    from tutor.cli import output

    output.install()  # (no control sequence from content, no encoding error, quiet on a closed pipe)
    args = sys.argv[1:] if args is None else args
    if setup(args) != "en":
        translate_help(cli)
    untruncated(cli)
    cli(args=args, prog_name="gdtutor")
