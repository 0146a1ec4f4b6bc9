"""The `gdtutor` command group: its options, its commands (each imported when used:
tutor.cli.lazy_group), and `run`, which speaks the chosen language for click and gdtutor alike.
"""

from __future__ import annotations

from pathlib import Path

import click

from tutor import __version__
from tutor.cli.help_format import use_cell_help
from tutor.cli.help_text import first_paragraph
from tutor.cli.lazy_group import LazyGroup
from tutor.cli.lessons_option import LESSONS_HELP, use_lessons
from tutor.i18n import LANGUAGES, _, switch

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """`--version`, worded when it is asked for (click's own option fixes its words at import)."""
    if value and not ctx.resilient_parsing:
        click.echo(_("{prog}, version {version}").format(prog="gdtutor", version=__version__))
        ctx.exit()


@click.group(cls=LazyGroup, invoke_without_command=True, context_settings=CONTEXT, lazy={
    "list": "tutor.cli.course_commands:list_command",
    "show": "tutor.cli.course_commands:show_command",
    "check-lessons": "tutor.cli.course_commands:check_lessons_command",
    "open": "tutor.cli.open_command:open_command",
    "sims": "tutor.cli.sim_commands:sims_command",
    "sim": "tutor.cli.root:sim_group",
    "progress": "tutor.cli.progress_commands:progress_command",
    "reset": "tutor.cli.progress_commands:reset_command",
    "review": "tutor.cli.review_command:review_command",
    "glossary": "tutor.cli.glossary_command:glossary_command",
    "serve": "tutor.cli.serve_command:serve_command",
    "class": "tutor.cli.class_report:class_group",
    "pack": "tutor.cli.pack_command:pack_group",
})
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


def sim_group() -> click.Group:
    from tutor.cli.sim_commands import SimGroup

    return SimGroup("sim", context_settings=CONTEXT)


def _untruncated(command: click.Command) -> None:
    """The help list shows a command's whole first paragraph (tutor.cli.help_text), and the help is
    laid out by terminal columns (tutor.cli.help_format)."""
    if command.help:
        command.short_help = first_paragraph(command.help)
    use_cell_help(command)


use_cell_help(cli)
cli.prepare = _untruncated


def run(args: list[str]) -> None:
    """The command line `args` (without the program's name), in the language they choose."""
    from tutor.cli.language import click_speaks, setup, translate_help

    cli.prepare = _untruncated
    code = setup(args)
    with switch(code), click_speaks(code):
        if code != "en":
            translate_help(cli)  # (the group's own texts and those of the commands loaded so far)
            cli.prepare = _translated  # (and each other command's as it is loaded)
        cli(args=args, prog_name="gdtutor")


def _translated(command: click.Command) -> None:
    from tutor.cli.language import translate_help

    translate_help(command)
    _untruncated(command)
