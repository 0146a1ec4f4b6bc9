"""How a challenge condition is read: text to tokens to a tree, refusing anything else.

Lesson files are content, not code, so a condition is read by a hand-written tokenizer and a
recursive-descent parser into a tree of a handful of frozen node classes: there is no `eval`, no
attribute access and no function but the few below, so nothing in a lesson can run code, read files
or reach the network. Length and nesting are bounded, so no text can exhaust the stack or the clock.
What a tree means for a run is tutor.lessons.conditions' job. A lesson writes, for instance,

    final_loss < 1e-3 and steps <= 100 and optimizer == "momentum"
    last(loss) < 0.01 * first(loss) and not diverged

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

import re
from dataclasses import dataclass
from typing import Any

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


def walk(node: Node) -> list[Node]:
    """`node` and every node below it."""
    out: list[Node] = [node]
    if isinstance(node, Unary):
        out += walk(node.operand)
    elif isinstance(node, Binary):
        out += walk(node.left) + walk(node.right)
    return out


# -- parsing ----------------------------------------------------------------------------------------


def parse_tree(source: str) -> Node:
    """The tree of a condition, or ConditionError saying where and why it is malformed."""
    if not isinstance(source, str) or not source.strip():
        raise ConditionError(Msg("the condition is empty"))
    if len(source) > MAX_LENGTH:
        raise ConditionError(Msg("the condition is longer than {n} characters", n=MAX_LENGTH))
    parser = _Parser(_tokenize(source))
    tree = parser.expr(0)
    extra = parser.peek()
    if extra is not None:
        raise ConditionError(Msg('unexpected "{token}" in the condition', token=extra[1]))
    return tree


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
