"""A chart's coloured text turned into strips by reading its few colour codes directly.

Why not Rich alone: plotext colours a chart with a handful of SGR sequences (a reset, and 256-colour
or true-colour foregrounds and backgrounds), one wherever the colour changes. Rich's
`Text.from_ansi` decodes any terminal output into spans, and `Console.render_lines` then lays that
text out again to cut it into segments: 10–13 ms for a classification lesson's coloured map, on the
simulation thread, for every nudge, where reading the codes straight into segments takes a fraction
of that. Only those sequences are read; a chart holding anything else (another SGR attribute, any
other escape or control character) is left to Rich (`strips` returns None), which stays the
reference the tests hold this to, cell by cell.

As in Rich's decoder, a colour set on one line holds on the next until a reset.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

_SGR = re.compile(r"\x1b\[([0-9;]*)m")
#: What Rich would treat otherwise: control characters (after the SGR sequences are taken out) and
#: the other line breaks `str.splitlines` knows.
_OTHER = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")

Colour = tuple[int, ...] | None  # (n,) a 256-colour index, (r, g, b) a true colour, None the default


@lru_cache(maxsize=1024)
def _colour(code: tuple[int, ...]) -> Color:
    return Color.from_ansi(code[0]) if len(code) == 1 else Color.from_rgb(*code)


@lru_cache(maxsize=4096)
def _style(fg: Colour, bg: Colour) -> Style | None:
    if fg is None and bg is None:
        return None
    return Style(color=_colour(fg) if fg is not None else None, bgcolor=_colour(bg) if bg is not None else None)


def _apply(codes: str, fg: Colour, bg: Colour) -> tuple[Colour, Colour] | None:
    """The colours after one SGR sequence's codes, or None for a code this module does not read."""
    numbers = [int(c) if c else 0 for c in codes.split(";")]
    at = 0
    while at < len(numbers):
        code = numbers[at]
        if code == 0:
            fg = bg = None
            at += 1
        elif code in (38, 48) and numbers[at + 1: at + 2] == [5] and at + 2 < len(numbers):
            colour: Colour = (min(numbers[at + 2], 255),)
            fg, bg = (colour, bg) if code == 38 else (fg, colour)
            at += 3
        elif code in (38, 48) and numbers[at + 1: at + 2] == [2] and at + 4 < len(numbers):
            colour = tuple(min(n, 255) for n in numbers[at + 2: at + 5])
            fg, bg = (colour, bg) if code == 38 else (fg, colour)
            at += 5
        else:
            return None
    return fg, bg


def strips(text: str) -> tuple[Strip, ...] | None:
    """One strip per line of `text`, coloured as its SGR codes say; None if it holds anything else."""
    if _OTHER.search(_SGR.sub("", text)):
        return None
    fg: Colour = None
    bg: Colour = None
    lines = []
    for line in text.split("\n"):  # (a last empty line too, as Rich has it)
        segments = []
        at = 0
        for match in _SGR.finditer(line):
            if match.start() > at:
                segments.append(Segment(line[at: match.start()], _style(fg, bg)))
            colours = _apply(match.group(1), fg, bg)
            if colours is None:
                return None
            fg, bg = colours
            at = match.end()
        if at < len(line):
            segments.append(Segment(line[at:], _style(fg, bg)))
        lines.append(Strip(segments))
    return tuple(lines)


def uncoloured(text: str) -> tuple[Strip, ...] | None:
    """One strip per line of `text`, which has no colour codes; None if it holds a control character."""
    if _OTHER.search(text) or "\x1b" in text:
        return None
    return tuple(Strip([Segment(line)] if line else []) for line in text.split("\n"))


def plain(text: str) -> str:
    """`text` without its SGR sequences (for a text `strips` read)."""
    return _SGR.sub("", text)
