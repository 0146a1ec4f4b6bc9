"""A program run in a real pseudo-terminal, read the way a terminal reads it.

The benchmark plays the terminal: it sizes the pty (120×40 unless told otherwise), types keys into
it, and reads everything the program writes, with the time each chunk arrived. "Painted" means the
bytes of that frame have reached this side of the pty — what a terminal emulator, or an SSH link,
would receive.

The probe (benchmarks/probe.py) adds markers to the stream: APC strings (ESC _ gdtb {json} ESC \\),
which real terminals ignore, written right after the frame they describe. They are taken out of the
stream here and never counted as bytes the program wrote.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

MARK_START, MARK_END = b"\x1b_gdtb ", b"\x1b\\"
#: Escape sequences and controls dropped when looking for text on screen.
ESCAPES = re.compile(rb"\x1b\[[0-9;?<>=$ ]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>]")

KEYS = {
    "up": b"\x1b[A", "down": b"\x1b[B", "right": b"\x1b[C", "left": b"\x1b[D",
    "enter": b"\r", "tab": b"\t", "escape": b"\x1b", "space": b" ", "ctrl+q": b"\x11", "ctrl+p": b"\x10",
}


class Timeout(Exception):
    """What the benchmark waited for did not come."""


@dataclass
class Event:
    """A marker from the probe, when it arrived and how many bytes of output had come before it."""

    at: float
    data: dict[str, object]
    offset: int


@dataclass
class Pty:
    """One child process on a pty; `out` holds its output without markers, `events` the markers."""

    proc: subprocess.Popen[bytes]
    master: int
    started: float
    out: bytearray = field(default_factory=bytearray)
    events: list[Event] = field(default_factory=list)
    #: (time, size of `out` after it) for every chunk read.
    chunks: list[tuple[float, int]] = field(default_factory=list)
    _tail: bytes = b""
    _plain: bytearray = field(default_factory=bytearray)

    @classmethod
    def spawn(cls, argv: Sequence[str], env: Mapping[str, str], size: tuple[int, int] = (120, 40),
              cwd: Path | None = None) -> Pty:
        master, slave = os.openpty()
        columns, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        started = time.perf_counter()
        proc = subprocess.Popen(list(argv), stdin=slave, stdout=slave, stderr=slave, env=dict(env), cwd=cwd,
                                start_new_session=True, close_fds=True,
                                preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
        os.close(slave)
        return cls(proc, master, started)

    # -- reading ----------------------------------------------------------------------------------

    def pump(self, timeout: float) -> bool:
        """Read what is there (waiting up to `timeout` for something); False once the child closed."""
        ready, _, _ = select.select([self.master], [], [], max(0.0, timeout))
        if not ready:
            return True
        try:
            data = os.read(self.master, 1 << 16)
        except OSError:
            return False
        if not data:
            return False
        now = time.perf_counter()
        self._take(self._tail + data, now)
        self.chunks.append((now, len(self.out)))
        return True

    def _take(self, data: bytes, now: float) -> None:
        while True:
            start = data.find(MARK_START)
            if start < 0:
                keep = _partial_prefix(data)
                self._output(data[: len(data) - keep])
                self._tail = data[len(data) - keep:]
                return
            end = data.find(MARK_END, start)
            if end < 0:
                self._output(data[:start])
                self._tail = data[start:]
                return
            self._output(data[:start])
            payload = data[start + len(MARK_START): end]
            self.events.append(Event(now, json.loads(payload), len(self.out)))
            data = data[end + len(MARK_END):]

    def _output(self, data: bytes) -> None:
        self.out += data
        self._plain += ESCAPES.sub(b"", data)

    def wait(self, condition: Callable[[], bool], timeout: float, what: str) -> float:
        """Read until `condition()` holds; the time it first held. Timeout if it did not in time."""
        deadline = time.perf_counter() + timeout
        while not condition():
            if time.perf_counter() > deadline:
                raise Timeout(f"timed out after {timeout:g} s waiting for {what}")
            if not self.pump(min(0.05, deadline - time.perf_counter())):
                if condition():
                    break
                raise Timeout(f"the program ended while waiting for {what}: {self.screen_text()[-400:]!r}")
        return time.perf_counter()

    def wait_text(self, text: str, timeout: float = 30.0, since: int = 0) -> float:
        """When `text` (escape codes removed) has arrived in the output after plain offset `since`;
        the time of the chunk that completed it."""
        needle = text.encode()
        self.wait(lambda: self._plain.find(needle, since) >= 0, timeout, repr(text))
        return self.chunks[-1][0] if self.chunks else time.perf_counter()

    def wait_event(self, match: Callable[[dict[str, object]], bool], timeout: float = 30.0,
                   since: int = 0, what: str = "a marker") -> Event:
        """The first marker at index `since` or later that `match`es."""
        found: list[Event] = []

        def seen() -> bool:
            for event in self.events[since:]:
                if match(event.data):
                    found.append(event)
                    return True
            return False

        self.wait(seen, timeout, what)
        return found[0]

    def drain(self, seconds: float) -> None:
        """Keep reading for `seconds` (a program blocked on a full pty would stall)."""
        deadline = time.perf_counter() + seconds
        while (left := deadline - time.perf_counter()) > 0:
            if not self.pump(left):
                return

    def quiet(self, gap: float = 0.15, timeout: float = 10.0) -> None:
        """Read until nothing has arrived for `gap` seconds."""
        deadline = time.perf_counter() + timeout
        last = len(self.chunks)
        quiet_since = time.perf_counter()
        while time.perf_counter() < deadline:
            if not self.pump(0.02):
                return
            if len(self.chunks) != last:
                last, quiet_since = len(self.chunks), time.perf_counter()
            elif time.perf_counter() - quiet_since >= gap:
                return

    @property
    def plain_size(self) -> int:
        return len(self._plain)

    def screen_text(self) -> str:
        return self._plain.decode(errors="replace")

    # -- writing and the process ------------------------------------------------------------------

    def press(self, *keys: str) -> float:
        """Type keys (names from KEYS, or literal characters); the time the last was written."""
        for key in keys:
            os.write(self.master, KEYS.get(key, key.encode()))
        return time.perf_counter()

    def signal(self, number: int = signal.SIGUSR1) -> float:
        self.proc.send_signal(number)
        return time.perf_counter()

    def cpu_seconds(self) -> float:
        """User + system CPU time the child has used so far."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def memory(self) -> tuple[int, int]:
        """(resident, peak resident) bytes of the child, from /proc."""
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        values = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        return int(values["VmRSS"].split()[0]) * 1024, int(values["VmHWM"].split()[0]) * 1024

    def close(self) -> None:
        """Ask the program to quit (Ctrl+Q), then make sure it is gone."""
        if self.proc.poll() is None:
            try:
                self.press("ctrl+q")
                deadline = time.perf_counter() + 3
                while self.proc.poll() is None and time.perf_counter() < deadline:
                    self.pump(0.05)
            except OSError:
                pass
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        os.close(self.master)

    def __enter__(self) -> Pty:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _partial_prefix(data: bytes) -> int:
    """How many bytes at the end of `data` could be the start of a marker."""
    for size in range(min(len(MARK_START) - 1, len(data)), 0, -1):
        if MARK_START.startswith(data[-size:]):
            return size
    return 0


def child_env(home: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """A learner's terminal: UTF-8, 256 colours and true colour, a fresh progress folder.

    Bytecode caching is left on (PYTHONDONTWRITEBYTECODE dropped), as it is for an installed gdtutor.
    """
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "PYTHONDONTWRITEBYTECODE",
                                                             "GDTUTOR_LESSONS", "GDTUTOR_LANG")}
    env.update(TERM="xterm-256color", COLORTERM="truecolor", LANG="C.UTF-8", GDTUTOR_HOME=str(home))
    env.pop("LC_ALL", None)
    env.update(extra or {})
    return env
