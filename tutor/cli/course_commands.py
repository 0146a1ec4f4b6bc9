"""`gdtutor list`, `show` and `check-lessons`: the course, headless."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tutor.cli.errors import usage_error
from tutor.i18n import _, language, render
from tutor.text import Msg

if TYPE_CHECKING:
    from tutor.lessons.model import Course, Lesson

def find_lesson(course: Course, key: str, ctx: click.Context | None = None) -> Lesson:
    """A lesson by id or number, or a usage error suggesting the closest id."""
    from tutor.sims.params import unknown_name

    lesson = course.find(key)
    if lesson is None:
        if key.strip().isascii() and key.strip().isdigit():
            raise usage_error(Msg("there is no lesson {n}; the course has lessons 1 to {count}",
                                  n=key.strip(), count=len(course.lessons)), ctx)
        raise usage_error(unknown_name("lesson", key, course.ids), ctx)
    return lesson


@click.command("list")
def list_command() -> None:
    """List the lessons in course order, with your progress."""
    from tutor.lessons.course_cache import load_listing
    from tutor.present.glyphs import Glyphs
    from tutor.present.terminal import for_stream
    from tutor.progress.session import ProgressSession

    listing = load_listing(lang=language())  # (ids, titles and simulations only: tutor.lessons.listing)
    session = ProgressSession()
    for notice in session.take_notices():
        click.echo(render(notice), err=True)
    glyphs = Glyphs.for_terminal(for_stream(sys.stdout))  # (home's marks: ✓ ◐ ○, or + ~ o)
    id_width = max((len(lesson.id) for lesson in listing.lessons), default=2)
    statuses = [session.progress.status(lesson.id) for lesson in listing.lessons]  # (as home's, present.course)
    for number, (lesson, status) in enumerate(zip(listing.lessons, statuses, strict=True), start=1):
        mark = glyphs.for_status(status)
        click.echo(f"[{mark}] {number:>2}  {lesson.id:<{id_width}}  {lesson.title}  ({lesson.sim})")
    for problem in listing.broken:
        click.echo(f"[!]     {problem.render(_)}", err=False)
    click.echo("\n" + _("{done} of {total} lessons complete. Open one with: gdtutor show ID").format(
        done=statuses.count("complete"), total=len(listing.lessons)))


@click.command("show")
@click.argument("lesson")
def show_command(lesson: str) -> None:
    """Print a lesson (by id or number) for the terminal. Quiz answers are not shown."""
    from rich.markdown import Markdown
    from rich.text import Text

    from tutor.cli.output import print_rich
    from tutor.lessons.loader import load_course
    from tutor.sims import get_spec

    course = load_course(lang=language())
    found = find_lesson(course, lesson, click.get_current_context())
    body = found.body if found.body.lstrip().startswith("# ") else f"# {found.title}\n\n{found.body}"
    shown: list[object] = [Markdown(body, hyperlinks=False), "",
                           Text.assemble((_("Challenge: "), "bold"), found.challenge.statement)]
    if found.challenge.explain and _challenge_met(found.id):
        shown.append(Text.assemble((_("Why it works: "), "bold"), found.challenge.explain))
    if found.quiz:
        shown += ["", Text(_("Quiz"), style="bold underline")]
        for n, question in enumerate(found.quiz, start=1):
            shown += ["", Text(f"{n}. {question.question}", style="bold")]
            shown += [Text(f"   {i}) {choice}") for i, choice in enumerate(question.choices, start=1)]
    spec = get_spec(found.sim)
    if found.predictions:
        from tutor.lessons.predict import fill

        shown += ["", Text(_("Predict, then run it"), style="bold underline")]
        for n, prediction in enumerate(found.predictions, start=1):
            shown += ["", Text(f"{n}. {fill(prediction.question, prediction.params, spec)}", style="bold")]
            shown += [Text(f"   {i}) {fill(choice, prediction.params, spec)}")
                      for i, choice in enumerate(prediction.choices, start=1)]
            values = {**{k: found.params[k] for k in found.controls}, **prediction.params}
            flags = "".join(f" -s {k}={spec.param(k).format(v)}" for k, v in values.items())
            shown.append(Text("   " + _("Try it: {command}").format(command=f"gdtutor sim {found.sim}{flags}")))
    settings = "".join(f" -s {k}={spec.param(k).format(found.params[k])}" for k in found.controls)
    shown += ["", Text(_("Try it: {command}").format(command=f"gdtutor sim {found.sim}{settings}"))]
    print_rich(*shown)


def _challenge_met(lesson_id: str) -> bool:
    """Whether the learner has met this lesson's challenge: only then may `show` explain its solution."""
    from tutor.progress.session import ProgressSession

    session = ProgressSession()
    for notice in session.take_notices():
        click.echo(render(notice), err=True)
    return session.progress.status(lesson_id) == "complete"


@click.command("check-lessons")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
def check_lessons_command(directory: Path | None) -> None:
    """Validate lessons and prove every challenge can be met (by its solution) and is not met at the start."""
    from tutor.lessons.check import check_course

    course, problems = check_course(directory)
    for problem in problems:
        click.echo(problem.render(_), err=True)
    if problems:
        click.echo(_("{n} problem(s) in {files} lesson file(s).").format(
            n=len(problems), files=len(course.lessons) + len(course.broken)), err=True)
        sys.exit(1)
    click.echo(_("{n} lessons checked: every challenge can be met and none is met at the start.").format(
        n=len(course.lessons)))
