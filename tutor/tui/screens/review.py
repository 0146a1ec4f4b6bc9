"""The review screen: what is due, one question at a time, each answer rescheduled at once.

The same questions as `gdtutor review`: a quiz question with its choices in a new order, a
prediction with fresh values and its simulation run again (on a worker thread: a deep network can
take a moment) and its chart shown once answered, a challenge answered with values that are run
and judged. Leaving halfway loses nothing; what was not answered stays due.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

from tutor.i18n import _, render
from tutor.progress import review
from tutor.progress.review import DueItem
from tutor.tui.runner import Drawn, Report
from tutor.tui.screens.mounted import KeysWhenMounted
from tutor.tui.widgets.chart import ChartView
from tutor.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from tutor.lessons.review_questions import ReviewQuestion
    from tutor.tui.tutor_app import Tutor

#: Runs at a challenge's values before it counts as not met this time.
CHALLENGE_TRIES = 3


class ChartReport(Message):
    """The runner drew the chart of a run the review shows."""

    def __init__(self, report: Report) -> None:
        super().__init__()
        self.report = report


class ReviewScreen(KeysWhenMounted):
    CSS_PATH = "review.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "home", "Home"),
        Binding("1", "answer(1)", "Answer", key_display="1-9"),
        *(Binding(str(n), f"answer({n})", show=False) for n in range(2, 10)),
        Binding("enter", "next", "Next", priority=False),
        Binding("s", "skip", "Skip"),
    ]
    PARTS = ("#review-title", "#review-question", "#review-verdict")

    def __init__(self) -> None:
        super().__init__()
        self.due: list[DueItem] = []
        self.position = 0
        self.question: ReviewQuestion | None = None
        self.answered = False
        self.right_count = 0
        self.asked = 0
        self.runs = 0  # challenge runs at this item

    @property
    def tutor(self) -> Tutor:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Static(id="review-title")
        with VerticalScroll(id="review-pane"):
            yield Static(id="review-question")
            yield Input(id="review-values")
            yield Static(id="review-verdict")
            yield ChartView(id="review-chart")
        yield KeyFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        with self.unless_taken_down():
            session = self.tutor.session
            self.due = review.due_items(session.progress, session.clock(), self.tutor.course.ids)
            self.query_one("#review-values", Input).display = False
            self.query_one("#review-chart", ChartView).display = False
            self._load()

    # -- the current item -------------------------------------------------------------------------

    def _load(self) -> None:
        self.question, self.answered, self.runs = None, False, 0
        self.query_one("#review-verdict", Static).update("")
        self.query_one("#review-values", Input).display = False
        self.query_one("#review-chart", ChartView).display = False
        if self.position >= len(self.due):
            self._finish()
            return
        self._title()
        self.query_one("#review-question", Static).update(Content.styled(_("preparing the question…"), "dim"))
        item = self.due[self.position]
        self._build(item, int(self.tutor.session.clock().timestamp()) + self.position)

    @work(thread=True, exclusive=True)
    def _build(self, item: DueItem, seed: int) -> None:
        from tutor.lessons.review_questions import build

        lesson = self.tutor.course.find(item.lesson_id)
        question = build(lesson, item.key, seed) if lesson else None
        self.app.call_from_thread(self._show, item, question)

    def _show(self, item: DueItem, question: ReviewQuestion | None) -> None:
        if not self.is_attached or self.position >= len(self.due) or self.due[self.position] != item:
            return
        if question is None or (question.kind != "challenge" and question.right is None):
            self.position += 1  # (the lesson changed and no longer has this question)
            self._load()
            return
        self.question = question
        lines = [Content.styled(_(question.lesson.title), "dim")]
        if question.kind == "challenge":
            from tutor.lessons.review_questions import shown_values

            lines += [Content.assemble((_("Challenge: "), "bold"), _(question.prompt)),
                      Content.styled(_("Starting values: {values}").format(values=shown_values(question)), "dim"),
                      Content(_("Type values that meet it (name=value …) and press Enter."))]
            values = self.query_one("#review-values", Input)
            values.display = True
            values.value = ""
            values.focus()
        else:
            lines.append(Content.styled(_(question.prompt), "bold"))
            if question.kind == "predict":
                from tutor.lessons.review_questions import shown_values

                lines.append(Content.styled(_("Set: {values}").format(values=shown_values(question)), "dim"))
            lines += [Content(f"  {n}) {_(text)}") for n, text in enumerate(question.choices, start=1)]
            lines.append(Content.styled(_("Press 1–{n} to answer.").format(n=len(question.choices)), "dim"))
            self.query_one("#review-pane").focus()
        self.query_one("#review-question", Static).update(Content("\n").join(lines))
        self.refresh_bindings()

    def _title(self) -> None:
        text = _("Review: {k} of {n} due").format(k=self.position + 1, n=len(self.due))
        self.query_one("#review-title", Static).update(Content.styled(text, "bold"))

    def _finish(self) -> None:
        session = self.tutor.session
        title = _("Review") if not self.asked else _("{right} of {n} right.").format(right=self.right_count,
                                                                                   n=self.asked)
        self.query_one("#review-title", Static).update(Content.styled(title, "bold"))
        self.query_one("#review-question", Static).update(
            Content(render(review.nothing_due(session.progress, session.clock(), self.tutor.course.ids))))
        self.query_one("#review-verdict", Static).update(Content.styled(_("esc: back to the course"), "dim"))
        self.refresh_bindings()

    # -- answering --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return False
        if action == "answer":
            return self.question is not None and self.question.kind != "challenge" and not self.answered
        if action == "next":
            return self.answered
        if action == "skip":
            return self.question is not None and not self.answered
        return True

    def action_answer(self, number: int) -> None:
        question = self.question
        if question is None or self.answered or question.kind == "challenge" or number > len(question.choices):
            return
        right = question.is_right(number - 1)
        lines = [Content.styled(_("Right."), "green") if right else Content.styled(
            _("Not quite. The answer: {choice}").format(
                choice=f"{(question.right or 0) + 1}) {_(question.choices[question.right or 0])}"), "red")]
        if question.result is not None:
            lines.append(Content.styled(render(question.result.status), "dim"))
        if question.explain:
            lines.append(Content.styled(_(question.explain), "italic"))
        self._answered(right, lines)
        if question.kind == "predict":
            self.query_one("#review-chart", ChartView).display = True  # its size is known after layout
            self.call_after_refresh(self._draw_run, question)

    # -- the run's chart --------------------------------------------------------------------------

    def _draw_run(self, question: ReviewQuestion) -> None:
        from tutor.plots import ChartOptions
        from tutor.sims import get_spec

        chart = self.query_one("#review-chart", ChartView)
        if question is not self.question or not chart.display:
            return
        terminal = self.tutor.terminal
        options = ChartOptions(width=max(chart.content_size.width, 20), height=max(chart.content_size.height, 6),
                               color=terminal.color, unicode=terminal.unicode, translate=_)
        self.tutor.runner.submit(get_spec(question.lesson.sim), question.values, options, self._deliver)

    def _deliver(self, report: Report) -> None:
        """Called on the runner's thread: hand the chart to the UI thread."""
        self.post_message(ChartReport(report))

    def on_unmount(self) -> None:
        self.tutor.runner.forget(self._deliver)  # (its request would hold the closed screen: runner.forget)

    def on_chart_report(self, message: ChartReport) -> None:
        chart = self.query("#review-chart")
        if isinstance(message.report, Drawn) and chart and chart.first(ChartView).display:
            chart.first(ChartView).show(message.report.chart)

    @on(Input.Submitted, "#review-values")
    def _values(self, event: Input.Submitted) -> None:
        if self.question is None or self.question.kind != "challenge" or self.answered:
            return
        self._try(self.question, event.value)

    @work(thread=True, exclusive=True, group="challenge")
    def _try(self, question: ReviewQuestion, text: str) -> None:
        outcome = question.try_values(text)
        self.app.call_from_thread(self._tried, question, outcome)

    def _tried(self, question: ReviewQuestion, outcome) -> None:  # type: ignore[no-untyped-def]
        if question is not self.question or self.answered:
            return
        met, result, problem = outcome
        verdict = self.query_one("#review-verdict", Static)
        if problem is not None:
            verdict.update(Content.styled(render(problem), "red"))
            return
        self.runs += 1
        status = Content.styled(render(result.status), "dim")
        if met:
            self._answered(True, [Content.styled(_("Met."), "green"), status])
        elif self.runs >= CHALLENGE_TRIES:
            self._answered(False, [Content.styled(_("Not met by these values."), "red"), status])
        else:
            verdict.update(Content("\n").join([Content.styled(_("Not met by these values."), "red"), status]))

    def _answered(self, right: bool, lines: list[Content]) -> None:
        item = self.due[self.position]
        self.answered = True
        self.tutor.session.reviewed(item.lesson_id, item.key, right)
        self.tutor.show_notices(self.tutor.session.take_notices())
        self.asked += 1
        self.right_count += right
        self.query_one("#review-values", Input).display = False
        lines.append(Content.styled(_("Enter: next"), "dim"))
        self.query_one("#review-verdict", Static).update(Content("\n").join(lines))
        self.query_one("#review-pane").focus()
        self.refresh_bindings()

    def action_next(self) -> None:
        if self.answered:
            self.position += 1
            self._load()

    def action_skip(self) -> None:
        if self.question is not None and not self.answered:
            self.position += 1  # (it stays due)
            self._load()

    def action_home(self) -> None:
        self.app.pop_screen()
