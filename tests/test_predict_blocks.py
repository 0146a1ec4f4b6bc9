"""Predict blocks: parsed with their line, checked by running the simulation so that exactly one
choice holds, and translated like quizzes (the translation holds only the texts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.lessons.check import check_course
from tutor.lessons.loader import load_course
from tutor.lessons.predict import fill
from tutor.sims import get_spec

LESSON = """+++
format = 1
id = "bowl"
title = "The bowl"
order = 1
sim = "lr-overshoot"
controls = ["lr", "steps"]

[params]
lr = 0.1
a = 4.0

[solution]
lr = 0.4

[challenge]
statement = "Oscillate and settle."
condition = 'regime == "oscillating" and final_loss < 0.01'
hints = ["Go above 1/a."]
explain = "Between 1/a and 2/a each step jumps past the bottom and lands closer."
+++

# The bowl

Some text.

```predict
question = "At lr = {lr}, what happens?"
params = { lr = 0.55 }
choices = ["It settles", "It runs away"]
when = [WHEN]
explain = "Past 2/a every bounce lands farther out."
VARY
```

More text.

```quiz
question = "Which way?"
choices = ["left", "right"]
answer = 2
explain = "Downhill is to the right."
```
"""

SOUND = """'regime != "diverging"', 'regime == "diverging"'"""

KOREAN = """+++
title = "그릇"

[challenge]
statement = "튀다가 자리를 잡게 하세요."
hints = ["1/a보다 크게 해 보세요."]
explain = "1/a와 2/a 사이에서는 스텝마다 바닥을 지나쳐 뛰지만 점점 가까이 떨어집니다."
+++

# 그릇

설명입니다.

```predict
question = "lr = {lr}에서는 어떻게 될까요?"
choices = CHOICES
explain = "2/a를 넘으면 튈 때마다 더 멀리 떨어집니다."
```

```quiz
question = "어느 쪽일까요?"
choices = ["왼쪽", "오른쪽"]
answer = 2
explain = "내리막은 오른쪽입니다."
```
"""


def lesson_text(when: str = SOUND, vary: str = "") -> str:
    return LESSON.replace("WHEN", when).replace("VARY", vary)


def course_dir(tmp_path: Path, text: str, korean: str | None = None) -> Path:
    folder = tmp_path / "course"
    folder.mkdir(exist_ok=True)
    (folder / "bowl.md").write_text(text, encoding="utf-8")
    if korean is not None:
        (folder / "bowl.ko.md").write_text(korean, encoding="utf-8")
    return folder


def problems(tmp_path: Path, text: str, korean: str | None = None) -> list[str]:
    _course, found = check_course(course_dir(tmp_path, text, korean))
    return [str(p) for p in found]


def test_a_sound_block_loads_with_its_line_and_passes_the_check(tmp_path: Path) -> None:
    folder = course_dir(tmp_path, lesson_text(vary="vary = [{ lr = 0.6 }, { lr = 0.7 }]"))
    course = load_course(folder)
    (lesson,) = course.lessons
    (prediction,) = lesson.predictions
    assert prediction.params == {"lr": 0.55}
    assert prediction.choices == ("It settles", "It runs away")
    assert prediction.line == lesson_text().splitlines().index("```predict") + 1
    assert "```predict" not in lesson.body and "More text." in lesson.body
    assert len(lesson.quiz) == 1 and lesson.quiz[0].line == lesson_text().splitlines().index("```quiz") + 1
    assert problems(tmp_path, lesson_text(vary="vary = [{ lr = 0.6 }]")) == []
    # the right choice is the one whose condition the run meets: at 0.55 > 2/a = 0.5 it runs away
    result = get_spec("lr-overshoot").run({**lesson.params, **prediction.params})
    assert prediction.holding(result) == [1]


def test_a_block_where_no_choice_holds_is_rejected(tmp_path: Path) -> None:
    found = problems(tmp_path, lesson_text(when="""'regime == "monotone"', 'regime == "oscillating"'"""))
    assert len(found) == 1 and "no choice of this predict block holds for lr = 0.55" in found[0]
    line = lesson_text().splitlines().index("```predict") + 1
    assert found[0].startswith(f"{tmp_path / 'course' / 'bowl.md'}:{line}:")


def test_a_block_where_several_choices_hold_is_rejected(tmp_path: Path) -> None:
    found = problems(tmp_path, lesson_text(when="""'lr > 0.5', 'regime == "diverging"'"""))
    assert len(found) == 1 and "choices 1, 2 of this predict block all hold" in found[0]


def test_a_block_whose_values_meet_the_challenge_is_rejected(tmp_path: Path) -> None:
    text = lesson_text(when="""'regime != "oscillating"', 'regime == "oscillating"'""").replace(
        "params = { lr = 0.55 }", "params = { lr = 0.4 }")
    found = problems(tmp_path, text)
    assert len(found) == 1 and "meet the challenge: revealing the run would complete the lesson" in found[0]


def test_every_variant_is_checked_too(tmp_path: Path) -> None:
    found = problems(tmp_path, lesson_text(when="""'lr < 0.5', 'lr > 0.5 and lr < 0.58'""",
                                           vary="vary = [{ lr = 0.6 }]"))
    assert len(found) == 1 and "no choice of this predict block holds for lr = 0.6" in found[0]


@pytest.mark.parametrize(("when", "vary", "expected"), [
    ("""'regime ==', 'diverged'""", "", "condition 1 of this predict block"),
    ("""'speed > 1', 'diverged'""", "", '"speed"'),
    ("""'diverged'""", "", "a list of 2 conditions, one for each choice"),
    (SOUND, "vary = [{ lr = -3 }]", "lr"),
    (SOUND, "vary = [{ a = 2.0 }]", 'sets "a", which is not in controls'),
    (SOUND, "vary = [{ nonsense = 2.0 }]", "nonsense"),
    (SOUND, "answer = 2", "predict block has unknown keys: answer"),
])
def test_bad_conditions_and_values_are_reported_at_their_line(tmp_path: Path, when: str, vary: str,
                                                              expected: str) -> None:
    course = load_course(course_dir(tmp_path, lesson_text(when=when, vary=vary)))
    assert not course.lessons
    (problem,) = course.problems
    assert expected in str(problem), str(problem)
    start = lesson_text().splitlines().index("```predict") + 1
    assert start < problem.line <= start + 7


def test_bad_params_and_missing_fields(tmp_path: Path) -> None:
    for old, new, expected in [('params = { lr = 0.55 }', 'params = { lr = "fast" }', "lr"),
                               ('params = { lr = 0.55 }', 'params = {}', "needs params"),
                               ('explain = "Past 2/a every bounce lands farther out."', "", "needs an explain"),
                               ('choices = ["It settles", "It runs away"]', 'choices = ["only one"]', "2 to 4"),
                               ('question = "At lr = {lr}, what happens?"', 'question = "What happens?"\n',
                                None)]:
        text = lesson_text(vary="vary = [{ lr = 0.6 }]").replace(old, new)
        course = load_course(course_dir(tmp_path, text))
        if expected is None:  # a question that cannot show the varied value would be false for it
            assert "must show the values vary changes" in str(course.problems[0])
            continue
        assert not course.lessons and expected in str(course.problems[0]), (new, course.problems)


def test_an_unclosed_block_is_reported(tmp_path: Path) -> None:
    text = lesson_text().split("explain =")[0]
    course = load_course(course_dir(tmp_path, text))
    assert "never closed" in str(course.problems[0])


def test_a_translation_holds_only_texts_and_takes_the_english_values(tmp_path: Path) -> None:
    folder = course_dir(tmp_path, lesson_text(), KOREAN.replace("CHOICES", '["자리를 잡는다", "멀리 달아난다"]'))
    (lesson,) = load_course(folder, lang="ko").lessons
    (prediction,) = lesson.predictions
    assert lesson.lang == "ko"
    assert prediction.choices == ("자리를 잡는다", "멀리 달아난다")
    assert prediction.params == {"lr": 0.55} and len(prediction.when) == 2


def test_a_translation_that_does_not_line_up_is_reported(tmp_path: Path) -> None:
    three = KOREAN.replace("CHOICES", '["하나", "둘", "셋"]')
    found = problems(tmp_path, lesson_text(), three)
    assert any("predict block 1 has 3 choices, but in bowl.md it has 2" in p for p in found), found
    with_values = KOREAN.replace("CHOICES", '["하나", "둘"]\nparams = { lr = 0.3 }')
    found = problems(tmp_path, lesson_text(), with_values)
    assert any('"params" of a predict block is set in the English lesson only' in p for p in found), found
    none = KOREAN.split("```predict")[0] + "```quiz" + KOREAN.split("```quiz")[1]
    found = problems(tmp_path, lesson_text(), none)
    assert any("0 predict blocks, but bowl.md has 1" in p for p in found), found


def test_fill_shows_parameter_values_and_leaves_other_braces() -> None:
    spec = get_spec("lr-overshoot")
    assert fill("lr = {lr}, {unknown}", {"lr": 0.55}, spec) == "lr = 0.55, {unknown}"


def test_the_shipped_course_has_predictions_in_twelve_lessons_in_both_languages() -> None:
    for lang in ("en", "ko"):
        course = load_course(lang=lang)
        assert sum(1 for lesson in course.lessons if lesson.predictions) >= 12
