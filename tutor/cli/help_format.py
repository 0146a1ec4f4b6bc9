"""Help text laid out by terminal columns, so Korean help wraps at the width of the terminal.

Click measures help text by characters. That is right for English, where a letter takes one column,
but a Korean syllable takes two: measured by characters, a Korean paragraph runs up to twice as wide
as the terminal and the option list's second column no longer lines up. `CellHelpFormatter` is
click's `HelpFormatter` measuring in columns (tutor.widths), and `CellContext` the context that
makes it (click's documented `Context.formatter_class`); every gdtutor command is given that
context (`use_cell_help`). Text that is all ASCII is still wrapped by click's own `wrap_text`, so
English help is exactly click's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import click
from click.formatting import wrap_text as click_wrap_text

from tutor.i18n import _
from tutor.widths import cell_width, char_width


def _break_word(word: str, room: int) -> tuple[str, str]:
    """The longest start of `word` that fits in `room` columns (at least one character), and the rest."""
    used = 0
    for end, char in enumerate(word):
        used += char_width(char)
        if used > room and end > 0:
            return word[:end], word[end:]
    return word, ""


def _fill(text: str, width: int, initial_indent: str, subsequent_indent: str) -> list[str]:
    """`text` as lines of at most `width` columns (indents included), broken at spaces, the spaces
    between words kept as they were (click writes two before "[default: …]"); a word wider than a
    whole line is broken where it reaches the edge."""
    lines: list[str] = []
    line, used, space = initial_indent, cell_width(initial_indent), None  # (space: None at a line's start)
    for chunk in (c for c in re.split(r"(\s+)", text) if c):
        if chunk.isspace():
            if space is not None:
                space = " " if "\n" in chunk else chunk
            continue
        while chunk:
            gap = cell_width(space or "")
            if used + gap + cell_width(chunk) <= width:
                line, used, space, chunk = line + (space or "") + chunk, used + gap + cell_width(chunk), "", ""
            elif space is None:  # alone on a line and still too wide: cut it
                head, chunk = _break_word(chunk, max(width - used, 1))
                line, used, space = line + head, used + cell_width(head), ""
            else:
                lines.append(line)
                line, used, space = subsequent_indent, cell_width(subsequent_indent), None
    if space is not None:
        lines.append(line)
    return lines


def wrap_text(text: str, width: int = 78, initial_indent: str = "", subsequent_indent: str = "",
              preserve_paragraphs: bool = False) -> str:
    """Click's `wrap_text`, measuring columns: the same paragraphs (blank lines between them, a
    paragraph's indent kept, a paragraph opened by a `\\b` line left as written)."""
    if text.isascii() and initial_indent.isascii() and subsequent_indent.isascii():
        return click_wrap_text(text, width, initial_indent, subsequent_indent, preserve_paragraphs)
    text = text.expandtabs()
    if not preserve_paragraphs:
        return "\n".join(_fill(text, width, initial_indent, subsequent_indent))
    paragraphs: list[tuple[int, bool, list[str]]] = []
    lines: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line:
            lines.append(line)
            continue
        if lines:
            indent = cell_width(lines[0]) - cell_width(lines[0].lstrip())
            raw = lines[0].strip() == "\b"
            paragraphs.append((indent, raw, lines[1:] if raw else [" ".join(part.strip() for part in lines)]))
        lines = []
    out = []
    for indent, raw, body in paragraphs:
        first, rest = initial_indent + " " * indent, subsequent_indent + " " * indent
        if raw:
            out.append("\n".join((first if i == 0 else rest) + line for i, line in enumerate(body)))
        else:
            out.append("\n".join(_fill(body[0], width, first, rest)))
    return "\n\n".join(out)


class CellHelpFormatter(click.HelpFormatter):
    """Click's help formatter, measuring text in terminal columns instead of characters."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:
            prefix = "{usage} ".format(usage=_("Usage:"))
        usage_prefix = f"{prefix:>{self.current_indent}}{prog} "
        text_width = self.width - self.current_indent
        if not args:
            self.write(usage_prefix.rstrip(" ") + "\n")
            return
        if text_width >= cell_width(usage_prefix) + 20:  # the arguments fit beside the prefix
            indent = " " * cell_width(usage_prefix)
            self.write(wrap_text(args, text_width, initial_indent=usage_prefix, subsequent_indent=indent))
        else:  # they go on the next lines
            self.write(usage_prefix + "\n")
            indent = " " * (max(self.current_indent, cell_width(prefix)) + 4)
            self.write(wrap_text(args, text_width, initial_indent=indent, subsequent_indent=indent))
        self.write("\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write(wrap_text(text, self.width, initial_indent=indent, subsequent_indent=indent,
                             preserve_paragraphs=True))
        self.write("\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        if any(len(row) != 2 for row in rows):
            raise TypeError("Expected two columns for definition list")
        first_col = min(max((cell_width(first) for first, _ in rows), default=0), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if cell_width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - cell_width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            text_width = max(self.width - first_col - 2, 10)
            lines = wrap_text(second, text_width, preserve_paragraphs=True).splitlines()
            self.write(f"{lines[0]}\n" if lines else "\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")


class CellContext(click.Context):
    """A click context whose help is laid out by `CellHelpFormatter`."""

    formatter_class = CellHelpFormatter


def use_cell_help(command: click.Command) -> None:
    """Give `command`, and every command under it, the context that lays out help by columns."""
    command.context_class = CellContext
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            use_cell_help(sub)
