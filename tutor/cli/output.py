"""Where the CLI's text meets the terminal or the pipe: one place that makes every command safe to print.

`install()` runs first thing in `main()` and wraps stdout and stderr so that whatever any command
writes (click, Rich, tracebacks excepted: there are none):

- shows no control sequence from content: control characters become visible pictures (␛, ␍, ␇;
  `tutor.text.visible`); the colour codes gdtutor itself asks for (SGR, `ESC [ … m`) pass only to
  a terminal, where they are wanted;
- never fails to encode: where the output encoding cannot show a character (PYTHONIOENCODING=ascii
  or latin-1, LANG=C in a pipe), a readable stand-in is written — `eta` for η, `->` for →, `x` for ✓ —
  and, for what has none (Hangul), its `\\uXXXX` escape;
- ends quietly when the reader goes away: `gdtutor show 4 | head -1` exits with status 0 and no
  "Broken pipe" message, as standard tools do.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import sys
import unicodedata
from typing import Any, TextIO

from tutor.present.terminal import isatty
from tutor.text import visible

ERRORS = "gdtutor-readable"

#: Stand-ins for the characters gdtutor's texts and charts use most, where the encoding lacks them.
STAND_INS = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "eps", "η": "eta", "θ": "theta", "λ": "lambda",
    "μ": "mu", "σ": "sigma", "ρ": "rho", "Σ": "Sum", "∂": "d", "∇": "grad", "·": "*", "×": "x", "−": "-",
    "–": "-", "—": "--", "…": "...", "←": "<-", "→": "->", "↑": "^", "↓": "v", "≈": "~", "≤": "<=", "≥": ">=",
    "≠": "!=", "√": "sqrt", "∞": "inf", "²": "^2", "³": "^3", "✓": "x", "○": "o", "●": "*", "▶": ">", "█": "#",
    "‘": "'", "’": "'", "“": '"', "”": '"', "•": "*", "ŷ": "y^", "±": "+-", "°": "deg", "½": "1/2",
}
_SGR = re.compile(r"\x1b\[[0-9;]*m")


def stand_in(ch: str) -> str:
    """An ASCII text for `ch`: from the table, else without its accents, else its escape."""
    if ch in STAND_INS:
        return STAND_INS[ch]
    if 0x2400 <= ord(ch) <= 0x2421:  # (a control made visible: ␛ -> ^[ as terminals write it)
        code = ord(ch) - 0x2400
        return "^?" if code == 0x21 else "^" + chr(0x40 + code)
    plain = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode("ascii")
    if plain:
        return plain
    return f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}"


def _readable(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return "".join(stand_in(ch) for ch in error.object[error.start:error.end]), error.end


codecs.register_error(ERRORS, _readable)


class _ReaderGone(SystemExit):
    """The pipe's reader closed it: end now, with success."""

    def __init__(self) -> None:
        super().__init__(0)


class SafeStream:
    """A text stream that writes only what is safe to show, and ends the command if its reader left.

    It has no `buffer`: click, seeing an ASCII stream, would otherwise take it for misconfigured and
    write UTF-8 bytes to the binary buffer underneath — mojibake on an ASCII terminal, and past the
    sanitising here."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._terminal = isatty(stream)

    def write(self, text: str) -> int:
        if self._terminal:  # (gdtutor's own colours pass; every other control is shown as a picture)
            parts = _SGR.split(text)
            codes = _SGR.findall(text)
            safe = "".join(visible(part, keep="\n\t") + (codes[i] if i < len(codes) else "")
                           for i, part in enumerate(parts))
        else:
            safe = visible(text, keep="\n\t")
        try:
            self._stream.write(safe)
        except BrokenPipeError:
            _silence(self._stream)
            raise _ReaderGone() from None
        return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            _silence(self._stream)
            raise _ReaderGone() from None
        except ValueError:  # (closed)
            pass

    def __getattr__(self, name: str) -> Any:
        if name == "buffer":  # (hidden: click would write to it in UTF-8 past this boundary, see below)
            raise AttributeError(name)
        return getattr(self._stream, name)


def _silence(stream: TextIO) -> None:
    """Point the stream's descriptor at /dev/null, so the flush at exit does not complain again."""
    with contextlib.suppress(AttributeError, OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)


def install() -> None:
    """Wrap stdout and stderr (once); the encoding keeps its name, only its failures change."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None or isinstance(stream, SafeStream):
            continue
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors=ERRORS)  # type: ignore[union-attr]
        setattr(sys, name, SafeStream(stream))


def uninstall() -> None:
    """Give the app the real streams: Textual writes its own escape sequences."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if isinstance(stream, SafeStream):
            setattr(sys, name, stream._stream)


def print_rich(*renderables: Any) -> None:
    """Print Rich renderables (Markdown, Text): styled to a terminal; to a pipe as plain lines without
    the spaces Rich pads each line to the width with, so `gdtutor show 4 > lesson.txt` is clean text."""
    from rich.console import Console

    if isatty(sys.stdout):
        console = Console(highlight=False)
        for item in renderables:
            console.print(item)
        return
    import io
    import shutil

    buffer = io.StringIO()
    width = shutil.get_terminal_size((80, 24)).columns
    console = Console(file=buffer, width=width, highlight=False, color_system=None, force_terminal=False,
                      legacy_windows=False, emoji=False)
    for item in renderables:
        console.print(item)
    sys.stdout.write("".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines()))
    sys.stdout.flush()
