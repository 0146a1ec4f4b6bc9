"""A problem found in a content file: its own module so that what lists the course (`gdtutor list`,
tutor.lessons.listing) can name a broken lesson without loading the whole course model."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tutor.text import Msg, visible


@dataclass(frozen=True)
class Problem:
    """Something wrong with a content file, located as `path:line: message`."""

    path: Path
    line: int
    msg: Msg

    def render(self, translate=None) -> str:  # type: ignore[no-untyped-def]
        text = self.msg.render(translate) if translate else str(self.msg)
        return visible(f"{self.path}:{self.line}: {text}")  # (a file name may hold control characters too)

    def __str__(self) -> str:
        return self.render()
