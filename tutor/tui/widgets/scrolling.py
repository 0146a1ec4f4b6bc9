"""A scrolling container that applies every key of a burst.

Textual's keyboard scrolling defers each scroll until after the next screen refresh, and computes
where to go when the key arrives: ten ↓ that arrive in one read (a fast typist, a held key, an SSH
link catching up) all aim at the line after the current one, and the text moves one line instead
of ten. These actions move from where the previous key was going, at once.

A pane is also what the focus moves to and from (`t`, Tab, opening and closing help or the
glossary), and Textual answers a widget's focus change by applying the stylesheet again to it and to
everything inside it: for a pane holding a lesson's text, several hundred Markdown widgets, 100–180
ms a move on a 2-core machine, and closing help spent most of its time so. No rule of gdtutor's or
Textual's styles a pane's contents by the pane's focus (`#text-pane:focus` tints the pane itself,
and its contents are repainted over it), so the pane restyles itself and its scroll bars alone.
"""

from __future__ import annotations

from textual.containers import VerticalScroll


class BurstScroll(VerticalScroll):
    def watch_has_focus(self, _has_focus: bool) -> None:
        self.app.stylesheet.update_nodes([self])  # (the Focus and Blur handlers repaint it)

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
