"""A lesson's translation carries only its texts, lines up with the English, and is checked for it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tutor.lessons.check import check_course
from tutor.lessons.glossary import load_glossary
from tutor.lessons.loader import load_course

FIXTURES = Path(__file__).resolve().parent.parent / "tui" / "fixtures" / "lessons"
SHIPPED = Path(__file__).resolve().parents[2] / "lessons"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    for name in ("bowl.md", "bowl.ko.md", "slope.md", "slope.ko.md", "glossary.md", "glossary.ko.md"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    return tmp_path


def test_korean_texts_over_the_english_lesson(course: Path) -> None:
    english, korean = load_course(course).find("bowl"), load_course(course, "ko").find("bowl")
    assert english and korean
    assert korean.title == "연습용 그릇" and korean.lang == "ko" and "학습률" in korean.body
    assert korean.challenge.statement.startswith("가중치가") and len(korean.challenge.hints) == 2
    assert korean.quiz[0].question.startswith("a = 4일 때")
    # What the lesson does comes from the English file alone.
    assert (korean.sim, korean.params, korean.solution, korean.controls, korean.order) == \
        (english.sim, english.params, english.solution, english.controls, english.order)
    assert korean.challenge.condition == english.challenge.condition
    assert [q.answer for q in korean.quiz] == [q.answer for q in english.quiz]


def _break(course: Path, old: str, new: str) -> None:
    path = course / "bowl.ko.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(("old", "new", "message"), [
    ('title = "연습용 그릇"\n', 'title = "연습용 그릇"\nsim = "landscape"\n', '"sim" is set in bowl.md only'),
    ('[challenge]\n', '[challenge]\ncondition = "true"\n', "the condition is set in bowl.md only"),
    ('  "경계는 2/a입니다. 그보다 충분히 작게 두세요.",\n', "", "1 hints, but bowl.md has 2"),
    ("answer = 2", "answer = 1", "quiz question 1 gives answer 1, but in bowl.md the answer is 2"),
    ('choices = ["0.1", "0.6"]', 'choices = ["0.1", "0.6", "0.7"]', "quiz question 1 has 3 choices"),
    ('title = "연습용 그릇"\n', "", "the translation needs title"),
    ("```quiz\nquestion = \"그릇", "```text\nquestion = \"그릇", "1 quiz questions, but bowl.md has 2"),
    ("+++\n\n# 연습용", "+++\n\n", None),  # still has text: fine
])
def test_a_translation_that_does_not_line_up_is_reported_and_english_shown(
        course: Path, old: str, new: str, message: str | None) -> None:
    _break(course, old, new)
    loaded = load_course(course, "ko")
    lesson = loaded.find("bowl")
    assert lesson is not None
    if message is None:
        assert lesson.lang == "ko" and not loaded.problems
        return
    assert lesson.lang == "en" and lesson.title == "A fixture bowl"  # the English, not a broken mix
    assert [str(p) for p in loaded.problems if message in str(p)], [str(p) for p in loaded.problems]
    assert all(p.path.name == "bowl.ko.md" and p.line >= 1 for p in loaded.problems)
    assert loaded.find("slope").lang == "ko"  # the other lessons are untouched  # type: ignore[union-attr]


def test_check_lessons_wants_every_lesson_translated_and_nothing_left_in_english(course: Path) -> None:
    assert [str(p) for p in check_course(course)[1]] == []
    (course / "slope.ko.md").unlink()
    _break(course, "가중치는 그릇 L(w) = (a/2)·(w − w*)² 위에서 w ← w − η·a·(w − w*)를 따라 움직입니다.",
           "The weight follows the bowl, and this line was left in English.")
    _break(course, "튀어 오르려면 학습률이 1/a보다 커야 합니다.", "To bounce, you need a rate above 1/a.")
    (course / "ghost.ko.md").write_text("+++\ntitle = \"유령\"\n+++\n\n# 유령\n", encoding="utf-8")
    problems = [str(p) for p in check_course(course)[1]]
    assert any("slope.md:1: no translation into ko: write slope.ko.md" in p for p in problems)
    assert any("bowl.ko.md" in p and 'a line is not translated: "The weight follows' in p for p in problems)
    assert any("bowl.ko.md" in p and 'hints is not translated: "To bounce' in p for p in problems)
    assert any("ghost.ko.md:1: this translation has no lesson" in p for p in problems)


def test_an_untranslated_course_asks_for_no_translation(tmp_path: Path) -> None:
    for name in ("bowl.md", "slope.md"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    assert [str(p) for p in check_course(tmp_path)[1]] == []


def test_the_korean_glossary_finds_terms_in_either_language(course: Path) -> None:
    glossary = load_glossary(course, "ko")
    assert glossary.lookup("학습률").term == "학습률"  # type: ignore[union-attr]
    assert glossary.lookup("Learning rates").term == "학습률"  # type: ignore[union-attr]
    assert load_glossary(course, "xx").lookup("loss").term == "Loss"  # type: ignore[union-attr]


def test_a_korean_glossary_entry_must_name_its_english_term(course: Path) -> None:
    path = course / "glossary.ko.md"
    path.write_text(path.read_text(encoding="utf-8").replace("aliases: loss\n", ""), encoding="utf-8")
    problems = [str(p) for p in check_course(course)[1]]
    assert any('glossary.ko.md:15: the entry "손실" stands where glossary.md has "Loss"' in p for p in problems)


def test_the_shipped_course_is_translated_whole() -> None:
    korean = load_course(SHIPPED, "ko")
    assert korean.lessons and all(lesson.lang == "ko" for lesson in korean.lessons)
    assert not korean.problems
    english = load_course(SHIPPED)
    assert [lesson.id for lesson in korean.lessons] == [lesson.id for lesson in english.lessons]
    assert len(load_glossary(SHIPPED, "ko").terms) == len(load_glossary(SHIPPED).terms)
