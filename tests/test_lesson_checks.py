"""check-lessons' text checks: bold words need a glossary entry, a translated lesson quotes the
translated screen, and every challenge explains why its solution works.

Each check is shown to pass on the fixture course and then to fail on a lesson broken in just the
way it looks for, at the right line, with a message that names the fix.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tutor.i18n import table
from tutor.lessons.check import check_course

FIXTURES = Path(__file__).resolve().parent / "tui" / "fixtures" / "lessons"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    for name in ("bowl.md", "bowl.ko.md", "slope.md", "slope.ko.md", "glossary.md", "glossary.ko.md"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def reports(course: Path) -> list[str]:
    return [str(problem) for problem in check_course(course)[1]]


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_the_fixture_course_passes_every_check(course: Path) -> None:
    assert reports(course) == []


# -- bold words and the glossary --------------------------------------------------------------------


def test_a_bold_word_without_an_entry_is_reported_at_its_line(course: Path) -> None:
    edit(course / "bowl.md", "# A fixture bowl\n", "# A fixture bowl\n\nThe **curvature** sets the edge.\n")
    found = reports(course)
    assert len(found) == 1, found
    where = line_of(course / "bowl.md", "**curvature**")
    assert f"bowl.md:{where}:" in found[0]
    assert '"curvature" is set in bold but the glossary has no entry' in found[0] and "*italics*" in found[0]


def test_a_bold_word_is_found_by_an_alias_a_plural_or_its_english_gloss(course: Path) -> None:
    edit(course / "bowl.md", "# A fixture bowl\n", "# A fixture bowl\n\nThe **step size** and the **losses**.\n")
    edit(course / "bowl.ko.md", "# 연습용 그릇\n", "# 연습용 그릇\n\n**미지의 낱말(learning rate)**을 봅니다.\n")
    assert reports(course) == []


def test_emphasis_in_italics_code_and_formulas_are_not_terms(course: Path) -> None:
    edit(course / "bowl.md", "# A fixture bowl\n",
         "# A fixture bowl\n\nIt does *not* settle, `**kwargs**` is code,\n\n    **x** in a formula\n")
    assert reports(course) == []


def test_a_translated_lesson_is_checked_against_the_translated_glossary(course: Path) -> None:
    edit(course / "bowl.ko.md", "# 연습용 그릇\n", "# 연습용 그릇\n\n**곡률**이 경계를 정합니다.\n")
    found = reports(course)
    assert len(found) == 1 and "bowl.ko.md:" in found[0] and '"곡률" is set in bold' in found[0]


# -- quotes of the screen in a translation ----------------------------------------------------------


def test_a_translation_quoting_the_english_status_line_is_reported_with_the_korean_one(course: Path) -> None:
    edit(course / "bowl.ko.md", "# 연습용 그릇\n", '# 연습용 그릇\n\n상태 줄에는 `diverged at step 1`이 나옵니다.\n')
    found = reports(course)
    assert len(found) == 1, found
    where = line_of(course / "bowl.ko.md", "diverged at step 1")
    assert f"bowl.ko.md:{where}:" in found[0]
    assert 'quotes the English screen, "diverged at step 1"' in found[0]
    assert table("ko")["diverged at step {step}"] in found[0]


def test_a_fragment_of_a_chart_title_in_double_quotes_inside_a_quiz_is_caught(course: Path) -> None:
    edit(course / "bowl.ko.md", 'question = "a = 4일 때',
         'question = "차트 제목 \\"slope +2, so w moves left\\"에서 a = 4일 때')
    found = reports(course)
    assert len(found) == 1 and 'quotes the English screen, "slope +2, so w moves left"' in found[0], found


def test_quoting_the_korean_screen_or_a_single_code_name_is_fine(course: Path) -> None:
    edit(course / "bowl.ko.md", "# 연습용 그릇\n",
         '# 연습용 그릇\n\n상태 줄에는 "1번째 스텝에서 발산"이 나오고, '
         "판정은 `oscillating`, 곡선은 `double-well`입니다.\n")
    assert reports(course) == []


def test_an_english_lesson_may_quote_the_english_screen(course: Path) -> None:
    edit(course / "bowl.md", "# A fixture bowl\n", '# A fixture bowl\n\nThe status line reads `diverged at step 1`.\n')
    assert reports(course) == []


# -- the challenge's explanation --------------------------------------------------------------------


def test_a_challenge_without_an_explanation_is_reported(course: Path) -> None:
    edit(course / "bowl.md", 'explain = "Between 1/a and 2/a', 'note = "Between 1/a and 2/a')
    found = " ".join(reports(course))
    assert "note" in found  # an unknown key is refused by the loader…
    edit(course / "bowl.md", 'note = "Between 1/a and 2/a', '# "Between 1/a and 2/a')
    found = reports(course)
    assert any("bowl.md:" in r and "the challenge needs an explain" in r for r in found), found


def test_a_translation_must_translate_the_explanation(course: Path) -> None:
    edit(course / "bowl.ko.md", 'explain = "1/a와 2/a', '# "1/a와 2/a')
    found = " ".join(reports(course))
    assert "bowl.ko.md" in found and "explain" in found


def test_the_explanation_is_loaded_in_each_language(course: Path) -> None:
    from tutor.lessons.loader import load_course

    english, korean = load_course(course).find("bowl"), load_course(course, "ko").find("bowl")
    assert english and korean
    assert english.challenge.explain.startswith("Between 1/a and 2/a")
    assert korean.challenge.explain.startswith("1/a와 2/a 사이에서는")


# -- `gdtutor show` explains the solution only to a learner who has met the challenge ---------------


def test_show_explains_the_challenge_only_once_it_is_met() -> None:
    from click.testing import CliRunner

    from tutor.cli.root import cli
    from tutor.lessons.loader import load_course
    from tutor.progress import ProgressStore
    from tutor.progress.session import ProgressSession

    lesson = load_course().find("adagrad-rmsprop")
    assert lesson is not None and lesson.challenge.explain
    why = lesson.challenge.explain[:60]
    before = CliRunner().invoke(cli, ["--lang", "en", "show", "adagrad-rmsprop"], catch_exceptions=False)
    assert before.exit_code == 0 and lesson.challenge.statement[:40] in before.output
    assert "Why it works" not in before.output and why not in " ".join(before.output.split())
    ProgressSession(ProgressStore()).complete("adagrad-rmsprop")
    after = CliRunner().invoke(cli, ["--lang", "en", "show", "adagrad-rmsprop"], catch_exceptions=False)
    flat = " ".join(after.output.split())
    assert "Why it works" in flat and why in flat
    assert flat.index("Why it works") > flat.index(" ".join(lesson.challenge.statement.split())[:40])
