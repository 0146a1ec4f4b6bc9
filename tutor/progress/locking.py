"""The lock two sessions of one learner take before they merge and save: held, or no save at all.

It is an OS lock on `progress.json.lock` (flock on Unix, LockFileEx on Windows, both through
`filelock`), so the kernel releases it the moment its holder dies: a killed gdtutor never leaves
a lock that blocks the next one. A holder that is alive but stuck (stopped with Ctrl+Z, hung on a
network disk) is waited for up to a timeout, and then the save fails with a message naming the
process; it never goes on unlocked, which would let one session erase the other's work.

The lock file is opened with O_NOFOLLOW and must be a regular file: a symlink planted at its name
cannot make gdtutor create, truncate or lock a file elsewhere.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from tutor.bounded_read import SYMLINK, NotAFile, kind_of
from tutor.text import Msg

POLL = 0.01


class LockTimeout(OSError):
    """Another process held the lock for the whole wait; `reason` names it for the learner."""

    def __init__(self, path: Path, holder: int | None, waited: float) -> None:
        super().__init__(f"{path} is locked")
        self.holder = holder
        if holder is not None:
            self.reason = Msg("another gdtutor (process {pid}) has held {path} for more than {s:g} s; the change "
                              "will be saved with the next one", pid=holder, path=str(path), s=waited)
        else:
            self.reason = Msg("another process has held {path} for more than {s:g} s; the change will be saved "
                              "with the next one", path=str(path), s=waited)


def _open(path: Path) -> int:
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags, 0o600)
    except OSError as exc:
        if os.path.islink(path):  # (ELOOP, or EMLINK on some systems)
            raise NotAFile(path, SYMLINK) from exc
        raise
    kind = kind_of(os.fstat(fd).st_mode)
    if kind:
        os.close(fd)
        raise NotAFile(path, kind)
    return fd


def _holder(fd: int) -> int | None:
    """The process id the current holder wrote into the lock file, if it did."""
    with contextlib.suppress(OSError, ValueError):
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 32).decode("ascii").strip()
        return int(text) if text.isdigit() else None
    return None


@contextlib.contextmanager
def locked(path: Path, timeout: float) -> Iterator[None]:
    """Hold the lock at `path` for the block; LockTimeout after `timeout` seconds of someone else's."""
    from filelock import lock_descriptor, unlock_descriptor  # (here: importing filelock takes 40 ms)

    fd = _open(path)
    try:
        deadline = time.monotonic() + timeout
        while not lock_descriptor(fd, blocking=False):
            if time.monotonic() >= deadline:
                raise LockTimeout(path, _holder(fd), timeout)
            time.sleep(POLL)
        try:
            with contextlib.suppress(OSError):  # (who holds it, for a waiting session's message)
                os.ftruncate(fd, 0)
                os.lseek(fd, 0, os.SEEK_SET)
                os.write(fd, str(os.getpid()).encode("ascii"))
            yield
        finally:
            with contextlib.suppress(OSError):
                unlock_descriptor(fd)
    finally:
        os.close(fd)
