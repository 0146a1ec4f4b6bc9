"""Where the learner stands: per lesson and overall, the figures home and `gdtutor progress` show.

What a learner would want to know and nothing to chase: whether each challenge is met, how the
quiz went (a question not answered is not a question answered wrongly), how many predictions were
right, what is due for review; overall, lessons complete, time spent and the days in a row worked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from tutor.progress import review
from tutor.progress.model import Progress

if TYPE_CHECKING:
    from tutor.lessons.model import Lesson


@dataclass(frozen=True)
class LessonStanding:
    lesson_id: str
    status: str
    challenge_met: bool
    quiz_right: int
    quiz_wrong: int
    quiz_total: int  # right + wrong + not answered
    predictions_right: int
    predictions_made: int
    predictions_total: int
    due: int
    seconds: float

    @property
    def quiz_unanswered(self) -> int:
        return self.quiz_total - self.quiz_right - self.quiz_wrong


@dataclass(frozen=True)
class Standing:
    lessons: tuple[LessonStanding, ...]
    complete: int
    seconds: float
    streak: int  # days in a row with work, ending today (or yesterday, if today has none yet)
    due: int

    def find(self, lesson_id: str) -> LessonStanding | None:
        return next((s for s in self.lessons if s.lesson_id == lesson_id), None)


def quiz_tally(progress: Progress, lesson: Lesson) -> tuple[int, int]:
    """(right, wrong) among the lesson's questions; answers to questions it no longer has (its quiz
    was edited) do not count."""
    entry = progress.lessons.get(lesson.id)
    quiz = entry.quiz if entry else {}
    answers = [quiz.get(str(i)) for i in range(len(lesson.quiz))]
    right = sum(1 for q, a in zip(lesson.quiz, answers, strict=True) if a == q.answer)
    return right, sum(1 for a in answers if a is not None) - right


def lesson_standing(progress: Progress, lesson: Lesson, now: datetime) -> LessonStanding:
    entry = progress.lessons.get(lesson.id)
    right, wrong = quiz_tally(progress, lesson)
    predictions = entry.predictions if entry else {}
    made = [predictions[str(i)] for i in range(len(lesson.predictions)) if str(i) in predictions]
    return LessonStanding(
        lesson_id=lesson.id, status=entry.status if entry else "not-started",
        challenge_met=bool(entry and entry.complete), quiz_right=right, quiz_wrong=wrong,
        quiz_total=len(lesson.quiz), predictions_right=sum(1 for p in made if p["right"]),
        predictions_made=len(made), predictions_total=len(lesson.predictions),
        due=review.due_count(entry, now) if entry else 0, seconds=entry.seconds if entry else 0.0)


def standing(progress: Progress, lessons: Sequence[Lesson], now: datetime, today: date | None = None) -> Standing:
    rows = tuple(lesson_standing(progress, lesson, now) for lesson in lessons)
    days = {d for entry in progress.lessons.values() for d in entry.days}
    return Standing(lessons=rows, complete=sum(1 for r in rows if r.challenge_met),
                    seconds=sum(entry.seconds for entry in progress.lessons.values()),
                    streak=streak(days, today or now.astimezone().date()), due=sum(r.due for r in rows))


def streak(days: set[str], today: date) -> int:
    """Consecutive days with work up to today; a streak still counts on the next day until it ends."""
    day = today if today.isoformat() in days else today - timedelta(days=1)
    count = 0
    while day.isoformat() in days:
        count += 1
        day -= timedelta(days=1)
    return count


def duration_parts(seconds: float) -> tuple[int, int]:
    """(hours, minutes) of a time spent."""
    minutes = int(seconds // 60)
    return minutes // 60, minutes % 60
