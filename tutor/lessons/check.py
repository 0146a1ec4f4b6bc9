"""`gdtutor check-lessons`: everything the loader checks, plus proof that each challenge is fair.

A challenge is fair when the lesson's `solution` values meet it and the lesson's starting values do
not: the learner has something to do, and it can be done. The solution must also change only
parameters the learner is allowed to touch. This runs the simulations, so it imports NumPy.
"""

from __future__ import annotations

from pathlib import Path

from tutor.i18n import LANGUAGES
from tutor.lessons import predict, translation
from tutor.lessons.frontmatter import line_of, split
from tutor.lessons.glossary import glossary_path, glossary_problems
from tutor.lessons.loader import load_course, read_text
from tutor.lessons.model import Course, Lesson, Problem
from tutor.lessons.paths import default_lessons_dir
from tutor.sims import get_spec
from tutor.text import Msg


def check_course(directory: Path | None = None) -> tuple[Course, list[Problem]]:
    """The course and every problem in it: the loader's, each challenge's fairness, the glossary's,
    then those of every language the course is translated into."""
    directory = directory or default_lessons_dir()
    course = load_course(directory)
    problems = list(course.problems)
    for lesson in course.lessons:
        problems.extend(check_lesson(lesson))
    problems.extend(glossary_problems(directory))
    for lang in LANGUAGES:
        if lang != "en":
            problems.extend(check_translations(course, directory, lang))
    return course, problems


def check_translations(course: Course, directory: Path, lang: str) -> list[Problem]:
    """A course translated into `lang` (it has at least one `*.<lang>.md`) must be translated whole:
    every lesson and the glossary, texts that line up with the English, nothing left in English."""
    files = translation.translation_files(directory, lang)
    if not files and not glossary_path(directory, lang).exists():
        return []
    problems: list[Problem] = []
    originals = {lesson.path.name for lesson in course.lessons} | {path.name for path in course.broken}
    for path in files:
        if translation.original_path(path).name not in originals:
            problems.append(Problem(path, 1, Msg("this translation has no lesson: {original} is missing",
                                                 original=translation.original_path(path).name)))
    translated = translation.translate_course(course, lang)
    problems.extend(translated.problems[len(course.problems):])  # (the English ones are reported already)
    for lesson in translated.lessons:
        path = translation.translation_path(lesson.path, lang)
        if not path.is_file():
            problems.append(Problem(lesson.path, 1, Msg("no translation into {lang}: write {name}", lang=lang,
                                                        name=path.name)))
        elif lesson.lang == lang:
            problems.extend(translation.untranslated(lesson, path, read_text(path)))
    if not glossary_path(directory, lang).exists() and glossary_path(directory).exists():
        problems.append(Problem(glossary_path(directory), 1, Msg("no translation into {lang}: write {name}",
                                                                 lang=lang, name=glossary_path(directory, lang).name)))
    problems.extend(glossary_problems(directory, lang))
    return problems


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
    problems.extend(Problem(lesson.path, line, msg) for line, msg in
                    predict.check(lesson.predictions, lesson.params, spec, lesson.challenge.condition))
    return problems
