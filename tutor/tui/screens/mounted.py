"""Screens that tolerate keys before they are built, and being taken down while they are built.

Keys that arrive in one burst (a fast typist, a paste, an SSH link catching up) are handled one
after another, and the key after the one that opens a screen is dispatched to that screen at once,
before Textual has built its widgets: its action found no widgets, or closed the screen. And an
app-level key in the same burst (Ctrl+P and a lesson, Ctrl+Q) could take the screen down while it
was still being built, so that its first handlers found no widgets. Either way the app ended with
NoMatches. A screen built on this class ignores its own key bindings until it is mounted (the key
is lost, not the app), and runs its first handlers in `unless_taken_down`.

Each time a screen is pushed Textual applies the stylesheet to all of it again (ScreenResume's
`refresh_styles`), the first time included, when every widget has just had its styles applied as it
was mounted: for a lesson, 60–80 ms of the 0.3–0.5 s it takes to open, and as much again each time a
kept screen (help, the glossary, the lesson left for home) is shown again. Styles only go stale while
a screen is hidden if the stylesheet changed meanwhile (a new theme), and Textual counts those changes
(`App._css_update_count`, bumped by each): a screen is restyled whole when that count moved since it
was last shown, and not otherwise. (A change to a widget's classes or state restyles that widget at
once, shown or not.)

And when one of these screens is removed, what its widgets last drew is let go of
(tutor.tui.released_styles): Textual would keep it. Its frames are paced by tutor.tui.frame_timer.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from textual import events
from textual.css.query import NoMatches

from tutor.tui.frame_timer import PacedFrames
from tutor.tui.released_styles import release_removed_widgets


class KeysWhenMounted(PacedFrames):
    #: Selectors of the widgets the screen's handlers fill in; all present once it is built.
    PARTS: tuple[str, ...] = ()

    #: The app's count of stylesheet changes when this screen was last shown (None: not shown yet).
    _styled_under: int | None = None

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        changes = getattr(self.app, "_css_update_count", None)  # (a private count: absent, restyle as Textual does)
        if changes is not None and self._styled_under in (None, changes):
            event.refresh_styles = False
        self._styled_under = changes if changes is not None else -1
        super()._on_screen_resume(event)

    def on_unmount(self) -> None:
        release_removed_widgets()  # (its widgets are gone by now: Textual removes children first)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return False
        return super().check_action(action, parameters)

    @contextlib.contextmanager
    def unless_taken_down(self) -> Iterator[None]:
        """Run a handler; if a widget it needs is gone because the screen is being taken down, stop
        quietly. (A widget missing from a screen that has all its PARTS is a real mistake: raised.)"""
        try:
            yield
        except NoMatches:
            if not self.PARTS or len(self.query(", ".join(self.PARTS))) == len(self.PARTS):
                raise
