"""Quiz questions inside a lesson's Markdown, as fenced ```quiz blocks holding TOML.

    ```quiz
    question = "The gradient is −3 at w = 2. With η = 0.1, where does w go?"
    choices = ["1.7", "2.3", "it stays at 2"]
    answer = 2          # the right choice, counted from 1
    explain = "w − η·g = 2 − 0.1·(−3) = 2.3: a negative slope means downhill is to the right."
    ```

The blocks are taken out of the text the learner reads and shown after it, one question each.
"""

from __future__ import annotations

from tutor.lessons.content_error import ContentError
from tutor.lessons.fences import blocks, fenced_lines, find_fences, require_closed
from tutor.lessons.frontmatter import file_lines, key_line, loads_bounded
from tutor.lessons.model import Question
from tutor.text import Msg

MAX_CHOICES = 9  # answered with the number keys 1–9


def extract(body: str, first_line: int) -> tuple[str, list[Question]]:
    """The body without its quiz blocks, and the questions in order (ContentError on a bad block, with
    the other bad blocks' problems in its `more`)."""
    lines = file_lines(body)
    found = blocks(lines, "quiz", first_line, Msg("this quiz block is never closed with ```"))
    require_closed(find_fences(lines), first_line)  # (any other kind: predict blocks are read before)
    questions: list[Question] = []
    bad: list[ContentError] = []
    for fence in found:
        try:
            questions.append(_question("\n".join(fence.inner(lines)), first_line + fence.start))
        except ContentError as exc:  # (the next blocks are checked too)
            bad.append(exc)
    if bad:
        bad[0].more = bad[1:]
        raise bad[0]
    inside = fenced_lines(found)
    text = "\n".join(line for i, line in enumerate(lines) if i not in inside).rstrip() + "\n"
    return text, questions


def _question(text: str, line: int) -> Question:
    """One question from its block's TOML; `line` is the file line of the opening fence."""

    def fail(key: str, msg: Msg) -> ContentError:
        return ContentError(None, key_line(text, line, key), msg)

    data = loads_bounded(file_lines(text), line, Msg("quiz block is not valid TOML: {reason}"))
    unknown = sorted(set(data) - {"question", "choices", "answer", "explain"})
    if unknown:
        raise fail(unknown[0], Msg("quiz block has unknown keys: {keys}", keys=", ".join(unknown)))
    question, choices = data.get("question"), data.get("choices")
    answer, explain = data.get("answer"), data.get("explain", "")
    if not isinstance(question, str) or not question.strip():
        raise fail("question", Msg("quiz block needs a question (text)"))
    if (not isinstance(choices, list) or not 2 <= len(choices) <= MAX_CHOICES
            or not all(isinstance(c, str) and c.strip() for c in choices)):
        raise fail("choices", Msg("quiz choices must be a list of 2 to {n} texts", n=MAX_CHOICES))
    if isinstance(answer, bool) or not isinstance(answer, int) or not 1 <= answer <= len(choices):
        raise fail("answer", Msg("quiz answer must be the number of the right choice, 1 to {n}",
                                 n=len(choices)))
    if not isinstance(explain, str):
        raise fail("explain", Msg("quiz explain must be text"))
    return Question(question.strip(), tuple(c.strip() for c in choices), answer - 1, explain.strip(), line)
