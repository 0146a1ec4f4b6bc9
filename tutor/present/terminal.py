"""What the learner's terminal can show: colour, and whether Unicode glyphs are safe, decided once
for the app and for the CLI's charts and marks, so a terminal gets the same glyphs from both.

Charts are built as text before Textual sees them, so gdtutor must decide for them: no colours when
`NO_COLOR` is set (https://no-color.org), and ASCII-only charts and markers when the locale is not
UTF-8 or the terminal is one whose fonts lack braille and box glyphs (the Linux console, vt100).
Python's UTF-8 mode makes `sys.stdout.encoding` say "utf-8" even under `LANG=C`, so the locale
variables are read directly.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TextIO

#: Terminals whose fonts cannot be trusted with braille dots or box-drawing characters.
NARROW_CHARSET_TERMS = ("linux", "vt100", "vt102", "vt220", "vt52", "dumb", "ansi")


@dataclass(frozen=True)
class Terminal:
    """How charts are built for this terminal (see ChartOptions.color and .unicode)."""

    color: bool
    unicode: bool


def detect(environ: Mapping[str, str] | None = None) -> Terminal:
    env = os.environ if environ is None else environ
    color = "NO_COLOR" not in env
    return Terminal(color=color, unicode=_utf8_locale(env) and not _narrow_charset(env))


def _utf8_locale(env: Mapping[str, str]) -> bool:
    """Whether the learner's locale is UTF-8, by the usual precedence LC_ALL > LC_CTYPE > LANG.

    Python itself sets LC_CTYPE=C.UTF-8 when it finds the C locale (PEP 538), also when LANG names
    a locale that is not installed; such an LC_CTYPE defers to LANG, which says what the learner chose.
    """
    ctype = env.get("LC_CTYPE", "")
    if ctype == "C.UTF-8" and env.get("LANG"):
        ctype = ""
    for value in (env.get("LC_ALL", ""), ctype, env.get("LANG", "")):
        if value:
            return "utf8" in value.lower().replace("-", "")
    return False


def _narrow_charset(env: Mapping[str, str]) -> bool:
    term = env.get("TERM", "").lower()
    return term in NARROW_CHARSET_TERMS or term.startswith(("vt1", "vt2"))


def for_stream(stream: TextIO, environ: Mapping[str, str] | None = None) -> Terminal:
    """What the CLI may write to `stream`: colour only to a terminal, Unicode only where the stream's
    encoding holds it as well as the locale and the terminal (not a pipe under PYTHONIOENCODING=ascii)."""
    found = detect(environ)
    return Terminal(color=found.color and isatty(stream),
                    unicode=found.unicode and _unicode_encoding(stream))


def isatty(stream: TextIO) -> bool:
    """Whether `stream` is a terminal (False for a closed stream or one without the question)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _unicode_encoding(stream: TextIO) -> bool:
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    return encoding in ("utf8", "utf8sig", "utf16", "utf32")
