"""Turning the bytes at the progress path into JSON, with every cost bounded before it is paid.

The file is read with `tutor.bounded_read` (regular files only, never more than MAX_BYTES), then
decoded with limits the writer is held to as well, so a file gdtutor wrote is always read back:

- MAX_BYTES: the store never writes a file larger than this (it drops the indentation first).
- MAX_DIGITS: integers longer than this are refused as they are parsed, before Python converts
  them (a million-digit integer takes seconds to convert, and newer Pythons refuse it with an
  error of their own); gdtutor writes nothing near it.
- MAX_DEPTH: nesting deeper than this is refused; gdtutor's own records are four levels deep.

`gdtutor --help` reads the saved language through `read_json` too, so this module stays light.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tutor.bounded_read import read_bounded
from tutor.text import Msg

MAX_BYTES = 4 * 1024 * 1024
MAX_DIGITS = 40
MAX_FLOAT_CHARS = 100
MAX_DEPTH = 32


class Unreadable(Exception):
    """The bytes are not a progress file gdtutor could have written; `reason` says why."""

    def __init__(self, reason: Msg) -> None:
        super().__init__(str(reason))
        self.reason = reason


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise Unreadable(Msg("it holds a number of {n} digits", n=len(text.lstrip("-"))))
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_FLOAT_CHARS:
        raise Unreadable(Msg("it holds a number of {n} digits", n=len(text)))
    return float(text)


def depth(value: Any) -> int:
    """How deeply `value` nests lists and objects (a scalar is 0), without recursing."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, level)
        if deepest > MAX_DEPTH:
            return deepest
        stack.extend((child, level + 1) for child in children)
    return deepest


def parse(raw: bytes) -> Any:
    """The JSON value of a progress file's bytes, or Unreadable."""
    if len(raw) > MAX_BYTES:
        raise Unreadable(Msg("larger than {max} bytes", max=MAX_BYTES))
    if not raw.strip():
        raise Unreadable(Msg("empty"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Unreadable(Msg("not valid JSON")) from None
    try:
        data = json.loads(text, parse_int=_int, parse_float=_float)
    except (json.JSONDecodeError, RecursionError):
        raise Unreadable(Msg("not valid JSON")) from None
    except ValueError:  # (what a parse hook or int() itself refused)
        raise Unreadable(Msg("not valid JSON")) from None
    if depth(data) > MAX_DEPTH:
        raise Unreadable(Msg("nested more than {n} levels deep", n=MAX_DEPTH))
    return data


def read_json(path: Path) -> Any:
    """The JSON in the file at `path`: OSError (FileNotFoundError, NotAFile …) or Unreadable."""
    from tutor.bounded_read import TooLarge

    try:
        raw = read_bounded(path, MAX_BYTES)
    except TooLarge:
        raise Unreadable(Msg("larger than {max} bytes", max=MAX_BYTES)) from None
    return parse(raw)
