"""Predictions inside a lesson's Markdown, as fenced ```predict blocks holding TOML.

    ```predict
    question = "The bowl has a = 4, so the edge is 2/a = 0.5. What does the weight do at lr = {lr}?"
    params = { lr = 0.55 }                 # the values the run is made with (only the lesson's controls)
    choices = ["It settles", "It bounces and settles", "It bounces further out each step"]
    when = ['regime == "converging"', 'regime == "oscillating"', 'diverged']   # one condition per choice
    explain = "Above 2/a each step lands farther from w* than it started: |1 − η·a| > 1."
    vary = [{ lr = 0.6 }, { lr = 0.52 }]  # optional: other values a review may ask the question with
    ```

A learner who commits to an expectation before watching learns more from watching, so the app
sets these values, hides the chart, asks, and only then plays the run. The right choice is not
written down: it is the one whose condition (the challenge's condition language) holds for the
run, and `gdtutor check-lessons` runs the simulation to prove that exactly one does, for the
lesson's values and for every set in `vary`. `{name}` in the question, a choice or the explanation
shows a parameter's value, so a review can ask with fresh values and the text stays true (an author gives
`vary` only values for which the same explanation holds).

The blocks are taken out of the text the learner reads. Their lines are left blank rather than
removed, so the quiz blocks after them keep their line numbers.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tutor.lessons import conditions
from tutor.lessons.conditions import Condition
from tutor.lessons.content_error import ContentError
from tutor.lessons.fences import blocks, fenced_lines
from tutor.lessons.frontmatter import deepest_line, file_lines, key_line
from tutor.sims.params import ParamError, ParamValue
from tutor.text import Msg

if TYPE_CHECKING:
    from tutor.sims.result import Result
    from tutor.sims.spec import SimSpec

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
MIN_CHOICES, MAX_CHOICES = 2, 4
MAX_VARIANTS = 8
KEYS = ("question", "params", "choices", "when", "explain", "vary")
TEXT_KEYS = ("question", "choices", "explain")  # all a translation holds


@dataclass(frozen=True)
class Prediction:
    """One predict-then-run question; the right choice is found by running the simulation."""

    question: str
    params: Mapping[str, ParamValue]  # the values set before the run (on top of the lesson's)
    choices: tuple[str, ...]
    when: tuple[Condition, ...]  # one per choice
    explain: str
    variants: tuple[Mapping[str, ParamValue], ...] = ()  # other values a review may use
    line: int = 0

    def holding(self, result: Result) -> list[int]:
        """The choices (from 0) whose condition the run meets; exactly one in a sound block."""
        return [i for i, c in enumerate(self.when) if c.evaluate(result.facts, result.params, result.series)]

    def value_sets(self) -> tuple[Mapping[str, ParamValue], ...]:
        """The lesson's values first, then each variant."""
        return (self.params, *self.variants)


def fill(text: str, values: Mapping[str, ParamValue], spec: SimSpec | None = None) -> str:
    """`text` with each `{name}` of a parameter replaced by its value; other braces are left alone."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            return match.group(0)
        value = values[name]
        if spec is not None and name in spec.param_names:
            return spec.param(name).format(value)
        return str(value)

    return _PLACEHOLDER.sub(one, text)


def extract(body: str, first_line: int, spec: SimSpec | None, controls: tuple[str, ...] = ()
            ) -> tuple[str, list[Prediction]]:
    """The body with its predict blocks blanked out, and the blocks in order (ContentError on a bad one).

    With `spec` None (a translation) only the texts are read, and any other key is refused."""
    lines = file_lines(body)
    fences = blocks(lines, "predict", first_line, Msg("this predict block is never closed with ```"))
    found = [_prediction("\n".join(fence.inner(lines)), first_line + fence.start, spec, controls) for fence in fences]
    inside = fenced_lines(fences)  # (blanked, not removed: later line numbers hold)
    return "\n".join("" if i in inside else line for i, line in enumerate(lines)), found


def _prediction(text: str, line: int, spec: SimSpec | None, controls: tuple[str, ...]) -> Prediction:
    def fail(key: str, msg: Msg) -> ContentError:
        return ContentError(None, key_line(text, line, key), msg)

    # (imported here: `gdtutor list` reads the course from its cache and never parses TOML)
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise ContentError(None, line + deepest_line(file_lines(text)),
                           Msg("predict block is not valid TOML: it is nested too deeply")) from None
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+)", str(exc))
        raise ContentError(None, line + int(found.group(1)) if found else line,
                           Msg("predict block is not valid TOML: {reason}",
                               reason=str(exc).split(" (at ")[0])) from None
    allowed = KEYS if spec is not None else TEXT_KEYS
    for key in data:
        if key not in allowed:
            if key in KEYS:
                raise fail(key, Msg('"{key}" of a predict block is set in the English lesson only', key=key))
            raise fail(key, Msg("predict block has unknown keys: {keys}", keys=key))
    question, choices, explain = data.get("question"), data.get("choices"), data.get("explain")
    if not isinstance(question, str) or not question.strip():
        raise fail("question", Msg("predict block needs a question (text)"))
    if (not isinstance(choices, list) or not MIN_CHOICES <= len(choices) <= MAX_CHOICES
            or not all(isinstance(c, str) and c.strip() for c in choices)):
        raise fail("choices", Msg("predict choices must be a list of {lo} to {hi} texts",
                                  lo=MIN_CHOICES, hi=MAX_CHOICES))
    if not isinstance(explain, str) or not explain.strip():
        raise fail("explain", Msg("predict block needs an explain text: why the run does what it does"))
    texts = (question.strip(), tuple(c.strip() for c in choices), explain.strip())
    if spec is None:
        return Prediction(texts[0], {}, texts[1], (), texts[2], (), line)
    params = _values(data.get("params"), "params", spec, controls, fail)
    if not params:
        raise fail("params", Msg("predict block needs params: the values the run is made with"))
    when = data.get("when")
    if not isinstance(when, list) or len(when) != len(choices) or not all(isinstance(w, str) for w in when):
        raise fail("when", Msg("predict when must be a list of {n} conditions, one for each choice",
                               n=len(choices)))
    parsed: list[Condition] = []
    for number, source in enumerate(when, start=1):
        try:
            condition = conditions.parse(source)
            conditions.check_names(condition, tuple(spec.facts), spec.param_names, tuple(spec.series))
        except conditions.ConditionError as exc:
            raise fail("when", Msg("condition {n} of this predict block: {reason}", n=number, reason=exc.msg)
                       ) from None
        parsed.append(condition)
    raw_vary = data.get("vary", [])
    if not isinstance(raw_vary, list) or len(raw_vary) > MAX_VARIANTS:
        raise fail("vary", Msg("predict vary must be a list of up to {n} tables of values", n=MAX_VARIANTS))
    variants = tuple(_values(v, "vary", spec, controls, fail) for v in raw_vary)
    if variants and not any(name in _PLACEHOLDER.findall(texts[0]) for v in variants for name in v):
        raise fail("vary", Msg("the question must show the values vary changes, as {{name}}, or it would "
                               "be false for them"))
    return Prediction(texts[0], params, texts[1], tuple(parsed), texts[2], variants, line)


def _values(raw: Any, key: str, spec: SimSpec, controls: tuple[str, ...], fail: Any) -> dict[str, ParamValue]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise fail(key, Msg("predict {key} must be a table of parameter values", key=key))
    values: dict[str, ParamValue] = {}
    for name, value in raw.items():
        try:
            values[name] = spec.param(name).parse(value)
        except ParamError as exc:
            raise fail(key, exc.msg) from None
        if controls and name not in controls:
            raise fail(key, Msg('predict {key} sets "{name}", which is not in controls: the learner could '
                                "not set it back", key=key, name=name))
    return values


def check(predictions: tuple[Prediction, ...], lesson_params: Mapping[str, ParamValue], spec: SimSpec,
          challenge: Condition | None = None) -> list[tuple[int, Msg]]:
    """Run each block's simulation for its values and every variant: exactly one choice must hold,
    and the lesson's challenge must not (or watching the answer would complete the lesson).

    Returns (line, message) for each block that fails; this imports NumPy (it runs the simulation)."""
    problems: list[tuple[int, Msg]] = []
    for prediction in predictions:
        for values in prediction.value_sets():
            result = spec.run({**lesson_params, **values})
            holding = prediction.holding(result)
            shown = ", ".join(f"{k} = {spec.param(k).format(v)}" for k, v in values.items())
            if not holding:
                problems.append((prediction.line, Msg("no choice of this predict block holds for {values} "
                                                      "({status})", values=shown, status=result.status)))
            elif len(holding) > 1:
                problems.append((prediction.line, Msg("choices {numbers} of this predict block all hold for "
                                                      "{values}: exactly one must",
                                                      numbers=", ".join(str(i + 1) for i in holding),
                                                      values=shown)))
            # (a variant is only asked in review, where seeing the run completes nothing)
            if (challenge is not None and values is prediction.params
                    and challenge.evaluate(result.facts, result.params, result.series)):
                problems.append((prediction.line, Msg("the values of this predict block ({values}) meet the "
                                                      "challenge: revealing the run would complete the lesson",
                                                      values=shown)))
    return problems
