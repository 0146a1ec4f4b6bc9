"""`gdtutor review`: what is due for review, asked in the terminal as plain text.

One question at a time, answered by typing: a number for a quiz question or a prediction (asked
with fresh values, its simulation run again), values for a challenge (run and judged). Each answer
reschedules its item at once, so stopping halfway (Ctrl-D, Ctrl-C) loses nothing: the rest stays due.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING

import click

from tutor.i18n import _, language, render

if TYPE_CHECKING:
    from tutor.lessons.model import Course
    from tutor.lessons.review_questions import ReviewQuestion
    from tutor.progress.session import ProgressSession

_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
#: Tries at a challenge's values before it counts as not done.
CHALLENGE_TRIES = 3


def clean(text: str) -> str:
    """Lesson text as it may reach a terminal: no control characters, no direction overrides."""
    return _CONTROL.sub("", text)


def nothing_due_line(session: ProgressSession, course: Course, now: datetime) -> str:
    from tutor.progress import review

    return render(review.nothing_due(session.progress, now, course.ids))


@click.command("review")
@click.option("--limit", type=click.IntRange(1, 1000), default=None, help="Ask at most this many items.")
def review_command(limit: int | None) -> None:
    """Review what is due: questions you missed, and challenges you met a while ago."""
    from tutor.lessons.loader import load_course
    from tutor.lessons.review_questions import build
    from tutor.progress import review
    from tutor.progress.session import ProgressSession

    course = load_course(lang=language())
    session = ProgressSession()
    for notice in session.take_notices():
        click.echo(render(notice), err=True)
    now = session.clock()
    due = review.due_items(session.progress, now, course.ids)
    if not due:
        click.echo(nothing_due_line(session, course, now))
        return
    due = due[:limit] if limit else due
    click.echo(_("{n} due for review. Type your answer; Ctrl-D stops (the rest stays due).").format(n=len(due)))
    asked = right_count = 0
    try:
        for number, item in enumerate(due, start=1):
            lesson = course.find(item.lesson_id)
            question = build(lesson, item.key, seed=int(now.timestamp()) + number) if lesson else None
            if question is None or (question.kind != "challenge" and question.right is None):
                continue
            click.echo("")
            click.echo(clean(f"[{number}/{len(due)}] {lesson.title}"))  # type: ignore[union-attr]
            right = _ask(question)
            if right is None:
                continue
            session.reviewed(item.lesson_id, item.key, right)
            for notice in session.take_notices():
                click.echo(render(notice), err=True)
            asked += 1
            right_count += right
    except (click.Abort, EOFError):
        click.echo("")
        click.echo(_("Stopped; what was not answered stays due."))
    click.echo("")
    later = session.clock()
    still = len(review.due_items(session.progress, later, course.ids))
    line = (_("{n} still due.").format(n=still) if still else nothing_due_line(session, course, later))
    if asked:
        line = _("{right} of {n} right.").format(right=right_count, n=asked) + " " + line
    click.echo(line)


def _ask(question: ReviewQuestion) -> bool | None:
    """Ask one question; whether it was answered right (None: skipped)."""
    from tutor.lessons.review_questions import shown_values

    if question.kind == "challenge":
        return _ask_challenge(question)
    click.echo(clean(question.prompt))
    if question.kind == "predict":
        click.echo(clean("  " + _("Set: {values}").format(values=shown_values(question))))
    for index, text in enumerate(question.choices, start=1):
        click.echo(clean(f"  {index}) {text}"))
    choice = click.prompt(_("Your answer"), type=click.IntRange(1, len(question.choices)), prompt_suffix=" > ")
    right = question.is_right(choice - 1)
    if right:
        click.echo(_("Right."))
    else:
        assert question.right is not None
        click.echo(clean(_("Not quite. The answer: {choice}").format(
            choice=f"{question.right + 1}) {question.choices[question.right]}")))
    if question.result is not None:
        click.echo(clean("  " + render(question.result.status)))
    if question.explain:
        click.echo(clean(question.explain))
    return right


def _ask_challenge(question: ReviewQuestion) -> bool | None:
    from tutor.lessons.review_questions import shown_values

    click.echo(clean(_("Challenge: ") + question.prompt))
    click.echo(clean("  " + _("Starting values: {values}").format(values=shown_values(question))))
    runs = 0
    for _prompt in range(4 * CHALLENGE_TRIES):  # (text that is not values does not use up a try)
        if runs >= CHALLENGE_TRIES:
            break
        text = click.prompt(_("Values that meet it (name=value …; empty to skip)"), default="",
                            show_default=False, prompt_suffix=" > ")
        if not text.strip():
            click.echo(_("Skipped: it stays due."))
            return None
        met, result, problem = question.try_values(text)
        if problem is not None:
            click.echo(clean(render(problem)))
            continue
        assert result is not None
        runs += 1
        click.echo(clean("  " + render(result.status)))
        if met:
            click.echo(_("Met."))
            return True
        click.echo(_("Not met by these values."))
    return False
