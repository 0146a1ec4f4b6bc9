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
    from tutor.present.standing import overall_words, prediction_words, quiz_words
    from tutor.progress.session import ProgressSession
    from tutor.progress.standing import standing

    course = load_course(lang=language())
    session = ProgressSession()
    for notice in session.take_notices():
        click.echo(render(notice), err=True)
    where = standing(session.progress, course.lessons, session.clock())
    id_width = max((len(lesson.id) for lesson in course.lessons), default=2)
    state_width = max(cell_width(_(state)) for state in (*STATUS_WORDS, "status"))
    rows = [(_("lesson"), _("status"), _("quiz"), _("predictions"), _("due"))]
    for lesson, mine in zip(course.lessons, where.lessons, strict=True):
        status = _("challenge met") if mine.challenge_met else _(mine.status)  # (complete means met)
        rows.append((lesson.id, status, quiz_words(mine), prediction_words(mine), str(mine.due) if mine.due else ""))
    widths = [max(cell_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    widths[0], widths[1] = max(widths[0], id_width), max(widths[1], state_width)
    for number, row in enumerate(rows):
        label = f"{number:>2}" if number else f"{'#':>2}"
        click.echo("  ".join([label, *(ljust(text, width) for text, width in zip(row, widths, strict=True))]).rstrip())
    click.echo("")
    click.echo(overall_words(where))
    saved = (_("Nothing is saved to {path} (see the message above).") if session.store.read_only
             else _("Saved in {path}"))
    click.echo(saved.format(path=session.store.path))


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
