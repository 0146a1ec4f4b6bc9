"""The shipped course with one lesson file mangled at random: that lesson is reported, the rest load.

Hypothesis picks a shipped lesson and damages it: a line of its front matter, a line of a quiz block
or the challenge condition replaced, dropped, doubled or cut short; its text re-encoded (UTF-16,
Latin-1, a BOM, stray bytes); random bytes flipped; or the whole file replaced by binary garbage.
Then the whole course is loaded, on a thread with a deadline, so a loader that hangs fails the test
instead of stalling it. Whatever happened, loading raises nothing; the mangled lesson either still
loads or is reported as `path:line: message` with a line inside the file; and every other lesson
loads, unless the mangled one now claims its id or order (which is reported against the later file).
"""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.scale import figure, scaled
from tutor.lessons.files import MAX_BYTES
from tutor.lessons.loader import lesson_files, load_course
from tutor.lessons.model import Course, Problem
from tutor.lessons.paths import default_lessons_dir

pytestmark = pytest.mark.slow

SHIPPED = default_lessons_dir()
FILES = [p.name for p in lesson_files(SHIPPED)]
#: Seconds a whole-course load may take before it counts as hung (it takes ~0.03 s).
DEADLINE = 20.0
LINE_NOISE = st.one_of(
    st.text(max_size=60),
    st.sampled_from(['[', ']]', '"', "'''", '+++', '```', '```quiz', 'a = [' * 50, '= =', 'answer = 99',
                     'choices = []', 'id = "x y"', 'order = -1', 'format = 2', 'sim = "nope"', '[params]',
                     '"a(b" = 1', 'x = ' + '[' * 2000, 'y = ' + '{z=' * 2000, '\t', '\ufeff', '\u2028',
                     'condition = "__import__(\'os\')"', "condition = '" + "(" * 200 + "'"]),
)
CONDITION_NOISE = st.lists(st.sampled_from([*"()<>=!+-*/,. \"_aeilnost0123456789", " and ", " or ", "not ",
                                             "last(", "at(", "len(", "loss", "1e999", "__", "lr"]),
                           max_size=40).map("".join)


def run_with_deadline(load: Callable[[], Course]) -> Course:
    """`load()` on a thread; fail the test if it does not finish in time (a hang, not a slow disk)."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["course"] = load()
        except BaseException as exc:  # reported on the test's thread below
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(DEADLINE)
    assert not thread.is_alive(), f"loading the course did not finish in {DEADLINE} s"
    if "error" in box:
        raise box["error"]
    return box["course"]


def mutate_lines(text: str, region: Callable[[list[str]], list[int]], data: st.DataObject) -> str:
    lines = text.split("\n")
    where = region(lines)
    if not where:
        return text
    i = data.draw(st.sampled_from(where))
    how = data.draw(st.sampled_from(["replace", "drop", "double", "cut", "insert"]))
    if how == "replace":
        lines[i] = data.draw(LINE_NOISE)
    elif how == "drop":
        del lines[i]
    elif how == "double":
        lines.insert(i, lines[i])
    elif how == "cut":
        lines[i] = lines[i][: data.draw(st.integers(0, max(0, len(lines[i]) - 1)))]
    else:
        lines.insert(i, data.draw(LINE_NOISE))
    return "\n".join(lines)


def front_matter(lines: list[str]) -> list[int]:
    closing = next((i for i in range(1, len(lines)) if lines[i].strip() == "+++"), len(lines) - 1)
    return list(range(closing + 1))


def quiz_blocks(lines: list[str]) -> list[int]:
    inside, out = False, []
    for i, line in enumerate(lines):
        if line.strip().startswith("```"):
            out.append(i)
            inside = line.strip() == "```quiz"
        elif inside:
            out.append(i)
    return out


def mangled(text: str, data: st.DataObject) -> bytes:
    kind = data.draw(st.sampled_from(["front matter", "quiz", "condition", "encoding", "bytes", "garbage"]))
    if kind == "front matter":
        return mutate_lines(text, front_matter, data).encode()
    if kind == "quiz":
        return mutate_lines(text, quiz_blocks, data).encode()
    if kind == "condition":
        return re.sub(r"(?m)^condition = .*$", lambda _: f"condition = '{data.draw(CONDITION_NOISE)}'", text,
                      count=1).encode()
    if kind == "encoding":
        encoding = data.draw(st.sampled_from(["utf-16", "utf-16-be", "latin-1", "utf-8-sig", "cp1252"]))
        return text.replace("—", "\u00e9").encode(encoding, errors="replace")
    raw = bytearray(text.encode())
    if kind == "bytes":
        for _ in range(data.draw(st.integers(1, 8))):
            raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
        return bytes(raw)
    return data.draw(st.binary(min_size=0, max_size=4096))


@pytest.fixture(scope="module")
def course_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("course")
    for path in SHIPPED.glob("*.md"):
        shutil.copy(path, folder / path.name)
    return folder


def check(folder: Path, broken: str, content: bytes) -> None:
    """Load the course with `content` in place of the lesson `broken`; put the original back after."""
    original = (folder / broken).read_bytes()
    (folder / broken).write_bytes(content)
    try:
        course = run_with_deadline(lambda: load_course(folder))
    finally:
        (folder / broken).write_bytes(original)
    figure("mangled lesson files loaded (reported or loaded, the rest intact)")
    loaded = {lesson.path.name: lesson for lesson in course.lessons}
    problems = {p.path.name: p for p in course.problems}
    if broken not in loaded:
        problem = problems[broken]
        assert re.fullmatch(rf"{re.escape(str(folder / broken))}:(\d+): \S.*", str(problem), re.S), str(problem)
        assert 1 <= problem.line <= content.count(b"\n") + 1, str(problem)
    for name in FILES:
        if name != broken and name not in loaded:  # only a clash with the mangled lesson may cost another
            assert "already used by" in str(problems[name]) and broken in str(problems[name]), str(problems[name])


@settings(max_examples=scaled(200), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_one_mangled_lesson_is_reported_and_the_rest_load(course_copy: Path, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(FILES))
    check(course_copy, name, mangled((course_copy / name).read_text(encoding="utf-8"), data))


QUIZ = b"\n```quiz\n%s\n```\n"
PATHOLOGICAL: list[tuple[str, Callable[[bytes], bytes]]] = [
    ("a 10 MB file", lambda text: text + b"x" * 10_000_000),
    ("a file just under the size limit", lambda text: text + b"text " * ((MAX_BYTES - len(text)) // 5)),
    ("binary garbage", lambda text: bytes(range(256)) * 64),
    ("nested arrays in the front matter",
     lambda text: text.replace(b"+++\n", b"+++\nx = " + b"[" * 100_000 + b"\n", 1)),
    ("nested tables in a quiz", lambda text: text + QUIZ % (b"question = " + b"{a=" * 5000)),
    ("a quiz key that is a pattern", lambda text: text + QUIZ % b'"a(b[" = 1'),
    ("a condition nested deeply", lambda text: re.sub(rb"(?m)^condition = .*$", b"condition = '" + b"(" * 400 + b"'",
                                                      text, count=1)),
    ("a line a megabyte long", lambda text: text.replace(b"+++\n", b"+++\nsummary = \"" + b"a" * 900_000 + b"\"\n", 1)),
]


@pytest.mark.parametrize(("kind", "make"), PATHOLOGICAL, ids=[kind for kind, _ in PATHOLOGICAL])
def test_pathological_files_are_reported_quickly(course_copy: Path, kind: str, make: Callable[[bytes], bytes]) -> None:
    name = FILES[0]
    check(course_copy, name, make((course_copy / name).read_bytes()))



def problem_in(folder: Path, name: str, lines: list[str]) -> Problem:
    """The problem reported for lesson `name` with these lines; the original is put back after."""
    original = (folder / name).read_bytes()
    (folder / name).write_text("\n".join(lines), encoding="utf-8")
    try:
        return next(p for p in load_course(folder).problems if p.path.name == name)
    finally:
        (folder / name).write_bytes(original)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_only_newlines_count_as_lines(course_copy: Path, separator: str) -> None:
    """Editors number lines by newline; the other characters Python calls line breaks must not shift a
    reported line, nor end a TOML comment (which would make a key of the rest)."""
    name = FILES[0]
    lines = (course_copy / name).read_text(encoding="utf-8").split("\n")
    lines[1] += f"  # a comment{separator}with more"
    order = next(i for i, line in enumerate(lines) if line.startswith("order"))
    lines[order] = "order = [broken"
    assert problem_in(course_copy, name, lines).line == order + 1
    lines = (course_copy / name).read_text(encoding="utf-8").split("\n")
    fence = next(i for i, line in enumerate(lines) if line.strip() == "```quiz")
    lines.insert(fence - 1, f"Some text{separator}and more.")
    answer = next(i for i in range(fence, len(lines)) if lines[i].startswith("answer"))
    lines[answer] = "answer = 99"
    assert problem_in(course_copy, name, lines).line == answer + 1
