"""What a browser's terminal shows, rebuilt from the bytes the page received on its websocket.

The page draws the terminal on a canvas, so its text is not in the DOM; the bytes that the page
hands to its terminal are the next best witness. This is a small, independent terminal: cursor
moves, erases and printable text (wide characters take two cells); colours and modes are ignored.
"""

from __future__ import annotations

import codecs
import unicodedata

ESC = "\x1b"


class TerminalScreen:
    def __init__(self, width: int = 300, height: int = 120) -> None:
        self.width, self.height = width, height
        self.cells = [[" "] * width for _ in range(height)]
        self.row = self.col = 0
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._pending = ""

    def feed(self, data: bytes) -> None:
        text = self._pending + self._decoder.decode(data)
        self._pending = ""
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == ESC:
                end = self._escape_end(text, i)
                if end is None:  # (a sequence cut between two frames)
                    self._pending = text[i:]
                    return
                self._escape(text[i:end])
                i = end
                continue
            if ch == "\r":
                self.col = 0
            elif ch == "\n":
                self.row = min(self.row + 1, self.height - 1)
            elif ch == "\b":
                self.col = max(0, self.col - 1)
            elif ch.isprintable():
                self._put(ch)
            i += 1

    def text(self) -> str:
        return "\n".join("".join(row).rstrip() for row in self.cells).rstrip()

    def _put(self, ch: str) -> None:
        wide = unicodedata.east_asian_width(ch) in ("W", "F")
        if 0 <= self.row < self.height and 0 <= self.col < self.width:
            self.cells[self.row][self.col] = ch
            if wide and self.col + 1 < self.width:
                self.cells[self.row][self.col + 1] = ""
        self.col += 2 if wide else 1

    @staticmethod
    def _escape_end(text: str, i: int) -> int | None:
        if i + 1 >= len(text):
            return None
        kind = text[i + 1]
        if kind == "[":
            j = i + 2
            while j < len(text) and not ("@" <= text[j] <= "~"):
                j += 1
            return j + 1 if j < len(text) else None
        if kind in "]P_^":  # OSC, DCS, APC, PM: to BEL or ESC backslash
            for j in range(i + 2, len(text)):
                if text[j] == "\x07":
                    return j + 1
                if text[j] == ESC and j + 1 < len(text) and text[j + 1] == "\\":
                    return j + 2
            return None
        return i + 2

    def _escape(self, seq: str) -> None:
        if not seq.startswith(ESC + "[") or seq[2:3] in "?<=>":
            return
        final, body = seq[-1], seq[2:-1]
        numbers = [int(n) if n.isdigit() else 0 for n in body.split(";")] if body else []
        first = numbers[0] if numbers else 0
        if final in "Hf":
            self.row = max(0, (numbers[0] if numbers else 1) - 1)
            self.col = max(0, (numbers[1] if len(numbers) > 1 else 1) - 1)
        elif final == "A":
            self.row = max(0, self.row - max(1, first))
        elif final == "B":
            self.row = min(self.height - 1, self.row + max(1, first))
        elif final == "C":
            self.col += max(1, first)
        elif final == "D":
            self.col = max(0, self.col - max(1, first))
        elif final == "G":
            self.col = max(0, first - 1)
        elif final == "K" and 0 <= self.row < self.height:
            start, stop = {0: (self.col, self.width), 1: (0, self.col + 1)}.get(first, (0, self.width))
            for c in range(max(0, start), min(self.width, stop)):
                self.cells[self.row][c] = " "
        elif final == "J" and first == 2:
            self.cells = [[" "] * self.width for _ in range(self.height)]
