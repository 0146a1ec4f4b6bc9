"""`gdtutor progress` and `gdtutor reset`: the learner's saved progress, from the shell."""

from __future__ import annotations

import click

from tutor.cli.course_commands import find_lesson
from tutor.lessons.loader import load_course
from tutor.progress.model import Progress


@click.command("progress")
def progress_command() -> None:
    """Show your progress through the course."""
    from tutor.progress.session import ProgressSession

    course = load_course()
    session = ProgressSession()
    for notice in session.take_notices():
        click.echo(str(notice), err=True)
    progress = session.progress
    id_width = max((len(lesson.id) for lesson in course.lessons), default=2)
    click.echo(f"{'#':>2}  {'lesson':<{id_width}}  {'status':<11}  {'completed':<20}  hints  quiz")
    for number, lesson in enumerate(course.lessons, start=1):
        entry = progress.lessons.get(lesson.id)
        status = entry.status if entry else "not-started"
        completed = (entry.completed_at or "") if entry else ""
        hints = f"{entry.hints_used}/{len(lesson.challenge.hints)}" if entry else f"0/{len(lesson.challenge.hints)}"
        right = sum(1 for q, c in (entry.quiz.items() if entry else [])
                    if q.isdigit() and int(q) < len(lesson.quiz) and lesson.quiz[int(q)].answer == c)
        quiz = f"{right}/{len(lesson.quiz)}" if lesson.quiz else "-"
        click.echo(f"{number:>2}  {lesson.id:<{id_width}}  {status:<11}  {completed:<20}  {hints:<5}  {quiz}")
    done = sum(progress.status(lesson.id) == "complete" for lesson in course.lessons)
    click.echo(f"\n{done} of {len(course.lessons)} complete. Saved in {session.store.path}")


@click.command("reset")
@click.argument("lesson", required=False)
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
def reset_command(lesson: str | None, yes: bool) -> None:
    """Erase your progress for one LESSON, or for the whole course."""
    from tutor.progress.store import ProgressStore

    ctx = click.get_current_context()
    target = find_lesson(load_course(), lesson, ctx).id if lesson else None
    what = f'your progress in "{target}"' if target else "all your progress in every lesson"
    if not yes and not click.confirm(f"Erase {what}?", default=False):
        click.echo("Nothing was erased.")
        return

    def erase(progress: Progress) -> Progress:
        if target is None:
            return Progress(settings=progress.settings)
        progress.lessons.pop(target, None)
        if progress.last_lesson == target:
            progress.last_lesson = None
        return progress

    store = ProgressStore()
    store.load()
    for notice in store.notices:
        click.echo(str(notice), err=True)
    if store.replace(erase) is None:
        raise click.ClickException("progress could not be changed (see the message above)")
    click.echo(f"Erased {what}.")
