"""Where a course file's fenced code blocks are, as Markdown itself sees them.

Quiz and predict blocks are fences; a glossary heading inside a fence is not a heading; glossary
links, the translation check and the text checks leave code alone. Each of them once found fences
with a rule of its own (backticks only or tildes too, any indentation, a closing fence of any
length), so a tilde fence, a longer fence holding a shorter one, indented code or a fence inside a
list could be a block to one reader and text to another, and to the renderer a third thing. They
all ask here, and this asks markdown-it-py, the CommonMark parser Rich draws lessons with, so a
block is a block exactly where the learner sees one. Only the block structure is parsed (inline
rules are what parsing costs), once per text.

Line numbers are indices into the lines the caller split the text into (each ended with LF here,
which is all markdown-it splits at), so they stay the caller's whatever else it splits at.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from tutor.lessons.content_error import ContentError
from tutor.text import Msg

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@dataclass(frozen=True)
class Fence:
    """One fenced block: `start` is the index of its opening line, `end` the index after its last
    (its closing fence; when it is never closed, the end of the text, list item or quote it is in)."""

    info: str  # what follows the opening fence, stripped: "quiz", "python", ""
    markup: str  # the opening fence: "```", "~~~~"
    start: int
    end: int
    closed: bool

    def inner(self, lines: Sequence[str]) -> list[str]:
        """The block's own lines, between its fences, as the file has them (indentation included)."""
        return list(lines[self.start + 1: self.end - 1 if self.closed else self.end])


def find_fences(lines: Sequence[str]) -> tuple[Fence, ...]:
    """Every fenced block of the Markdown in `lines`, in order (in lists and quotes too; not the
    text of an indented code block, which only looks like a fence)."""
    return _fences("".join(line + "\n" for line in lines))


def fenced_lines(fences: Sequence[Fence]) -> set[int]:
    """The indices of every line of these blocks, their fences included."""
    return {i for fence in fences for i in range(fence.start, fence.end)}


def blocks(lines: Sequence[str], kind: str, first_line: int, never_closed: Msg) -> list[Fence]:
    """The ```kind blocks of `lines`, in order, or ContentError at the first that is never closed
    (`never_closed` words it for a ``` one; `first_line` is the file line of lines[0])."""
    found = [fence for fence in find_fences(lines) if fence.info == kind]
    require_closed(found, first_line, never_closed)
    return found


def require_closed(fences: Sequence[Fence], first_line: int, never_closed: Msg | None = None) -> None:
    """ContentError at the first of `fences` that is never closed: everything after it would show as
    code. `never_closed` words it for a ``` fence."""
    for fence in fences:
        if not fence.closed:
            special = never_closed if fence.markup == "```" else None
            raise ContentError(None, first_line + fence.start, special or Msg(
                "this {fence} block is never closed: end it with a line of {fence}, or everything after it "
                "shows as code", fence=fence.markup))


@lru_cache(maxsize=128)
def _fences(text: str) -> tuple[Fence, ...]:
    found = []
    for token in _parser().parse(text):
        if token.type != "fence" or token.map is None:
            continue
        start, end = token.map
        # A closed fence spans its opening line, its content (each line ended by LF) and its closing
        # line; an unclosed one has no closing line (markdown-it says so only by the count).
        closed = end - start == token.content.count("\n") + 2
        found.append(Fence(token.info.strip(), token.markup, start, end, closed))
    return tuple(found)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # (imported once a file is parsed: a cached course needs none)

    return MarkdownIt("commonmark").disable(["inline", "text_join"], ignoreInvalid=True)
