"""The `gdtutor` command: a thin click face over the course, the simulations and the charts.

Start-up speed matters here. `gdtutor` alone in a terminal opens the app without loading click at
all: the command line parser would add a quarter of the time the app takes to paint its first
screen, to parse nothing. Every other command line goes to the click group (tutor.cli.root), which
imports only click and gdtutor's light modules; each command's module is imported when that command
runs (tutor.cli.lazy_group), and each command imports what it needs (NumPy, plotext, Rich, textual)
when it runs. `gdtutor --help`, `--version`, `list` and `sims` never import NumPy or textual.
"""

from __future__ import annotations

import sys


def main(args: list[str] | None = None) -> None:
    from tutor.cli import output

    output.install()  # (no control sequence from content, no encoding error, quiet on a closed pipe)
    args = sys.argv[1:] if args is None else args
    if not args:
        from tutor.cli.launch import has_terminal

        if has_terminal():
            from tutor.cli.language import setup
            from tutor.cli.launch import launch
            from tutor.i18n import switch

            with switch(setup(args)):
                launch()
            return
    from tutor.cli.root import run

    run(args)
