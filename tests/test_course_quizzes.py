"""The shipped course's quizzes and its Korean wording, as a whole.

Answer positions are spread evenly, so that "it is usually the second one" is never a strategy;
every lesson asks at least one question that is answered by reading its own chart or status line;
and the Korean edition keeps "slope" (경사) and "gradient" (기울기) apart everywhere the learner
reads them, since the gradient-slope lesson exists to teach the difference.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from tutor.i18n import table as interface_table
from tutor.lessons.glossary import load_glossary
from tutor.lessons.loader import load_course

ROOT = Path(__file__).resolve().parents[1]
LESSONS = ROOT / "lessons"
KOREAN = sorted(p for p in LESSONS.glob("*.ko.md") if p.name != "glossary.ko.md")


def test_answer_positions_are_spread_evenly() -> None:
    questions = [q for lesson in load_course().lessons for q in lesson.quiz]
    assert len(questions) >= 60
    by_size = Counter(len(q.choices) for q in questions)
    for size, total in by_size.items():
        positions = Counter(q.answer for q in questions if len(q.choices) == size)
        fair = total / size
        for position in range(size):
            assert abs(positions[position] - fair) <= max(2, 0.2 * fair), (size, dict(positions))


@pytest.mark.parametrize("lang,words", [("en", ("chart", "status line")), ("ko", ("차트", "상태 줄"))])
def test_every_lesson_asks_the_learner_to_read_the_screen(lang: str, words: tuple[str, ...]) -> None:
    for lesson in load_course(lang=lang).lessons:
        reading = [q for q in lesson.quiz if any(word in q.question for word in words)]
        assert reading, f"{lesson.id} ({lang}) has no question about its chart or status line"


def test_no_answer_is_a_throwaway() -> None:
    """Every choice is a sentence or a value a learner could pick: none empty, none repeated."""
    for lesson in load_course().lessons:
        for q in lesson.quiz:
            assert all(choice.strip() for choice in q.choices)
            assert len(set(q.choices)) == len(q.choices), (lesson.id, q.question)


# -- 경사 (slope) and 기울기 (gradient) ----------------------------------------------------------------


def test_the_interface_table_keeps_slope_and_gradient_apart() -> None:
    table = interface_table("ko")
    slope_only = {k: v for k, v in table.items() if "slope" in k.lower() and "grad" not in k.lower()}
    assert len(slope_only) >= 10
    for english, korean in slope_only.items():
        assert "경사" in korean and "기울기" not in korean, english
    for english, korean in table.items():
        if "gradient" in english.lower() and "slope" not in english.lower():
            assert "경사" not in korean.replace("경사 하강", ""), english


def test_the_glossary_has_one_word_for_each() -> None:
    glossary = load_glossary(LESSONS, "ko")
    slope, gradient = glossary.lookup("slope"), glossary.lookup("gradient")
    assert slope and gradient and slope.term == "경사" and gradient.term == "기울기"
    assert glossary.lookup("경사") is slope and glossary.lookup("기울기") is gradient
    assert glossary.lookup("정규화") is glossary.lookup("regularization")


@pytest.mark.parametrize("path", KOREAN, ids=lambda p: p.name)
def test_korean_lessons_gloss_each_word_with_its_own_english(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"기울기\**\((slope|경사)", text), "기울기 glossed as slope"
    assert not re.search(r"경사\**\(gradient", text), "경사 glossed as gradient"
    for match in re.finditer(r"([가-힣]+)\**\((slope|gradient)\)", text):
        assert match.group(1) == ("경사" if match.group(2) == "slope" else "기울기"), match.group(0)


def test_the_gradient_slope_lesson_uses_both_words() -> None:
    text = (LESSONS / "gradient-slope.ko.md").read_text(encoding="utf-8")
    assert text.count("경사") >= 10 and text.count("기울기") >= 5


_GLOSS = re.compile(r"([가-힣]+)\**\(([A-Za-z][A-Za-z \-]*[A-Za-z])\)")
_ESCAPED_QUOTE = re.compile(r'\\".*?\\"')
_QUOTE = re.compile(r'"[^"\n]*"')


@pytest.mark.parametrize("path", KOREAN, ids=lambda p: p.name)
def test_an_english_gloss_is_given_once_per_lesson(path: Path) -> None:
    """학습률(learning rate) at first use, 학습률 after it; a quote of the screen is as the screen is."""
    text = path.read_text(encoding="utf-8")
    body = _QUOTE.sub("", _ESCAPED_QUOTE.sub("", text[text.index("\n+++", 3):]))
    glosses = Counter(m.group(2).lower() for m in _GLOSS.finditer(body))
    assert not [g for g, n in glosses.items() if n > 1], glosses


# -- what the screen-reading questions quote is what the screen shows --------------------------------

#: For each lesson, the run its screen-reading question quotes (the lesson's own values, changed so).
QUOTED_RUNS = {
    "weights-and-loss": {}, "neuron-knobs": {}, "learning-rate": {}, "backprop": {},
    "numerical-gradients": {}, "minima-and-saddles": {"lr": 0.25}, "momentum": {},
    "adam": {"lr": 0.05, "beta2": 0.9}, "choosing-optimizer": {"optimizer": "momentum", "lr": 0.003},
    "lr-schedules": {"schedule": "cosine"}, "initialization": {},
    "vanishing-gradients": {"activation": "relu", "init": "xavier"}, "exploding-gradients": {"clip_norm": 3.0},
    "deep-remedies": {"depth": 30, "residual": True, "init": "normal", "init_std": 0.01, "activation": "relu"},
    "overfitting": {}, "regularization": {"penalty": "l1", "lam": 0.05},
    "learning-a-gate": {"hidden": 2, "seed": 6}, "adagrad-rmsprop": {},
}
_FIRST_QUOTE = re.compile(r'"(.+?)"')


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("lesson_id", sorted(QUOTED_RUNS))
def test_a_quoted_status_line_is_the_one_the_run_shows(lesson_id: str, lang: str) -> None:
    """The first quote of each status-line question, piece by piece (… marks a cut), is on the line
    the simulation prints for that run, in that language."""
    from tutor.i18n import render, switch
    from tutor.sims import get_spec

    lesson = load_course(lang=lang).find(lesson_id)
    assert lesson is not None
    run = get_spec(lesson.sim).run({**lesson.params, **QUOTED_RUNS[lesson_id]})
    with switch(lang):
        shown = render(run.status)
    quotes = [m.group(1) for q in lesson.quiz if any(w in q.question for w in ("status line", "상태 줄"))
              if (m := _FIRST_QUOTE.search(q.question))]
    assert quotes, lesson_id
    for quote in quotes:
        for fragment in (part.strip(" …;") for part in quote.split("…")):
            assert not fragment or fragment in shown, f"{lesson_id} ({lang}): {fragment!r} is not in {shown!r}"
