"""`gdtutor sim NAME --svg FILE`: the chart as an SVG picture, for slides and handouts.

The chart is the very text the terminal shows (the same `tutor.plots.render`, in colour), turned
into SVG by Rich's console export, the one Textual's screenshots use: no plotting library, and the
picture matches what the learner sees. Its size is fixed (100×30 cells unless given), not taken
from the terminal, so the same command makes the same picture anywhere.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import click

from tutor.cli.errors import usage_error
from tutor.i18n import _, render
from tutor.text import Msg

WIDTH, HEIGHT = 100, 30


def chart_svg(result: Any, width: int | None, height: int | None, title: str) -> str:
    from rich.console import Console
    from rich.text import Text

    from tutor.plots import ChartOptions
    from tutor.plots import render as render_chart

    width, height = width or WIDTH, height or HEIGHT
    chart = render_chart(result, ChartOptions(width, height, color=True, unicode=True, translate=_))
    console = Console(record=True, width=width, file=io.StringIO(), force_terminal=True, color_system="truecolor",
                      legacy_windows=False)
    console.print(Text.from_ansi(chart), crop=True)
    console.print(Text(render(result.status)), crop=True)
    return console.export_svg(title=title)


def write_svg(result: Any, target: str, width: int | None, height: int | None, ctx: click.Context) -> None:
    path = Path(target)
    if path.suffix.lower() != ".svg":
        raise usage_error(Msg('--svg writes an .svg file; got "{path}"', path=target), ctx)
    svg = chart_svg(result, width, height, f"gdtutor sim {result.sim}")
    try:
        path.write_text(svg, encoding="utf-8")
    except OSError as exc:
        raise click.FileError(target, hint=exc.strerror or str(exc)) from None
