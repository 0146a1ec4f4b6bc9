"""A run as one short line: the simulation, every parameter value and a format version.

A teacher pastes a token into a handout, a learner pastes one into a question, and
`gdtutor sim TOKEN` runs exactly that run again. A token is

    gd1-<base64url>       "gd", the format version, a dash, then the payload

and the payload is one flag byte (0: text as is, 1: raw deflate, whichever is shorter), the text,
and the CRC-32 of the text (4 bytes, big-endian), so a token that lost or changed a character is
refused rather than read as some other run. The text is the simulation's name and then every
parameter's value in its declared order, separated by ";": floats by `repr` (which reads back as
the very same number), integers in decimal, flags as 1 or 0, choices by name.

Decoding checks the simulation exists, that the token holds one value per parameter, and that each
value is valid (`Param.parse`), and says which of those failed. Plain Python: no NumPy.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tutor.sims.params import Param, ParamError, ParamValue
from tutor.text import Msg

if TYPE_CHECKING:
    from tutor.lessons.model import Course, Lesson

#: The token format this version writes and reads.
FORMAT = 1
PREFIX = "gd"
_SHAPE = re.compile(r"gd(\d{1,6})-([A-Za-z0-9_-]*)")
#: No real token is anywhere near this long; longer input is refused before any decoding.
MAX_LENGTH = 4096


class ShareError(ValueError):
    """A string that is not a token this gdtutor can read; `msg` says why and what to do."""

    def __init__(self, msg: Msg) -> None:
        super().__init__(str(msg))
        self.msg = msg


@dataclass(frozen=True)
class SharedRun:
    """What a token holds: a simulation and every one of its parameters, validated."""

    sim: str
    params: Mapping[str, ParamValue]


def looks_like_token(text: str) -> bool:
    """True when `text` has a token's shape (so a command line can tell it from a simulation name)."""
    return bool(_SHAPE.fullmatch(text.strip()))


def _value_text(param: Param, value: ParamValue) -> str:
    if param.kind == "bool":
        return "1" if value else "0"
    if param.kind == "float":
        return repr(float(value))
    if param.kind == "int":
        return str(int(value))
    return str(value)


def encode(sim: str, params: Mapping[str, ParamValue]) -> str:
    """The token for a run of `sim` with these parameters (missing ones take their defaults)."""
    from tutor.sims import get_spec

    spec = get_spec(sim)
    values = spec.resolve(params)
    text = ";".join([sim, *(_value_text(p, values[p.name]) for p in spec.params)]).encode("utf-8")
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = packer.compress(text) + packer.flush()
    body = b"\x01" + packed if len(packed) < len(text) else b"\x00" + text
    body += zlib.crc32(text).to_bytes(4, "big")
    return f"{PREFIX}{FORMAT}-" + base64.urlsafe_b64encode(body).decode("ascii").rstrip("=")


def _damaged() -> ShareError:
    return ShareError(Msg("this share token is damaged (a character is missing or changed); copy it again"))


def _unpack(payload: str) -> str:
    try:
        body = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    except (binascii.Error, ValueError):
        raise _damaged() from None
    if len(body) < 5 or body[0] not in (0, 1):
        raise _damaged()
    data, check = body[1:-4], int.from_bytes(body[-4:], "big")
    if body[0] == 1:
        try:
            unpacker = zlib.decompressobj(-15)
            data = unpacker.decompress(data, MAX_LENGTH * 4)
            if unpacker.unconsumed_tail or not unpacker.eof:
                raise _damaged()
        except zlib.error:
            raise _damaged() from None
    if zlib.crc32(data) != check:
        raise _damaged()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise _damaged() from None


def decode(token: str) -> SharedRun:
    """The run a token holds, or ShareError saying what is wrong with it."""
    from tutor.sims import UnknownSim, get_spec

    token = token.strip()
    if len(token) > MAX_LENGTH:
        raise ShareError(Msg("this is too long to be a share token (they look like gd1-…)"))
    shape = _SHAPE.fullmatch(token)
    if not shape:
        raise ShareError(Msg("this is not a gdtutor share token (they look like gd1-…)"))
    version = int(shape.group(1))
    if version > FORMAT:
        raise ShareError(Msg("this share token was made by a newer gdtutor (token format {version}; this one "
                             "reads format {known}): upgrade gdtutor to open it", version=version, known=FORMAT))
    if version < 1:
        raise _damaged()
    name, *values = _unpack(shape.group(2)).split(";")
    try:
        spec = get_spec(name)
    except UnknownSim:
        raise ShareError(Msg('this share token is for a simulation this gdtutor does not have ("{name}")',
                             name=name[:40])) from None
    if len(values) != len(spec.params):
        raise ShareError(Msg("this share token holds {got} values but {sim} has {want} parameters: it was made "
                             "by another version of gdtutor", got=len(values), sim=name, want=len(spec.params)))
    raw: dict[str, object] = {}
    for param, text in zip(spec.params, values, strict=True):
        raw[param.name] = {"1": True, "0": False}.get(text, text) if param.kind == "bool" else text
    try:
        return SharedRun(name, spec.resolve(raw))
    except ParamError as exc:
        raise ShareError(Msg("this share token holds a value this gdtutor refuses: {problem}",
                             problem=exc.msg)) from None


def lesson_for(shared: SharedRun, course: Course) -> Lesson | None:
    """The lesson that can show this run: the first, in course order, that drives the same simulation
    and whose starting values differ from the token's only in parameters the learner may change.
    None when no lesson can (the run then opens as a free simulation)."""
    for lesson in course.lessons:
        if lesson.sim != shared.sim:
            continue
        if all(name in lesson.controls or lesson.params.get(name) == value
               for name, value in shared.params.items()):
            return lesson
    return None
