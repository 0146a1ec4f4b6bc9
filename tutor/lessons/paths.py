"""Where the course's Markdown lives: inside the installed package, or beside it in a source tree."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def default_lessons_dir() -> Path:
    """`GDTUTOR_LESSONS` if set (a teacher's own course), else the lessons shipped with gdtutor."""
    override = os.environ.get("GDTUTOR_LESSONS")
    if override:
        return Path(override).expanduser()
    return builtin_lessons_dir()


def builtin_lessons_dir() -> Path:
    """The course shipped with gdtutor (a course pack may extend it: see tutor.lessons.pack)."""
    installed = _PACKAGE / "_content" / "lessons"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "lessons"
