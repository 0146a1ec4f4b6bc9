"""The floor gdtutor's app is compared with: the smallest Textual app that paints a screen.

One line of text and nothing else, run in the same pseudo-terminal at the same size and detected
the same way (its text arriving in the output). `--heavy` also imports NumPy and plotext and shows
a Markdown widget, the modules any lesson screen needs, for the memory comparison.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import Static

READY = "minimal textual app ready"


class MinimalApp(App[None]):
    def __init__(self, heavy: bool) -> None:
        super().__init__()
        self.heavy = heavy

    def compose(self) -> ComposeResult:
        if self.heavy:
            import numpy  # noqa: F401
            import plotext  # noqa: F401
            from textual.widgets import Markdown

            yield Markdown("# A lesson\n\nSome *text*, a list:\n\n- one\n- two\n")
        yield Static(READY)


if __name__ == "__main__":
    MinimalApp(heavy="--heavy" in sys.argv).run()
