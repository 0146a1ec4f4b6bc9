"""`gdtutor check-lessons`: everything the loader checks, plus proof that each challenge is fair.

A challenge is fair when the lesson's `solution` values meet it and the lesson's starting values do
not: the learner has something to do, and it can be done. The solution must also change only
parameters the learner is allowed to touch. This runs the simulations, so it imports NumPy.
"""

from __future__ import annotations

from pathlib import Path

from tutor.lessons.frontmatter import line_of, split
from tutor.lessons.glossary import glossary_problems
from tutor.lessons.loader import load_course
from tutor.lessons.model import Course, Lesson, Problem
from tutor.sims import get_spec
from tutor.text import Msg


def check_course(directory: Path | None = None) -> tuple[Course, list[Problem]]:
    """The course and every problem in it, loader problems first, the glossary's last."""
    course = load_course(directory)
    problems = list(course.problems)
    for lesson in course.lessons:
        problems.extend(check_lesson(lesson))
    problems.extend(glossary_problems(directory))
    return course, problems


def _where(lesson: Lesson, key: str, table: str | None = None) -> int:
    try:
        return line_of(split(lesson.path.read_text(encoding="utf-8")), key, table)
    except (OSError, ValueError):
        return 1


def check_lesson(lesson: Lesson) -> list[Problem]:
    spec = get_spec(lesson.sim)
    problems: list[Problem] = []
    if not lesson.solution:
        problems.append(Problem(lesson.path, _where(lesson, "solution"),
                                Msg("the lesson needs a [solution] table that meets its challenge")))
        return problems
    locked = sorted(k for k, v in lesson.solution.items()
                    if k not in lesson.controls and v != lesson.params[k])
    if locked:
        problems.append(Problem(lesson.path, _where(lesson, locked[0], "solution"),
                                Msg('the solution changes "{name}", which is not in controls, so the '
                                    "learner cannot", name=locked[0])))
    start = spec.run(lesson.params)
    if lesson.challenge.is_met(start):
        problems.append(Problem(lesson.path, _where(lesson, "condition", "challenge"),
                                Msg("the challenge is already met by the lesson's starting values")))
    solved = spec.run({**lesson.params, **lesson.solution})
    if not lesson.challenge.is_met(solved):
        problems.append(Problem(lesson.path, _where(lesson, "condition", "challenge"),
                                Msg("the [solution] values do not meet the challenge ({status})",
                                    status=solved.status)))
    return problems
