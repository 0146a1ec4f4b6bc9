"""Where the learner stands, in words, for home and for `gdtutor progress`: quiz and predictions (a
question not answered is not one answered wrongly), reviews due, time spent, days in a row.

Both faces read the same figures (tutor.progress.standing) and say them with the same phrases, so a
learner who checks from the shell reads what home told them. Plain functions over the course and the
saved progress (no NumPy, no scheduler: home stays light).
"""

from __future__ import annotations

from datetime import datetime

from tutor.i18n import _, render
from tutor.lessons.model import Course, Lesson
from tutor.progress import review
from tutor.progress.model import Progress
from tutor.progress.standing import LessonStanding, Standing, duration_parts, lesson_standing, standing


def lesson_tail(lesson: Lesson, progress: Progress, now: datetime) -> list[str]:
    """`quiz 1/3, 1 wrong`, `predicted 1/1`, `2 due`: only what there is to say."""
    row = lesson_standing(progress, lesson, now)
    parts = []
    if row.quiz_right or row.quiz_wrong:
        text = _("quiz {right}/{total}").format(right=row.quiz_right, total=row.quiz_total)
        if row.quiz_wrong:
            text += ", " + _("{n} wrong").format(n=row.quiz_wrong)
        parts.append(text)
    if row.predictions_made:
        parts.append(_("predicted {right}/{total}").format(right=row.predictions_right, total=row.predictions_total))
    if row.due:
        parts.append(_("{n} due").format(n=row.due))
    return parts


def overall(course: Course, progress: Progress, now: datetime) -> list[str]:
    """Time spent and days in a row, once there is any."""
    where = standing(progress, course.lessons, now)
    parts = []
    if where.seconds >= 60:
        parts.append(_("time spent: {time}").format(time=time_spent(where.seconds)))
    if where.streak:
        parts.append(_("days in a row: {n}").format(n=where.streak))
    return parts


def review_line(course: Course, progress: Progress, now: datetime) -> str:
    due = review.due_items(progress, now, course.ids)
    if due:
        return _("r: review — {n} due").format(n=len(due))
    return render(review.nothing_due(progress, now, course.ids))


def time_spent(seconds: float) -> str:
    """`1 h 5 min`, or `5 min` under an hour."""
    hours, minutes = duration_parts(seconds)
    return _("{h} h {m} min").format(h=hours, m=minutes) if hours else _("{m} min").format(m=minutes)


def quiz_words(row: LessonStanding) -> str:
    """The quiz as right/total, with the wrong answers counted: not answered is not answered wrongly."""
    if not row.quiz_total:
        return "-"
    if not row.quiz_right and not row.quiz_wrong:
        return _("not answered")
    text = f"{row.quiz_right}/{row.quiz_total}"
    if row.quiz_wrong:
        text += ", " + _("{n} wrong").format(n=row.quiz_wrong)
    return text


def prediction_words(row: LessonStanding) -> str:
    if not row.predictions_total:
        return "-"
    if not row.predictions_made:
        return _("not made")
    text = f"{row.predictions_right}/{row.predictions_total}"
    wrong = row.predictions_made - row.predictions_right
    return text + (", " + _("{n} wrong").format(n=wrong) if wrong else "")


def overall_words(where: Standing) -> str:
    """Lessons complete, time spent and days in a row on one line; reviews due on the next."""
    parts = [_("{done} of {total} lessons complete").format(done=where.complete, total=len(where.lessons)),
             _("time spent: {time}").format(time=time_spent(where.seconds)),
             _("days in a row: {n}").format(n=where.streak)]
    text = " · ".join(parts)
    if where.due:
        text += "\n" + _("reviews due: {n} (gdtutor review)").format(n=where.due)
    return text
