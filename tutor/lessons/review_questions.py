"""A review item turned back into a question, made fresh so that remembering the letter is not enough.

A quiz question comes back with its choices in a new order. A prediction comes back with other
values where its block has `vary` (else its own), its choices in a new order too, and its
simulation is run again to find which choice holds now. A challenge comes back as its statement:
the learner gives values, and the simulation is run on them and judged by the challenge's
condition. The scheduling itself is tutor.progress.review's; this module knows only lessons and
simulations.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tutor.lessons.model import Lesson
from tutor.lessons.predict import fill
from tutor.sims import get_spec
from tutor.sims.params import ParamError, ParamValue
from tutor.text import Msg

if TYPE_CHECKING:
    from tutor.sims.result import Result


@dataclass
class ReviewQuestion:
    lesson: Lesson
    key: str
    kind: str  # "quiz", "predict" or "challenge"
    prompt: str
    choices: tuple[str, ...] = ()
    right: int | None = None  # the right choice (from 0), for quiz and predict
    explain: str = ""
    values: dict[str, ParamValue] = field(default_factory=dict)  # the run's values (predict, challenge)
    result: Result | None = None  # the run a prediction is judged on

    def is_right(self, choice: int) -> bool:
        return self.right is not None and choice == self.right

    def try_values(self, text: str) -> tuple[bool, Result | None, Msg | None]:
        """A challenge answered with `name=value` pairs: (met, the run, or the problem with the text)."""
        spec = get_spec(self.lesson.sim)
        values = dict(self.values)
        for part in text.replace(",", " ").split():
            name, sep, raw = part.partition("=")
            if not sep or name not in self.lesson.controls:
                return False, None, Msg("write values as name=value, for {names}",
                                        names=", ".join(self.lesson.controls))
            try:
                values[name] = spec.param(name).parse(raw)
            except ParamError as exc:
                return False, None, exc.msg
        result = spec.run(values)
        return self.lesson.challenge.is_met(result), result, None


def build(lesson: Lesson, key: str, seed: int) -> ReviewQuestion | None:
    """The question for a review item, or None if the lesson no longer has it."""
    rng = random.Random(seed)
    kind, _sep, number = key.partition(":")
    index = int(number) if number.isdigit() else -1
    if kind == "quiz" and 0 <= index < len(lesson.quiz):
        question = lesson.quiz[index]
        order = list(range(len(question.choices)))
        rng.shuffle(order)
        return ReviewQuestion(lesson, key, kind, question.question, tuple(question.choices[i] for i in order),
                              order.index(question.answer), question.explain)
    if kind == "predict" and 0 <= index < len(lesson.predictions):
        block = lesson.predictions[index]
        sets = list(block.variants) or [block.params]
        values: Mapping[str, ParamValue] = rng.choice(sets)
        spec = get_spec(lesson.sim)
        run_values = {**lesson.params, **values}
        result = spec.run(run_values)
        holding = block.holding(result)
        order = list(range(len(block.choices)))
        rng.shuffle(order)
        return ReviewQuestion(lesson, key, kind, fill(block.question, values, spec),
                              tuple(fill(block.choices[i], values, spec) for i in order),
                              order.index(holding[0]) if len(holding) == 1 else None,
                              fill(block.explain, values, spec), dict(run_values), result)
    if kind == "challenge":
        return ReviewQuestion(lesson, key, kind, lesson.challenge.statement, values=dict(lesson.params))
    return None


def shown_values(question: ReviewQuestion, names: tuple[str, ...] | None = None) -> str:
    """`name = value` for the lesson's controls (or `names`), as the run uses them."""
    spec = get_spec(question.lesson.sim)
    return ", ".join(f"{k} = {spec.param(k).format(question.values[k])}"
                     for k in (names or question.lesson.controls) if k in question.values)
