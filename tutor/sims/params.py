"""Declared simulation parameters, and the validation that guards every way a value can arrive.

A parameter reaches a simulation from the command line (`-s lr=0.5`), from a lesson's front matter,
from the learner typing into the app, or from a nudge key. All of them go through `Param.parse`, so a
typo, a NaN or an out-of-range value is stopped in one place with one message that names the
parameter and the values it accepts. This module is plain Python on purpose: the CLI's `--help`,
`list` and the app's home screen read parameter declarations without importing NumPy.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from typing import Literal

from tutor.text import Msg

ParamValue = float | int | str | bool
Kind = Literal["float", "int", "choice", "bool"]

#: The ladder that logarithmic parameters walk: ten rungs a decade, every one a round number, so a
#: learning rate nudged from 0.1 meets 0.2, 0.5 and 1 exactly.
LOG_LADDER = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0)

#: The only way a number may be written as text (from the command line, a lesson, the app): ASCII
#: digits with an optional sign, point and exponent — `0.5`, `-3`, `.5`, `1e-3`, and for a whole
#: number also `1e3`. Not `1_000`, full-width or other scripts' digits, `0x10`, `inf` or `nan`
#: (Python's int() and float() take several of these). At most MAX_NUMBER_CHARS characters, so
#: converting one is never slow.
NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
MAX_NUMBER_CHARS = 100
_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


class ParamError(ValueError):
    """A value or a name that a simulation cannot accept; `msg` says which and what would be valid."""

    def __init__(self, msg: Msg, param: str | None = None) -> None:
        super().__init__(str(msg))
        self.msg = msg
        self.param = param


def closest(name: str, candidates: list[str] | tuple[str, ...]) -> str | None:
    """The candidate a typo most probably meant, if any is close enough."""
    found = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return found[0] if found else None


def unknown_name(kind: str, name: str, candidates: list[str] | tuple[str, ...]) -> Msg:
    """'unknown parameter "lrr" (did you mean "lr"?); valid: …' with the closest suggestion first."""
    guess = closest(name, candidates)
    valid = ", ".join(candidates)
    if guess:
        return Msg('unknown {kind} "{name}" (did you mean "{guess}"?); valid: {valid}',
                   kind=Msg(kind), name=name, guess=guess, valid=valid)
    return Msg('unknown {kind} "{name}"; valid: {valid}', kind=Msg(kind), name=name, valid=valid)


def format_number(value: float) -> str:
    """Short, exact-looking text for a number: 0.1 not 0.1000000000000000055, 1e-08 for tiny ones."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if value == 0:
        return "0"
    text = f"{value:.6g}"
    return text


@dataclass(frozen=True)
class Param:
    """One knob of a simulation: its type, default, valid range, how a key nudges it, and a help line.

    `step` is what one nudge adds for linear parameters; logarithmic ones (`log=True`, such as the
    learning rate) ignore it and walk `LOG_LADDER` instead. Ranges are inclusive.
    """

    name: str
    kind: Kind
    default: ParamValue
    help: str
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] = ()
    step: float = 1.0
    log: bool = False

    def __post_init__(self) -> None:
        if self.kind in ("float", "int"):
            if self.min is None or self.max is None or not self.min <= self.max:
                raise ValueError(f"parameter {self.name}: a numeric parameter needs min <= max")
            if self.log and self.min <= 0:
                raise ValueError(f"parameter {self.name}: a logarithmic parameter needs min > 0")
        if self.kind == "choice" and self.default not in self.choices:
            raise ValueError(f"parameter {self.name}: default {self.default!r} is not a choice")
        self.parse(self.default)  # a declaration whose default is invalid is a programming error

    # -- describing -------------------------------------------------------------------------------

    def valid_values(self) -> Msg:
        """What this parameter accepts, as a phrase: 'a number from 0.0001 to 10'."""
        if self.kind == "float":
            return Msg("a number from {lo} to {hi}", lo=format_number(self.min or 0.0),
                       hi=format_number(self.max or 0.0))
        if self.kind == "int":
            return Msg("a whole number from {lo} to {hi}", lo=format_number(int(self.min or 0)),
                       hi=format_number(int(self.max or 0)))
        if self.kind == "choice":
            return Msg("one of {choices}", choices=", ".join(self.choices))
        return Msg("true or false")

    def format(self, value: ParamValue) -> str:
        """The value as a learner would type it back."""
        if self.kind == "bool":
            return "true" if value else "false"
        if self.kind == "choice":
            return str(value)
        return format_number(value)  # type: ignore[arg-type]

    # -- validating -------------------------------------------------------------------------------

    def _reject(self, raw: object) -> ParamError:
        shown = raw if isinstance(raw, str) else repr(raw)
        if isinstance(shown, str) and len(shown) > 40:
            shown = shown[:37] + "..."
        return ParamError(Msg('{name} must be {valid}; got "{raw}"', name=self.name,
                              valid=self.valid_values(), raw=shown), self.name)

    def parse(self, raw: object) -> ParamValue:
        """A typed, in-range value from text or a number, or ParamError naming the valid range."""
        if self.kind == "bool":
            return self._parse_bool(raw)
        if self.kind == "choice":
            return self._parse_choice(raw)
        number = self._parse_number(raw)
        lo, hi = self.min, self.max
        assert lo is not None and hi is not None
        if not lo <= number <= hi:
            raise self._reject(raw)
        return number

    def _parse_bool(self, raw: object) -> bool:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip().lower() in _TRUE | _FALSE:
            return raw.strip().lower() in _TRUE
        raise self._reject(raw)

    def _parse_choice(self, raw: object) -> str:
        if isinstance(raw, str):
            text = raw.strip()
            if text in self.choices:
                return text
            lowered = {c.lower(): c for c in self.choices}
            if text.lower() in lowered:
                return lowered[text.lower()]
            guess = closest(text.lower(), self.choices)
            if guess:
                raise ParamError(Msg('{name} must be {valid}; got "{raw}" (did you mean "{guess}"?)',
                                     name=self.name, valid=self.valid_values(), raw=text[:40],
                                     guess=guess), self.name)
        raise self._reject(raw)

    def _parse_number(self, raw: object) -> float | int:
        if isinstance(raw, bool):
            raise self._reject(raw)
        value: float | int
        if isinstance(raw, (int, float)):
            value = raw
        elif isinstance(raw, str):
            text = raw.strip().replace("\u2212", "-")  # accept the typographic minus sign
            if len(text) > MAX_NUMBER_CHARS or not NUMBER.fullmatch(text):
                raise self._reject(raw)
            try:
                value = int(text) if self.kind == "int" else float(text)
            except ValueError:
                try:
                    value = float(text)
                except ValueError:
                    raise self._reject(raw) from None
        else:
            raise self._reject(raw)
        if isinstance(value, float) and not math.isfinite(value):
            raise self._reject(raw)
        if self.kind == "int":
            if isinstance(value, float):
                if not value.is_integer():
                    raise self._reject(raw)
                value = int(value)
            return value
        try:
            result = float(value)
        except OverflowError:
            raise self._reject(raw) from None
        return 0.0 if result == 0 else result  # -0 is 0 to a learner

    # -- nudging ----------------------------------------------------------------------------------

    def nudge(self, value: ParamValue, steps: int) -> ParamValue:
        """The value `steps` nudges away (negative: down), clamped to the range; choices cycle."""
        if self.kind == "bool":
            return (not value) if steps % 2 else bool(value)
        if self.kind == "choice":
            index = self.choices.index(str(value))
            return self.choices[(index + steps) % len(self.choices)]
        lo, hi = float(self.min or 0), float(self.max or 0)
        if self.log:
            moved = _walk_ladder(float(value), steps)
            if self.kind == "int":  # the low rungs round to the same integer: keep walking past them
                direction = 1 if steps > 0 else -1
                while steps and round(moved) == value and lo < moved < hi:
                    moved = _walk_ladder(moved, direction)
        else:
            moved = float(value) + steps * self.step
            moved = round(moved / self.step) * self.step  # stay on the step grid: 0.3, not 0.30000004
            moved = float(f"{moved:.12g}")
        moved = min(max(moved, lo), hi)
        if self.kind == "int":
            return round(moved)
        return 0.0 if moved == 0 else moved


def _walk_ladder(value: float, steps: int) -> float:
    """Move `steps` rungs along LOG_LADDER from value (snapping first to the nearest rung)."""
    if value <= 0:
        return value
    decade = math.floor(math.log10(value))
    mantissa = value / 10**decade
    # Snap to the rung nearest in log distance, then walk.
    rungs = [*LOG_LADDER, 10.0]
    index = min(range(len(rungs)), key=lambda i: abs(math.log(rungs[i] / mantissa)))
    if index == len(LOG_LADDER):
        index, decade = 0, decade + 1
    on_ladder = LOG_LADDER[index] * 10**decade
    if steps > 0 and on_ladder > value * (1 + 1e-9):
        steps -= 1
    elif steps < 0 and on_ladder < value * (1 - 1e-9):
        steps += 1
    position = decade * len(LOG_LADDER) + index + steps
    decade, index = divmod(position, len(LOG_LADDER))
    return float(f"{LOG_LADDER[index] * 10.0**decade:.12g}")


# -- declaring ------------------------------------------------------------------------------------
# Short constructors so a simulation's parameter table reads like the documentation.


def real(name: str, default: float, lo: float, hi: float, help: str, *, step: float = 0.1,
         log: bool = False) -> Param:
    return Param(name, "float", float(default), help, float(lo), float(hi), step=step, log=log)


def integer(name: str, default: int, lo: int, hi: int, help: str, *, step: int = 1,
            log: bool = False) -> Param:
    return Param(name, "int", int(default), help, lo, hi, step=step, log=log)


def choice(name: str, default: str, choices: tuple[str, ...] | list[str], help: str) -> Param:
    return Param(name, "choice", default, help, choices=tuple(choices))


def flag(name: str, default: bool, help: str) -> Param:
    return Param(name, "bool", bool(default), help)
