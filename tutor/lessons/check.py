"""`gdtutor check-lessons`: everything the loader checks, plus proof that each challenge is fair.

A challenge is fair when the lesson's `solution` values meet it and the lesson's starting values do
not: the learner has something to do, and it can be done. The solution must also change only
parameters the learner is allowed to touch. This runs the simulations, so it imports NumPy.
"""

from __future__ import annotations

import re
from pathlib import Path

from tutor.i18n import LANGUAGES
from tutor.lessons import translation
from tutor.lessons.frontmatter import file_lines, line_of, split
from tutor.lessons.glossary import glossary_path, glossary_problems
from tutor.lessons.loader import MAX_BYTES, load_course, read_text
from tutor.lessons.model import Course, Lesson, Problem
from tutor.lessons.paths import default_lessons_dir
from tutor.sims import get_spec
from tutor.text import Msg, controls_in


def check_course(directory: Path | None = None) -> tuple[Course, list[Problem]]:
    """The course and every problem in it: the loader's, each challenge's fairness, the glossary's,
    then those of every language the course is translated into."""
    directory = directory or default_lessons_dir()
    course = load_course(directory)
    problems = list(course.problems)
    problems.extend(control_problems(directory))
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


#: A TOML escape that stands for a control character: "\u001b" is ESC once the string is read.
_ESCAPED_CONTROL = re.compile(r"\\(?:u00(?:[01][0-9A-Fa-f]|7[Ff]|[89][0-9A-Fa-f])"
                              r"|U0000(?:00[01][0-9A-Fa-f]|007[Ff]|00[89][0-9A-Fa-f]))")
MAX_CONTROL_REPORTS = 20


def content_files(directory: Path) -> list[Path]:
    """Every file of the course a learner's terminal may show: lessons, translations, glossaries."""
    return sorted(p for p in directory.glob("*.md") if not p.name.startswith(("_", "README")))


def control_problems(directory: Path) -> list[Problem]:
    """Each line of a course file holding a control character (or a TOML escape for one): gdtutor shows
    them as visible pictures (␛), but a terminal would act on them, so an author should remove them."""
    from tutor.bounded_read import read_bounded

    problems: list[Problem] = []
    for path in content_files(directory):
        try:
            text = read_bounded(path, MAX_BYTES).decode("utf-8", errors="replace")
        except Exception:  # (unreadable files are reported by the loader, as what they are)
            continue
        found = 0
        for number, line in enumerate(file_lines(text), start=1):
            controls = controls_in(line, keep="\t")
            escaped = _ESCAPED_CONTROL.search(line)
            if not controls and not escaped:
                continue
            if controls or escaped is None:
                code = ord(controls[0][1])
                problems.append(Problem(path, number, Msg("a control character (U+{code:04X}) a terminal would act "
                                                          "on; remove it", code=code)))
            else:
                problems.append(Problem(path, number, Msg("{escape} stands for a control character a terminal "
                                                          "would act on; remove it", escape=escaped.group())))
            found += 1
            if found >= MAX_CONTROL_REPORTS:
                break
    return problems


def _where(lesson: Lesson, key: str, table: str | None = None) -> int:
    try:
        return line_of(split(read_text(lesson.path)), key, table)
    except ValueError:
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
