"""Which terminals and streams get colour and Unicode charts, and the marks drawn for each."""

from __future__ import annotations

import pytest

from tutor.present.glyphs import Glyphs
from tutor.present.terminal import Terminal, detect, for_stream


@pytest.mark.parametrize(("env", "unicode"), [
    ({"LANG": "en_US.UTF-8", "TERM": "xterm-256color"}, True),
    ({"LANG": "ko_KR.utf8", "TERM": "tmux-256color"}, True),
    ({"LANG": "C", "TERM": "xterm"}, False),
    ({"LANG": "C", "LC_CTYPE": "C.UTF-8", "TERM": "xterm"}, False),  # Python's own coercion (PEP 538)
    ({"LANG": "en_US.UTF-8", "LC_CTYPE": "C.UTF-8", "TERM": "xterm"}, True),
    ({"LC_CTYPE": "C.UTF-8", "TERM": "xterm"}, True),
    ({"LC_ALL": "POSIX", "LANG": "en_US.UTF-8", "TERM": "xterm"}, False),
    ({"LC_ALL": "en_GB.UTF-8", "LANG": "C", "TERM": "screen-256color"}, True),
    ({"LANG": "en_US.UTF-8", "TERM": "linux"}, False),
    ({"LANG": "en_US.UTF-8", "TERM": "vt100"}, False),
    ({"TERM": "xterm"}, False),
])
def test_unicode_needs_a_utf8_locale_and_a_capable_terminal(env: dict[str, str], unicode: bool) -> None:
    assert detect(env).unicode is unicode


def test_no_color_is_honoured_whatever_its_value() -> None:
    assert detect({"LANG": "C.UTF-8"}).color
    assert not detect({"LANG": "C.UTF-8", "NO_COLOR": "1"}).color
    assert not detect({"LANG": "C.UTF-8", "NO_COLOR": ""}).color


def test_ascii_glyphs_are_ascii() -> None:
    glyphs = Glyphs.for_terminal(Terminal(color=False, unicode=False))
    assert all(ord(ch) < 128 for value in vars(glyphs).values() for ch in value)


class Stream:
    """A stand-in for stdout: its encoding, and whether it is a terminal."""

    def __init__(self, encoding: str | None, tty: bool) -> None:
        self.encoding, self.tty = encoding, tty

    def isatty(self) -> bool:
        return self.tty


UTF8 = {"LANG": "en_US.UTF-8", "TERM": "xterm-256color"}


@pytest.mark.parametrize(("encoding", "tty", "env", "expected"), [
    ("utf-8", True, UTF8, Terminal(color=True, unicode=True)),
    ("UTF-8", False, UTF8, Terminal(color=False, unicode=True)),  # a pipe: no colour codes in the file
    ("ascii", True, UTF8, Terminal(color=True, unicode=False)),  # PYTHONIOENCODING=ascii
    ("latin-1", True, UTF8, Terminal(color=True, unicode=False)),
    (None, True, UTF8, Terminal(color=True, unicode=False)),
    ("utf-8", True, {**UTF8, "TERM": "linux"}, Terminal(color=True, unicode=False)),  # as the app decides
    ("utf-8", True, {**UTF8, "NO_COLOR": "1"}, Terminal(color=False, unicode=True)),
])
def test_the_cli_writes_unicode_and_colour_only_where_the_stream_and_terminal_hold_them(
        encoding: str | None, tty: bool, env: dict[str, str], expected: Terminal) -> None:
    assert for_stream(Stream(encoding, tty), env) == expected  # type: ignore[arg-type]


def test_a_lesson_state_has_one_mark_in_each_flavour() -> None:
    for unicode, marks in ((True, "✓◐○"), (False, "+~o")):
        glyphs = Glyphs.for_terminal(Terminal(color=True, unicode=unicode))
        assert "".join(glyphs.for_status(s) for s in ("complete", "in-progress", "not-started")) == marks
        assert glyphs.for_status("anything else") == glyphs.todo
