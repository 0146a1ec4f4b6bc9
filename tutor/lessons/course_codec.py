"""The loaded course as JSON and back, for the course cache (tutor.lessons.course_cache).

Plain JSON, never pickle: whatever sits in the cache folder is only data. Decoding rebuilds only the
course's own classes, each from exactly its fields, and checks every field's type on the way
(FIELDS says what each may hold), so a damaged or hand-made cache file either decodes to a course of
the right shape or fails with `Undecodable` (and the caller parses the lessons instead).

A record is a list, its class's name then its fields in order (`["Question", "Why?", [...], 1, "", 7]`);
a Msg is `["Msg", template, {argument: value}]`; tuples are lists, dicts lists of [key, value] pairs,
paths strings. The decoders are built once from FIELDS: the built-in course decodes in milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tutor.lessons import condition_syntax, conditions
from tutor.lessons.model import Challenge, Course, Lesson, Problem, Question
from tutor.lessons.predict import Prediction
from tutor.text import Msg


class Undecodable(ValueError):
    """The data is not a course this version wrote."""


# What each field may hold: a class, ("tuple", item), ("dict", key, value) or ("any", one, other, …).
PARAM: Any = ("any", bool, int, float, str)
NONE = type(None)
SCALAR: Any = ("any", bool, int, float, str, NONE)
NODE: Any = ("any", condition_syntax.Const, condition_syntax.Name, condition_syntax.Call, condition_syntax.Unary,
             condition_syntax.Binary)
VALUES: Any = ("dict", str, PARAM)
FIELDS: dict[type, dict[str, Any]] = {
    Course: {"lessons": ("tuple", Lesson), "problems": ("tuple", Problem), "broken": ("dict", Path, Problem),
             "lang": str},
    Lesson: {"id": str, "title": str, "order": int, "sim": str, "path": Path, "body": str, "params": VALUES,
             "controls": ("tuple", str), "challenge": Challenge, "solution": VALUES, "quiz": ("tuple", Question),
             "summary": str, "part": str, "lang": str, "predictions": ("tuple", Prediction)},
    Problem: {"path": Path, "line": int, "msg": Msg},
    Challenge: {"statement": str, "condition": conditions.Condition, "hints": ("tuple", str), "explain": str},
    Question: {"question": str, "choices": ("tuple", str), "answer": int, "explain": str, "line": int},
    Prediction: {"question": str, "params": VALUES, "choices": ("tuple", str),
                 "when": ("tuple", conditions.Condition), "explain": str, "variants": ("tuple", VALUES),
                 "line": int},
    conditions.Condition: {"source": str, "tree": NODE},
    condition_syntax.Const: {"value": SCALAR},
    condition_syntax.Name: {"name": str},
    condition_syntax.Call: {"func": str, "series": str, "index": ("any", int, NONE)},
    condition_syntax.Unary: {"op": str, "operand": NODE},
    condition_syntax.Binary: {"op": str, "left": NODE, "right": NODE},
}
#: What a Msg's argument may be (a nested Msg included).
MSG_ARG: Any = ("any", bool, int, float, str, Msg)
_SCALARS = (bool, int, float, str, NONE)


def encode(value: Any) -> Any:
    """`value` as JSON-ready data; TypeError for anything a course does not hold."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (tuple, list)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return [[encode(k), encode(v)] for k, v in value.items()]
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, Msg):
        return ["Msg", value.template, {k: encode(v) for k, v in value.args.items()}]
    if type(value) in FIELDS:
        return [type(value).__name__, *(encode(getattr(value, name)) for name in FIELDS[type(value)])]
    raise TypeError(f"a course does not hold {type(value).__name__}")


def decode_course(data: Any) -> Course:
    course = _decoder(Course)(data)
    assert isinstance(course, Course)
    return course


Decoder = Callable[[Any], Any]
_DECODERS: dict[Any, Decoder] = {}


def _decoder(kind: Any) -> Decoder:
    """The function that decodes data of `kind` (made once, then reused)."""
    if kind not in _DECODERS:
        _DECODERS[kind] = _exact  # (a placeholder while a recursive kind is being made)
        _DECODERS[kind] = _make(kind)
    return _DECODERS[kind]


def _make(kind: Any) -> Decoder:
    if kind in _SCALARS:
        return _scalar(kind)
    if kind is Path:
        return lambda data: Path(_exact(data, str))
    if kind is Msg:
        return _message
    if isinstance(kind, tuple) and kind[0] == "tuple":
        return _sequence(kind[1])
    if isinstance(kind, tuple) and kind[0] == "dict":
        return _mapping(kind[1], kind[2])
    if isinstance(kind, tuple) and kind[0] == "any":
        return _union(kind[1:])
    return _record(kind)


def _exact(data: Any, kind: type = NONE) -> Any:
    if type(data) is not kind:  # (exactly: True is not an int here, 1 is not a float)
        raise Undecodable(f"not {kind.__name__}")
    return data


def _scalar(kind: type) -> Decoder:
    return lambda data: _exact(data, kind)


def _sequence(item: Any) -> Decoder:
    def decode(data: Any) -> tuple[Any, ...]:
        if type(data) is not list:
            raise Undecodable("not a list")
        if item is str:
            if not all(type(v) is str for v in data):
                raise Undecodable("not a list of text")
            return tuple(data)
        one = _decoder(item)
        return tuple(one(v) for v in data)

    return decode


def _mapping(key: Any, value: Any) -> Decoder:
    def decode(data: Any) -> dict[Any, Any]:
        if type(data) is not list or not all(type(pair) is list and len(pair) == 2 for pair in data):
            raise Undecodable("not a dict's items")
        keys, values = _decoder(key), _decoder(value)
        return {keys(k): values(v) for k, v in data}

    return decode


def _union(kinds: tuple[Any, ...]) -> Decoder:
    scalars = tuple(kind for kind in kinds if kind in _SCALARS)
    records = {kind.__name__: kind for kind in kinds if kind not in _SCALARS}

    def decode(data: Any) -> Any:
        if type(data) in scalars:
            return data
        if type(data) is list and data and type(data[0]) is str and data[0] in records:
            return _decoder(records[data[0]])(data)
        raise Undecodable("none of the kinds expected")

    return decode


def _record(cls: type) -> Decoder:
    name = "Msg" if cls is Msg else cls.__name__
    fields = FIELDS[cls]

    def decode(data: Any) -> Any:
        if type(data) is not list or len(data) != len(fields) + 1 or data[0] != name:
            raise Undecodable(f"not a {name}")
        values = zip(fields.items(), data[1:], strict=True)
        return cls(**{field: _decoder(kind)(value) for (field, kind), value in values})

    return decode


def _message(data: Any) -> Msg:
    if type(data) is not list or len(data) != 3 or data[0] != "Msg" or type(data[2]) is not dict:
        raise Undecodable("not a Msg")
    argument = _decoder(MSG_ARG)
    return Msg(_exact(data[1], str), **{_exact(k, str): argument(v) for k, v in data[2].items()})
