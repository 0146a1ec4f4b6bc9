"""A scrolling container that applies every key of a burst.

Textual's keyboard scrolling defers each scroll until after the next screen refresh, and computes
where to go when the key arrives: ten ↓ that arrive in one read (a fast typist, a held key, an SSH
link catching up) all aim at the line after the current one, and the text moves one line instead
of ten. These actions move from where the previous key was going, at once.
"""

from __future__ import annotations

from textual.containers import VerticalScroll


class BurstScroll(VerticalScroll):
    def _move(self, lines: float) -> None:
        self.scroll_to(y=max(0.0, min(self.scroll_target_y + lines, self.max_scroll_y)), animate=False,
                       immediate=True)

    def action_scroll_down(self) -> None:
        self._move(1)

    def action_scroll_up(self) -> None:
        self._move(-1)

    def action_page_down(self) -> None:
        self._move(self.scrollable_content_region.height)

    def action_page_up(self) -> None:
        self._move(-self.scrollable_content_region.height)
