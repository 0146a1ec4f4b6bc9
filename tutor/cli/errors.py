"""Turning gdtutor's own errors into click usage errors: exit code 2, one message, no traceback."""

from __future__ import annotations

import click

from tutor.i18n import render
from tutor.text import Msg


def usage_error(msg: Msg | str, ctx: click.Context | None = None) -> click.UsageError:
    """The message in the learner's language, as click's usage error."""
    return click.UsageError(render(msg), ctx=ctx)
