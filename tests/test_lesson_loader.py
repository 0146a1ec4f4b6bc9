"""Loading the course: every validation error is reported as path:line: message, and one broken
lesson never hides the others."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.lessons.check import check_course
from tutor.lessons.files import MAX_BYTES
from tutor.lessons.loader import load_course, load_lesson

GOOD = """+++
format = 1
id = "bowl"
title = "The bowl"
order = 1
sim = "lr-overshoot"
controls = ["lr", "steps"]

[params]
lr = 0.1

[solution]
lr = 1.5

[challenge]
statement = "Oscillate and settle."
condition = 'regime == "oscillating" and final_loss < 0.01'
hints = ["Go above 1/a."]
+++

# The bowl

Some text.

```quiz
question = "Which way?"
choices = ["left", "right"]
answer = 2
explain = "Downhill is to the right."
```

More text after the quiz.
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problem_for(tmp_path: Path, text: str) -> str:
    path = write(tmp_path / "course", "lesson.md", text)
    course = load_course(path.parent)
    assert not course.lessons, "a broken lesson must not load"
    assert len(course.problems) == 1
    return str(course.problems[0])


def test_a_good_lesson_loads_with_everything_resolved(tmp_path: Path) -> None:
    lesson = load_lesson(write(tmp_path, "bowl.md", GOOD))
    assert lesson.id == "bowl" and lesson.order == 1 and lesson.sim == "lr-overshoot"
    assert lesson.params["lr"] == 0.1 and lesson.params["a"] == 1.0  # unspecified: the sim's default
    assert lesson.controls == ("lr", "steps")
    assert lesson.solution == {"lr": 1.5}
    assert lesson.challenge.hints == ("Go above 1/a.",)
    assert len(lesson.quiz) == 1 and lesson.quiz[0].answer == 1 and lesson.quiz[0].choices == ("left", "right")
    assert "```quiz" not in lesson.body and "More text after the quiz." in lesson.body
    assert lesson.quiz[0].line == GOOD.splitlines().index("```quiz") + 1


@pytest.mark.parametrize(("old", "new", "line", "message"), [
    ('format = 1', 'format = 2', 2, "newer gdtutor"),
    ('format = 1', 'format = "1"', 2, "format = 1"),
    ('id = "bowl"', 'id = "Bowl Lesson"', 3, "must be a slug"),
    ('title = "The bowl"', 'title = ""', 4, "needs title"),
    ('order = 1', 'order = 0', 5, "order must be"),
    ('sim = "lr-overshoot"', 'sim = "lr-overshot"', 6, 'did you mean "lr-overshoot"'),
    ('controls = ["lr", "steps"]', 'controls = ["lr", "stepz"]', 7, 'did you mean "steps"'),
    ('controls = ["lr", "steps"]', 'controls = "lr"', 7, "list of parameter names"),
    ('lr = 0.1', 'lrr = 0.1', 10, 'unknown parameter "lrr"'),
    ('lr = 0.1', 'lr = 50.0', 10, "lr must be a number from 0.0001 to 10"),
    ('lr = 1.5', 'lr = "fast"', 13, "lr must be a number"),
    ("condition = 'regime == \"oscillating\" and final_loss < 0.01'", "condition = 'final_los < 0.01'", 17,
     'did you mean "final_loss"'),
    ("condition = 'regime == \"oscillating\" and final_loss < 0.01'", "condition = 'final_loss <'", 17,
     "ends too early"),
    ('hints = ["Go above 1/a."]', "hints = []", 18, "needs hints"),
    ('statement = "Oscillate and settle."', 'statment = "x"', 16, 'unknown challenge key "statment"'),
    ('title = "The bowl"', 'title = "The bowl"\ntittle = "x"', 5, 'unknown front matter key "tittle"'),
    ('order = 1', 'order = "1', 5, "not valid TOML"),
    ('answer = 2', 'answer = 3', 28, "1 to 2"),
    ('choices = ["left", "right"]', 'choices = ["left"]', 27, "2 to 9"),
    ('explain = "Downhill is to the right."', 'explain = "x"\nwhy = 1', 30, "unknown keys: why"),
    ('answer = 2', 'answer = 2 2', 28, "quiz block is not valid TOML"),
])
def test_each_problem_is_reported_at_its_line(tmp_path: Path, old: str, new: str, line: int, message: str) -> None:
    assert old in GOOD
    text = problem_for(tmp_path, GOOD.replace(old, new, 1))
    assert f"lesson.md:{line}:" in text, text
    assert message in text, text


@pytest.mark.parametrize(("text", "line", "message"), [
    ("", 1, "starts with a line of +++"),
    ("# just markdown\n", 1, "starts with a line of +++"),
    ("+++\nformat = 1\n", 1, "never closed"),
    (GOOD.replace("```quiz\nquestion", "```quiz\n\nquestion").split("```\n\nMore")[0], 25, "never closed"),
    (GOOD.split("+++\n\n# The bowl")[0] + "+++\n\n   \n", 20, "no text"),
])
def test_structural_problems(tmp_path: Path, text: str, line: int, message: str) -> None:
    reported = problem_for(tmp_path, text)
    assert f":{line}:" in reported and message in reported, reported


def test_binary_oversized_and_non_utf8_files_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "course"
    folder.mkdir()
    (folder / "binary.md").write_bytes(b"+++\x00\x01\x02")
    (folder / "latin1.md").write_bytes(GOOD.replace("Some text.", "Caf\u00e9").encode("latin-1"))
    (folder / "huge.md").write_bytes(b"+" * (MAX_BYTES + 1))
    write(folder, "good.md", GOOD)
    course = load_course(folder)
    assert [lesson.id for lesson in course.lessons] == ["bowl"]
    reports = {p.path.name: str(p) for p in course.problems}
    assert "binary" in reports["binary.md"]
    assert "not UTF-8" in reports["latin1.md"] and "latin1.md:23:" in reports["latin1.md"]
    assert "at most" in reports["huge.md"]


def test_duplicate_ids_and_orders_keep_the_first_and_report_the_second(tmp_path: Path) -> None:
    folder = tmp_path / "course"
    write(folder, "a.md", GOOD)
    write(folder, "b.md", GOOD.replace('order = 1', 'order = 2'))
    write(folder, "c.md", GOOD.replace('id = "bowl"', 'id = "other"'))
    course = load_course(folder)
    assert course.ids == ("bowl",)
    reports = sorted(str(p) for p in course.problems)
    assert "b.md:3:" in reports[0] and 'id "bowl" is already used by a.md' in reports[0]
    assert "c.md:5:" in reports[1] and "order 1 is already used by a.md" in reports[1]


def test_lessons_are_sorted_by_order_and_found_by_id_or_number(tmp_path: Path) -> None:
    folder = tmp_path / "course"
    write(folder, "z.md", GOOD.replace('id = "bowl"', 'id = "first"'))
    write(folder, "a.md", GOOD.replace('order = 1', 'order = 5'))
    course = load_course(folder)
    assert course.ids == ("first", "bowl")
    assert course.find("2").id == "bowl" and course.find("first").order == 1
    assert course.find("3") is None and course.find("nope") is None and course.find("0") is None


def test_translations_and_non_lesson_files_are_not_lessons(tmp_path: Path) -> None:
    folder = tmp_path / "course"
    write(folder, "bowl.md", GOOD)
    write(folder, "bowl.ko.md", "not a lesson by itself")
    write(folder, "README.md", "about this folder")
    assert load_course(folder).problems == ()


def test_a_missing_folder_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    course = load_course(tmp_path / "nowhere")
    assert not course.lessons and "no lesson folder" in str(course.problems[0])


def test_check_proves_challenges_fair(tmp_path: Path) -> None:
    folder = tmp_path / "course"
    explained = GOOD.replace('hints = ["Go above 1/a."]\n',
                             'hints = ["Go above 1/a."]\nexplain = "Above 1/a each step overshoots the bottom."\n')
    write(folder, "good.md", explained)
    write(folder, "met.md", explained.replace('id = "bowl"', 'id = "met"').replace("order = 1", "order = 2")
          .replace("lr = 0.1", "lr = 1.5", 1))
    write(folder, "unsolved.md", explained.replace('id = "bowl"', 'id = "unsolved"').replace("order = 1", "order = 3")
          .replace("[solution]\nlr = 1.5", "[solution]\nlr = 0.5"))
    write(folder, "locked.md", explained.replace('id = "bowl"', 'id = "locked"').replace("order = 1", "order = 4")
          .replace("[solution]\nlr = 1.5", "[solution]\nlr = 1.5\na = 1.2"))
    _, problems = check_course(folder)
    reports = sorted(str(p) for p in problems)
    assert len(reports) == 3, reports
    assert "locked.md:14:" in reports[0] and '"a", which is not in controls' in reports[0]
    assert "met.md:17:" in reports[1] and "already met" in reports[1]
    assert "unsolved.md:17:" in reports[2] and "do not meet" in reports[2]


def test_the_shipped_course_is_sound() -> None:
    course, problems = check_course()
    assert course.lessons
    assert problems == [], "\n".join(map(str, problems))
