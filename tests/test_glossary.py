"""The glossary: the shipped file's content, lookup by any reasonable spelling, every format error as
path:line: message, its place beside (not among) the lessons, and `gdtutor glossary`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tutor.cli.root import cli
from tutor.lessons.check import check_course
from tutor.lessons.content_error import ContentError
from tutor.lessons.glossary import Glossary, Term, load_glossary, parse_glossary
from tutor.lessons.loader import lesson_files, load_course
from tutor.lessons.paths import default_lessons_dir

HEAD = '+++\nformat = 1\nkind = "glossary"\n+++\n'
SMALL = HEAD + """
# Glossary

An introduction.

## Learning rate
aliases: η, step size

How far a step goes.

### A sub-heading stays in the entry

```text
## not a heading inside a fence
```

## Mini-batch

A few examples at a time.

## Bias

What is added.
"""

COURSE_TERMS = [
    "weight", "bias", "activation", "loss", "gradient", "learning rate", "epoch", "batch",
    "mini-batch", "optimizer", "momentum", "backpropagation", "chain rule", "initialization",
    "Xavier", "He", "vanishing gradient", "exploding gradient", "regularization", "L1", "L2",
    "overfitting", "underfitting", "validation set", "ReLU", "sigmoid", "tanh", "saddle point",
    "local minimum", "stochastic gradient descent", "Adam", "RMSProp", "AdaGrad", "batch normalization",
    "residual connection", "gradient clipping", "numerical gradient", "mean squared error",
]


def write(folder: Path, text: str, name: str = "glossary.md") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# -- the shipped glossary -----------------------------------------------------------------------------


def test_the_shipped_glossary_loads_and_covers_the_course() -> None:
    glossary = load_glossary()
    assert isinstance(glossary, Glossary) and all(isinstance(t, Term) for t in glossary.terms)
    missing = [word for word in COURSE_TERMS if glossary.lookup(word) is None]
    assert not missing
    assert all(term.text.strip() for term in glossary.terms)


def test_the_intro_holds_the_weight_learning_rate_gradient_table() -> None:
    intro = load_glossary().intro
    rows = [line for line in intro.splitlines() if line.startswith("|")]
    header = rows[0]
    assert "Weight" in header and "Learning rate" in header and "Gradient" in header
    labels = [row.split("|")[1].strip() for row in rows[2:]]
    assert {"What it is", "Who sets it", "When it changes"} <= set(labels)
    assert all(row.count("|") == header.count("|") for row in rows), "every row has four cells"


def test_default_directory_is_the_lessons_folder() -> None:
    assert load_glossary() == load_glossary(default_lessons_dir())


# -- lookup ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "term"), [
    ("learning rate", "Learning rate"),
    ("LEARNING RATE", "Learning rate"),
    ("Learning-Rate", "Learning rate"),
    ("learning rates", "Learning rate"),
    ("η", "Learning rate"),
    ("step size", "Learning rate"),
    ("minibatch", "Mini-batch"),
    ("mini batches", "Mini-batch"),
    ("biases", "Bias"),
    ("`bias`", "Bias"),
    ("**Bias**,", "Bias"),
])
def test_lookup_ignores_case_spacing_punctuation_and_plurals(word: str, term: str) -> None:
    found = parse_glossary(SMALL).lookup(word)
    assert found is not None and found.term == term


def test_lookup_of_an_unknown_word_is_none() -> None:
    glossary = parse_glossary(SMALL)
    assert glossary.lookup("weight") is None
    assert glossary.lookup("") is None


def test_entries_keep_their_text_aliases_and_sub_headings() -> None:
    glossary = parse_glossary(SMALL)
    assert glossary.intro.startswith("# Glossary") and "An introduction." in glossary.intro
    assert [t.term for t in glossary.terms] == ["Learning rate", "Mini-batch", "Bias"]
    rate = glossary.terms[0]
    assert rate.aliases == ("η", "step size")
    assert "aliases" not in rate.text
    assert "### A sub-heading stays in the entry" in rate.text
    assert "## not a heading inside a fence" in rate.text
    assert glossary.terms[1].aliases == ()


def test_shipped_lookups_reach_irregular_plurals_through_aliases() -> None:
    glossary = load_glossary()
    assert glossary.lookup("local minima").term == "Local minimum"
    assert glossary.lookup("ridge").term == "L2 regularization"
    assert glossary.lookup("weight decay").term == "Weight decay"  # not L2: they part ways under Adam
    assert glossary.lookup("Kaiming").term == "He initialization"


# -- errors -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "line", "fragment"), [
    ("# Glossary\n\n## Term\n\ntext\n", 1, "starts with a line of +++"),
    ("+++\nformat = 1\nkind = \"glossary\"\n\n## Term\n", 1, "never closed"),
    ("+++\nformat = 1\n+++\n## Term\n\ntext\n", 1, 'kind = "glossary"'),
    ('+++\nformat = 1\nkind = "lesson"\n+++\n## Term\n\ntext\n', 3, 'kind = "glossary"'),
    ('+++\nformat = 9\nkind = "glossary"\n+++\n## Term\n\ntext\n', 2, "newer gdtutor"),
    ('+++\nformat = "1"\nkind = "glossary"\n+++\n## Term\n\ntext\n', 2, "format = 1"),
    ('+++\nformat = 1\nkind = "glossary"\ncolour = 2\n+++\n## Term\n\ntext\n', 4, 'unknown front matter key "colour"'),
    ('+++\nformat = 1\nkind = glossary\n+++\n', 3, "not valid TOML"),
    (HEAD + "\nJust an introduction.\n", 5, "no terms"),
    (HEAD + "\n## Term\n\ntext\n\n##\n\nmore\n", 10, "needs the term"),
    (HEAD + "\n## Term\naliases: one,, two\n\ntext\n", 7, "comma-separated"),
    (HEAD + "\n## Term\n\n## Other\n\ntext\n", 6, 'the term "Term" has no text'),
    (HEAD + "\n## Term\naliases: thing\n\ntext\n## Term\n\nagain\n", 10,
     'already a term or alias of "Term" (line 6)'),
    (HEAD + "\n## Term\naliases: thing\n\ntext\n## Other\naliases: THING\n\ntext\n", 10, '"THING" is already'),
    (HEAD + "\n## Mini-batch\naliases: minibatch\n\ntext\n", 6, "twice"),
])
def test_every_format_error_names_its_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(ContentError) as caught:
        parse_glossary(text)
    assert caught.value.line == line
    assert fragment in str(caught.value.msg)


def test_load_errors_read_path_line_message(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + "\n## Term\n")
    with pytest.raises(ContentError) as caught:
        load_glossary(tmp_path)
    assert str(caught.value) == f'{path}:6: the term "Term" has no text'


def test_a_file_that_is_not_utf8_or_missing_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "glossary.md").write_bytes(HEAD.encode() + b"\n## Term\n\n\xff\xfe\n")
    with pytest.raises(ContentError) as caught:
        load_glossary(tmp_path)
    assert caught.value.line == 8 and "UTF-8" in str(caught.value.msg)
    with pytest.raises(ContentError, match="cannot read"):
        load_glossary(tmp_path / "nowhere")


# -- beside the lessons -------------------------------------------------------------------------------


def test_glossary_files_are_not_lessons(tmp_path: Path) -> None:
    write(tmp_path, SMALL)
    write(tmp_path, SMALL, "glossary.ko.md")
    assert lesson_files(tmp_path) == []
    assert not load_course(tmp_path).problems
    assert all(p.name != "glossary.md" for p in lesson_files(default_lessons_dir()))


def test_check_lessons_validates_the_glossary(tmp_path: Path) -> None:
    write(tmp_path, HEAD + "\n## Term\n")
    _, problems = check_course(tmp_path)
    assert [str(p) for p in problems] == [f'{tmp_path / "glossary.md"}:6: the term "Term" has no text']
    write(tmp_path, SMALL)
    assert check_course(tmp_path)[1] == []


def test_a_course_without_a_glossary_is_not_a_problem(tmp_path: Path) -> None:
    tmp_path.mkdir(exist_ok=True)
    assert check_course(tmp_path)[1] == []


# -- gdtutor glossary ---------------------------------------------------------------------------------


def invoke(*args: str):
    return CliRunner().invoke(cli, ["glossary", *args])


def test_command_prints_the_whole_glossary() -> None:
    result = invoke()
    assert result.exit_code == 0
    assert "Who sets it" in result.output
    for term in ("Learning rate", "Overfitting", "Xavier initialization"):
        assert term in result.output


def test_command_prints_one_entry_by_any_spelling() -> None:
    result = invoke("learning", "rates")
    assert result.exit_code == 0
    assert "Learning rate" in result.output and "Also: η" in result.output
    assert "Overfitting" not in result.output


def test_unknown_term_is_a_usage_error_suggesting_the_closest() -> None:
    result = invoke("lerning", "rate")
    assert result.exit_code == 2
    assert 'no glossary entry for "lerning rate" (did you mean "Learning rate"?)' in result.output
    assert "Traceback" not in result.output


def test_a_broken_glossary_is_reported_not_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, HEAD + "\n## Term\n")
    monkeypatch.setenv("GDTUTOR_LESSONS", str(tmp_path))
    result = invoke()
    assert result.exit_code == 1
    assert f'{tmp_path / "glossary.md"}:6: the term "Term" has no text' in result.output
