"""The keyboard focus for a scrolling pane, held by a widget that is not the pane.

Textual restyles a widget and everything inside it whenever it gains or loses focus (a `:focus`
rule may match its descendants). The lesson's text pane holds the whole lesson as Markdown, hundreds
of widgets, so giving it the focus, and taking it away on every `t`, restyled all of them: hundreds
of milliseconds for a key that only changes which pane is shown. This widget has no size and no
children; it takes the focus in the pane's place and scrolls the pane by keys, so a focus change
restyles one widget. (A click on the pane still focuses the pane itself, as Textual does.)
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer
from textual.widget import Widget


class PaneKeys(Widget, can_focus=True):
    """Scroll keys for the pane whose id is given; focus it instead of the pane."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "scroll('scroll_up')", show=False),
        Binding("down", "scroll('scroll_down')", show=False),
        Binding("pageup", "scroll('page_up')", show=False),
        Binding("pagedown", "scroll('page_down')", show=False),
        Binding("home", "scroll('scroll_home')", show=False),
        Binding("end", "scroll('scroll_end')", show=False),
    ]

    def __init__(self, pane: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.pane = pane

    def action_scroll(self, action: str) -> None:
        """The pane's own key action, so a burst of keys is applied as the pane applies it."""
        pane = self.screen.query_one(f"#{self.pane}", ScrollableContainer)
        getattr(pane, f"action_{action}")()
