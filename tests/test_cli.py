"""The headless command line, through click's CliRunner: output, exit codes, and every bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from tutor import __version__
from tutor.cli.root import cli
from tutor.progress import ProgressStore
from tutor.progress.session import ProgressSession


def run(*args: str, input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.output


def test_help_and_version() -> None:
    code, out = run("--help")
    assert code == 0 and "sim" in out and "check-lessons" in out
    code, out = run("--version")
    assert code == 0 and __version__ in out


def test_sims_lists_every_simulation() -> None:
    from tutor.sims import all_specs

    code, out = run("sims")
    assert code == 0
    for name, spec in all_specs().items():
        assert f"{name}  " in out and spec.summary in out


def test_sim_plot_draws_the_chart_status_and_facts() -> None:
    code, out = run("sim", "lr-overshoot", "-s", "lr=1.9", "--plot", "--width", "80", "--height", "20",
                    "--no-color")
    assert code == 0
    lines = out.splitlines()
    assert "weight w per step" in lines[0]
    assert all(len(line) <= 80 for line in lines[:20])
    assert "oscillating" in out and "regime = oscillating" in out and "\x1b[" not in out


def test_sim_color_is_opt_in_for_pipes() -> None:
    assert "\x1b[" in run("sim", "lr-overshoot", "--width", "60", "--height", "12", "--color")[1]


def test_sim_json_is_one_object_with_resolved_params() -> None:
    code, out = run("sim", "lr-overshoot", "--json", "-s", "lr=3", "-s", "steps=1000")
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {"sim", "params", "series", "facts", "status"}
    assert data["params"] == {"lr": 3.0, "a": 1.0, "w0": 5.0, "w_star": 0.0, "steps": 1000}
    assert data["facts"]["diverged"] is True and data["status"].startswith("diverged at step")
    assert all(v is not None for v in data["series"]["w"])


def test_sim_export_writes_every_series(tmp_path: Path) -> None:
    target = tmp_path / "run.npz"
    code, out = run("sim", "lr-overshoot", "--export", str(target), "-s", "steps=5")
    assert code == 0 and "monotone" in out
    with np.load(target) as data:
        assert set(data.files) == {"w", "loss"}
        np.testing.assert_allclose(data["w"], 5.0 * 0.9 ** np.arange(6))


def test_sim_help_lists_parameters_ranges_and_facts() -> None:
    code, out = run("sim", "lr-overshoot", "--help")
    assert code == 0
    for text in ("lr", "0.0001 to 10", "default 0.1", "w_star", "Facts reported", "lr_diverge"):
        assert text in out


@pytest.mark.parametrize(("args", "message"), [
    (["sim", "lr-overshot"], 'unknown simulation "lr-overshot" (did you mean "lr-overshoot"?)'),
    (["sim", "zzz"], 'unknown simulation "zzz"; valid:'),
    (["sim", "lr-overshoot", "-s", "lrr=1"], 'unknown parameter "lrr" (did you mean "lr"?)'),
    (["sim", "lr-overshoot", "-s", "lr"], "-s expects NAME=VALUE"),
    (["sim", "lr-overshoot", "-s", "lr=fast"], 'lr must be a number from 0.0001 to 10; got "fast"'),
    (["sim", "lr-overshoot", "-s", "lr=50"], "lr must be a number from 0.0001 to 10"),
    (["sim", "lr-overshoot", "-s", "lr=nan"], 'got "nan"'),
    (["sim", "lr-overshoot", "-s", "lr=inf"], 'got "inf"'),
    (["sim", "lr-overshoot", "-s", "lr=1e999"], 'got "1e999"'),
    (["sim", "lr-overshoot", "-s", "steps=2.5"], "steps must be a whole number from 1 to 1000"),
    (["sim", "lr-overshoot", "-s", "steps=" + "9" * 40], "steps must be a whole number"),
    (["sim", "lr-overshoot", "-s", "=1"], 'unknown parameter ""'),
    (["sim", "lr-overshoot", "--json", "--plot"], "cannot be used together"),
    (["sim", "lr-overshoot", "--export", "out.txt"], "writes a .npz file"),
    (["sim", "lr-overshoot", "--width", "5"], "--width"),
    (["show", "no-such-lesson"], 'unknown lesson "no-such-lesson"'),
    (["show", "999"], "there is no lesson 999"),
    (["reset", "no-such-lesson", "--yes"], 'unknown lesson "no-such-lesson"'),
])
def test_bad_input_is_a_usage_error_with_one_clear_message(args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert result.output.count("Error:") == 1
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


UTF8_TERMINAL = {"LANG": "en_US.UTF-8", "LC_ALL": None, "LC_CTYPE": None, "TERM": "xterm-256color"}
ASCII_LOCALE = {**UTF8_TERMINAL, "LANG": "C"}


def list_output(env: dict[str, str | None]) -> str:
    result = CliRunner().invoke(cli, ["list"], env=env, catch_exceptions=False)
    assert result.exit_code == 0
    return result.output


def test_list_shows_the_course_and_completion_with_homes_marks() -> None:
    out = list_output(UTF8_TERMINAL)
    assert "learning-rate" in out and "[○]" in out and "[✓]" not in out
    assert "[o]" in list_output(ASCII_LOCALE)
    ProgressSession(ProgressStore()).complete("learning-rate")
    out = list_output(UTF8_TERMINAL)
    assert re.search(r"^\[✓\] +\d+  learning-rate ", out, re.M) and out.count("[✓]") == 1 and "1 of" in out
    out = list_output(ASCII_LOCALE)
    assert re.search(r"^\[\+\] +\d+  learning-rate ", out, re.M) and "[o]" in out


def test_show_prints_the_lesson_without_quiz_answers() -> None:
    from tutor.lessons.loader import load_course

    lesson = load_course().find("learning-rate")
    assert lesson is not None
    code, out = run("show", "learning-rate")
    assert code == 0 and lesson.challenge.statement[:30] in out.replace("\n", " ")
    for question in lesson.quiz:
        assert question.choices[0] in out
        if question.explain:
            assert question.explain[:40] not in out.replace("\n", " ")
    assert run("show", str(lesson.order // lesson.order))[0] == 0  # by number too


def test_check_lessons_reports_problems_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "broken.md").write_text("+++\nformat = 1\nid = \"x\"\n+++\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check-lessons", str(tmp_path)])
    assert result.exit_code == 1 and "broken.md:1: front matter needs title" in result.output


def test_progress_and_reset() -> None:
    session = ProgressSession(ProgressStore())
    session.complete("learning-rate")
    code, out = run("progress")
    assert code == 0 and "complete" in out
    code, out = run("reset", "learning-rate", input="n\n")
    assert "Nothing was erased" in out and ProgressStore().load().lessons["learning-rate"].complete
    code, out = run("reset", "learning-rate", "--yes")
    assert code == 0 and "learning-rate" not in ProgressStore().load().lessons


def test_gdtutor_without_a_terminal_explains_the_headless_commands() -> None:
    code, out = run()
    assert code == 1 and "gdtutor list" in out and "gdtutor sim" in out


def test_open_without_a_terminal_checks_the_lesson_and_values_first() -> None:
    code, out = run("open", "99")
    assert code == 2 and "there is no lesson 99" in out
    code, out = run("open", "learning-rate", "-s", "lr=abc")
    assert code == 2 and "lr must be" in out
    code, out = run("open", "learning-rate", "-s", "momentum=0.9")
    assert code == 2 and "momentum" in out and "lr" in out  # names the values this lesson changes
    code, out = run("open", "4", "-s", "lr=0.5")
    assert code == 1 and "needs an interactive terminal" in out
