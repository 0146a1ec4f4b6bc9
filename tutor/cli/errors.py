"""Turning gdtutor's own errors into click usage errors: exit code 2, one message, no traceback."""

from __future__ import annotations

import click

from tutor.i18n import render
from tutor.text import Msg


def printable(text: str) -> str:
    """`text` with each character a terminal would act on (newlines, escape sequences, bytes that were
    not UTF-8) written as its escape, so a message quoting what the learner typed stays one line."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def usage_error(msg: Msg | str, ctx: click.Context | None = None) -> click.UsageError:
    """The message in the learner's language, as click's usage error."""
    return click.UsageError(printable(render(msg)), ctx=ctx)
