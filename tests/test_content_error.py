"""Every problem a course file can have is raised as one ContentError, with its line and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_lesson_loader import GOOD
from tutor.lessons.content_error import ContentError
from tutor.lessons.glossary import load_glossary
from tutor.lessons.loader import parse_lesson
from tutor.text import Msg

BAD_QUIZ = '```quiz\nquestion = "q"\nchoices = ["a"]\nanswer = 1\n```\n'


def lines_of(text: str, fragment: str) -> list[int]:
    return [number for number, line in enumerate(text.splitlines(), start=1) if fragment in line]


def test_located_problems_read_path_line_message(tmp_path: Path) -> None:
    error = ContentError(None, 7, Msg("quiz explain must be text"))
    error.more = [ContentError(None, 9, Msg("quiz block needs a question (text)"))]
    located = error.at(tmp_path / "bowl.md")
    assert str(located) == f"{tmp_path / 'bowl.md'}:7: quiz explain must be text"
    assert [(m.path, m.line) for m in located.more] == [(tmp_path / "bowl.md", 9)]
    assert error.path is None  # (the original is left as it was)


@pytest.mark.parametrize(("text", "where", "fragment"), [
    (GOOD.replace("+++\nformat", "format", 1), "format", "starts with a line of +++"),
    (GOOD.replace('title = "The bowl"', 'title = "The bowl'), "title", "front matter is not valid TOML"),
    (GOOD.replace("order = 1", "order = 0"), "order", "order must be a whole number"),
    (GOOD.replace('choices = ["left", "right"]', 'choices = ["left"]'), "choices", "quiz choices must be a list"),
    (GOOD.replace("```quiz\nquestion", '```predict\nquestion = "q"\n```\n\n```quiz\nquestion', 1), "```predict",
     "predict choices must be a list"),
])
def test_each_kind_of_lesson_problem_is_a_content_error(text: str, where: str, fragment: str) -> None:
    """`where` starts the line the problem is reported at."""
    with pytest.raises(ContentError) as caught:
        parse_lesson(Path("bowl.md"), text)
    assert caught.value.line == next(n for n, line in enumerate(text.splitlines(), start=1) if line.startswith(where))
    assert fragment in str(caught.value.msg)


def test_every_bad_quiz_block_is_reported_at_its_own_line() -> None:
    text = GOOD + "\n" + BAD_QUIZ + "\nText.\n\n" + BAD_QUIZ
    with pytest.raises(ContentError) as caught:
        parse_lesson(Path("bowl.md"), text)
    found = [caught.value, *caught.value.more]
    assert [error.line for error in found] == [n + 2 for n in lines_of(text, '```quiz')[1:]]
    assert all("quiz choices must be a list of 2" in str(error.msg) for error in found)


def test_a_glossary_problem_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "glossary.md").write_text('+++\nformat = 1\nkind = "glossary"\n+++\n\n## Loss\n', encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_glossary(tmp_path)
    assert (caught.value.path, caught.value.line) == (tmp_path / "glossary.md", 6)
    assert str(caught.value).endswith('glossary.md:6: the term "Loss" has no text')
