"""The challenge: what to make the simulation do, whether the last run does it, and hints on request.

Hints are a ladder, not a list: the first is there for the asking, and each next one opens only
after the learner has tried again (changed a value or played the run), so a hint is something to
act on before reading the next, not a way to read the answer off at once.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from tutor.i18n import _
from tutor.lessons.model import Challenge


class ChallengePanel(Static):
    """Re-drawn from its state on every change; styled by the class -met. Once the challenge has been
    met (now or in an earlier session) it says why the solution works in place of the statement."""

    def __init__(self, challenge: Challenge, hints_shown: int, marks: tuple[str, str], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.challenge = challenge
        self.hints_shown = hints_shown
        self.met: bool | None = None  # None: no run judged yet
        self.complete = False
        self.marks = marks  # (met, not met)
        self.tried_since_hint = False  # a value changed or the run played since the last hint

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

    def judge(self, met: bool, complete: bool) -> None:
        if (met, complete) != (self.met, self.complete):  # most runs change nothing here
            self.met, self.complete = met, complete
            self._draw()

    def reveal(self, hints_shown: int) -> None:
        self.hints_shown = hints_shown
        self.tried_since_hint = False
        self._draw()

    def _draw(self) -> None:
        self.set_class(bool(self.met), "-met")
        done, todo = self.marks
        if self.met is None:
            verdict = _("waiting for the first run…")
        elif self.met:
            verdict = f"{done} " + _("met — lesson complete")
        else:
            verdict = f"{todo} " + (_("not met by this run (the lesson is already complete)") if self.complete
                                    else _("not met yet"))
        total = len(self.challenge.hints)
        lines = [Content.assemble((_("Challenge") + ": ", "bold"), verdict)]
        explained = bool(self.challenge.explain) and bool(self.met or self.complete)
        if explained:  # once earned, the why takes the statement's place: both do not fit at 80×24
            lines.append(Content.assemble((_("Why it works: "), "bold"), _(self.challenge.explain)))
        else:
            lines.append(Content(_(self.challenge.statement)))
        for index in range(min(self.hints_shown, total)):
            lines.append(Content.assemble((_("Hint {n}/{total}").format(n=index + 1, total=total) + ": ", "italic"),
                                          _(self.challenge.hints[index])))
        if self.hints_shown < total and not explained:
            more = (_("h: the next hint opens after another try: a new value or a run ({left} left)")
                    .format(left=total - self.hints_shown) if self.hint_locked
                    else _("h: show a hint ({left} left)").format(left=total - self.hints_shown))
            lines.append(Content(more).stylize("dim"))
        self.update(Content("\n").join(lines))
