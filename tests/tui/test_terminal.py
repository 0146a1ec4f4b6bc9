"""Which terminals get colour and Unicode charts."""

from __future__ import annotations

import pytest

from tutor.tui.terminal import Glyphs, Terminal, detect


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
