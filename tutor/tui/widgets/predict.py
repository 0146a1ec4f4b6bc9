"""Predict, then run: the lesson's ```predict questions, asked while the chart is hidden.

A learner who commits to an expectation before watching a demonstration understands it better
than one who only watches, so the order matters: the values are set and the chart is hidden
(`asking`), the learner answers with the number keys, and only then is the run shown, played from
step 0 (`revealing`); the answer is judged on that run, by the block's conditions, and explained
(`revealed`). The panel holds this state and says what the screen must do through messages; it
never runs a simulation or touches progress itself.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from tutor.i18n import _
from tutor.lessons.predict import Prediction, fill
from tutor.present.glyphs import Glyphs
from tutor.sims.params import ParamValue
from tutor.sims.result import Result
from tutor.sims.spec import SimSpec

IDLE, ASKING, REVEALING, REVEALED = "idle", "asking", "revealing", "revealed"


class PredictPanel(Static):
    """One block at a time: the next not yet answered, or (once all are) the first again."""

    class Asked(Message):
        """Set these values and hide the chart: a question is being asked about them."""

        def __init__(self, values: Mapping[str, ParamValue]) -> None:
            super().__init__()
            self.values = dict(values)

    class Committed(Message):
        """The learner answered: show the run from step 0."""

    class Judged(Message):
        def __init__(self, block: int, choice: int, right: bool) -> None:
            super().__init__()
            self.block = block
            self.choice = choice
            self.right = right

    class Closed(Message):
        """The question is put away: the chart shows as usual."""

    def __init__(self, predictions: tuple[Prediction, ...], answers: Mapping[int, bool], spec: SimSpec,
                 glyphs: Glyphs, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.predictions = predictions
        self.answers = dict(answers)  # block -> right, as saved
        self.spec = spec
        self.glyphs = glyphs
        self.state = IDLE
        self.block = self._next_block()
        self.choice: int | None = None
        self.holding: list[int] = []
        self._seen: Result | None = None  # the block's run, once shown after the commit

    def on_mount(self) -> None:
        self.display = bool(self.predictions)  # (and, once every block is answered, only while one is open)
        self._draw()

    @property
    def text(self) -> str:
        return str(self.content)

    @property
    def asking(self) -> bool:
        return self.state == ASKING

    @property
    def hides_run(self) -> bool:
        """While asking, nothing about the run may show: not the chart, its facts or the challenge."""
        return self.state == ASKING

    @property
    def current(self) -> Prediction:
        return self.predictions[self.block]

    @property
    def values(self) -> dict[str, ParamValue]:
        return dict(self.current.params)

    def _next_block(self) -> int:
        for index in range(len(self.predictions)):
            if index not in self.answers:
                return index
        return 0

    # -- what the learner does --------------------------------------------------------------------

    def start_or_close(self) -> None:
        """f: ask the next question, or put the one showing away."""
        if not self.predictions:
            return
        if self.state == IDLE:
            self.state, self.choice, self.holding = ASKING, None, []
            self.post_message(self.Asked(self.values))
        else:
            self.close()
            return
        self._draw()

    def close(self) -> None:
        if self.state == IDLE:
            return
        if self.state == REVEALING and self._seen is not None:
            self._judge(self._seen)  # (put away mid-play: the run was seen, the answer counts)
        if self.state in (REVEALED, REVEALING) and self.block in self.answers:
            self.block = self._after(self.block)
        self.state = IDLE
        self.post_message(self.Closed())
        self._draw()

    def _after(self, block: int) -> int:
        unanswered = [i for i in range(len(self.predictions)) if i not in self.answers]
        later = [i for i in unanswered if i > block] or unanswered
        return later[0] if later else (block + 1) % len(self.predictions)

    def accepts(self, number: int) -> bool:
        return self.state == ASKING and 1 <= number <= len(self.current.choices)

    def commit(self, number: int) -> None:
        if not self.accepts(number):
            return
        self.choice = number - 1
        self._seen = None
        self.state = REVEALING
        self.post_message(self.Committed())
        self._draw()

    def values_changed(self, values: Mapping[str, ParamValue]) -> None:
        """The learner changed a value while asked about others: the question no longer applies."""
        if self.state == ASKING and any(values.get(k) != v for k, v in self.current.params.items()):
            self.close()

    def run_shown(self, result: Result, finished: bool) -> None:
        """A frame reached the screen: once committed, the run of the block's values is judged when it
        has played to its end (`finished`), so the verdict never comes before the learner has seen it."""
        if self.state != REVEALING or self.choice is None:
            return
        if any(result.params.get(k) != v for k, v in self.current.params.items()):
            return
        self._seen = result
        if finished:
            self._judge(result)

    def _judge(self, result: Result) -> None:
        assert self.choice is not None
        self.holding = self.current.holding(result)
        right = self.holding == [self.choice]
        self.answers[self.block] = right
        self.state = REVEALED
        self.post_message(self.Judged(self.block, self.choice, right))
        self._draw()

    # -- drawing ----------------------------------------------------------------------------------

    def _fill(self, text: str) -> str:
        return fill(_(text), self.current.params, self.spec)

    def _draw(self) -> None:
        if not self.predictions:
            return
        self.set_class(self.state != IDLE, "-open")
        self.display = self.state != IDLE or len(self.answers) < len(self.predictions)
        if self.state == IDLE:
            right = sum(1 for ok in self.answers.values() if ok)
            total = len(self.predictions)
            if len(self.answers) < total:
                line = _("Predict first: press f and guess what the run will do ({n} of {total}).").format(
                    n=self.block + 1, total=total)
            else:
                line = _("Predictions: {right} of {total} right. f: ask again.").format(right=right, total=total)
            self.update(Content.styled(line, "dim"))
            return
        g = self.glyphs
        if self.state == ASKING:
            shown = ", ".join(f"{k} = {self.spec.param(k).format(v)}" for k, v in self.current.params.items())
            lines = [Content.assemble((_("Predict") + ": ", "bold"), self._fill(self.current.question)),
                     Content.styled("  " + _("Set: {values}").format(values=shown), "dim")]
            lines += [Content(f"   {index + 1}) {self._fill(text)}") for index, text in enumerate(self.current.choices)]
            prompt = _("The chart stays hidden until you answer: press 1–{n}. f puts the question away.").format(
                n=len(self.current.choices))
            lines.append(Content.styled(prompt, "dim"))
            self.update(Content("\n").join(lines))
            return
        assert self.choice is not None
        chosen = f"{self.choice + 1}) {self._fill(self.current.choices[self.choice])}"
        if self.state == REVEALING:  # one line: the chart needs the room to play
            self.update(Content.assemble((_("Predict") + ": ", "bold"),
                                         _("you chose {choice}. Watch the run…").format(choice=chosen)))
            return
        right = self.answers.get(self.block, False)
        mark, style = (g.right, "green") if right else (g.wrong, "red")
        lines = [Content.assemble((_("Predict") + ": ", "bold"), (f"{mark} ", style),
                                  _("you chose {choice}").format(choice=chosen))]
        if not right:
            for index in self.holding:
                lines.append(Content.styled(f"  {g.right} " + _("what the run did: {choice}").format(
                    choice=f"{index + 1}) {self._fill(self.current.choices[index])}"), "green"))
        verdict = _("Right.") if right else _("Not quite.")
        lines.append(Content.assemble((f"{verdict} {self._fill(self.current.explain)}", "italic"),
                                      ("  " + _("f: close"), "dim")))
        self.update(Content("\n").join(lines))
