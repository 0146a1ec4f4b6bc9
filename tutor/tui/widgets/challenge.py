"""The challenge: what to make the simulation do, whether the last run does it, and hints on request.

The verdict is the first line, so it stays in view however little room the panel gets (at 80×24
the chart keeps most of the rows); the statement and the hints scroll under it when they do not
fit, with a scrollbar saying so, and a new hint is scrolled into view as it is revealed. Once the
challenge is met the verdict names the key that opens the next lesson.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from tutor.i18n import _
from tutor.lessons.model import Challenge
from tutor.tui.widgets.scrolling import BurstScroll


class ChallengePanel(Vertical):
    """The verdict over the statement and hints (which scroll); re-drawn from its state on every
    change; styled by the class -met."""

    def __init__(self, challenge: Challenge, hints_shown: int, marks: tuple[str, str], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.challenge = challenge
        self.hints_shown = hints_shown
        self.met: bool | None = None  # None: no run judged yet
        self.complete = False
        self.marks = marks  # (met, not met)
        #: The next lesson's title, offered once the challenge is met ("" when this is the last).
        self.next_title = ""

    def compose(self) -> ComposeResult:
        yield Static(classes="challenge-verdict")
        with BurstScroll(classes="challenge-scroll", can_focus=False):
            yield Static(classes="challenge-text")

    @property
    def scroller(self) -> BurstScroll:
        return self.query_one(".challenge-scroll", BurstScroll)

    def fit(self, rows: int) -> None:
        """Take at most `rows` rows: the verdict, and the statement and hints scrolling under it."""
        scroller = self.scroller
        if scroller.styles.max_height is None or scroller.styles.max_height.value != rows - 1:
            scroller.styles.max_height = max(1, rows - 1)

    def on_mount(self) -> None:
        self._draw()

    @property
    def text(self) -> str:
        """Everything the panel says, as plain text."""
        return "\n".join(str(self.query_one(part, Static).content)
                         for part in (".challenge-verdict", ".challenge-text"))

    def judge(self, met: bool, complete: bool) -> None:
        if (met, complete) != (self.met, self.complete):  # most runs change nothing here
            self.met, self.complete = met, complete
            self._draw()

    def reveal(self, hints_shown: int) -> None:
        self.hints_shown = hints_shown
        self._draw()
        self.call_after_refresh(self.scroller.scroll_end, animate=False)

    @property
    def verdict(self) -> str:
        """The first line, as plain text."""
        done, todo = self.marks
        if self.met is None:
            text = _("waiting for the first run…")
        elif self.met:
            text = f"{done} " + _("met — lesson complete")
            if self.next_title:
                text += "  ·  " + _("N: next lesson")
        else:
            text = f"{todo} " + (_("not met by this run (the lesson is already complete)") if self.complete
                                 else _("not met yet"))
        return _("Challenge") + ": " + text

    def _draw(self) -> None:
        self.set_class(bool(self.met), "-met")
        total = len(self.challenge.hints)
        label = _("Challenge") + ": "
        self.query_one(".challenge-verdict", Static).update(
            Content.assemble((label, "bold"), self.verdict[len(label):]))
        lines = [Content(_(self.challenge.statement))]
        for index in range(min(self.hints_shown, total)):
            lines.append(Content.assemble((_("Hint {n}/{total}").format(n=index + 1, total=total) + ": ", "italic"),
                                          _(self.challenge.hints[index])))
        if self.hints_shown < total:
            more = _("h: show a hint ({left} left)").format(left=total - self.hints_shown)
            lines.append(Content(more).stylize("dim"))
        self.query_one(".challenge-text", Static).update(Content("\n").join(lines))
