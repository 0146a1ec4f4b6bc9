"""Choosing the language before click speaks, and making click speak it.

`gdtutor --lang ko --help` prints help before any command runs, so the language is chosen from the
raw arguments, the environment and the saved settings first thing in `main()`. Click's own words
("Usage:", "Options", "Show this message and exit.", its error messages) are looked up the way click
documents: each of its modules calls the standard library's `gettext.gettext`, which reads the
catalog of the current text domain in the languages `LANGUAGE` lists. gdtutor's catalogs hold
click's words next to its own, so for the run (`click_speaks`) the text domain is gdtutor's and
`LANGUAGE` names the language chosen. Click's help layout counts characters, where a Korean
syllable takes two columns: tutor.cli.help_format lays it out by columns instead.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from tutor import i18n

if TYPE_CHECKING:
    import click


def flag_value(args: Sequence[str]) -> str | None:
    """The value of `--lang` among the options before the command name, if given."""
    for i, arg in enumerate(args):
        if arg == "--lang":
            return args[i + 1] if i + 1 < len(args) else None
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if not arg.startswith("-"):
            return None
    return None


def saved_language() -> str | None:
    """The language last chosen in the app, read quietly: a damaged file is the app's to report."""
    from tutor.progress.location import progress_path
    from tutor.progress.reading import Unreadable, read_json

    try:  # (bounded: whatever sits at the path, a pipe or a device included, is judged at once)
        data = read_json(progress_path())
        value = data["settings"]["lang"]
    except (OSError, Unreadable, KeyError, TypeError):
        return None
    return value if isinstance(value, str) else None


def setup(args: Sequence[str]) -> str:
    """The language for this run: its code, to speak in an `i18n.switch` and a `click_speaks` block."""
    return i18n.choose_language(flag_value(args), saved_language())


@contextlib.contextmanager
def click_speaks(code: str) -> Iterator[None]:
    """Click's own words in `code` within the block: gdtutor's text domain, and `LANGUAGE` set to
    `code` (so a `LANGUAGE` of the learner's never overrules `--lang`); both are put back after."""
    import gettext
    import os

    domain, preferences = gettext.textdomain(), os.environ.get("LANGUAGE")
    gettext.bindtextdomain(i18n.DOMAIN, str(i18n.LOCALE_DIR))
    gettext.textdomain(i18n.DOMAIN)
    os.environ["LANGUAGE"] = code
    try:
        yield
    finally:
        gettext.textdomain(domain)
        if preferences is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = preferences


def translate_help(command: click.Command) -> None:
    """Put the help texts of `command` and everything under it into the current language."""
    import inspect

    import click

    if command.help:
        command.help = i18n._(inspect.cleandoc(command.help))
    if command.short_help:
        command.short_help = i18n._(inspect.cleandoc(command.short_help))
    command.options_metavar = i18n._(command.options_metavar or "")
    if isinstance(command, click.Group) and command.subcommand_metavar:
        command.subcommand_metavar = i18n._(command.subcommand_metavar)
    for param in command.params:
        help_text = getattr(param, "help", None)
        if help_text:
            param.help = i18n._(help_text)  # type: ignore[attr-defined]
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            translate_help(sub)
