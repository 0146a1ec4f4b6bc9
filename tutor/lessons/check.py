"""`gdtutor check-lessons`: everything the loader checks, plus proof that each challenge is fair.

A challenge is fair when the lesson's `solution` values meet it and the lesson's starting values do
not: the learner has something to do, and it can be done. The solution must also change only
parameters the learner is allowed to touch, and the challenge must say why it works (`explain`),
for the learner who has met it. This runs the simulations, so it imports NumPy.

Two checks keep the text honest with the rest of the course. A word set in bold is a term being
introduced, and the app links it to the glossary, so every bold word must have a glossary entry
(emphasis is set in *italics*). And a translated lesson that quotes what the screen says must
quote the translated screen: a learner reading Korean sees the Korean status line, not the English.
"""

from __future__ import annotations

import re
from pathlib import Path

from tutor.i18n import LANGUAGES, table
from tutor.lessons import predict, translation
from tutor.lessons.content_error import ContentError
from tutor.lessons.fences import fenced_lines, find_fences
from tutor.lessons.files import MAX_BYTES, read_text
from tutor.lessons.frontmatter import file_lines, line_of, split
from tutor.lessons.glossary import Glossary, glossary_path, glossary_problems, load_glossary
from tutor.lessons.loader import load_course
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
    glossary = _glossary(directory, "en")
    problems.extend(control_problems(directory))
    for lesson in course.lessons:
        problems.extend(check_lesson(lesson))
        if glossary is not None:
            problems.extend(bold_without_entry(lesson.path, read_text(lesson.path), glossary))
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
    glossary = _glossary(directory, lang) if glossary_path(directory, lang).exists() else None
    for lesson in translated.lessons:
        path = translation.translation_path(lesson.path, lang)
        if not path.is_file():
            problems.append(Problem(lesson.path, 1, Msg("no translation into {lang}: write {name}", lang=lang,
                                                        name=path.name)))
        elif lesson.lang == lang:
            text = read_text(path)
            problems.extend(translation.untranslated(lesson, path, text))
            problems.extend(english_screen_quotes(path, text, lang))
            if glossary is not None:
                problems.extend(bold_without_entry(path, text, glossary))
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
    if not lesson.challenge.explain:
        problems.append(Problem(lesson.path, _where(lesson, "statement", "challenge"),
                                Msg("the challenge needs an explain: why the solution works, shown to the "
                                    "learner once the challenge is met")))
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


# -- the text against the glossary and the translated screen -----------------------------------------

#: Bold text; it may be followed by a Korean particle (**곡률**은), not by a Latin letter or digit.
_BOLD = re.compile(r"(?<![\w*])\*\*([^*\n]+?)\*\*(?![A-Za-z0-9_*])")
#: "학습률(learning rate)": a term with its English name after it, inside the bold.
_GLOSSED = re.compile(r"^(.*?)\s*\((.+)\)$")
_INLINE_CODE = re.compile(r"`[^`\n]*`")
#: What a lesson quotes: \"text\" inside a quiz's TOML strings (taken first), then "text" and `text`.
_ESCAPED_QUOTE = re.compile(r'\\"(.+?)\\"')
_QUOTED = re.compile(r'"([^"\n]+)"|`([^`\n]+)`')
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_LATIN_WORD = re.compile(r"\b[A-Za-z]{2,}\b")
_HANGUL = translation.SCRIPTS["ko"]


def _glossary(directory: Path, lang: str) -> Glossary | None:
    try:
        return load_glossary(directory, lang)
    except ContentError:
        return None  # (glossary_problems reports it)


def _prose_lines(text: str) -> list[tuple[int, str]]:
    """The body's lines outside code blocks and indented formulas, with their line numbers; a quiz
    block counts as prose, since its questions are read."""
    try:
        parts = split(text)
    except ContentError:
        return []
    lines = parts.body.splitlines()
    fences = find_fences(lines)
    code = fenced_lines([fence for fence in fences if fence.info != "quiz"])
    code |= {fence.start for fence in fences} | {fence.end - 1 for fence in fences if fence.closed}
    return [(parts.body_line + offset, line) for offset, line in enumerate(lines)
            if offset not in code and not line.startswith(("    ", "\t"))]


def bold_without_entry(path: Path, text: str, glossary: Glossary) -> list[Problem]:
    """Every word set in bold that the glossary does not know, by its term or an alias."""
    problems: list[Problem] = []
    for number, line in _prose_lines(text):
        for match in _BOLD.finditer(_INLINE_CODE.sub("", line)):
            word = match.group(1).strip()
            glossed = _GLOSSED.match(word)
            if glossary.lookup(word) or (glossed and (glossary.lookup(glossed.group(1))
                                                      or glossary.lookup(glossed.group(2)))):
                continue
            problems.append(Problem(path, number, Msg(
                '"{word}" is set in bold but the glossary has no entry for it: add it (or an alias) to the '
                "glossary, or set it in *italics* if it is only emphasis", word=word)))
    return problems


def english_screen_quotes(path: Path, text: str, lang: str) -> list[Problem]:
    """Quotes in a translated lesson of text the interface shows in English, where the learner's
    screen shows its translation: each is reported with the translated text to quote instead."""
    pieces = _interface_pieces(lang)
    problems: list[Problem] = []
    for number, line in _prose_lines(text):
        inner = _ESCAPED_QUOTE.findall(line)
        rest = _ESCAPED_QUOTE.sub("", line)
        for quoted in inner + [a or b for a, b in _QUOTED.findall(rest)]:
            if _HANGUL.search(quoted) or sum(bool(_LATIN_WORD.search(t)) for t in quoted.split()) < 2:
                continue
            found = next(((piece, shown) for piece, shown in pieces if piece in quoted), None)
            if found is not None:
                problems.append(Problem(path, number, Msg(
                    'quotes the English screen, "{quoted}": the screen shows "{shown}" in this language',
                    quoted=quoted, shown=found[1])))
    return problems


def _interface_pieces(lang: str) -> list[tuple[str, str]]:
    """The literal stretches of every interface text (between its {placeholders}) that hold at least
    two English words, longest first, each with the whole translated text."""
    pieces: list[tuple[str, str]] = []
    for english, shown in table(lang).items():
        for piece in _PLACEHOLDER.split(english):
            piece = piece.strip(" :;,.()→—-")
            if len(_LATIN_WORD.findall(piece)) >= 2 and not _HANGUL.search(piece):
                pieces.append((piece, shown))
    return sorted(pieces, key=lambda pair: -len(pair[0]))
