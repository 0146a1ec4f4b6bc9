"""The marks gdtutor draws around text, in a Unicode and an ASCII flavour, chosen once per terminal.

Home and `gdtutor list` mark a lesson's state with the same glyph, and an ASCII terminal gets the
same stand-ins in the app and from the CLI. Every stand-in is one cell wide like the glyph it
replaces, so an ASCII screen keeps the layout of a Unicode one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tutor.present.terminal import Terminal


@dataclass(frozen=True)
class Glyphs:
    """The marks drawn around text: a lesson's state, a right or wrong answer, the current item, arrows."""

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

    def for_status(self, status: str) -> str:
        """The mark of a lesson in `status` ("complete", "in-progress", "not-started")."""
        return {"complete": self.done, "in-progress": self.partial}.get(status, self.todo)


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
