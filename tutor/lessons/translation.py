"""A lesson in another language: `x.<lang>.md` beside `x.md`, holding only the text a learner reads.

    +++
    title = "학습률: 너무 작을 때, 알맞을 때, 너무 클 때"
    summary = "…"
    part = "…"                      # only where the English lesson has a part

    [challenge]
    statement = "…"
    hints = ["…", "…", "…"]         # as many as the English lesson has
    explain = "…"                   # where the English lesson has one
    +++

    # (the lesson's Markdown, with its ```quiz blocks, in the same order as the English)

Everything that decides what the lesson does — its simulation, parameters, controls, solution and
challenge condition — is read from the English file only, so the languages cannot drift apart. The
checks here make sure the texts line up: the same hints, the same quiz questions with the same
number of choices and the same answers. A translation that fails them is not used (the lesson is
shown in English) and the problem is reported like any other.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

from tutor.lessons import frontmatter, predict, quiz
from tutor.lessons.content_error import ContentError
from tutor.lessons.fences import fenced_lines, find_fences
from tutor.lessons.files import read_text
from tutor.lessons.model import Challenge, Course, Lesson, Problem, Question
from tutor.sims.params import unknown_name
from tutor.text import Msg

KEYS = ("title", "summary", "part", "challenge")
CHALLENGE_KEYS = ("statement", "hints", "explain")
#: A letter of each language's own script: text without any is text left in English.
SCRIPTS = {"ko": re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")}
#: A prose line with this many Latin words and no letter of the language's script is untranslated.
LATIN_WORDS = 5
_LATIN_WORD = re.compile(r"\b[A-Za-z]{2,}\b")
_INLINE_CODE = re.compile(r"`[^`]*`")


def translation_path(path: Path, lang: str) -> Path:
    """`learning-rate.md` -> `learning-rate.ko.md`."""
    return path.with_name(f"{path.stem}.{lang}.md")


def original_path(path: Path) -> Path:
    """`learning-rate.ko.md` -> `learning-rate.md`."""
    return path.with_name(f"{path.name.split('.', 1)[0]}.md")


def translation_files(directory: Path, lang: str) -> list[Path]:
    return sorted(p for p in directory.glob(f"*.{lang}.md")
                  if p.is_file() and not p.name.startswith(("_", "README", "glossary")))


def translate_course(course: Course, lang: str) -> Course:
    """The course with each lesson in `lang` where its translation exists and matches it; a lesson
    whose translation does not stays in English, and the translation's problem is reported."""
    lessons: list[Lesson] = []
    problems = list(course.problems)
    for lesson in course.lessons:
        path = translation_path(lesson.path, lang)
        if path.is_file():
            try:
                lesson = translate(lesson, lang, read_text(path), path)
            except ContentError as exc:
                problems.append(Problem(path, exc.line, exc.msg))
        lessons.append(lesson)
    return dataclasses.replace(course, lessons=tuple(lessons), problems=tuple(problems), lang=lang)


def translate(lesson: Lesson, lang: str, text: str, path: Path) -> Lesson:
    """`lesson` with the texts of its translation, or ContentError at the first mismatch."""
    split = frontmatter.split(text)
    meta = split.meta

    def fail(key: str, msg: Msg, table: str | None = None) -> ContentError:
        return ContentError(None, frontmatter.line_of(split, key, table), msg)

    for key in meta:
        if key not in KEYS:
            if key in ("format", "id", "order", "sim", "params", "controls", "solution"):
                raise fail(key, Msg('"{key}" is set in {original} only: a translation holds only the text a '
                                    "learner reads", key=key, original=lesson.path.name))
            raise fail(key, unknown_name("front matter key", key, KEYS))
    title = _text(meta, "title", fail, required=True)
    summary = _text(meta, "summary", fail, required=bool(lesson.summary))
    part = _text(meta, "part", fail, required=bool(lesson.part))
    challenge = meta.get("challenge")
    if not isinstance(challenge, dict):
        raise fail("challenge", Msg("the translation needs a [challenge] table with statement and hints"))
    for key in challenge:
        if key == "condition":
            raise fail(key, Msg("the condition is set in {original} only", original=lesson.path.name), "challenge")
        if key not in CHALLENGE_KEYS:
            raise fail(key, unknown_name("challenge key", key, CHALLENGE_KEYS), "challenge")
    statement = _text(challenge, "statement", lambda k, m: fail(k, m, "challenge"), required=True)
    hints = challenge.get("hints")
    wanted = len(lesson.challenge.hints)
    if not isinstance(hints, list) or not all(isinstance(h, str) and h.strip() for h in hints):
        raise fail("hints", Msg("hints must be a list of texts"), "challenge")
    if len(hints) != wanted:
        raise fail("hints", Msg("{n} hints, but {original} has {wanted}: translate each hint once",
                                n=len(hints), original=lesson.path.name, wanted=wanted), "challenge")
    body, predictions = predict.extract(split.body, split.body_line, None)
    body, questions = quiz.extract(body, split.body_line)
    if not body.strip():
        raise ContentError(None, split.body_line, Msg("the translation has no text after its front matter"))
    _match_quiz(lesson, questions, split.body_line)
    translated_predictions = _match_predictions(lesson, predictions, split.body_line)
    return dataclasses.replace(
        lesson, title=title, summary=summary or lesson.summary, part=part or lesson.part, body=body, lang=lang,
        challenge=Challenge(statement, lesson.challenge.condition, tuple(h.strip() for h in hints),
                            _text(challenge, "explain", lambda k, m: fail(k, m, "challenge"),
                                  required=bool(lesson.challenge.explain))),
        quiz=tuple(questions), predictions=translated_predictions)


def _text(meta: dict[str, Any], key: str, fail: Any, required: bool) -> str:
    value = meta.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise fail(key, Msg("the translation needs {key} (text)", key=key))
    return value.strip()


def _match_quiz(lesson: Lesson, questions: list[Question], body_line: int) -> None:
    if len(questions) != len(lesson.quiz):
        raise ContentError(None, questions[-1].line if questions else body_line,
                           Msg("{n} quiz questions, but {original} has {wanted}", n=len(questions),
                               original=lesson.path.name, wanted=len(lesson.quiz)))
    for number, (mine, theirs) in enumerate(zip(questions, lesson.quiz, strict=True), start=1):
        if len(mine.choices) != len(theirs.choices):
            raise ContentError(None, mine.line, Msg("quiz question {q} has {n} choices, but in {original} it has "
                                                    "{wanted}", q=number, n=len(mine.choices),
                                                    original=lesson.path.name, wanted=len(theirs.choices)))
        if mine.answer != theirs.answer:
            raise ContentError(None, mine.line, Msg("quiz question {q} gives answer {n}, but in {original} the "
                                                    "answer is {wanted}", q=number, n=mine.answer + 1,
                                                    original=lesson.path.name, wanted=theirs.answer + 1))


def _match_predictions(lesson: Lesson, mine: list[predict.Prediction], body_line: int
                       ) -> tuple[predict.Prediction, ...]:
    """The English blocks with the translation's texts: the values and conditions stay the English ones."""
    if len(mine) != len(lesson.predictions):
        raise ContentError(None, mine[-1].line if mine else body_line,
                           Msg("{n} predict blocks, but {original} has {wanted}", n=len(mine),
                               original=lesson.path.name, wanted=len(lesson.predictions)))
    out = []
    for number, (ours, theirs) in enumerate(zip(mine, lesson.predictions, strict=True), start=1):
        if len(ours.choices) != len(theirs.choices):
            raise ContentError(None, ours.line, Msg("predict block {q} has {n} choices, but in {original} it has "
                                                    "{wanted}", q=number, n=len(ours.choices),
                                                    original=lesson.path.name, wanted=len(theirs.choices)))
        out.append(dataclasses.replace(theirs, question=ours.question, choices=ours.choices,
                                       explain=ours.explain, line=ours.line))
    return tuple(out)


def untranslated(lesson: Lesson, path: Path, text: str) -> list[Problem]:
    """Texts of a translated lesson still in English: every field without a letter of the language's
    script, and every prose line of the body with several Latin words and none of its letters."""
    script = SCRIPTS.get(lesson.lang)
    if script is None:
        return []
    problems: list[Problem] = []
    split = frontmatter.split(text)

    def report(line: int, what: str, sample: str) -> None:
        problems.append(Problem(path, line, Msg('{what} is not translated: "{sample}"', what=what,
                                                sample=sample[:60])))

    fields = [("title", lesson.title, None), ("summary", lesson.summary, None), ("part", lesson.part, None),
              ("statement", lesson.challenge.statement, "challenge")]
    fields += [("hints", hint, "challenge") for hint in lesson.challenge.hints]
    fields.append(("explain", lesson.challenge.explain, "challenge"))
    for key, value, table in fields:
        if value and not script.search(value):
            report(frontmatter.line_of(split, key, table), key, value)
    for q in lesson.quiz:
        for value in (q.question, q.explain):
            if value and not script.search(value) and len(_LATIN_WORD.findall(value)) >= 2:
                report(q.line, "a quiz question", value)
    for p in lesson.predictions:
        for value in (p.question, p.explain, *p.choices):
            if value and not script.search(value) and len(_LATIN_WORD.findall(value)) >= 2:
                report(p.line, "a predict block", value)
    lines = split.body.splitlines()
    code = fenced_lines(find_fences(lines))
    for number, line in enumerate(lines, start=split.body_line):
        if number - split.body_line in code or line.startswith(("    ", "\t")):
            continue  # code and formulas stay as written
        prose = _INLINE_CODE.sub("", line)
        if len(_LATIN_WORD.findall(prose)) >= LATIN_WORDS and not script.search(prose):
            report(number, "a line", line.strip())
    return problems
