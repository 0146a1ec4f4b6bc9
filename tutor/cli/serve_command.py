"""`gdtutor serve`: the course for a classroom of browsers (needs the `gdtutor[serve]` extra)."""

from __future__ import annotations

from pathlib import Path

import click

from tutor.cli.lessons_option import LESSONS_HELP, use_lessons
from tutor.i18n import _, language
from tutor.text import Msg


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on. Anything but this machine needs a reverse proxy that authenticates.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="The port to listen on.")
@click.option("--max-sessions", type=click.IntRange(1, 1000), default=30, show_default=True,
              help="Browser sessions at once (each is one app process); one more sees a page saying it is full.")
@click.option("--idle-timeout", type=click.FloatRange(0, 24 * 60), default=30, show_default=True, metavar="MINUTES",
              help="Close a session after this many minutes without a key pressed (0: never).")
@click.option("--public-url", metavar="URL",
              help="The address learners type, when a reverse proxy stands in front (https://…).")
@click.option("--lessons", type=click.Path(exists=True, file_okay=False, path_type=Path), metavar="DIR",
              expose_value=False, callback=use_lessons, help=LESSONS_HELP)
def serve_command(host: str, port: int, max_sessions: int, idle_timeout: float, public_url: str | None) -> None:
    """Serve the course to web browsers: one app per session, one progress file per learner name."""
    import shlex
    import sys

    try:
        from tutor.serve.server import ClassroomServer
    except ImportError as exc:
        raise click.ClickException(_("gdtutor serve needs textual-serve ({reason}); install it with: "
                                     "pip install 'gdtutor[serve]'").format(reason=exc)) from None
    # textual-serve runs the command through a shell; `exec` makes the app the session's process itself,
    # so stopping the session stops the app and never leaves it orphaned behind a shell.
    command = f"exec {shlex.quote(sys.executable)} -m tutor.serve.session_app {language()}"
    server = ClassroomServer(command, host=host, port=port, max_sessions=max_sessions,
                             idle_timeout=idle_timeout * 60, public_url=public_url)
    try:
        server.serve()
    except OSError as exc:
        from tutor.i18n import render

        raise click.ClickException(render(Msg("cannot listen on {host}:{port}: {reason}", host=host, port=port,
                                              reason=exc.strerror or str(exc)))) from None
