"""The small terminal the browser tests read the page's screen with: it must place text as a
terminal does, or the browser tests could pass on a screen that never showed the words."""

from __future__ import annotations

from tests.serve.terminal_screen import TerminalScreen


def test_cursor_moves_styles_and_wide_characters_land_where_a_terminal_puts_them() -> None:
    screen = TerminalScreen(width=12, height=3)
    screen.feed("\x1b[2;3Hab\x1b[1;1Hxy\x1b[31;1m가z\x1b[0m\x1b]0;title\x07".encode())
    screen.feed(b"\x1b[3;5Hq\x1b[")  # a sequence cut between two frames ...
    screen.feed(b"2Dr")  # ... and finished in the next: two columns back, then r
    assert screen.text().splitlines() == ["xy가z", "  ab", "   rq"]


def test_erase_to_end_of_line_and_clear_screen() -> None:
    screen = TerminalScreen(width=10, height=2)
    screen.feed(b"hello\x1b[1;3H\x1b[K")
    assert screen.text() == "he"
    screen.feed(b"\x1b[2J")
    assert screen.text() == ""
