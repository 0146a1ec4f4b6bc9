"""The chart: text a chart module drew, shown as it is, never wrapped.

The chart is built for exactly this widget's size; when the size changes the widget says so (a
`Resized` message) and the lesson screen asks for a chart of the new size.

A chart arrives with its lines already turned into strips (`chart_content`, on the simulation
thread), and the widget paints them line by line: turning a coloured chart into strips costs about
as much as building it, and done at paint time it would hold up every frame and every key press.
Only the lines that differ from the chart on screen are repainted, so the frame, the axes and the
untouched parts of a curve are not sent to the terminal again (over SSH, every byte counts).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual import events
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from tutor.tui.widgets import chart_strips

if TYPE_CHECKING:
    from tutor.plots import ChartOptions


@dataclass(frozen=True, eq=False)
class Chart:
    """A chart ready to paint: one strip per line, its text as plain text, and the text it came from
    (with its colour codes when `color`). All made on the simulation thread but `content`."""

    text: str
    color: bool
    lines: tuple[Strip, ...]
    plain: str
    #: Whether `lines` were read by tutor.tui.widgets.chart_strips (else Rich made them).
    read_directly: bool = False

    @cached_property
    def content(self) -> Content:
        """The chart as Textual content (its styled spans), made only when asked for."""
        return Content.from_rich_text(_source(self.text, self.color))


def _source(text: str, color: bool) -> Text:
    return Text.from_ansi(text, no_wrap=True) if color else Text(text, no_wrap=True)


def chart_content(text: str, options: ChartOptions) -> Chart:
    """A chart's text (with ANSI colours unless they are off), as strips ready to paint.

    Runs on the simulation thread, so reading the colour codes and styling the lines costs the
    interface nothing. The codes are read directly (tutor.tui.widgets.chart_strips) unless the text
    holds something that module leaves to Rich.
    """
    lines = chart_strips.strips(text) if options.color else chart_strips.uncoloured(text)
    if lines is None:
        return rich_chart(text, options)
    return Chart(text, options.color, lines, chart_strips.plain(text) if options.color else text, read_directly=True)


def rich_chart(text: str, options: ChartOptions) -> Chart:
    """The chart's strips as Rich makes them: its ANSI decoder, then its line renderer."""
    source = _source(text, options.color)
    console = Console(file=io.StringIO(), width=max(options.width, 1), color_system="truecolor",
                      legacy_windows=False, force_terminal=True)
    rendered = console.render_lines(source, console.options.update(no_wrap=True, overflow="crop", width=1 << 16),
                                    pad=False)
    return Chart(text, options.color, tuple(Strip(segments) for segments in rendered), source.plain)


class ChartView(Widget):
    """Shows the newest chart; a resize asks for a new one."""

    class Resized(Message):
        def __init__(self, width: int, height: int) -> None:
            super().__init__()
            self.width = width
            self.height = height

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(self.Resized(self.content_size.width, self.content_size.height))

    #: The chart on screen, as plain text.
    text = ""
    _chart: Chart | None = None

    @property
    def content(self) -> Content:
        """The chart on screen as content (empty before the first)."""
        return self._chart.content if self._chart is not None else Content("")

    def show(self, chart: Chart) -> None:
        before, self._chart = self._chart, chart
        self.text = chart.plain
        if before is None or len(before.lines) != len(chart.lines):
            self.refresh()
            return
        width = self.size.width
        changed = [Region(0, y, width, 1) for y, (old, new) in enumerate(zip(before.lines, chart.lines, strict=True))
                   if old != new]
        if changed:
            self.refresh(*changed)

    #: The widget's style for the render pass under way (see render_lines).
    _style: Style | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        # Work the widget's style out once per pass, not once per line: it walks every ancestor's
        # background, and a new chart repaints most of its lines.
        self._style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._style = None

    def render_line(self, y: int) -> Strip:
        style = self._style if self._style is not None else self.rich_style
        width = self.size.width
        if self._chart is None or y >= len(self._chart.lines):
            return Strip.blank(width, style)
        return self._chart.lines[y].apply_style(style).crop(0, width)  # (the widget pads it, as for text)
