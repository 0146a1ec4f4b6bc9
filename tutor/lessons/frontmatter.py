"""Splitting a lesson file into its TOML front matter and its Markdown body, keeping line numbers.

The front matter sits between two lines of `+++` at the very top of the file (TOML, read with the
standard library, so the format costs no dependency). Every error is reported against the line of
the file, not of the TOML fragment, so an author can jump straight to it.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import Any

from tutor.lessons.content_error import ContentError
from tutor.text import Msg, visible

FENCE = "+++"
_TOML_LINE = re.compile(r"at line (\d+)")
#: Numbers longer than this are refused before TOML converts them: Python refuses integers of more
#: than 4300 digits with an error of its own, and converting a long one takes time quadratic in it.
MAX_DIGITS = 100
_LONG_NUMBER = re.compile(rf"[0-9][0-9_]{{{MAX_DIGITS},}}")


@dataclass(frozen=True)
class Split:
    meta: dict[str, Any]
    meta_lines: list[str]  # the front matter's own lines, for locating keys
    body: str
    body_line: int  # line number (1-based) of the body's first line in the file


def file_lines(text: str) -> list[str]:
    """The lines as an editor numbers them: split at LF, CRLF or CR only (not at the other characters
    `str.splitlines` breaks at, such as U+2028 inside a comment), without their line ends."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def key_line(text: str, first: int, key: str) -> int:
    """The file line where `key` is set in a TOML block whose opening line is `first` (`first` if the
    block never sets it), so a problem with a value points at the value."""
    for offset, content in enumerate(file_lines(text), start=1):
        if re.match(rf"\s*{re.escape(key)}\s*=", content):
            return first + offset
    return first


def split(text: str) -> Split:
    """The parsed front matter and the body, or ContentError with a file line number."""
    lines = file_lines(text)
    if not lines or lines[0].strip() != FENCE:
        raise ContentError(None, 1, Msg("a lesson starts with a line of +++ opening its front matter"))
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == FENCE)
    except StopIteration:
        raise ContentError(None, 1, Msg("the front matter opened on line 1 is never closed by +++")) from None
    meta_lines = lines[1:end]
    meta = loads_bounded(meta_lines, 1, Msg("front matter is not valid TOML: {reason}"))
    return Split(meta, meta_lines, "\n".join(lines[end + 1:]), end + 2)


def loads_bounded(lines: list[str], first: int, template: Msg) -> dict[str, Any]:
    """TOML from `lines` (whose first is file line `first + 1`) with its strings made visible, or
    ContentError at its line: never a RecursionError, a ValueError of Python's own or a long conversion.
    `template` words the message, with {reason} for what is wrong."""

    def fail(line: int, reason: str | Msg) -> ContentError:
        return ContentError(None, first + line, Msg(template.template, reason=reason))

    long = next((i for i, line in enumerate(lines, start=1) if _LONG_NUMBER.search(line)), None)
    if long is not None:
        raise fail(long, Msg("a number of more than {n} digits", n=MAX_DIGITS))
    # (imported here: `gdtutor list` reads the course from its cache and never parses TOML)
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        return visible_values(tomllib.loads("\n".join(lines)))
    except RecursionError:  # tomllib recurses once per nested [ or {
        raise fail(deepest_line(lines), Msg("it is nested too deeply")) from None
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        raise fail(int(found.group(1)) if found else 0, str(exc).split(" (at ")[0]) from None
    except ValueError as exc:  # (a conversion Python refused)
        raise fail(0, str(exc)) from None


def visible_values(data: dict[str, Any]) -> dict[str, Any]:
    """`data` with every text in it (keys and values, at any depth) passed through `visible`."""

    def clean(value: Any) -> Any:
        return visible(value) if isinstance(value, str) else value

    root: dict[str, Any] = {}
    stack: list[tuple[Any, Any]] = [(data, root)]
    while stack:
        source, target = stack.pop()
        items = source.items() if isinstance(source, dict) else enumerate(source)
        for key, value in items:
            if isinstance(value, (dict, list)):
                copy: Any = {} if isinstance(value, dict) else [None] * len(value)
                stack.append((value, copy))
                value = copy
            if isinstance(target, dict):
                target[clean(key)] = clean(value)
            else:
                target[key] = clean(value)
    return root


def deepest_line(lines: list[str]) -> int:
    """The line (1-based) with the most opening brackets: where nesting too deep to parse is."""
    counts = [line.count("[") + line.count("{") for line in lines]
    return counts.index(max(counts)) + 1 if counts else 1


def line_of(split_: Split, key: str, table: str | None = None) -> int:
    """The file line where `key` is set (inside `[table]` if given); the front matter's start if unknown."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    header = re.compile(r"^\s*\[\s*([A-Za-z0-9_.\-]+)\s*\]")
    current: str | None = None
    for i, line in enumerate(split_.meta_lines):
        found = header.match(line)
        if found:
            current = found.group(1)
            if table is not None and key == "" and current == table:
                return i + 2
            continue
        if current == table and pattern.match(line):
            return i + 2
    if table is not None:
        for i, line in enumerate(split_.meta_lines):
            found = header.match(line)
            if found and found.group(1) == table:
                return i + 2
    return 1
