"""The quiz after the lesson text: questions answered with the number keys, each explained once answered.

The current question is the first one not yet answered; once all are answered the panel shows the
score, and retaking walks through them again, each new answer replacing the saved one.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from tutor.i18n import _
from tutor.lessons.model import Question
from tutor.present.glyphs import Glyphs


class QuizPanel(Vertical):
    """A heading, one block per question (so the screen can scroll one into view), and a prompt."""

    def __init__(self, questions: tuple[Question, ...], answers: dict[int, int], glyphs: Glyphs,
                 **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.questions = questions
        self.answers = dict(answers)
        self.glyphs = glyphs
        self._retake_from: int | None = None  # retaking: the next question to ask again

    def compose(self) -> ComposeResult:
        yield Static(Content.styled(_("Check your understanding"), "bold"), classes="quiz-heading")
        for _index in self.questions:
            yield Static(classes="quiz-question")
        yield Static(classes="quiz-prompt")

    def on_mount(self) -> None:
        self.display = bool(self.questions)
        self._draw()

    @property
    def text(self) -> str:
        """Everything the panel shows, as plain text."""
        return "\n".join(str(static.content) for static in self.query(Static))

    def question_view(self, index: int) -> Static | None:
        """The block of question `index`; None until the panel has built its blocks (the footer asks
        whether a question is in view as soon as the lesson mounts, before the quiz composes)."""
        views = list(self.query(".quiz-question").results(Static))
        return views[index] if 0 <= index < len(views) else None

    def scroll_to_question(self, index: int) -> None:
        """Bring question `index` to the top of the text, once it is built."""
        view = self.question_view(index)
        if view is not None:
            view.scroll_visible(animate=False, top=True)

    @property
    def current(self) -> int | None:
        """The question the number keys answer now, or None when the quiz is done."""
        if self._retake_from is not None:
            return self._retake_from if self._retake_from < len(self.questions) else None
        for index in range(len(self.questions)):
            if index not in self.answers:
                return index
        return None

    @property
    def score(self) -> tuple[int, int]:
        right = sum(self.answers.get(i) == q.answer for i, q in enumerate(self.questions))
        return right, len(self.questions)

    def accepts(self, number: int) -> bool:
        """Whether number key `number` (from 1) answers the current question."""
        index = self.current
        return index is not None and 1 <= number <= len(self.questions[index].choices)

    def record(self, question: int, choice: int) -> None:
        self.answers[question] = choice
        if self._retake_from is not None:
            self._retake_from = question + 1
        self._draw()

    def retake(self) -> None:
        self._retake_from = 0
        self._draw()

    def _draw(self) -> None:
        if not self.questions:
            return
        current = self.current
        for index, view in enumerate(self.query(".quiz-question")):
            view.update(self._question(index, current))  # type: ignore[attr-defined]
        right, total = self.score
        if current is not None:
            choices = len(self.questions[current].choices)
            prompt = _("Press 1–{n} to answer question {q}.").format(n=choices, q=current + 1)
        else:
            prompt = _("Quiz: {right} of {total} right. Press R to answer again.").format(right=right, total=total)
        self.query_one(".quiz-prompt", Static).update(Content.styled(prompt, "dim"))

    def _question(self, index: int, current: int | None) -> Content:
        g = self.glyphs
        question = self.questions[index]
        chosen = self.answers.get(index)
        asking = index == current
        answered = chosen is not None and not (self._retake_from is not None and index >= self._retake_from)
        marker = f"{g.current} " if asking else "  "
        lines = [Content.styled(f"{marker}{index + 1}. {_(question.question)}", "bold" if asking else "")]
        for number, text in enumerate(question.choices, start=1):
            tag, style = "   ", ""
            if answered and number - 1 == question.answer:
                tag, style = f" {g.right} ", "green"
            elif answered and number - 1 == chosen:
                tag, style = f" {g.wrong} ", "red"
            lines.append(Content.styled(f"  {tag}{number}) {_(text)}", style))
        if answered and question.explain:
            verdict = _("Right.") if chosen == question.answer else _("Not quite.")
            lines.append(Content.styled(f"     {verdict} {_(question.explain)}", "italic"))
        return Content("\n").join(lines)
