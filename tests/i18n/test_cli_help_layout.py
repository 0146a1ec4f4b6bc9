"""Korean help from click: click's own words in Korean through gettext, nothing of click's patched,
and the help laid out by terminal columns (a Hangul syllable takes two)."""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
import textwrap

import click
import pytest
from rich.cells import cell_len

from tutor.cli.help_format import wrap_text

HANGUL = re.compile(r"[\uac00-\ud7a3]")


def gdtutor(*args: str, columns: int = 100, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("GDTUTOR_LANG", "LANGUAGE", "LC_ALL")}
    environ.update({"LANG": "C.UTF-8", "COLUMNS": str(columns), **env})
    return subprocess.run([sys.executable, "-m", "tutor", *args], capture_output=True, text=True, env=environ,
                          timeout=120)


def help_width(columns: int) -> int:
    """The width click lays help out in: the terminal's, less 2, within 50 and gdtutor's 100."""
    return max(min(columns, 100) - 2, 50)


@pytest.mark.parametrize("columns", [60, 80, 120])
@pytest.mark.parametrize("args", [["--help"], ["sim", "lr-overshoot", "--help"], ["serve", "--help"],
                                  ["reset", "--help"]])
def test_korean_help_fits_the_terminal_and_its_columns_line_up(args: list[str], columns: int) -> None:
    done = gdtutor("--lang", "ko", *args, columns=columns)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= help_width(columns)
    # every line of an option's description starts in one column, the same for every option
    section = lines[next(i for i, line in enumerate(lines) if line.startswith("옵션:")) + 1:]
    section = section[:next((i for i, line in enumerate(section) if not line.strip()), len(section))]
    starts, blocks = set(), []
    for line in section:
        if line.startswith("  -"):
            blocks.append([])
            named = re.match(r"  (\S.*?\S)  +\S", line)  # an option and its description on one line
            if named is None:
                continue  # (a long name: its description starts on the next line)
            starts.add(cell_len(line[:named.end() - 1]))
        else:  # a description's next line
            starts.add(cell_len(line) - cell_len(line.lstrip()))
        blocks[-1].append(line)
    assert len(starts) == 1, section
    # each description line is as full as it can be: the next word would not have fitted on it
    width = help_width(columns)
    for block in blocks:
        for line, following in itertools.pairwise(block):
            assert cell_len(line) + 1 + cell_len(following.split()[0]) > width, (line, following)
    if args[0] == "sim" and columns == 60:
        assert sum(len(block) > 2 for block in blocks) >= 3  # (descriptions that took several lines)


def test_click_speaks_korean_in_help_and_errors() -> None:
    shown = gdtutor("--lang", "ko", "sim", "lr-overshoot", "--help").stdout
    assert shown.startswith("사용법: gdtutor sim lr-overshoot [옵션]\n")
    assert "\n옵션:\n" in shown and "이 도움말을 보여 주고 끝냅니다." in shown
    assert "Usage" not in shown and "Options" not in shown and "Show this message" not in shown
    error = gdtutor("--lang", "ko", "sim", "lr-overshoot", "--bogus").stderr
    assert "오류: '--bogus' 옵션은 없습니다." in error
    assert "도움말은 'gdtutor sim lr-overshoot --help' 명령으로 볼 수 있습니다." in error
    extra = gdtutor("--lang", "ko", "sim", "lr-overshoot", "one", "two").stderr
    assert "예상하지 못한 인자가 더 있습니다 (one two)" in extra  # (click's ngettext, plural)


def test_english_help_is_clicks_own() -> None:
    shown = gdtutor("--lang", "en", "reset", "--help", LANGUAGE="ko", LANG="ko_KR.UTF-8").stdout
    assert shown.startswith("Usage: gdtutor reset [OPTIONS] [LESSON]") and "\nOptions:\n" in shown
    assert not HANGUL.search(shown)


def test_language_chooses_the_language_of_the_command_line() -> None:
    assert gdtutor("--help", LANGUAGE="fr:ko", LANG="en_US.UTF-8").stdout.startswith("사용법:")
    assert gdtutor("--help", LANGUAGE="en:ko", LANG="ko_KR.UTF-8").stdout.startswith("Usage:")
    assert gdtutor("--help", LANGUAGE="ko", LANG="C").stdout.startswith("Usage:")  # the C locale ignores it
    assert gdtutor("--help", LANGUAGE="ko", LANG="en_US.UTF-8", GDTUTOR_LANG="en").stdout.startswith("Usage:")


def test_main_patches_nothing_of_clicks_and_puts_gettext_back() -> None:
    script = textwrap.dedent("""
        import gettext, json, os, sys
        import click._compat, click._textwrap, click.core, click.exceptions, click.formatting, click.parser
        import click.types
        from tutor.cli import main
        try:
            main(["--lang", "ko", "--help"])
        except SystemExit:
            pass
        modules = (click.core, click.exceptions, click.formatting, click.parser, click.types)
        print(json.dumps({
            "gettext": all(m._ is gettext.gettext for m in modules),
            "ngettext": all(m.ngettext is gettext.ngettext for m in modules if hasattr(m, "ngettext")),
            "term_len": click.formatting.term_len is click._textwrap.term_len is click._compat.term_len,
            "domain": gettext.textdomain(),
            "LANGUAGE": os.environ.get("LANGUAGE"),
        }), file=sys.stderr)
    """)
    environ = {k: v for k, v in os.environ.items() if k not in ("GDTUTOR_LANG", "LANGUAGE")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          env={**environ, "LANG": "C.UTF-8"})
    assert done.stdout.startswith("사용법:")
    state = json.loads(done.stderr.strip().splitlines()[-1])
    assert state == {"gettext": True, "ngettext": True, "term_len": True, "domain": "messages", "LANGUAGE": None}


KOREAN = ("매개변수를 NAME=VALUE로 하나에 한 번씩 정합니다(여러 개면 -s를 반복하세요). 숫자는 ASCII 숫자와 "
          "부호, 소수점, 지수로 씁니다: 0.5, -3, .5, 1e-3.  [기본값: 3]")


@pytest.mark.parametrize("width", [20, 33, 58])  # (each wider than any word)
def test_korean_is_wrapped_by_columns_into_full_lines(width: int) -> None:
    lines = wrap_text(KOREAN, width, initial_indent="  ", subsequent_indent="    ").splitlines()
    assert all(cell_len(line) <= width for line in lines)
    assert " ".join(" ".join(lines).split()) == " ".join(KOREAN.split())  # every word, in order
    for line, following in itertools.pairwise(lines):  # each line as full as it can be
        assert cell_len(line) + 1 + cell_len(following.split()[0]) > width
    assert lines[0].startswith("  매") and all(line.startswith("    ") for line in lines[1:])
    assert "  [기본값:" in " ".join(lines) or any(line.strip().startswith("[기본값:") for line in lines)


def test_a_word_wider_than_the_line_is_cut_at_the_edge() -> None:
    assert wrap_text("가나다라마바사 아", 6).splitlines() == ["가나다", "라마바", "사 아"]


def test_paragraphs_and_unwrapped_blocks_are_kept() -> None:
    text = "첫 문단입니다 아주 길게 씁니다.\n\n  둘째 문단은 들여 씁니다 길게.\n\n\b\n줄은  그대로\n  둔다"
    assert wrap_text(text, 16, preserve_paragraphs=True) == (
        "첫 문단입니다\n아주 길게\n씁니다.\n\n  둘째 문단은\n  들여 씁니다\n  길게.\n\n줄은  그대로\n  둔다")


@pytest.mark.parametrize("text", ["Show this message and exit.", "Erase your progress for one LESSON, or for the "
                                  "whole course.  [default: 3; 1<=x<=10]", "check-lessons runs check-lessons"])
def test_english_is_wrapped_exactly_as_click_wraps_it(text: str) -> None:
    for width in (10, 25, 40):
        assert wrap_text(text, width, "  ", "    ", True) == click.wrap_text(text, width, "  ", "    ", True)
