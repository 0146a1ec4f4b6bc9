"""What home and `gdtutor list` say about the course: each lesson's state, quiz scores, where to
continue, the parts of the course map.

Plain functions over the course and the saved progress, so they are tested without a terminal and
read nothing the home screen must not import (no NumPy, no plotext).
"""

from __future__ import annotations

from dataclasses import dataclass

from tutor.lessons.model import Course, Lesson
from tutor.progress.model import Progress


@dataclass(frozen=True)
class QuizScore:
    right: int
    answered: int
    total: int


def quiz_score(lesson: Lesson, progress: Progress) -> QuizScore:
    """Right answers among the questions answered; answers to questions the lesson no longer has
    (its quiz was edited) do not count; counted as `gdtutor progress` counts them."""
    from tutor.progress.standing import quiz_tally  # (not loaded for `gdtutor list`, which shows no scores)

    right, wrong = quiz_tally(progress, lesson)
    return QuizScore(right, right + wrong, len(lesson.quiz))


def status(lesson: Lesson, progress: Progress) -> str:
    """"not-started", "in-progress" or "complete"."""
    return progress.status(lesson.id)


def resume_index(course: Course, progress: Progress) -> int:
    """The lesson Enter opens: the last one open while it is unfinished; once it is complete, the
    first unfinished lesson (a finished lesson is not where a learner carries on); else the first."""
    ids = course.ids
    if progress.last_lesson in ids and progress.status(progress.last_lesson) != "complete":
        return ids.index(progress.last_lesson)
    for index, lesson in enumerate(course.lessons):
        if progress.status(lesson.id) != "complete":
            return index
    return 0


@dataclass(frozen=True)
class Part:
    """A stretch of the course map: a section title (empty when lessons name none) and its lessons."""

    title: str
    lessons: tuple[Lesson, ...]


def parts(course: Course) -> list[Part]:
    """Lessons grouped by their `part`, in course order; consecutive lessons of one part form one group.

    Lessons that name no part join the group before them, so a course where only some lessons name
    their part still reads as one path.
    """
    groups: list[tuple[str, list[Lesson]]] = []
    for lesson in course.lessons:
        if groups and (not lesson.part or lesson.part == groups[-1][0]):
            groups[-1][1].append(lesson)
        else:
            groups.append((lesson.part, [lesson]))
    return [Part(title, tuple(lessons)) for title, lessons in groups]


def totals(course: Course, progress: Progress) -> tuple[int, QuizScore]:
    """Lessons complete, and the quiz score over the whole course."""
    complete = sum(progress.status(lesson.id) == "complete" for lesson in course.lessons)
    scores = [quiz_score(lesson, progress) for lesson in course.lessons]
    return complete, QuizScore(sum(s.right for s in scores), sum(s.answered for s in scores),
                               sum(s.total for s in scores))
