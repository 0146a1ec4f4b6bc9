"""`gdtutor --help` lists each command with its whole first paragraph, never cut off with "...".

Click shortens a command's description to fit one line beside its name, so "Erase your progress for
one LESSON, or for the whole..." hid what the command erases. Setting `short_help` to the first
paragraph (after the help has been translated) makes click wrap it instead.
"""

from __future__ import annotations

import inspect

import click


def first_paragraph(text: str | None) -> str:
    return " ".join(inspect.cleandoc(text or "").split("\n\n")[0].split())


def untruncated(group: click.Group) -> None:
    """Give each subcommand of `group` its first paragraph as the description the list shows."""
    for command in group.commands.values():
        if command.help:
            command.short_help = first_paragraph(command.help)
