"""Textual's footer, rebuilt at most once a frame and without the memory it leaks on each rebuild.

Each time the keys change (every focus move does that) Textual's Footer rebuilds its key widgets and
binds each new one to its own `compact` setting. The bindings of the removed keys are only dropped
the next time `compact` changes, which in this app is never, so every focus move kept about a dozen
dead widgets alive: thousands in a long session. After each rebuild this footer drops them itself,
and lets go of what they drew (tutor/tui/released_styles.py). A challenge met and unmet again as a
value goes back and forth shows and hides a key; without the release, 500 nudges of a learning rate
kept the style caches (and drawn lines) of about 500 removed keys alive, up to Textual's 1,024.

Opening a lesson also changes the keys several times in one frame (mounting, focusing, the first
run); one rebuild after the frame shows the same keys for a fraction of the work. And most changes
change nothing shown (moving from one parameter row to the next keeps the same keys), yet a rebuild
mounts a dozen widgets and lays the screen out again, which holds up the next key press for longer
than a frame: the footer rebuilds only when the keys it would show (or their language) differ from
those it shows.

Bindings are declared in English when their classes are made; the footer puts each description into
the learner's language as it is drawn, so switching languages needs no new classes.

A screen may name where the focus is (`show_where`): the footer starts with it, so a learner knows
whether ←/→ will nudge a value or the text will scroll.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Label

from tutor.i18n import _, language
from tutor.tui.released_styles import release_removed_widgets


class KeyFooter(Footer):
    _rebuild_pending = False
    #: What the keys shown were composed from (see `_shown_keys`).
    _composed: tuple[object, ...] | None = None
    #: Where the focus is, in words ("" for nothing to say).
    where = ""

    def __init__(self, *, compact: bool = False, show_command_palette: bool = True) -> None:
        super().__init__(compact=compact, show_command_palette=show_command_palette)
        # Textual's footer shows no keys in its first frame and waits for the screen to announce its
        # bindings; the screen has its keys when the footer is composed, so they are drawn at once.
        self.set_reactive(Footer._bindings_ready, True)

    def show_where(self, where: str) -> None:
        if where != self.where:
            self.where = where
            self.call_later(self.recompose)  # (on the footer's own queue: its keys bind to it)

    def bindings_changed(self, screen: Screen) -> None:
        if self._rebuild_pending:
            return
        self._rebuild_pending = True
        self.call_after_refresh(self._rebuild, screen)

    def _rebuild(self, screen: Screen) -> None:
        self._rebuild_pending = False
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        self._composed = self._shown_keys()
        if self.where:
            yield Label(f"{self.where}:", classes="footer-where")
        for widget in super().compose():
            description = getattr(widget, "description", None)  # a key (Textual keeps its class private)
            if isinstance(description, str) and description:
                widget.description = _(description)  # type: ignore[attr-defined]
            yield widget

    def _shown_keys(self) -> tuple[object, ...]:
        """Everything compose reads to draw the keys, in the order it draws them."""
        keys: list[object] = [language(), self.compact, self.show_command_palette, self.where]
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show or binding.action == "command_palette":
                keys.append((binding.key, binding.action, binding.description, binding.key_display,
                             binding.group, enabled, tooltip))
        return tuple(keys)

    async def recompose(self) -> None:
        if not self.is_attached:
            return
        shown = self._shown_keys()
        if shown == self._composed:
            return
        await super().recompose()
        # What the old keys drew, which Textual would keep (tutor/tui/released_styles.py): let go of
        # once a frame without them has been drawn, as the frame before may still have painted them.
        self.call_after_refresh(release_removed_widgets)
        # Textual keeps the watchers of a reactive in this attribute (textual.reactive._watch).
        watchers = getattr(self, "__watchers", {}).get("compact")
        if watchers:
            watchers[:] = [(node, callback) for node, callback in watchers
                           if getattr(node, "is_attached", True)]
