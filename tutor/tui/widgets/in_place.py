"""New text for a Static, laid out again only if it changes the Static's height.

Why: `Static.update` asks for a layout pass by default, and Textual lays out the whole screen: with
a lesson's text beside the chart (hundreds of Markdown widgets) that is 15–25 ms at 120×40, paid in
the frame that shows a nudge's chart whenever the challenge's or the title's words change (its first
try, a verdict). Text that wraps to as many rows at the Static's width needs only a repaint.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


def update_in_place(static: Static, content: Content) -> None:
    """Show `content` in `static`; a layout pass only if its wrapped height differs (or is not known)."""
    width, before = static.content_size.width, static.content
    same = width > 0 and isinstance(before, Content) and len(before.wrap(width)) == len(content.wrap(width))
    static.update(content, layout=not same)
