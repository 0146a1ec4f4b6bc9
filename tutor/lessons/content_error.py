"""The one error a problem in a course file is raised with: the file, the line, and what to change.

Front matter, quiz and predict blocks, the loader's checks, translations and the glossary all find
problems in the same kind of text and report them the same way (`path:line: message`, the message
saying what to write instead), so they raise the same class: a caller catches one name, and a
problem found deep in a block reaches the author unchanged, with its line. The path is often known
only to the caller that read the file (splitting front matter sees only text); it adds it with `at`.
"""

from __future__ import annotations

from pathlib import Path

from tutor.text import Msg


class ContentError(ValueError):
    """One problem in one course file, at a line (1-based).

    `more` holds the file's other problems when there are several, so an author can fix a file in
    one pass (check-lessons reports them together)."""

    def __init__(self, path: Path | None, line: int, msg: Msg) -> None:
        super().__init__(str(msg))
        self.path = path
        self.line = line
        self.msg = msg
        self.more: list[ContentError] = []

    def at(self, path: Path) -> ContentError:
        """The same problem (and its `more`) in the file at `path`."""
        located = ContentError(path, self.line, self.msg)
        located.more = [more.at(path) for more in self.more]
        return located

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.msg}" if self.path else f"{self.line}: {self.msg}"
