"""The challenge condition language: a tiny, safe grammar over a run's facts and series.

A lesson says when its challenge is met with text such as

    final_loss < 1e-3 and steps <= 100 and optimizer == "momentum"
    last(loss) < 0.01 * first(loss) and not diverged

Lesson files are content, not code, so this is parsed by a hand-written recursive-descent parser and
evaluated by walking the tree: there is no `eval`, no attribute access and no function but the few
below, so nothing in a lesson can run code, read files or reach the network.

Grammar (lowest precedence first):

    expr       := and_expr ("or" and_expr)*
    and_expr   := not_expr ("and" not_expr)*
    not_expr   := "not" not_expr | comparison
    comparison := sum (("<" | "<=" | ">" | ">=" | "==" | "!=") sum)?
    sum        := product (("+" | "-") product)*
    product    := unary (("*" | "/") unary)*
    unary      := "-" unary | atom
    atom       := NUMBER | STRING | "true" | "false" | "none" | NAME
                | FUNC "(" NAME ")" | "at" "(" NAME "," NUMBER ")" | "(" expr ")"
    FUNC       := first | last | min | max | mean | len

A bare NAME is a fact of the run or one of its parameters; series are reached through a function.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tutor.sims.params import closest
from tutor.text import Msg

MAX_LENGTH = 500
MAX_DEPTH = 30
SERIES_FUNCTIONS = ("first", "last", "min", "max", "mean", "len")

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
      | (?P<string>"[^"\\]{0,200}"|'[^'\\]{0,200}')
      | (?P<op><=|>=|==|!=|<|>|\+|-|\*|/|\(|\)|,)
      | (?P<name>[A-Za-z_][A-Za-z0-9_]{0,63})
    )""",
    re.VERBOSE,
)
_KEYWORDS = {"and", "or", "not", "true", "false", "none"}


class ConditionError(ValueError):
    """A condition that does not parse or names something the simulation does not report."""

    def __init__(self, msg: Msg) -> None:
        super().__init__(str(msg))
        self.msg = msg


# -- the tree ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Const:
    value: Any


@dataclass(frozen=True)
class Name:
    name: str


@dataclass(frozen=True)
class Call:
    func: str
    series: str
    index: int | None = None


@dataclass(frozen=True)
class Unary:
    op: str
    operand: Node


@dataclass(frozen=True)
class Binary:
    op: str
    left: Node
    right: Node


Node = Const | Name | Call | Unary | Binary


@dataclass(frozen=True)
class Condition:
    """A parsed condition: its source text, its tree, and the names it reads."""

    source: str
    tree: Node

    def names(self) -> set[str]:
        """Bare names (facts or parameters) the condition reads."""
        return {n.name for n in _walk(self.tree) if isinstance(n, Name)}

    def series(self) -> set[str]:
        """Series the condition reads through a function."""
        return {n.series for n in _walk(self.tree) if isinstance(n, Call)}

    def evaluate(self, facts: Mapping[str, Any], params: Mapping[str, Any],
                 series: Mapping[str, Any]) -> bool:
        """True when the run meets the condition. Missing or non-finite values never meet it."""
        return _truthy(_eval(self.tree, facts, params, series))


def _walk(node: Node) -> list[Node]:
    out: list[Node] = [node]
    if isinstance(node, Unary):
        out += _walk(node.operand)
    elif isinstance(node, Binary):
        out += _walk(node.left) + _walk(node.right)
    return out


# -- parsing ----------------------------------------------------------------------------------------


def parse(source: str) -> Condition:
    """Parse a condition, or raise ConditionError saying where and why it is malformed."""
    if not isinstance(source, str) or not source.strip():
        raise ConditionError(Msg("the condition is empty"))
    if len(source) > MAX_LENGTH:
        raise ConditionError(Msg("the condition is longer than {n} characters", n=MAX_LENGTH))
    parser = _Parser(_tokenize(source))
    tree = parser.expr(0)
    extra = parser.peek()
    if extra is not None:
        raise ConditionError(Msg('unexpected "{token}" in the condition', token=extra[1]))
    return Condition(source, tree)


def _tokenize(source: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    pos = 0
    while pos < len(source):
        if source[pos:].strip() == "":
            break
        match = _TOKEN.match(source, pos)
        if not match or match.end() == pos:
            bad = source[pos:].strip()[:10]
            raise ConditionError(Msg('cannot read "{text}" in the condition', text=bad))
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        pos = match.end()
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise ConditionError(Msg("the condition ends too early"))
        self.pos += 1
        return token

    def accept(self, text: str) -> bool:
        token = self.peek()
        if token is not None and token[1] == text and token[0] in ("op", "name"):
            self.pos += 1
            return True
        return False

    def expect(self, text: str) -> None:
        if not self.accept(text):
            found = self.peek()
            raise ConditionError(Msg('expected "{want}" but found "{found}"', want=text,
                                     found=found[1] if found else Msg("the end"))) from None

    def _guard(self, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise ConditionError(Msg("the condition is nested too deeply"))

    def expr(self, depth: int) -> Node:
        self._guard(depth)
        node = self.and_expr(depth)
        while self.accept("or"):
            node = Binary("or", node, self.and_expr(depth))
        return node

    def and_expr(self, depth: int) -> Node:
        node = self.not_expr(depth)
        while self.accept("and"):
            node = Binary("and", node, self.not_expr(depth))
        return node

    def not_expr(self, depth: int) -> Node:
        self._guard(depth)
        if self.accept("not"):
            return Unary("not", self.not_expr(depth + 1))
        return self.comparison(depth)

    def comparison(self, depth: int) -> Node:
        node = self.sum(depth)
        token = self.peek()
        if token and token[0] == "op" and token[1] in ("<", "<=", ">", ">=", "==", "!="):
            self.pos += 1
            node = Binary(token[1], node, self.sum(depth))
        return node

    def sum(self, depth: int) -> Node:
        node = self.product(depth)
        while (token := self.peek()) and token[0] == "op" and token[1] in "+-":
            self.pos += 1
            node = Binary(token[1], node, self.product(depth))
        return node

    def product(self, depth: int) -> Node:
        node = self.unary(depth)
        while (token := self.peek()) and token[0] == "op" and token[1] in "*/":
            self.pos += 1
            node = Binary(token[1], node, self.unary(depth))
        return node

    def unary(self, depth: int) -> Node:
        self._guard(depth)
        if self.accept("-"):
            return Unary("-", self.unary(depth + 1))
        return self.atom(depth)

    def atom(self, depth: int) -> Node:
        kind, text = self.take()
        if kind == "number":
            return Const(float(text))
        if kind == "string":
            return Const(text[1:-1])
        if kind == "op" and text == "(":
            node = self.expr(depth + 1)
            self.expect(")")
            return node
        if kind == "name":
            lowered = text.lower()
            if lowered in ("true", "false"):
                return Const(lowered == "true")
            if lowered == "none":
                return Const(None)
            if lowered in _KEYWORDS:
                raise ConditionError(Msg('"{word}" cannot stand here', word=text))
            if text in SERIES_FUNCTIONS or text == "at":
                return self.call(text)
            return Name(text)
        raise ConditionError(Msg('unexpected "{token}" in the condition', token=text))

    def call(self, func: str) -> Node:
        self.expect("(")
        kind, series = self.take()
        if kind != "name":
            raise ConditionError(Msg("{func}() takes the name of a series", func=func))
        index = None
        if func == "at":
            self.expect(",")
            negative = self.accept("-")
            kind, text = self.take()
            if kind != "number" or not float(text).is_integer():
                raise ConditionError(Msg("at() takes a series and a whole step number"))
            index = -int(float(text)) if negative else int(float(text))
        self.expect(")")
        return Call(func, series, index)


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
