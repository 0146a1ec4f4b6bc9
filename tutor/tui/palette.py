"""The command palette (Ctrl+P), dismissed once however fast Enter is pressed.

Textual's CommandPalette dismisses itself for each selection it handles. A second Enter that
arrives before the first selection is handled selects again, and the second dismiss popped the
screen underneath instead (home), which ended the app with ScreenStackError. This palette ignores a
dismiss once it is no longer the screen on top.
"""

from __future__ import annotations

from typing import Any

from textual.await_complete import AwaitComplete
from textual.command import CommandPalette as TextualCommandPalette


class CommandPalette(TextualCommandPalette):
    def dismiss(self, result: Any = None) -> AwaitComplete:
        if not self.is_current:  # dismissed already, by the selection handled before this one
            return AwaitComplete.nothing()
        return super().dismiss(result)
