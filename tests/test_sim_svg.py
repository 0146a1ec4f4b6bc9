"""`gdtutor sim NAME --svg FILE`: the chart the terminal shows, as an SVG picture."""

from __future__ import annotations

import html
import re
from pathlib import Path

from click.testing import CliRunner

from tutor.cli.root import cli
from tutor.plots import ChartOptions, render
from tutor.sims import get_spec


def svg_text(svg: str) -> str:
    """The characters an SVG shows, in document order, spaces made plain."""
    shown = "".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))
    return html.unescape(shown).replace("\u00a0", " ")


def test_svg_holds_the_same_chart_text_as_the_terminal(tmp_path: Path) -> None:
    target = tmp_path / "bounce.svg"
    result = CliRunner().invoke(cli, ["sim", "lr-overshoot", "-s", "lr=1.9", "--svg", str(target)])
    assert result.exit_code == 0, result.output
    assert "oscillating" in result.output  # the status, as with --export
    svg = target.read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<svg") and svg.rstrip().endswith("</svg>")
    shown = svg_text(svg)
    run = get_spec("lr-overshoot").run(get_spec("lr-overshoot").resolve({"lr": "1.9"}))
    chart = render(run, ChartOptions(100, 30, color=False, unicode=True))
    for line in chart.splitlines():
        words = [w for w in line.split() if any(c.isalnum() for c in w)]
        for word in words:  # every label, tick and title of the plain chart is in the picture
            assert word in shown, word


def test_svg_refuses_another_kind_of_file_and_an_unwritable_place(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["sim", "lr-overshoot", "--svg", str(tmp_path / "chart.png")])
    assert result.exit_code == 2 and "--svg writes an .svg file" in result.output
    result = CliRunner().invoke(cli, ["sim", "lr-overshoot", "--svg", str(tmp_path / "no" / "chart.svg")])
    assert result.exit_code == 1 and "No such file or directory" in result.output
    assert "Traceback" not in result.output
