"""What home says about where the learner stands, beyond each lesson's state: quiz and predictions
(a question not answered is not one answered wrongly), reviews due, time spent, days in a row.

Plain functions over the course and the saved progress (no NumPy, no scheduler: home stays light).
"""

from __future__ import annotations

from datetime import datetime

from tutor.i18n import _, render
from tutor.lessons.model import Course, Lesson
from tutor.progress import review
from tutor.progress.model import Progress
from tutor.progress.standing import duration_parts, lesson_standing, standing


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
        hours, minutes = duration_parts(where.seconds)
        spent = _("{h} h {m} min").format(h=hours, m=minutes) if hours else _("{m} min").format(m=minutes)
        parts.append(_("time spent: {time}").format(time=spent))
    if where.streak:
        parts.append(_("days in a row: {n}").format(n=where.streak))
    return parts


def review_line(course: Course, progress: Progress, now: datetime) -> str:
    due = review.due_items(progress, now, course.ids)
    if due:
        return _("r: review — {n} due").format(n=len(due))
    return render(review.nothing_due(progress, now, course.ids))
