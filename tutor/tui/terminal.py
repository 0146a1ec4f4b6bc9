"""What the learner's terminal can show: colour, and whether Unicode glyphs are safe.

Charts are built as text before Textual sees them, so the app must decide for them: no colours when
`NO_COLOR` is set (https://no-color.org), and ASCII-only charts and markers when the locale is not
UTF-8 or the terminal is one whose fonts lack braille and box glyphs (the Linux console, vt100).
Python's UTF-8 mode makes `sys.stdout.encoding` say "utf-8" even under `LANG=C`, so the locale
variables are read directly.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Glyphs:
    """The marks the app draws around text, in a Unicode and an ASCII flavour."""

    done: str
    partial: str
    todo: str
    broken: str
    right: str
    wrong: str
    current: str
    dot: str
    arrow: str
    before: str
    after: str

    @staticmethod
    def for_terminal(terminal: Terminal) -> Glyphs:
        if terminal.unicode:
            return Glyphs(done="✓", partial="◐", todo="○", broken="✗", right="✓", wrong="✗",
                          current="▶", dot="·", arrow="→", before="‹", after="›")
        return Glyphs(done="+", partial="~", todo="o", broken="x", right="+", wrong="x",
                      current=">", dot="-", arrow="->", before="<", after=">")


#: One-cell stand-ins for the one-cell characters Textual and gdtutor draw around the text: scrollbars,
#: borders, ellipses, arrows, separators, marks. Each keeps its width, so the layout is unchanged.
ASCII_CELLS = str.maketrans({
    **dict.fromkeys("─━═╌┄", "-"), **dict.fromkeys("│┃║▏▕╎┆", "|"),
    **dict.fromkeys("┌┐└┘├┤┬┴┼╭╮╰╯┏┓┗┛", "+"), **dict.fromkeys("▁▂▃▄▅▆▇█▀▔▐▌▉▊▋▍▎", "#"),
    "…": ".", "⋮": ":", "—": "-", "–": "-", "−": "-", "·": ".", "•": "*", "●": "o", "○": "o",
    "◐": "~", "✓": "+", "✗": "x", "×": "x", "“": '"', "”": '"', "‘": "'", "’": "'",
    "←": "<", "→": ">", "↑": "^", "↓": "v", "‹": "<", "›": ">", "▶": ">", "◀": "<", "⏎": "J",
    "≥": ">", "≤": "<", "≈": "~",
})

#: How keys are named in the footer of a terminal without Unicode.
ASCII_KEYS = {"←": "<", "→": ">", "↑": "^", "↓": "v", "←→": "<>", "⏎": "Enter"}


def ascii_writer(write: Callable[[str], None]) -> Callable[[str], None]:
    """`write`, with every drawn character in ASCII_CELLS replaced by its stand-in.

    The app draws through Textual, whose widgets (scrollbars, borders, text cut with "…") know
    nothing of the terminal's fonts, so the one place to keep a screen ASCII is the text written
    to the terminal. Escape sequences are ASCII already and pass through unchanged; text with no
    one-cell stand-in (Korean, the lessons' maths) is left as it is.
    """

    def ascii_write(data: str) -> None:
        write(data.translate(ASCII_CELLS))

    return ascii_write
