"""`gdtutor class report`: each learner's figures, counted against the course, read without changing
any learner's file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tutor.cli.root import cli
from tutor.lessons.loader import load_course
from tutor.progress.learners import learner_path, learners_dir
from tutor.progress.session import ProgressSession
from tutor.progress.store import ProgressStore


@pytest.fixture(autouse=True)
def lessons_env_restored(monkeypatch: pytest.MonkeyPatch) -> None:
    """`--lessons` sets GDTUTOR_LESSONS for the process; put it back as it was after each test."""
    monkeypatch.setenv("GDTUTOR_LESSONS", "")
    monkeypatch.delenv("GDTUTOR_LESSONS")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def classroom() -> dict[str, Path]:
    ana = ProgressSession(ProgressStore(learner_path("Ana")))
    ana.open_lesson("weights-and-loss")
    ana.set_params("weights-and-loss", {"lr": 0.2})
    ana.complete("weights-and-loss")
    ana.open_lesson("learning-rate")
    ana.reveal_hint("learning-rate", 3)
    ana.reveal_hint("learning-rate", 3)
    ana.set_params("learning-rate", {"lr": 0.2})
    ana.set_params("learning-rate", {"lr": 0.3})
    quiz = next(lesson for lesson in load_course().lessons if lesson.id == "learning-rate").quiz
    ana.answer("learning-rate", 0, quiz[0].answer)  # right
    ana.answer("learning-rate", 1, (quiz[1].answer + 1) % len(quiz[1].choices))  # wrong
    ana.open_lesson("adam")
    ana.set_params("adam", {"lr": 0.2})  # tried once, no hint: less stuck than learning-rate

    bo = ProgressSession(ProgressStore(learner_path("Bo")))
    bo.open_lesson("momentum")
    data = json.loads(learner_path("Bo").read_text(encoding="utf-8"))
    data["lessons"]["momentum"]["predictions"] = {"0": {"choice": 1, "right": True},
                                                  "1": {"choice": 0, "right": False},
                                                  "2": {"choice": 2, "right": True}}
    data["lessons"]["gone-lesson"] = {"status": "complete", "predictions": [True]}  # not in the course
    learner_path("Bo").write_text(json.dumps(data), encoding="utf-8")
    (learners_dir() / "cy.json").write_text("{ not json", encoding="utf-8")
    return {"ana": learner_path("Ana"), "bo": learner_path("Bo"), "cy": learners_dir() / "cy.json"}


def test_the_table_counts_each_learners_lessons_quizzes_predictions_and_stuck_point() -> None:
    files = classroom()
    before = {name: path.read_bytes() for name, path in files.items()}
    code, out = run("class", "report")
    assert code == 0
    rows = {line.split()[0]: line for line in out.splitlines()[2:] if line.strip() and not line.startswith("3 ")}
    total = len(load_course().lessons)
    assert rows["ana"].split()[1:6] == [f"1/{total}", "1/2", "—", "2", "4"]
    assert "learning-rate (2 hints, 2 tries)" in rows["ana"]
    assert rows["bo"].split()[1:4] == [f"0/{total}", "—", "2/3"]
    assert "unreadable file" in rows["cy"]
    assert {name: path.read_bytes() for name, path in files.items()} == before  # nothing moved or rewritten
    assert sorted(p.name for p in learners_dir().iterdir() if not p.name.endswith(".lock")) == \
        ["ana.json", "bo.json", "cy.json"]


def test_csv_has_a_number_in_each_cell_for_a_spreadsheet() -> None:
    classroom()
    code, out = run("class", "report", "--csv")
    assert code == 0
    table = list(csv.DictReader(io.StringIO(out)))
    ana = next(row for row in table if row["learner"] == "ana")
    assert (ana["lessons complete"], ana["lessons in course"], ana["quiz right"], ana["quiz answered"]) == \
        ("1", str(len(load_course().lessons)), "1", "2")
    assert (ana["predictions right"], ana["predictions made"]) == ("", "")
    assert (ana["stuck on"], ana["stuck hints"], ana["stuck tries"]) == ("learning-rate", "2", "2")
    bo = next(row for row in table if row["learner"] == "bo")
    assert (bo["predictions right"], bo["predictions made"]) == ("2", "3")
    assert next(row for row in table if row["learner"] == "cy")["lessons complete"] == ""


def test_scores_are_counted_against_the_course_given(tmp_path: Path) -> None:
    classroom()
    code, out = run("pack", "new", str(tmp_path / "pack"))
    assert code == 0
    (tmp_path / "pack" / "pack.toml").write_text('format = 1\ncourse = "replace"\n', encoding="utf-8")
    code, out = run("class", "report", "--lessons", str(tmp_path / "pack"))
    assert code == 0
    ana = next(line for line in out.splitlines() if line.startswith("ana"))
    assert ana.split()[1:3] == ["0/1", "—"]  # none of Ana's lessons is in this course


def test_an_empty_classroom_says_where_it_looked() -> None:
    code, out = run("class", "report")
    assert code == 0 and str(learners_dir()) in out
