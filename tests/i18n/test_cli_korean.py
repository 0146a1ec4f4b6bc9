"""The command line in Korean: chosen by flag, variable or locale, and no English sentence left over."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tutor.sims import all_specs

HANGUL = re.compile(r"[\uac00-\ud7a3]")
#: English words a Korean screen keeps on purpose: names a learner types or reads as data.
KEPT = {"gdtutor", "sim", "sims", "list", "show", "lesson", "lessons", "glossary", "progress", "reset", "check",
        "json", "plot", "export", "width", "height", "color", "lang", "help", "version", "npz", "NAME", "VALUE",
        "LESSON", "TERM", "DIRECTORY", "FILE", "ID", "GDTUTOR", "LANG", "SSH", "NaN", "JSON"}
KEPT |= {name for spec in all_specs().values()
         for name in (spec.name, *spec.facts, *spec.series, *spec.param_names,
                      *(str(c) for p in spec.params for c in (p.choices or ())))}


def gdtutor(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "", **env}
    environ.pop("GDTUTOR_LANG", None) if "GDTUTOR_LANG" not in env else None
    return subprocess.run([sys.executable, "-m", "tutor", *args], capture_output=True, text=True,
                          env=environ, timeout=120)


def english_sentences(text: str) -> list[str]:
    """Lines reading as English prose: four or more English words that are not names kept as they are."""
    found = []
    for line in text.splitlines():
        tokens = [t.rstrip(",.;:!?") for t in line.split()]  # code and identifiers (lr=0.1, too-slow) are not words
        words = [t for t in tokens if re.fullmatch(r"[A-Za-z][a-z]+", t) and t not in KEPT and t.lower() not in KEPT]
        if len(words) >= 4 and not HANGUL.search(line):
            found.append(line)
    return found


@pytest.mark.parametrize("args", [["--help"], ["list"], ["sims"], ["sim", "lr-overshoot", "--help"],
                                  ["show", "4"], ["progress"], ["glossary", "학습률"],
                                  ["sim", "optimizers", "-s", "surface=rosenbrock", "-s", "optimizer=adam",
                                   "--plot", "--width", "80", "--height", "20"]])
def test_korean_output_has_no_english_sentence(args: list[str]) -> None:
    done = gdtutor("--lang", "ko", *args)
    assert done.returncode == 0, done.stderr
    assert HANGUL.search(done.stdout)
    assert english_sentences(done.stdout + done.stderr) == []


@pytest.mark.parametrize(("args", "fragment"), [
    (["sim", "lr-overshoot", "-s", "lr=abc"], "lr에는"),
    (["sim", "lr-overshoot", "-s", "lrr=1"], "lrr"),
    (["sim", "nosuch"], "nosuch"),
    (["show", "99"], "99"),
])
def test_korean_usage_errors_are_one_clear_message(args: list[str], fragment: str) -> None:
    done = gdtutor("--lang", "ko", *args)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    error = [line for line in done.stderr.splitlines() if line.startswith("오류:")]
    assert len(error) == 1 and fragment in error[0], done.stderr
    assert english_sentences(done.stderr) == []


def test_the_locale_chooses_and_the_variable_and_flag_overrule_it() -> None:
    assert "레슨" in gdtutor("list", LANG="ko_KR.UTF-8").stdout
    assert "lessons complete" in gdtutor("list", LANG="ko_KR.UTF-8", GDTUTOR_LANG="en").stdout
    assert "레슨" in gdtutor("list", GDTUTOR_LANG="ko").stdout
    assert "lessons complete" in gdtutor("--lang", "en", "list", GDTUTOR_LANG="ko").stdout
    assert "lessons complete" in gdtutor("list", LANG="C").stdout


def test_an_unknown_language_is_a_usage_error() -> None:
    done = gdtutor("--lang", "fr", "list")
    assert done.returncode == 2 and "'fr' is not one of 'en', 'ko'" in done.stderr


def test_the_detector_finds_english_where_there_is_english() -> None:
    done = gdtutor("--lang", "en", "sim", "lr-overshoot", "--help")
    assert len(english_sentences(done.stdout)) >= 5
