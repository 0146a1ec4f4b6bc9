"""What a challenge condition means for a run: checked against what a simulation reports, then judged.

A condition is written before the run it judges, so its names are checked against the simulation's
facts, parameters and series when the lesson loads (a typo is the author's error, reported with a
guess), and judging is total: a value that is not there (a fact reported as none, NaN, a series too
short, a division by zero) meets no comparison, `!=` included, so a challenge is never passed by a
run that did not produce what it asks about. How the text is read is tutor.lessons.condition_syntax.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tutor.lessons.condition_syntax import (
    Call,
    ConditionError,
    Const,
    Name,
    Node,
    Unary,
    parse_tree,
    walk,
)
from tutor.sims.params import closest
from tutor.text import Msg

__all__ = ["Condition", "ConditionError", "check_names", "parse"]


@dataclass(frozen=True)
class Condition:
    """A parsed condition: its source text, its tree, and the names it reads."""

    source: str
    tree: Node

    def names(self) -> set[str]:
        """Bare names (facts or parameters) the condition reads."""
        return {n.name for n in walk(self.tree) if isinstance(n, Name)}

    def series(self) -> set[str]:
        """Series the condition reads through a function."""
        return {n.series for n in walk(self.tree) if isinstance(n, Call)}

    def evaluate(self, facts: Mapping[str, Any], params: Mapping[str, Any],
                 series: Mapping[str, Any]) -> bool:
        """True when the run meets the condition. Missing or non-finite values never meet it."""
        return _truthy(_eval(self.tree, facts, params, series))


def parse(source: str) -> Condition:
    """Parse a condition, or raise ConditionError saying where and why it is malformed."""
    return Condition(source, parse_tree(source))


# -- checking and evaluating ------------------------------------------------------------------------


def check_names(condition: Condition, facts: set[str] | tuple[str, ...],
                params: set[str] | tuple[str, ...], series: set[str] | tuple[str, ...]) -> None:
    """Raise ConditionError if the condition names a fact, parameter or series that does not exist."""
    known = sorted(set(facts) | set(params))
    for name in sorted(condition.names()):
        if name not in known:
            guess = closest(name, known)
            hint = Msg(' (did you mean "{guess}"?)', guess=guess) if guess else ""
            raise ConditionError(Msg('the condition names "{name}", which is neither a fact nor a '
                                     'parameter of this simulation{hint}', name=name, hint=hint))
    for name in sorted(condition.series()):
        if name not in series:
            guess = closest(name, sorted(series))
            hint = Msg(' (did you mean "{guess}"?)', guess=guess) if guess else ""
            raise ConditionError(Msg('the condition reads series "{name}", which this simulation '
                                     'does not produce{hint}', name=name, hint=hint))


class _Missing:
    """A value that is not there (a fact reported as none, a series too short): never meets anything."""


_MISSING = _Missing()


def _eval(node: Node, facts: Mapping[str, Any], params: Mapping[str, Any],
          series: Mapping[str, Any]) -> Any:
    if isinstance(node, Const):
        return node.value
    if isinstance(node, Name):
        if node.name in facts:
            return facts[node.name]
        return params.get(node.name, _MISSING)
    if isinstance(node, Call):
        return _call(node, series)
    if isinstance(node, Unary):
        value = _eval(node.operand, facts, params, series)
        if node.op == "not":
            return not _truthy(value)
        return -value if _is_number(value) else _MISSING
    left = _eval(node.left, facts, params, series)
    if node.op == "and":
        return _truthy(left) and _truthy(_eval(node.right, facts, params, series))
    if node.op == "or":
        return _truthy(left) or _truthy(_eval(node.right, facts, params, series))
    right = _eval(node.right, facts, params, series)
    if node.op in ("==", "!=") and _is_none_literal(node.left, node.right):
        # `x == none` and `x != none` ask whether a fact reported a value. Anywhere else a missing
        # value is no more unequal to something than it is equal to it: it meets no comparison.
        other = right if _is_none_literal(node.left) else left
        if node.op == "==":
            return other is None
        return other is not _MISSING and not _absent(other)
    return _binary(node.op, left, right)


def _is_none_literal(*nodes: Node) -> bool:
    return any(isinstance(n, Const) and n.value is None for n in nodes)


def _call(node: Call, series: Mapping[str, Any]) -> Any:
    values = series.get(node.series)
    if values is None:
        return _MISSING
    data = [float(v) for v in values.ravel()] if hasattr(values, "ravel") else [float(v) for v in values]
    if node.func == "len":
        return float(len(data))
    if not data:
        return _MISSING
    if node.func == "first":
        return data[0]
    if node.func == "last":
        return data[-1]
    if node.func == "min":
        return min(data)
    if node.func == "max":
        return max(data)
    if node.func == "mean":
        return math.fsum(data) / len(data)
    index = node.index if node.index is not None else 0
    return data[index] if -len(data) <= index < len(data) else _MISSING


def _absent(value: Any) -> bool:
    """None, NaN or ±inf: a value a comparison cannot honestly be made with."""
    if value is None:
        return True
    return isinstance(value, float) and not math.isfinite(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _binary(op: str, left: Any, right: Any) -> Any:
    if left is _MISSING or right is _MISSING:
        return _MISSING if op in "+-*/" else False
    if op in ("==", "!="):
        if _absent(left) or _absent(right):
            return False
        if _is_number(left) and _is_number(right):
            equal = math.isclose(float(left), float(right), rel_tol=1e-9, abs_tol=1e-12)
        else:
            equal = left == right
        return equal if op == "==" else not equal
    if not (_is_number(left) and _is_number(right)):
        return _MISSING if op in "+-*/" else False
    a, b = float(left), float(right)
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        return a / b if b != 0 else _MISSING
    return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]


def _truthy(value: Any) -> bool:
    if value is _MISSING or value is None:
        return False
    if isinstance(value, float) and not math.isfinite(value):
        return False
    return bool(value)
