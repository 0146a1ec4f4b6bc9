"""The challenge: what to make the simulation do, whether the last run does it, and hints on request.

The verdict is the first line, so it stays in view however little room the panel gets (at 80×24
the chart keeps most of the rows); the statement and the hints scroll under it when they do not
fit, with a scrollbar saying so, and a new hint is scrolled into view as it is revealed: the hints
come last, after the line saying how to open the next, so that the newest is the panel's last line
(at 80×24 it may have a single row to show). Once the challenge is met the verdict names the key
that opens the next lesson, and why the solution works takes the statement's place.

Hints are a ladder, not a list: the first is there for the asking, and each next one opens only
after the learner has tried again (changed a value or played the run), so a hint is something to
act on before reading the next, not a way to read the answer off at once.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from tutor.i18n import _
from tutor.lessons.model import Challenge
from tutor.tui.widgets.in_place import update_in_place
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
        self.tried_since_hint = False  # a value changed or the run played since the last hint
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

    @property
    def hint_locked(self) -> bool:
        """The next hint waits for another try (the first never waits)."""
        return 0 < self.hints_shown < len(self.challenge.hints) and not self.tried_since_hint

    def tried(self) -> None:
        """The learner tried something: the next hint opens."""
        if not self.tried_since_hint:
            self.tried_since_hint = True
            if self.is_mounted:
                self._draw()

    def on_mount(self) -> None:
        self._draw()
        self.watch(self.scroller, "virtual_size", self._show_newest, init=False)

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
        self.tried_since_hint = False
        self._draw()
        # The newest hint's first line goes to the top of the scrolled part, and is put back there
        # whenever the text's laid-out height changes (the layouts that follow: the text's new
        # height, the chart taking its rows), so it is in view even when one row is all there is.
        # (Anchoring to the end showed only a wrapped hint's last line; scrolling once, after the
        # next refresh, lost the race with those layouts.)
        self._pinned = True
        self.call_after_refresh(self._show_newest)

    _pinned = False
    #: The text's parts as last drawn, and the index of the newest hint among them (None: no hint).
    _parts: tuple[Content, ...] = ()
    _newest: int | None = None

    def _show_newest(self) -> None:
        text = self.query_one(".challenge-text", Static)
        width = text.content_size.width
        if not self._pinned or self._newest is None or width <= 0 or not self.is_attached:
            return
        above = sum(len(part.wrap(width)) for part in self._parts[: self._newest])
        self.scroller.scroll_to(y=above, animate=False, immediate=True)

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
        update_in_place(self.query_one(".challenge-verdict", Static),
                        Content.assemble((label, "bold"), self.verdict[len(label):]))
        explained = bool(self.challenge.explain) and bool(self.met or self.complete)
        if explained:  # once earned, the why takes the statement's place
            lines = [Content.assemble((_("Why it works: "), "bold"), _(self.challenge.explain))]
        else:
            lines = [Content(_(self.challenge.statement))]
        if self.hints_shown < total and not explained:  # (above the hints: the newest is last, in view)
            more = (_("h: the next hint opens after another try: a new value or a run ({left} left)")
                    .format(left=total - self.hints_shown) if self.hint_locked
                    else _("h: show a hint ({left} left)").format(left=total - self.hints_shown))
            lines.append(Content(more).stylize("dim"))
        for index in range(min(self.hints_shown, total)):
            lines.append(Content.assemble((_("Hint {n}/{total}").format(n=index + 1, total=total) + ": ", "italic"),
                                          _(self.challenge.hints[index])))
        showing_hints = not explained and self.hints_shown > 0
        self._parts, self._newest = tuple(lines), (len(lines) - 1 if showing_hints else None)
        update_in_place(self.query_one(".challenge-text", Static), Content("\n").join(lines))
