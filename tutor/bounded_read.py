"""Reading a file that anyone may have put in place, in bounded time and memory.

`Path.read_bytes()` trusts the path: a named pipe blocks it for ever, `/dev/zero` (or a symlink to
it) fills memory, and `stat().st_size` says nothing about either. Progress files, lessons and the
glossary are all read here instead: only a regular file is opened for reading, the open never
waits (O_NONBLOCK), and at most `limit + 1` bytes are read whatever the file claims, so a file
that grows while it is read is still caught as too large.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tutor.i18n import N_
from tutor.text import Msg

#: What a path holds when it is not a regular file, as the learner is told.
KINDS = ((stat.S_ISDIR, N_("a folder")), (stat.S_ISFIFO, N_("a named pipe")), (stat.S_ISSOCK, N_("a socket")),
         (stat.S_ISCHR, N_("a character device")), (stat.S_ISBLK, N_("a block device")))
SYMLINK = N_("a symlink")
OTHER = N_("not a regular file")


class NotAFile(OSError):
    """The path exists but holds something other than a regular file; `kind` says what."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(f"{path} is {kind}, not a file")
        self.kind = kind
        self.msg = Msg("it is {kind}, not a file", kind=Msg(kind))
        self.strerror = str(self.msg)


class TooLarge(Exception):
    """The file holds more than the limit; `size` is at least limit + 1."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"{size} bytes, more than {limit}")
        self.size = size
        self.limit = limit


def kind_of(mode: int) -> str | None:
    """What a stat mode describes, unless it is a regular file (None)."""
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in KINDS if test(mode)), OTHER)


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at `path` (following symlinks), at most `limit` of them.

    FileNotFoundError if nothing is there; NotAFile for a folder, pipe, device or socket; TooLarge
    beyond `limit`; any other OSError (no permission, a symlink loop) as it comes.
    """
    kind = kind_of(os.stat(path).st_mode)
    if kind:  # (checked before opening: opening a device or a pipe can itself act or wait)
        raise NotAFile(path, kind)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        kind = kind_of(os.fstat(fd).st_mode)  # (the path may have been swapped since the stat)
        if kind:
            raise NotAFile(path, kind)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise TooLarge(max(total, os.fstat(fd).st_size), limit)
        return b"".join(chunks)
    finally:
        os.close(fd)
