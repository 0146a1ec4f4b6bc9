"""The course as data: lessons, their challenges and quizzes, and the problems found loading them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.lessons.conditions import Condition
from tutor.lessons.problem import Problem
from tutor.sims.params import ParamValue

if TYPE_CHECKING:
    from tutor.lessons.predict import Prediction
    from tutor.sims.result import Result

#: The lesson file format this version of gdtutor reads (the front matter's `format` key).
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Challenge:
    """What the learner must make the simulation do, how that is judged, and hints toward it."""

    statement: str
    condition: Condition
    hints: tuple[str, ...]
    #: Why the solution works, shown once the challenge is met (the hints lead up to it, never say it).
    explain: str = ""

    def is_met(self, result: Result) -> bool:
        return self.condition.evaluate(result.facts, result.params, result.series)


@dataclass(frozen=True)
class Question:
    """One multiple-choice quiz question; `answer` is the index (from 0) of the right choice."""

    question: str
    choices: tuple[str, ...]
    answer: int
    explain: str
    line: int = 0


@dataclass(frozen=True)
class Lesson:
    """One lesson: its text, the simulation it drives and with which starting values."""

    id: str
    title: str
    order: int
    sim: str
    path: Path
    body: str  # Markdown, quiz blocks removed
    params: Mapping[str, ParamValue]  # the lesson's starting values, every parameter resolved
    controls: tuple[str, ...]  # parameters the learner may change, in the order shown
    challenge: Challenge
    solution: Mapping[str, ParamValue]  # values that meet the challenge; never shown by default
    quiz: tuple[Question, ...] = ()
    summary: str = ""
    part: str = ""  # the course section, e.g. "One neuron learning"; home groups lessons by it
    lang: str = "en"
    predictions: tuple[Prediction, ...] = ()  # ```predict blocks, in the order of the text


@dataclass(frozen=True)
class Course:
    """Every lesson that loaded, in course order, and every problem found on the way."""

    lessons: tuple[Lesson, ...]
    problems: tuple[Problem, ...] = ()
    #: Files that did not load at all, with the first problem found in each (home lists them).
    broken: Mapping[Path, Problem] = field(default_factory=dict)
    #: The language the lessons' texts are in where a translation exists ("en": all English).
    lang: str = "en"

    def find(self, key: str) -> Lesson | None:
        """A lesson by id, or by its number in the course (1-based) when `key` is ASCII digits (`¹` and
        other digits Python's isdigit() knows are not numbers int() reads)."""
        key = key.strip()
        if key.isascii() and key.isdigit() and len(key.lstrip("0")) <= 6:
            index = int(key) - 1
            return self.lessons[index] if 0 <= index < len(self.lessons) else None
        for lesson in self.lessons:
            if lesson.id == key:
                return lesson
        return None

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(lesson.id for lesson in self.lessons)
