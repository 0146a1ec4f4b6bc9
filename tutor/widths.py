"""How wide text is on a terminal, where a Korean syllable takes two columns and a letter one.

Counting characters with `len()` lines English up, but a Korean title counted that way is twice as
wide as its budget. Everything that pads, clips or aligns text by hand measures it here, with Rich's
cell widths (`rich.cells`), the ones Textual lays the screen out with, so gdtutor and Textual never
disagree about a string (emoji sequences, variation selectors and soft hyphens included). plotext
counts characters, so its charts are corrected after they are built (`squeeze_wide`). Rich is
imported on first measurement: `gdtutor --version` never measures anything.
"""

from __future__ import annotations

import re
from functools import lru_cache

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """Columns one character takes: 2 for East Asian wide and full-width, 0 for combining marks."""
    from rich.cells import get_character_cell_size

    return get_character_cell_size(char)


def cell_width(text: str) -> int:
    """Columns `text` takes on a terminal (ANSI colour codes take none)."""
    if "\x1b" in text:
        text = _ANSI.sub("", text)
    if text.isascii() and text.isprintable():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def clip(text: str, width: int, ellipsis: str = "…") -> str:
    """`text` cut to at most `width` columns, ending in `ellipsis` where something was cut; a
    grapheme (a letter with its marks, an emoji sequence) is kept whole or cut whole."""
    if cell_width(text) <= width:
        return text
    from rich.cells import split_graphemes

    room = max(width - cell_width(ellipsis), 0)
    spans, _ = split_graphemes(text)
    end, used = 0, 0
    for _start, stop, size in spans:
        if used + size > room:
            break
        end, used = stop, used + size
    return text[:end] + (ellipsis if width >= cell_width(ellipsis) else "")


def ljust(text: str, width: int) -> str:
    """`text` padded with spaces to `width` columns."""
    return text + " " * max(width - cell_width(text), 0)


#: Characters a chart's frame is drawn with: after a wide character, these must stay in their column.
_FRAME = set("│┤├┼┬┴┌┐└┘║╣╠╬╦╩╔╗╚╝|+")


def _droppable(char: str) -> bool:
    """Filler a chart can spare one of: a space, a Braille dot cell, a block element, a marker dot."""
    return char == " " or "\u2800" <= char <= "\u28ff" or "\u2580" <= char <= "\u259f" or char in "•●·"


def squeeze_wide(line: str) -> str:
    """A line built by counting characters, made as wide on screen as it was meant to be.

    Each wide character pushes what follows it one column to the right. Removing one space from the
    next run of two or more spaces after it (the padding around a title or a legend) puts the rest of
    the line back where it belongs; single spaces between words stay. Where no such padding comes
    before the next piece of a chart's frame (a legend with a curve behind it), the filler just
    before that piece goes instead, so the frame stays straight."""
    if line.isascii() or all(char_width(char) == 1 for char in set(_ANSI.sub("", line))):
        return line  # (nothing in it is wide: Braille dots, blocks and the frame take a column each)
    tokens = [t for t in re.split(r"(\x1b\[[0-9;]*m)", line) if t]
    chars: list[tuple[str, bool]] = []  # (text, is_escape)
    for token in tokens:
        if _ANSI.fullmatch(token):
            chars.append((token, True))
        else:
            chars.extend((c, False) for c in token)
    visible = [i for i, (_, escape) in enumerate(chars) if not escape]
    drop: set[int] = set()
    kept: list[int] = []  # visible characters kept since the last frame piece
    excess = 0
    for n, i in enumerate(visible):
        char = chars[i][0]
        if char == " " and excess > 0:
            following = chars[visible[n + 1]][0] if n + 1 < len(visible) else None
            if following == " " or following is None:
                drop.add(i)
                excess -= 1
                continue
        if char in _FRAME and excess > 0:
            while excess > 0 and kept and _droppable(chars[kept[-1]][0]):
                drop.add(kept.pop())
                excess -= 1
        if char in _FRAME:
            kept.clear()
        else:
            kept.append(i)
        excess += char_width(char) - 1
    return "".join(text for i, (text, _) in enumerate(chars) if i not in drop)
