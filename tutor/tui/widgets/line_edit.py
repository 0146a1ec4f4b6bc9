"""A one-line text editor as plain state, for typing a parameter's exact value in place.

The parameter row edits its own text instead of focusing a separate Input widget because of how
keys travel in Textual: keys that arrive together (a fast typist, a paste, an SSH link delivering
a burst) are all queued for the widget focused when they arrived. If Enter moved the focus to an
Input, the digits behind it would still reach the row — and the screen's number keys would answer
the quiz. Handled in the row's own key handler, every key lands in order.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class LineEdit:
    text: str = ""
    cursor: int = 0
    fresh: bool = True
    """The text is the old value, shown selected: the first character typed replaces it."""

    @classmethod
    def start(cls, text: str) -> LineEdit:
        return cls(text, len(text), True)

    def insert(self, typed: str) -> None:
        typed = "".join(ch for ch in typed if ch.isprintable())
        if self.fresh:
            self.text, self.cursor = "", 0
        self.fresh = False
        self.text = self.text[: self.cursor] + typed + self.text[self.cursor:]
        self.cursor += len(typed)

    def key(self, key: str) -> bool:
        """Apply an editing key (Textual's key names); False if it is not one."""
        if key in ("backspace", "ctrl+h"):
            if self.fresh:
                self.text, self.cursor = "", 0
            elif self.cursor:
                self.text = self.text[: self.cursor - 1] + self.text[self.cursor:]
                self.cursor -= 1
        elif key in ("delete", "ctrl+d"):
            if self.fresh:
                self.text, self.cursor = "", 0
            self.text = self.text[: self.cursor] + self.text[self.cursor + 1:]
        elif key == "left":
            self.cursor = 0 if self.fresh else max(0, self.cursor - 1)
        elif key == "right":
            self.cursor = min(len(self.text), self.cursor + 1)
        elif key in ("home", "ctrl+a"):
            self.cursor = 0
        elif key in ("end", "ctrl+e"):
            self.cursor = len(self.text)
        elif key == "ctrl+u":
            self.text, self.cursor = self.text[self.cursor:], 0
        elif key == "ctrl+k":
            self.text = self.text[: self.cursor]
        else:
            return False
        self.fresh = False
        return True
