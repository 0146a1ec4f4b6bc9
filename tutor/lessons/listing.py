"""The course as `gdtutor list` shows it: each lesson's id, title and simulation, and the files that
did not load.

Why a view of its own: listing needs none of a lesson's body, quiz, challenge or predictions, and
the course cache (tutor.lessons.course_cache) keeps this view beside the whole course, so `gdtutor
list` reads it without importing the course model or decoding 28 lessons (about 30 ms of a command
whose floor is Python starting and importing click). Like the course codec, decoding checks every
field's type, so a damaged or hand-made cache file either gives a listing of the right shape or
fails with ValueError (and the caller loads the course instead).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from tutor.lessons.problem import Problem
from tutor.text import Msg

if TYPE_CHECKING:
    from tutor.lessons.model import Course


class Entry(NamedTuple):
    id: str
    title: str
    sim: str


class Listing(NamedTuple):
    lessons: tuple[Entry, ...]
    #: Files that did not load at all, with the first problem found in each.
    broken: tuple[Problem, ...]


def listing_of(course: Course) -> Listing:
    return Listing(tuple(Entry(lesson.id, lesson.title, lesson.sim) for lesson in course.lessons),
                   tuple(course.broken.values()))


def encode_listing(listing: Listing) -> dict[str, Any]:
    """`listing` as JSON-ready data; TypeError for a message argument JSON cannot hold."""
    return {"lessons": [list(entry) for entry in listing.lessons],
            "broken": [[str(p.path), p.line, _encode_msg(p.msg)] for p in listing.broken]}


def decode_listing(data: Any) -> Listing:
    """The listing `encode_listing` gave `data` for; ValueError for anything else."""
    if type(data) is not dict or set(data) != {"lessons", "broken"}:
        raise ValueError("not a listing")
    lessons, broken = data["lessons"], data["broken"]
    if type(lessons) is not list or type(broken) is not list:
        raise ValueError("not a listing")
    entries = []
    for row in lessons:
        if type(row) is not list or len(row) != 3 or not all(type(v) is str for v in row):
            raise ValueError("not a lesson's entry")
        entries.append(Entry(*row))
    problems = []
    for row in broken:
        if type(row) is not list or len(row) != 3 or type(row[0]) is not str or type(row[1]) is not int:
            raise ValueError("not a broken file's entry")
        problems.append(Problem(Path(row[0]), row[1], _decode_msg(row[2])))
    return Listing(tuple(entries), tuple(problems))


def _encode_msg(msg: Msg) -> list[Any]:
    args: dict[str, Any] = {}
    for name, value in msg.args.items():
        if isinstance(value, Msg):
            args[name] = _encode_msg(value)
        elif value is None or type(value) in (bool, int, float, str):
            args[name] = value
        else:
            raise TypeError(f"a listing does not hold {type(value).__name__}")
    return ["Msg", msg.template, args]


def _decode_msg(data: Any, depth: int = 0) -> Msg:
    if type(data) is not list or len(data) != 3 or data[0] != "Msg" or type(data[1]) is not str \
            or type(data[2]) is not dict or depth > 8:
        raise ValueError("not a message")
    args: dict[str, Any] = {}
    for name, value in data[2].items():
        if type(value) is list:
            args[name] = _decode_msg(value, depth + 1)
        elif value is None or type(value) in (bool, int, float, str):
            args[name] = value
        else:
            raise ValueError("not a message's argument")
    try:
        return Msg(data[1], **args)
    except TypeError as exc:  # (an argument named "template")
        raise ValueError("not a message") from exc
