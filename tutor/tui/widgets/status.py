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

    def _set(self, message: str, facts: str = "", keep_height: bool = True) -> None:
        # The message is as tall as the tallest text it has shown at this width (wrapped, up to
        # MAX_LINES): a height change is a layout pass of the whole screen and a new chart size,
        # which starts the run again, so a nudge whose message wraps to fewer lines than the last
        # one leaves the rows where they are. Only a new width (a resize) lets the message shrink.
        line = self.query_one(".status-message", Static)
        content = Content(message)
        width = line.content_size.width or self.app.size.width - 2
        height = max(1, min(MAX_LINES, len(content.wrap(max(width, 1)))))
        now = int(line.styles.height.value) if line.styles.height is not None else 0
        if keep_height:
            height = max(height, now)
        relayout = now != height
        if relayout:
            line.styles.height = height
        line.update(content, layout=relayout)
        self.query_one(".status-facts", Static).update(Content(facts), layout=False)
        self._message = message

    _message = ""
    _width = 0

    def on_resize(self) -> None:
        # The message's own height changes resize the line too; only a new width re-wraps it.
        width = self.size.width
        if width == self._width:
            return
        self._width = width
        if self._message:
            facts = self.query_one(".status-facts", Static)
            self._set(self._message, str(facts.content), keep_height=False)

    def show_result(self, status: Msg, facts: list[tuple[str, str]], extra: str = "",
                    diverged: bool = False) -> None:
        self.set_class(diverged, "-diverged")
        self.remove_class("-busy", "-failed")
        message = render(status) + (f"  ·  {extra}" if extra else "")
        self._set(message, "   ".join(f"{name} = {value}" for name, value in facts))

    def show_busy(self, text: str) -> None:
        self.add_class("-busy")
        self._set(text)

    def show_failure(self, message: Msg) -> None:
        self.add_class("-failed")
        self._set(render(message))
