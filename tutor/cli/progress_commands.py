"""`gdtutor progress` and `gdtutor reset`: the learner's saved progress, from the shell."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from tutor.cli.course_commands import find_lesson
from tutor.i18n import N_, _, language, render
from tutor.widths import cell_width, ljust

if TYPE_CHECKING:
    from tutor.progress.model import Progress

#: How each status is printed; the words are the ones the progress file stores.
STATUS_WORDS = (N_("not-started"), N_("in-progress"), N_("complete"))


@click.command("progress")
def progress_command() -> None:
    """Show your progress through the course."""
    from tutor.lessons.loader import load_course
    from tutor.progress.session import ProgressSession

    course = load_course(lang=language())
    session = ProgressSession()
    for notice in session.take_notices():
        click.echo(render(notice), err=True)
    progress = session.progress
    id_width = max((len(lesson.id) for lesson in course.lessons), default=2)
    state_width = max(cell_width(_(state)) for state in (*STATUS_WORDS, "status"))
    click.echo(f"{'#':>2}  {ljust(_('lesson'), id_width)}  {ljust(_('status'), state_width)}  "
               f"{ljust(_('completed'), 20)}  {ljust(_('hints'), 5)}  {_('quiz')}")
    for number, lesson in enumerate(course.lessons, start=1):
        entry = progress.lessons.get(lesson.id)
        status = entry.status if entry else "not-started"
        completed = (entry.completed_at or "") if entry else ""
        hints = f"{entry.hints_used}/{len(lesson.challenge.hints)}" if entry else f"0/{len(lesson.challenge.hints)}"
        answers = entry.quiz if entry else {}  # (keys from the file: looked up, never converted)
        right = sum(1 for i, question in enumerate(lesson.quiz) if answers.get(str(i)) == question.answer)
        quiz = f"{right}/{len(lesson.quiz)}" if lesson.quiz else "-"
        click.echo(f"{number:>2}  {lesson.id:<{id_width}}  {ljust(_(status), state_width)}  "
                   f"{completed:<20}  {hints:<5}  {quiz}")
    done = sum(progress.status(lesson.id) == "complete" for lesson in course.lessons)
    where = (_("{done} of {total} complete. Nothing is saved to {path} (see the message above).")
             if session.store.read_only else _("{done} of {total} complete. Saved in {path}"))
    click.echo("\n" + where.format(done=done, total=len(course.lessons), path=session.store.path))


@click.command("reset")
@click.argument("lesson", required=False)
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
def reset_command(lesson: str | None, yes: bool) -> None:
    """Erase your progress for one LESSON, or for the whole course."""
    from tutor.lessons.loader import load_course
    from tutor.progress.model import Progress
    from tutor.progress.store import ProgressStore

    ctx = click.get_current_context()
    target = find_lesson(load_course(lang=language()), lesson, ctx).id if lesson is not None else None  # "" is not all
    if target:
        question, done = (_('Erase your progress in "{id}"?').format(id=target),
                          _('Erased your progress in "{id}".').format(id=target))
    else:
        question, done = _("Erase all your progress in every lesson?"), _("Erased all your progress in every lesson.")
    if not yes and not click.confirm(question, default=False):
        click.echo(_("Nothing was erased."))
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
    changed = store.replace(erase)
    for notice in store.notices:  # (what loading found, and why the change failed)
        click.echo(render(notice), err=True)
    if changed is None:
        raise click.ClickException(_("progress could not be changed (see the message above)"))
    click.echo(done)
