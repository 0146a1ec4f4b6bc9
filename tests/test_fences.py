"""Fenced blocks are where CommonMark puts them, for every reader of a course file alike: quiz and
predict blocks, glossary headings, glossary links and the text checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_lesson_loader import GOOD
from tutor.lessons import check, quiz
from tutor.lessons.content_error import ContentError
from tutor.lessons.fences import fenced_lines, find_fences
from tutor.lessons.glossary import Glossary, Term, load_glossary, parse_glossary
from tutor.lessons.loader import load_course, parse_lesson
from tutor.tui.glossary_links import link_terms

QUIZ = ['question = "Which way?"', 'choices = ["left", "right"]', "answer = 2"]
GLOSSARY_HEAD = '+++\nformat = 1\nkind = "glossary"\n+++\n'
GLOSSARY = Glossary("", (Term("Loss", (), "What is lost.\n"),))


def body(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def line_of(text: str, fragment: str, nth: int = 1) -> int:
    """The 1-based number of the line holding `fragment` for the nth time."""
    return [n for n, line in enumerate(text.splitlines(), start=1) if fragment in line][nth - 1]


# -- what a fence is ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("lines", "expected"), [
    (["```quiz", "a", "```"], [("quiz", "```", 0, 3, True)]),
    (["~~~ quiz ", "a", "~~~"], [("quiz", "~~~", 0, 3, True)]),
    # A longer fence holds shorter ones: ``` inside ```` is text, and only ```` closes it.
    (["````markdown", "```quiz", "a", "```", "````"], [("markdown", "````", 0, 5, True)]),
    # A closing fence must be as long as the opening one and of the same character.
    (["~~~~", "~~~", "```", "~~~~~"], [("", "~~~~", 0, 4, True)]),
    # Indented by four spaces, it is an indented code block that only looks like a fence.
    (["Text.", "", "    ```quiz", "    a", "    ```"], []),
    # Inside a list item, indented to the item's text, it is a fence.
    (["1. Step one:", "", "   ```python", "   x = 1", "   ```", "", "2. Step two."],
     [("python", "```", 2, 5, True)]),
    # Never closed: it runs to the end of the text.
    (["Text.", "", "```python", "x = 1", "", "More."], [("python", "```", 2, 6, False)]),
    # Never closed inside a quote: it ends with the quote.
    (["> ```", "> x", "", "After."], [("", "```", 0, 2, False)]),
])
def test_fences_are_found_as_commonmark_finds_them(lines: list[str], expected: list[tuple]) -> None:
    found = [(f.info, f.markup, f.start, f.end, f.closed) for f in find_fences(lines)]
    assert found == expected


def test_a_fences_inner_lines_are_the_files_own() -> None:
    lines = ["- item", "", "  ```quiz", "  a = 1", "  ```", "", "```", "unclosed"]
    first, second = find_fences(lines)
    assert first.inner(lines) == ["  a = 1"]
    assert second.inner(lines) == ["unclosed"]
    assert fenced_lines([first, second]) == {2, 3, 4, 6, 7}


# -- quiz blocks ---------------------------------------------------------------------------------------


def test_a_tilde_quiz_block_is_a_quiz() -> None:
    text, questions = quiz.extract(body("Text.", "", "~~~quiz", *QUIZ, "~~~", "", "After."), 10)
    assert [(q.question, q.answer, q.line) for q in questions] == [("Which way?", 1, 12)]
    assert text == "Text.\n\n\nAfter.\n"


def test_a_quiz_shown_inside_a_longer_fence_is_code_not_a_question() -> None:
    source = body("How to write one:", "", "````markdown", "```quiz", *QUIZ, "```", "````")
    text, questions = quiz.extract(source, 1)
    assert questions == []
    assert text == source


def test_a_quiz_block_closes_only_at_a_fence_as_long_as_its_own() -> None:
    source = body("````quiz", *QUIZ, 'explain = """', "```", '"""', "````")
    text, questions = quiz.extract(source, 1)
    assert [q.explain for q in questions] == ["```"]
    assert text.strip() == ""


def test_an_indented_quiz_block_is_indented_code() -> None:
    source = body("Text.", "", "    ```quiz", *("    " + line for line in QUIZ), "    ```")
    assert quiz.extract(source, 1) == (source, [])


def test_a_quiz_block_inside_a_list_is_a_quiz_at_its_own_line() -> None:
    source = body("1. First read this.", "", "   ```quiz", *("   " + line for line in QUIZ), "   ```", "",
                  "2. Then this.")
    text, questions = quiz.extract(source, 20)
    assert [q.line for q in questions] == [20 + 2]
    assert text == "1. First read this.\n\n\n2. Then this.\n"


# -- blocks that are never closed ----------------------------------------------------------------------


@pytest.mark.parametrize(("block", "message"), [
    ("```quiz", "this quiz block is never closed with ```"),
    ("```predict", "this predict block is never closed with ```"),
    ("~~~quiz", "this ~~~ block is never closed: end it with a line of ~~~"),
    ("````quiz", "this ```` block is never closed: end it with a line of ````"),
    ("```python", "this ``` block is never closed: end it with a line of ```, or everything after it shows as code"),
])
def test_a_block_that_is_never_closed_is_reported_at_its_opening_line(block: str, message: str) -> None:
    text = GOOD.replace("More text after the quiz.", f"{block}\nx = 1\n```quiz-like text")
    with pytest.raises(ContentError) as caught:
        parse_lesson(Path("bowl.md"), text)
    assert caught.value.line == line_of(text, "x = 1") - 1
    assert str(caught.value.msg).startswith(message)


def test_an_unclosed_fence_is_reported_with_the_file_and_the_rest_still_loads(tmp_path: Path) -> None:
    folder = tmp_path / "course"
    folder.mkdir()
    (folder / "bowl.md").write_text(GOOD.replace("More text", "```\ncode\n\nMore text"), encoding="utf-8")
    (folder / "slope.md").write_text(GOOD.replace('"bowl"', '"slope"').replace("order = 1", "order = 2"),
                                     encoding="utf-8")
    course = load_course(folder)
    assert [lesson.id for lesson in course.lessons] == ["slope"]
    [problem] = course.problems
    assert problem.path.name == "bowl.md" and problem.line == line_of(GOOD, "More text")
    assert "never closed" in problem.render()


# -- the glossary, its links and the text checks agree ---------------------------------------------------


def test_a_heading_in_any_fence_is_not_a_glossary_term() -> None:
    text = GLOSSARY_HEAD + body("", "## Loss", "", "What is lost.", "", "~~~~", "## Inside", "```", "~~~~", "",
                                "   ```", "## Indented fence", "   ```")
    glossary = parse_glossary(text)
    assert [term.term for term in glossary.terms] == ["Loss"]
    assert "## Inside" in glossary.terms[0].text and "## Indented fence" in glossary.terms[0].text


def test_a_glossary_fence_that_is_never_closed_names_the_file_and_line(tmp_path: Path) -> None:
    text = GLOSSARY_HEAD + body("", "## Loss", "", "What is lost.", "", "~~~", "## Swallowed", "", "Text.")
    (tmp_path / "glossary.md").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_glossary(tmp_path)
    assert (caught.value.path, caught.value.line) == (tmp_path / "glossary.md", line_of(text, "~~~"))
    assert "this ~~~ block is never closed" in str(caught.value)


MIXED = body("**Loss** first.", "", "````text", "```", "**Loss** in code.", "```", "````", "",
             "**Loss** between.", "", "    **Loss** indented.", "", "~~~", "**Nothing** here.", "~~~", "",
             "**Loss** last.")


def test_glossary_links_skip_exactly_the_code() -> None:
    linked = link_terms(MIXED, GLOSSARY).splitlines()
    assert [n for n, line in enumerate(linked, start=1) if "glossary:" in line] == [1, 9, 17]


def test_the_bold_check_reads_exactly_the_prose() -> None:
    text = GOOD.replace("More text after the quiz.", MIXED.replace("**Loss**", "**Unknown**"))
    problems = check.bold_without_entry(Path("bowl.md"), text, GLOSSARY)
    start = line_of(text, "**Unknown** first.")
    assert [p.line - start for p in problems] == [0, 8, 16]
