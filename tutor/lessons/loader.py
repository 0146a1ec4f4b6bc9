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
from tutor.lessons.content_error import ContentError
from tutor.lessons.files import read_text
from tutor.lessons.model import FORMAT_VERSION, Challenge, Course, Lesson, Problem, Question
from tutor.lessons.pack import extends_builtin, read_pack
from tutor.lessons.paths import builtin_lessons_dir, default_lessons_dir
from tutor.sims import UnknownSim, get_spec
from tutor.sims.params import ParamError, ParamValue, unknown_name
from tutor.sims.spec import SimSpec
from tutor.text import Msg

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEYS = {"format", "id", "title", "order", "part", "sim", "summary", "params", "controls", "solution", "challenge"}
CHALLENGE_KEYS = {"statement", "condition", "hints", "explain"}


def lesson_files(directory: Path) -> list[Path]:
    """The lesson files of a folder: `*.md` whose stem has no dot (`x.ko.md` is a translation), other
    than the glossary (`glossary*.md`, read by tutor.lessons.glossary). A course pack that extends
    the built-in course (tutor.lessons.pack) has the built-in lessons first."""
    own = sorted(p for p in directory.glob("*.md") if "." not in p.stem
                 and not p.name.startswith(("_", "README", "glossary")))  # (any kind: read_text says what it is)
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
    from tutor.lessons.translation import translate_course  # (the English course comes first)

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
                raise ContentError(path, _line(path, "id"), Msg('id "{id}" is already used by {other}',
                                                                id=lesson.id, other=seen_ids[lesson.id].name))
            if lesson.order in seen_orders:
                raise ContentError(path, _line(path, "order"), Msg("order {n} is already used by {other}",
                                                                   n=lesson.order,
                                                                   other=seen_orders[lesson.order].name))
        except ContentError as exc:
            problem = Problem(path, exc.line, exc.msg)
            problems.append(problem)
            problems.extend(Problem(path, more.line, more.msg) for more in exc.more)
            broken[path] = problem
            continue
        seen_ids[lesson.id] = path
        seen_orders[lesson.order] = path
        lessons.append(lesson)
    lessons.sort(key=lambda lesson: (lesson.order, lesson.id))
    return Course(tuple(lessons), tuple(problems), broken)


def _line(path: Path, key: str) -> int:
    try:
        return frontmatter.line_of(frontmatter.split(read_text(path)), key)
    except ValueError:
        return 1


def load_lesson(path: Path) -> Lesson:
    """One lesson file, fully validated, or ContentError at the first problem."""
    return parse_lesson(path, read_text(path))


def parse_lesson(path: Path, text: str) -> Lesson:
    """The lesson in `text`, or ContentError: the first problem, with every other one the file has in
    its `more` (so an author fixes a file in one pass, not one run per problem)."""
    split = frontmatter.split(text)
    meta = split.meta
    found: list[ContentError] = []

    def fail(key: str, msg: Msg, table: str | None = None) -> ContentError:
        return ContentError(path, frontmatter.line_of(split, key, table), msg)

    def attempt(step: Any, *args: Any) -> Any:
        """`step(*args)`, or None with its problem noted: the checks after it still run."""
        try:
            return step(*args)
        except ContentError as exc:
            found.extend([exc, *exc.more])
            return None

    for key in sorted(set(meta) - KEYS):
        found.append(fail(key, unknown_name("front matter key", key, tuple(sorted(KEYS)))))
    _format(meta, fail)  # (a format this gdtutor does not read: its other "problems" would be noise)
    lesson_id = attempt(_lesson_id, meta, fail)
    title = attempt(_text, meta, "title", fail)
    summary = attempt(_optional_text, meta, "summary", fail, Msg("summary must be text"))
    part = attempt(_optional_text, meta, "part", fail,
                   Msg("part must be text (the course section this lesson belongs to)"))
    order = attempt(_order, meta, fail)
    spec = attempt(_spec, meta, fail)
    params: Any = None
    solution: Any = None
    resolved: Any = None
    controls: Any = None
    challenge: Any = None
    if spec is not None:
        params = attempt(_params, meta.get("params", {}), "params", spec, fail)
        solution = attempt(_params, meta.get("solution", {}), "solution", spec, fail)
        resolved = attempt(_resolved, spec, params, fail, "params") if params is not None else None
        if resolved is not None and solution is not None:
            attempt(_resolved, spec, {**resolved, **solution}, fail, "solution")
        controls = attempt(_controls, meta.get("controls"), spec, fail)
        challenge = attempt(_challenge, meta.get("challenge"), spec, split, fail)
    body: Any
    body, questions, predictions = attempt(_body, split, spec, controls) or (None, [], [])
    if found:
        found.sort(key=lambda exc: exc.line)
        first = found[0]
        first.more = found[1:]
        raise first
    return Lesson(id=lesson_id, title=title, order=order, sim=spec.name, path=path, body=body,
                  params=resolved, controls=controls, challenge=challenge, solution=solution,
                  quiz=tuple(questions), summary=summary.strip(), part=part.strip(),
                  predictions=tuple(predictions))


def _resolved(spec: SimSpec, values: dict[str, ParamValue], fail: Any, table: str) -> dict[str, ParamValue]:
    """Every parameter, with the simulation's limits across parameters checked too."""
    try:
        return spec.resolve({}, values)
    except ParamError as exc:
        raise fail("", exc.msg, table) from None


def _format(meta: Mapping[str, Any], fail: Any) -> None:
    version = meta.get("format")
    if isinstance(version, bool) or not isinstance(version, int):
        raise fail("format", Msg("front matter needs format = {v} (the lesson format version)", v=FORMAT_VERSION))
    if version > FORMAT_VERSION:
        raise fail("format", Msg("this lesson uses format {v}, written for a newer gdtutor; this version "
                                 "reads format {mine} (upgrade gdtutor)", v=version, mine=FORMAT_VERSION))
    if version < 1:
        raise fail("format", Msg("format must be {v}", v=FORMAT_VERSION))


def _lesson_id(meta: Mapping[str, Any], fail: Any) -> str:
    lesson_id = _text(meta, "id", fail)
    if not ID_PATTERN.match(lesson_id) or len(lesson_id) > 64:
        raise fail("id", Msg('id "{id}" must be a slug: lowercase letters, digits and single dashes',
                             id=lesson_id[:80]))
    return lesson_id


def _optional_text(meta: Mapping[str, Any], key: str, fail: Any, msg: Msg) -> str:
    value = meta.get(key, "")
    if not isinstance(value, str):
        raise fail(key, msg)
    return value


def _order(meta: Mapping[str, Any], fail: Any) -> int:
    order = meta.get("order")
    if isinstance(order, bool) or not isinstance(order, int) or not 1 <= order <= 10_000:
        raise fail("order", Msg("order must be a whole number from 1 to 10000"))
    return order


def _spec(meta: Mapping[str, Any], fail: Any) -> SimSpec:
    sim_name = _text(meta, "sim", fail)
    try:
        return get_spec(sim_name)
    except UnknownSim as exc:
        raise fail("sim", exc.msg) from None


def _body(split: frontmatter.Split, spec: SimSpec | None,
          controls: tuple[str, ...] | None) -> tuple[str, list[Question], list[predict.Prediction]]:
    if spec is not None and controls is not None:
        body, predictions = predict.extract(split.body, split.body_line, spec, controls)
    else:  # (the lesson is reported already: its predictions are read once its simulation is)
        body, predictions = split.body, []
    body, questions = quiz.extract(body, split.body_line)
    if not body.strip():
        raise ContentError(None, split.body_line, Msg("the lesson has no text after its front matter"))
    return body, questions, predictions


def _text(meta: Mapping[str, Any], key: str, fail: Any) -> str:
    value = meta.get(key)
    if not isinstance(value, str) or not value.strip():
        raise fail(key, Msg("front matter needs {key} (text)", key=key))
    return value.strip()


def _params(table: Any, name: str, spec: SimSpec, fail: Any) -> dict[str, ParamValue]:
    if not isinstance(table, dict):
        raise fail(name, Msg("[{table}] must be a table of parameter values", table=name))
    values: dict[str, ParamValue] = {}
    bad: list[ContentError] = []
    for key, raw in table.items():
        try:
            values[key] = spec.param(key).parse(raw)
        except ParamError as exc:
            bad.append(fail(key, exc.msg, name))
    if bad:
        bad[0].more = bad[1:]
        raise bad[0]
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
