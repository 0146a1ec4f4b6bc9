"""A click group whose subcommands are imported when they are used, not when `gdtutor` starts.

`gdtutor list` should cost click plus the course, not click plus every command module: each module
is imported on the first `get_command` for its name. `gdtutor --help` still lists every command with
its own help text (so that text is written once, on the command); only then are all of them loaded.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

import click


class LazyGroup(click.Group):
    """`lazy` maps a command's name to "module:attribute", the command (or a function that makes
    it); `prepare` runs once on each command as it is loaded (translation, the help list's text)."""

    def __init__(self, *args: Any, lazy: Mapping[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy: dict[str, str] = dict(lazy or {})
        self.prepare: Callable[[click.Command], None] = lambda command: None

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            self.add_command(self.load(cmd_name), cmd_name)
        return self.commands.get(cmd_name)

    def load(self, name: str) -> click.Command:
        module_name, _, attribute = self.lazy[name].partition(":")
        found = getattr(importlib.import_module(module_name), attribute)
        command = found if isinstance(found, click.Command) else found()
        self.prepare(command)
        return command

    def load_all(self) -> None:
        """Every command now (for code that walks `commands`)."""
        for name in self.lazy:
            self.get_command(click.Context(self), name)
