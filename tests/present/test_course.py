"""What home says about the course: lesson states, quiz scores, where Enter continues, the map."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.lessons.loader import load_course
from tutor.lessons.model import Course
from tutor.present import course as course_view
from tutor.progress.model import LessonProgress, Progress

FIXTURE_LESSONS = Path(__file__).parents[1] / "tui" / "fixtures" / "lessons"


@pytest.fixture
def course() -> Course:
    return load_course(FIXTURE_LESSONS)


def test_the_fixture_course_loads_three_lessons_and_reports_the_broken_one(course: Course) -> None:
    assert course.ids == ("bowl", "slope", "walk")
    assert [path.name for path in course.broken] == ["broken.md"]


def test_quiz_score_counts_right_answers_among_those_given(course: Course) -> None:
    bowl = course.find("bowl")
    assert bowl is not None and [q.answer for q in bowl.quiz] == [1, 0]
    progress = Progress(lessons={"bowl": LessonProgress(quiz={"0": 1, "1": 2, "7": 0})})
    assert course_view.quiz_score(bowl, progress) == course_view.QuizScore(right=1, answered=2, total=2)
    assert course_view.quiz_score(bowl, Progress()) == course_view.QuizScore(0, 0, 2)


def test_continue_prefers_the_last_lesson_unless_finished_then_the_first_unfinished(course: Course) -> None:
    assert course_view.resume_index(course, Progress()) == 0
    done = Progress(lessons={"bowl": LessonProgress(status="complete")})
    assert course_view.resume_index(course, done) == 1
    assert course_view.resume_index(course, Progress(last_lesson="walk")) == 2
    assert course_view.resume_index(course, Progress(last_lesson="gone")) == 0
    everything = Progress(lessons={i: LessonProgress(status="complete") for i in course.ids})
    assert course_view.resume_index(course, everything) == 0
    # The last lesson open is finished: carry on with the first lesson not finished.
    left = Progress(last_lesson="walk", lessons={i: LessonProgress(status="complete") for i in ("bowl", "walk")})
    assert course_view.resume_index(course, left) == 1


def test_parts_group_consecutive_lessons_and_unnamed_ones_join_the_part_before(course: Course) -> None:
    groups = course_view.parts(course)
    assert [(g.title, [lesson.id for lesson in g.lessons]) for g in groups] == [
        ("Basics", ["bowl", "slope"]), ("Deeper", ["walk"])]
    import dataclasses

    unnamed = Course(tuple(dataclasses.replace(lesson, part="") for lesson in course.lessons))
    assert [(g.title, len(g.lessons)) for g in course_view.parts(unnamed)] == [("", 3)]
    mixed = Course((course.lessons[0], dataclasses.replace(course.lessons[1], part=""), course.lessons[2]))
    assert [(g.title, len(g.lessons)) for g in course_view.parts(mixed)] == [("Basics", 2), ("Deeper", 1)]
    assert course_view.parts(Course(())) == []


def test_totals(course: Course) -> None:
    progress = Progress(lessons={"bowl": LessonProgress(status="complete", quiz={"0": 1}),
                                 "slope": LessonProgress(status="in-progress")})
    complete, quiz = course_view.totals(course, progress)
    assert complete == 1 and quiz == course_view.QuizScore(right=1, answered=1, total=2)


def test_no_lesson_folder_gives_an_empty_course(tmp_path: Path) -> None:
    empty = load_course(tmp_path / "missing")
    assert empty.lessons == () and course_view.parts(empty) == []
