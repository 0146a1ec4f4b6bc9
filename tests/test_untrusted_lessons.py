"""A course folder from anyone: whatever bytes, sizes, nesting, numbers or kinds of file it holds, the
other lessons load, each problem is one `path:line: message`, and no control character survives.

Hypothesis damages the fixture lesson `bowl.md` with one class of hostile input at a time — control
sequences raw or TOML-escaped anywhere, numbers of hundreds to thousands of digits in any value,
brackets nested past the recursion limit in the front matter or a quiz block, sizes either side of
the limit, random bytes — and every kind of file is put at a lesson's and the glossary's name (a
named pipe, a folder, a socket, a symlink to a device or to itself). Bounded reading is asserted by
the limit: no file is read past MAX_BYTES + 1 bytes.
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile_course import FIXTURES, SEQUENCES, hostile_course, is_clean
from tests.scale import figure, scaled
from tests.test_untrusted_progress import ReadCounter
from tutor.lessons.check import check_course
from tutor.lessons.content_error import ContentError
from tutor.lessons.files import MAX_BYTES
from tutor.lessons.glossary import load_glossary
from tutor.lessons.loader import load_course
from tutor.lessons.model import Lesson

pytestmark = pytest.mark.slow

BOWL = (FIXTURES / "bowl.md").read_bytes()
#: Python's recursion limit as it was on import (Hypothesis changes it while it runs).
RECURSION = max(1000, sys.getrecursionlimit())
OTHERS = ("slope", "walk")


def texts(lesson: Lesson) -> list[str]:
    """Everything of a lesson the learner's terminal may show."""
    quiz = [t for q in lesson.quiz for t in (q.question, q.explain, *q.choices)]
    return [lesson.title, lesson.summary, lesson.part, lesson.body, lesson.challenge.statement,
            *lesson.challenge.hints, *quiz, *(str(v) for v in lesson.params.values())]


def course_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "course"
    folder.mkdir(exist_ok=True)
    for name in ("slope.md", "walk.md", "glossary.md"):
        (folder / name).write_bytes((FIXTURES / name).read_bytes())
    return folder


def assert_sound(folder: Path, counter: ReadCounter, expect_bowl: bool | None = None) -> None:
    course = load_course(folder)  # raises nothing
    assert counter.most <= MAX_BYTES + 1
    assert {lesson.id for lesson in course.lessons} >= set(OTHERS)  # one bad lesson takes no other down
    for lesson in course.lessons:
        assert all(is_clean(text) for text in texts(lesson)), lesson.id
    for problem in course.problems:
        line = problem.render()
        assert problem.line >= 1 and line.startswith(f"{problem.path}:{problem.line}: ") and is_clean(line)
    if expect_bowl is not None:
        assert any(lesson.id == "bowl" for lesson in course.lessons) == expect_bowl


def front_matter_lines(text: str) -> list[int]:
    lines = text.split("\n")
    end = lines.index("+++", 1)
    return [i for i in range(1, end) if "=" in lines[i]]


def mutate(kind: str, data: st.DataObject) -> bytes:
    text = BOWL.decode()
    lines = text.split("\n")
    if kind == "raw control":
        at = data.draw(st.integers(0, len(text)))
        return (text[:at] + data.draw(st.sampled_from(SEQUENCES)) + text[at:]).encode()
    if kind == "escaped control":
        i = data.draw(st.sampled_from([i for i in front_matter_lines(text) if '"' in lines[i]]))
        code = data.draw(st.sampled_from(["\\u001b[2J", "\\u0007", "\\u009b", "\\r", "\\b", "\\U0000001b]52;c;x"]))
        lines[i] = lines[i].replace('"', '"' + code, 1)
        return "\n".join(lines).encode()
    if kind == "long number":
        i = data.draw(st.sampled_from(front_matter_lines(text)))
        digits = "9" * data.draw(st.integers(101, 20_000))
        number = data.draw(st.sampled_from([digits, f"1.{digits}", f"1e{digits}", f"-{digits}", f'"{digits}"']))
        lines[i] = lines[i].split("=")[0] + "= " + number
        return "\n".join(lines).encode()
    if kind == "deep nesting":
        n = data.draw(st.integers(RECURSION // 2, RECURSION * 3))
        where = data.draw(st.sampled_from(["front matter", "quiz"]))
        nest = "[" * n + "]" * n
        if where == "front matter":
            lines.insert(2, f"deep = {nest}")
            return "\n".join(lines).encode()
        return (text + f"\n```quiz\nquestion = {nest}\n```\n").encode()
    if kind == "size":
        size = MAX_BYTES + data.draw(st.integers(-64, 64))
        return (text + "\n" + "word " * size)[:size].encode() if size > len(text) else text.encode()
    return data.draw(st.binary(min_size=1, max_size=4096))


@settings(max_examples=scaled(80), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(["raw control", "escaped control", "long number", "deep nesting", "size", "bytes"]),
       data=st.data())
def test_any_hostile_lesson_leaves_the_course_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str,
                                                     data: st.DataObject) -> None:
    folder = course_folder(tmp_path)
    (folder / "bowl.md").write_bytes(mutate(kind, data))
    counter = ReadCounter(monkeypatch)
    assert_sound(folder, counter)
    figure("lesson files generated from hostile classes (the others loaded, every problem located)")


def test_every_problem_in_a_file_is_reported_in_one_run(tmp_path: Path) -> None:
    folder = course_folder(tmp_path)
    text = BOWL.decode().replace('order = 10', 'order = 0\nbogus = 1').replace('controls = ["lr", "steps", "w0"]',
                                                                              'controls = ["nope"]')
    text += '\n```quiz\nquestion = 1\n```\n\n```quiz\nquestion = "q"\nchoices = ["a"]\nanswer = 1\n```\n'
    (folder / "bowl.md").write_text(text)
    messages = [p.render() for p in load_course(folder).problems if p.path.name == "bowl.md"]
    for wanted in ("order must be", 'unknown front matter key "bogus"', "nope", "needs a question",
                   "quiz choices must be"):
        assert any(wanted in m for m in messages), (wanted, messages)


def test_check_lessons_reports_control_characters_where_they_are(tmp_path: Path) -> None:
    folder = hostile_course(tmp_path / "course")
    _, problems = check_course(folder)
    control = [p for p in problems if "control character" in p.render()]
    assert {p.path.name for p in control} == {"bowl.md", "glossary.md"}
    bowl_lines = (folder / "bowl.md").read_text().split("\n")
    for problem in control:
        if problem.path.name == "bowl.md":
            line = bowl_lines[problem.line - 1]
            assert "\\u00" in line or not is_clean(line) or "\\r" in line


def make_kind(kind: str, path: Path) -> None:
    if kind == "named pipe":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "socket":
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(path))
        sock.close()
    elif kind == "symlink to a device":
        path.symlink_to("/dev/zero")
    elif kind == "symlink loop":
        path.symlink_to(path.name)
    elif kind == "symlink to a pipe":
        os.mkfifo(path.with_name(path.name + ".pipe"))
        path.symlink_to(path.name + ".pipe")


KINDS = ["named pipe", "folder", "socket", "symlink to a device", "symlink loop", "symlink to a pipe"]


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_of_file_as_a_lesson_and_as_the_glossary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          kind: str) -> None:
    folder = course_folder(tmp_path)
    make_kind(kind, folder / "bowl.md")
    counter = ReadCounter(monkeypatch)
    assert_sound(folder, counter, expect_bowl=False)
    [problem] = [p for p in load_course(folder).problems if p.path.name == "bowl.md"]
    assert problem.line == 1 and "cannot read the file" in problem.render()
    (folder / "glossary.md").unlink()
    make_kind(kind, folder / "glossary.md")
    with pytest.raises(ContentError) as raised:
        load_glossary(folder)
    assert raised.value.line == 1 and raised.value.path == folder / "glossary.md"
    figure("kinds of file put at a lesson's and the glossary's name (reported, the rest loaded)")
