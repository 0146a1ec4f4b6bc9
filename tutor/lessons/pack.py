"""Course packs: a teacher's folder of lessons, run with `gdtutor --lessons DIR`.

A pack is an ordinary lesson folder (lessons, their translations, optionally a glossary) with an
optional `pack.toml` that says how it meets the built-in course:

    format = 1
    course = "extend"     # the pack's lessons join the built-in ones, placed among them by `order`
    # course = "replace"  # the pack's lessons are the whole course (also what a folder without
    #                     # pack.toml is)

An extending pack's ids and orders must differ from the built-in lessons' (the loader says which
clash), and it uses the built-in glossary unless it has a `glossary.md` of its own, which then
stands in for it. Nothing is copied: a pack that extends the course picks up a newer gdtutor's
lessons as they come.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

from tutor.lessons.model import Problem
from tutor.lessons.paths import builtin_lessons_dir
from tutor.text import Msg

MANIFEST = "pack.toml"
FORMAT = 1
MODES = ("replace", "extend")
KEYS = {"format", "course"}


@dataclass(frozen=True)
class Pack:
    extends: bool


def read_pack(directory: Path) -> tuple[Pack, Problem | None]:
    """What `directory/pack.toml` says (a folder without one replaces the course), and its problem
    if it has one; a pack.toml with a problem is read as replacing, so nothing is mixed in unasked."""
    path = directory / MANIFEST
    if not path.is_file():
        return Pack(extends=False), None

    def problem(msg: Msg) -> tuple[Pack, Problem]:
        return Pack(extends=False), Problem(path, 1, msg)

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        return problem(Msg("cannot read the file: {reason}", reason=exc.strerror or str(exc)))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as exc:
        return problem(Msg("pack.toml is not valid TOML: {reason}", reason=str(exc)[:200]))
    unknown = sorted(set(data) - KEYS)
    if unknown:
        return problem(Msg("unknown key {key} in pack.toml; it may hold: {keys}", key=unknown[0],
                           keys=", ".join(sorted(KEYS))))
    if data.get("format", FORMAT) != FORMAT:
        return problem(Msg("pack.toml has format {format}; this gdtutor reads format {mine}",
                           format=str(data.get("format"))[:20], mine=FORMAT))
    mode = data.get("course", "replace")
    if mode not in MODES:
        return problem(Msg('course = "{mode}" in pack.toml: write "extend" (add to the built-in course) or '
                           '"replace" (be the whole course)', mode=str(mode)[:40]))
    return Pack(extends=mode == "extend" and not _same(directory, builtin_lessons_dir())), None


def extends_builtin(directory: Path) -> bool:
    return read_pack(directory)[0].extends


def glossary_dir(directory: Path) -> Path:
    """The folder whose glossary the course in `directory` uses."""
    if not (directory / "glossary.md").exists() and extends_builtin(directory):
        return builtin_lessons_dir()
    return directory


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
