"""Markdown for the course's prose: lessons, the glossary and help.

Lessons set formulas as code blocks without a language (`    L(w) = (a/2)·(w − w*)²`). Textual's
Markdown would ask Pygments to guess a language for each, which imports every lexer Pygments has
(about 7 MB and a noticeable pause the first time a lesson opens) only to colour arithmetic as if
it were some programming language. Blocks that name no language are shown as plain text instead.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets.markdown import Markdown, MarkdownBlock, MarkdownFence


class PlainFence(MarkdownFence):
    """A code block; without a named language, plain text rather than a guessed one."""

    @classmethod
    def highlight(cls, code: str, language: str, ansi: bool = False, dark: bool = False) -> Content:
        return super().highlight(code, language or "text", ansi, dark)


class Prose(Markdown):
    BLOCKS: dict[str, type[MarkdownBlock]] = {  # noqa: RUF012  (declared so by Textual's Markdown)
        **Markdown.BLOCKS, "fence": PlainFence, "code_block": PlainFence}
