"""Reading and validating the course.

Every check an author needs is here, each reported as `path:line: message`: the front matter's
shape, a known simulation, known and in-range parameters, a challenge condition that parses and
names only what the simulation reports, quiz blocks, and ids and orders that are unique. A broken
lesson is reported and left out; every other lesson still loads. Validation reads only the
simulations' declarations, so loading the course never imports NumPy.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tutor.lessons import conditions, frontmatter, predict, quiz
from tutor.lessons.model import FORMAT_VERSION, Challenge, Course, Lesson, Problem
from tutor.lessons.pack import extends_builtin, read_pack
from tutor.lessons.paths import builtin_lessons_dir, default_lessons_dir
from tutor.sims import UnknownSim, get_spec
from tutor.sims.params import ParamError, ParamValue, unknown_name
from tutor.sims.spec import SimSpec
from tutor.text import Msg

#: Lesson files larger than this are refused before they are read into memory.
MAX_BYTES = 1_000_000
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEYS = {"format", "id", "title", "order", "part", "sim", "summary", "params", "controls", "solution", "challenge"}
CHALLENGE_KEYS = {"statement", "condition", "hints", "explain"}


class LessonError(ValueError):
    """One problem in one lesson file, at a line."""

    def __init__(self, line: int, msg: Msg) -> None:
        super().__init__(str(msg))
        self.line = line
        self.msg = msg


def lesson_files(directory: Path) -> list[Path]:
    """The lesson files of a folder: `*.md` whose stem has no dot (`x.ko.md` is a translation), other
    than the glossary (`glossary*.md`, read by tutor.lessons.glossary). A course pack that extends
    the built-in course (tutor.lessons.pack) has the built-in lessons first."""
    own = sorted(p for p in directory.glob("*.md") if "." not in p.stem and p.is_file()
                 and not p.name.startswith(("_", "README", "glossary")))
    return [*lesson_files(builtin_lessons_dir()), *own] if extends_builtin(directory) else own


def load_course(directory: Path | None = None, lang: str = "en") -> Course:
    """Every lesson of `directory` (default: the shipped course) that loads, and every problem.

    In another language than English each lesson takes the texts of its translation, `x.<lang>.md`,
    where there is one that matches it; otherwise it stays in English and the problem is reported."""
    directory = directory or default_lessons_dir()
    if not directory.is_dir():
        problem = Problem(directory, 0, Msg("no lesson folder here"))
        return Course((), (problem,), {directory: problem}, lang=lang)
    course = _load_english(directory)
    if lang == "en":
        return course
    from tutor.lessons.translation import translate_course  # (it reads files with this module's helpers)

    return translate_course(course, lang)


def _load_english(directory: Path) -> Course:
    lessons: list[Lesson] = []
    problems: list[Problem] = []
    broken: dict[Path, Problem] = {}
    seen_ids: dict[str, Path] = {}
    seen_orders: dict[int, Path] = {}
    _pack, pack_problem = read_pack(directory)
    if pack_problem is not None:
        problems.append(pack_problem)
        broken[pack_problem.path] = pack_problem
    for path in lesson_files(directory):
        try:
            lesson = load_lesson(path)
            if lesson.id in seen_ids:
                raise LessonError(_line(path, "id"), Msg('id "{id}" is already used by {other}',
                                                         id=lesson.id, other=seen_ids[lesson.id].name))
            if lesson.order in seen_orders:
                raise LessonError(_line(path, "order"), Msg("order {n} is already used by {other}",
                                                            n=lesson.order, other=seen_orders[lesson.order].name))
        except LessonError as exc:
            problem = Problem(path, exc.line, exc.msg)
            problems.append(problem)
            broken[path] = problem
            continue
        seen_ids[lesson.id] = path
        seen_orders[lesson.order] = path
        lessons.append(lesson)
    lessons.sort(key=lambda lesson: (lesson.order, lesson.id))
    return Course(tuple(lessons), tuple(problems), broken)


def _line(path: Path, key: str) -> int:
    try:
        return frontmatter.line_of(frontmatter.split(path.read_text(encoding="utf-8")), key)
    except (OSError, ValueError):
        return 1


def read_text(path: Path) -> str:
    """The file's text, or LessonError if it is too large, unreadable or not UTF-8."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise LessonError(1, Msg("the file is {size} bytes; a lesson may be at most {max} bytes",
                                     size=size, max=MAX_BYTES))
        data = path.read_bytes()
    except OSError as exc:
        raise LessonError(1, Msg("cannot read the file: {reason}", reason=exc.strerror or str(exc))) from None
    if b"\x00" in data:
        raise LessonError(1, Msg("the file is binary, not Markdown text"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LessonError(line, Msg("the file is not UTF-8 text (byte {pos})", pos=exc.start)) from None


def load_lesson(path: Path) -> Lesson:
    """One lesson file, fully validated, or LessonError at the first problem."""
    return parse_lesson(path, read_text(path))


def parse_lesson(path: Path, text: str) -> Lesson:
    try:
        split = frontmatter.split(text)
    except frontmatter.FrontMatterError as exc:
        raise LessonError(exc.line, exc.msg) from None
    meta = split.meta

    def fail(key: str, msg: Msg, table: str | None = None) -> LessonError:
        return LessonError(frontmatter.line_of(split, key, table), msg)

    unknown = sorted(set(meta) - KEYS)
    if unknown:
        raise fail(unknown[0], unknown_name("front matter key", unknown[0], tuple(sorted(KEYS))))
    version = meta.get("format")
    if isinstance(version, bool) or not isinstance(version, int):
        raise fail("format", Msg("front matter needs format = {v} (the lesson format version)", v=FORMAT_VERSION))
    if version > FORMAT_VERSION:
        raise fail("format", Msg("this lesson uses format {v}, written for a newer gdtutor; this version "
                                 "reads format {mine} (upgrade gdtutor)", v=version, mine=FORMAT_VERSION))
    if version < 1:
        raise fail("format", Msg("format must be {v}", v=FORMAT_VERSION))

    lesson_id = _text(meta, "id", fail)
    if not ID_PATTERN.match(lesson_id) or len(lesson_id) > 64:
        raise fail("id", Msg('id "{id}" must be a slug: lowercase letters, digits and single dashes', id=lesson_id))
    title = _text(meta, "title", fail)
    summary = meta.get("summary", "")
    if not isinstance(summary, str):
        raise fail("summary", Msg("summary must be text"))
    part = meta.get("part", "")
    if not isinstance(part, str):
        raise fail("part", Msg("part must be text (the course section this lesson belongs to)"))
    order = meta.get("order")
    if isinstance(order, bool) or not isinstance(order, int) or not 1 <= order <= 10_000:
        raise fail("order", Msg("order must be a whole number from 1 to 10000"))

    sim_name = _text(meta, "sim", fail)
    try:
        spec = get_spec(sim_name)
    except UnknownSim as exc:
        raise fail("sim", exc.msg) from None

    params = _params(meta.get("params", {}), "params", spec, fail)
    solution = _params(meta.get("solution", {}), "solution", spec, fail)
    resolved = spec.resolve({}, params)
    controls = _controls(meta.get("controls"), spec, fail)
    challenge = _challenge(meta.get("challenge"), spec, split, fail)

    try:
        body, predictions = predict.extract(split.body, split.body_line, spec, controls)
        body, questions = quiz.extract(body, split.body_line)
    except (quiz.QuizError, predict.PredictError) as exc:
        raise LessonError(exc.line, exc.msg) from None
    if not body.strip():
        raise LessonError(split.body_line, Msg("the lesson has no text after its front matter"))

    return Lesson(id=lesson_id, title=title, order=order, sim=spec.name, path=path, body=body,
                  params=resolved, controls=controls, challenge=challenge, solution=solution,
                  quiz=tuple(questions), summary=summary.strip(), part=part.strip(),
                  predictions=tuple(predictions))


def _text(meta: Mapping[str, Any], key: str, fail: Any) -> str:
    value = meta.get(key)
    if not isinstance(value, str) or not value.strip():
        raise fail(key, Msg("front matter needs {key} (text)", key=key))
    return value.strip()


def _params(table: Any, name: str, spec: SimSpec, fail: Any) -> dict[str, ParamValue]:
    if not isinstance(table, dict):
        raise fail(name, Msg("[{table}] must be a table of parameter values", table=name))
    values: dict[str, ParamValue] = {}
    for key, raw in table.items():
        try:
            values[key] = spec.param(key).parse(raw)
        except ParamError as exc:
            raise fail(key, exc.msg, name) from None
    return values


def _controls(raw: Any, spec: SimSpec, fail: Any) -> tuple[str, ...]:
    if raw is None:
        return spec.param_names
    if not isinstance(raw, list) or not raw or not all(isinstance(c, str) for c in raw):
        raise fail("controls", Msg("controls must be a list of parameter names"))
    for name in raw:
        try:
            spec.param(name)
        except ParamError as exc:
            raise fail("controls", exc.msg) from None
    if len(set(raw)) != len(raw):
        raise fail("controls", Msg("controls names a parameter twice"))
    return tuple(raw)


def _challenge(raw: Any, spec: SimSpec, split: frontmatter.Split, fail: Any) -> Challenge:
    if not isinstance(raw, dict):
        raise fail("challenge", Msg("the lesson needs a [challenge] table with statement, condition and hints"),
                   "challenge")
    unknown = sorted(set(raw) - CHALLENGE_KEYS)
    if unknown:
        raise fail(unknown[0], unknown_name("challenge key", unknown[0], tuple(sorted(CHALLENGE_KEYS))),
                   "challenge")
    statement = raw.get("statement")
    if not isinstance(statement, str) or not statement.strip():
        raise fail("statement", Msg("the challenge needs a statement (text)"), "challenge")
    source = raw.get("condition")
    if not isinstance(source, str):
        raise fail("condition", Msg("the challenge needs a condition (text)"), "challenge")
    try:
        condition = conditions.parse(source)
        conditions.check_names(condition, tuple(spec.facts), spec.param_names, tuple(spec.series))
    except conditions.ConditionError as exc:
        raise fail("condition", exc.msg, "challenge") from None
    hints = raw.get("hints")
    if not isinstance(hints, list) or not hints or not all(isinstance(h, str) and h.strip() for h in hints):
        raise fail("hints", Msg("the challenge needs hints: a list of one or more texts"), "challenge")
    explain = raw.get("explain", "")
    if not isinstance(explain, str):
        raise fail("explain", Msg("the challenge's explain must be text"), "challenge")
    return Challenge(statement.strip(), condition, tuple(h.strip() for h in hints), explain.strip())
