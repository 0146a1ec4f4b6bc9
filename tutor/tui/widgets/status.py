"""The status line: how the run ended, the facts the challenge reads, and what play mode is doing."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from tutor.i18n import render
from tutor.text import Msg

#: The longest a status message grows before it is cut.
MAX_LINES = 3


class StatusLine(Widget):
    """How the run ended (wrapping) over one line of facts (cut to fit); classes -diverged, -busy, -failed."""

    def compose(self) -> ComposeResult:
        yield Static(classes="status-message")
        yield Static(classes="status-facts")

    @property
    def text(self) -> str:
        """Both lines as plain text."""
        return "\n".join(str(static.content) for static in self.query(Static))

    def _set(self, message: str, facts: str = "", shrink: bool = True) -> None:
        # The message is as tall as its text wrapped (up to MAX_LINES); a new run's text costs a
        # layout pass only when that height changes, which during play it rarely does.
        line = self.query_one(".status-message", Static)
        content = Content(message)
        width = line.content_size.width or self.app.size.width - 2
        height = max(1, min(MAX_LINES, len(content.wrap(max(width, 1)))))
        now = int(line.styles.height.value) if line.styles.height is not None else 0
        if not shrink:  # a progress message: a shorter line must not resize the chart, whose new
            height = max(height, now)  # size would start the run again, and again
        relayout = now != height
        if relayout:
            line.styles.height = height
        line.update(content, layout=relayout)
        self.query_one(".status-facts", Static).update(Content(facts), layout=False)
        self._message = message

    _message = ""

    def on_resize(self) -> None:
        if self._message:
            facts = self.query_one(".status-facts", Static)
            self._set(self._message, str(facts.content))

    def show_result(self, status: Msg, facts: list[tuple[str, str]], extra: str = "",
                    diverged: bool = False) -> None:
        self.set_class(diverged, "-diverged")
        self.remove_class("-busy", "-failed")
        message = render(status) + (f"  ·  {extra}" if extra else "")
        self._set(message, "   ".join(f"{name} = {value}" for name, value in facts))

    def show_busy(self, text: str) -> None:
        self.add_class("-busy")
        self._set(text, shrink=False)

    def show_failure(self, message: Msg) -> None:
        self.add_class("-failed")
        self._set(render(message))
