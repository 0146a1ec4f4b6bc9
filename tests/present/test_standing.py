"""Home and `gdtutor progress` say where the learner stands in the same words: a question not
answered is not one answered wrongly, and time is spent in hours and minutes."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from tutor.lessons.loader import load_course
from tutor.present import standing as words
from tutor.progress.model import LessonProgress, Progress
from tutor.progress.standing import lesson_standing, standing

FIXTURE_LESSONS = Path(__file__).parents[1] / "tui" / "fixtures" / "lessons"
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)


def test_one_right_one_wrong_reads_the_same_in_both_faces() -> None:
    bowl = load_course(FIXTURE_LESSONS).find("bowl")
    assert bowl is not None and [q.answer for q in bowl.quiz] == [1, 0]
    # question 0 right (1), question 1 wrong (2), question 7 no longer in the quiz
    progress = Progress(lessons={"bowl": LessonProgress(quiz={"0": 1, "1": 2, "7": 0})})
    row = lesson_standing(progress, bowl, NOW)
    assert words.quiz_words(row) == "1/2, 1 wrong"
    assert words.lesson_tail(bowl, progress, NOW) == ["quiz 1/2, 1 wrong"]


def test_nothing_answered_is_not_answered_wrongly() -> None:
    bowl = load_course(FIXTURE_LESSONS).find("bowl")
    assert bowl is not None
    row = lesson_standing(Progress(), bowl, NOW)
    assert words.quiz_words(row) == "not answered"
    assert words.lesson_tail(bowl, Progress(), NOW) == []


def test_time_spent_is_hours_and_minutes() -> None:
    assert words.time_spent(59) == "0 min"
    assert words.time_spent(3 * 3600 + 7 * 60 + 59) == "3 h 7 min"


def test_overall_words_name_lessons_time_and_streak() -> None:
    course = load_course(FIXTURE_LESSONS)
    progress = Progress(lessons={"bowl": LessonProgress(status="complete", seconds=3900.0, days=["2026-03-01"])})
    where = standing(progress, course.lessons, NOW)
    assert words.overall_words(where) == "1 of 3 lessons complete · time spent: 1 h 5 min · days in a row: 1"
    assert words.overall(course, progress, NOW) == ["time spent: 1 h 5 min", "days in a row: 1"]
