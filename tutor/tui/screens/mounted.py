"""Screens whose keys wait until they are built.

Keys that arrive in one burst (a fast typist, a paste, an SSH link catching up) are handled one
after another by the app, and the key after the one that opens a screen is dispatched to that
screen at once, before Textual has built its widgets. Its action then finds no widgets, or closes
the screen, whose first handlers find none: either way the app ended with NoMatches. A screen with
this mixin ignores its own key bindings until it is mounted; the key is lost, the app is not.
"""

from __future__ import annotations

from textual.screen import Screen


class KeysWhenMounted(Screen):
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return False
        return super().check_action(action, parameters)
