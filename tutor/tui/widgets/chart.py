"""The chart: text a chart module drew, shown as it is, never wrapped.

The chart is built for exactly this widget's size; when the size changes the widget says so (a
`Resized` message) and the lesson screen asks for a chart of the new size.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

if TYPE_CHECKING:
    from tutor.plots import ChartOptions


def chart_content(text: str, options: ChartOptions) -> Content:
    """A chart's text (with ANSI colours unless they are off) as Textual content.

    Runs on the simulation thread, so parsing the escape codes costs the interface nothing.
    """
    rich_text = Text.from_ansi(text, no_wrap=True) if options.color else Text(text, no_wrap=True)
    return Content.from_rich_text(rich_text)


class ChartView(Static):
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

    def show(self, chart: Content | str) -> None:
        self.text = chart.plain if isinstance(chart, Content) else chart
        self.update(chart, layout=False)
