"""What the screens and the palette's commands use of the app, as a protocol.

The screens need the course, the learner's session, the terminal and the simulation runner, and a
few actions (open a lesson, show notices); the app module in turn imports the screens. Naming those
needs here, instead of importing the app class for its type, keeps the import graph one way: the
app knows its screens, the screens know only this.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from textual.geometry import Size
    from textual.screen import Screen

    from tutor.lessons.content_error import ContentError
    from tutor.lessons.glossary import Glossary
    from tutor.lessons.model import Course
    from tutor.present.glyphs import Glyphs
    from tutor.present.terminal import Terminal
    from tutor.progress.session import ProgressSession
    from tutor.sims.params import ParamValue
    from tutor.text import Msg
    from tutor.tui.runner import SimRunner


class Tutor(Protocol):
    """tutor.tui.app.GdtutorApp, as its screens see it."""

    course: Course
    session: ProgressSession
    terminal: Terminal
    glyphs: Glyphs

    @property
    def size(self) -> Size: ...

    @property
    def runner(self) -> SimRunner: ...

    def preload(self) -> None: ...

    def open_lesson(self, lesson_id: str, values: Mapping[str, ParamValue] | None = None) -> None: ...

    def leave_lesson(self, screen: Screen) -> None: ...

    def glossary(self) -> Glossary | ContentError: ...

    def show_glossary(self, term: str = "", context: str = "") -> None: ...

    def show_notices(self, notices: list[Msg]) -> None: ...

    def save_open_lessons(self) -> None: ...
