"""Choosing the language before click speaks, and making click speak it.

`gdtutor --lang ko --help` prints help before any command runs, so the language is chosen from the
raw arguments, the environment and the saved settings first thing in `main()`. Click's own words
("Usage:", "Options", "Show this message and exit.") come from the gettext function each of its
modules binds as `_` at import; pointing those names at gdtutor's table is the one way to translate
them without shipping compiled gettext catalogs. Click also measures help text by characters, so a
Korean line (two columns a syllable) would wrap twice as wide as the terminal: its measure is
pointed at gdtutor's, which counts columns.
"""

from __future__ import annotations

from collections.abc import Sequence

import click

from tutor import i18n

#: Click's modules that bind gettext's functions as `_` and `ngettext`.
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils")


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
    """Choose the language for this run and make click use it; returns its code (to speak it in
    an `i18n.switch` block)."""
    code = i18n.choose_language(flag_value(args), saved_language())
    if code != i18n.DEFAULT:
        _translate_click()
    return code


def _ngettext(singular: str, plural: str, n: int) -> str:
    return i18n._(singular if n == 1 else plural)


def _translate_click() -> None:
    import importlib

    from tutor.widths import cell_width

    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = i18n._  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext  # type: ignore[attr-defined]
    for name in ("formatting", "_textwrap"):  # where click wraps help text
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "term_len"):
            module.term_len = cell_width  # type: ignore[attr-defined]


def translate_help(command: click.Command) -> None:
    """Put the help texts of `command` and everything under it into the current language."""
    import inspect

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
