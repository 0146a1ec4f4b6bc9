"""Learner names: what is accepted, what is refused and why, and that a name can only ever name a
file inside the learners folder."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tutor.progress.learners import (
    MAX_LENGTH,
    BadLearnerName,
    learner_files,
    learner_key,
    learner_name,
    learner_path,
    learners_dir,
)
from tutor.progress.session import ProgressSession
from tutor.progress.store import ProgressStore


@pytest.mark.parametrize(("raw", "name"), [
    ("Ana", "Ana"), ("  Ana   Kim ", "Ana Kim"), ("김민지", "김민지"), ("Anne-Marie O'Neil", "Anne-Marie O'Neil"),
    ("j.smith_2", "j.smith_2"), ("Zoë", "Zoë"), ("ａｎａ", "ana"), ("Ｒａｍóｎ", "Ramón"),
    ("x" * MAX_LENGTH, "x" * MAX_LENGTH),
])
def test_names_a_learner_would_type_are_accepted_and_tidied(raw: str, name: str) -> None:
    assert learner_name(raw) == name


@pytest.mark.parametrize(("raw", "why"), [
    ("", "type a name"), ("   ", "type a name"), ("../etc/passwd", "not \"/\""), ("a/b", "not \"/\""),
    ("a\\b", "not \"\\\""), (".hidden", "start with a dot"), ("x.", "end with a dot"), ("..", "start with a dot"),
    ("a\x00b", "\\x00"), ("a\nb", "\\n"), ("\x1b[31mred", "\\x1b"), ("a:b", "not \":\""), ("a*b", "not \"*\""),
    ("🙂", "not \"🙂\""), ("x" * (MAX_LENGTH + 1), f"at most {MAX_LENGTH} characters"), ("CON", "reserves"),
    ("nul.txt", "reserves"), ("a\u202eb", "\\u202e"),
])
def test_names_that_could_misname_a_file_are_refused_saying_why(raw: str, why: str) -> None:
    with pytest.raises(BadLearnerName) as caught:
        learner_name(raw)
    assert why in str(caught.value)
    assert "\x1b" not in str(caught.value) and "\n" not in str(caught.value)


@given(st.text(max_size=60))
def test_any_text_is_refused_or_names_a_plain_file_inside_the_learners_folder(raw: str) -> None:
    try:
        path = learner_path(raw)
    except BadLearnerName:
        return
    assert path.parent == learners_dir()
    assert path.name.endswith(".json") and not path.name.startswith(".")
    assert "/" not in path.stem and "\\" not in path.stem and path.stem not in ("", ".", "..")
    assert all(ch.isprintable() for ch in path.name)


def test_one_learner_whatever_the_case_or_width() -> None:
    assert learner_path("Ana") == learner_path("ANA") == learner_path("ａｎａ") == learners_dir() / "ana.json"
    assert learner_key("Bo Kim") == "bo kim"


def test_learner_files_are_the_records_only() -> None:
    for name in ("Ana", "김민지"):
        session = ProgressSession(ProgressStore(learner_path(name)))
        session.open_lesson("weights-and-loss")
    folder = learners_dir()
    for stray in ("Upper.json", ".ana.json.123.abcd.tmp", "ana.json.damaged-20260101T000000Z", "notes.txt",
                  "..json"):
        (folder / stray).write_text("{}", encoding="utf-8")
    assert [name for name, _path in learner_files()] == ["ana", "김민지"]
