"""The lesson left for home, kept whole, so that going back to it is showing it again, not building it.

Why: opening a lesson builds its screen (about a hundred widgets: the text's Markdown blocks, the
parameter rows, the quiz) and asks for its run, 0.2–0.3 s on a 2-core machine, and closing one takes
all that down again; a learner glancing at the course map and going back paid both. So Esc from a
lesson keeps its screen (installed, in Textual's terms, so that popping it does not remove it) and
Enter on the same lesson shows it again as it was left: its values, pins, scroll and quiz.

It is shown again only while it is exactly what a new screen would show: the same lesson object
(reloading the course, as a language switch does, makes new ones), no values given to open it with,
the language it was built in, and the learner's record of that lesson unchanged since it was left
(a review, a reset, or another gdtutor saving the same progress file all change the record: the
kept screen would show what the record no longer says). Otherwise it is taken down, after the next
frame (the screen that replaces it paints first), and a new one is built.

Only one is kept: the tour through the course keeps at most one lesson's widgets alive.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from tutor.i18n import language

if TYPE_CHECKING:
    from textual.app import App

    from tutor.lessons.model import Lesson
    from tutor.progress.session import ProgressSession
    from tutor.sims.params import ParamValue
    from tutor.tui.screens.lesson import LessonScreen

NAME = "lesson-kept"


def _record_of(session: ProgressSession, lesson_id: str) -> dict[str, Any] | None:
    entry = session.progress.lessons.get(lesson_id)
    return entry.to_json() if entry is not None else None


class KeptLesson:
    """The one lesson screen kept for the app, and what it was kept under."""

    def __init__(self, app: App[Any], session: ProgressSession) -> None:
        self._app = app
        self._session = session
        self._screen: LessonScreen | None = None
        self._under: tuple[str, dict[str, Any] | None] | None = None

    @property
    def screen(self) -> LessonScreen | None:
        return self._screen

    def keep(self, screen: LessonScreen) -> None:
        """`screen`, on top and about to be popped, is left: closed as a lesson (values saved, time
        recorded, play stopped) and kept; the one kept before goes."""
        self.drop()
        screen.leave()
        self._app.install_screen(screen, NAME)
        self._screen = screen
        self._under = (language(), _record_of(self._session, screen.lesson.id))

    def take(self, lesson: Lesson, values: Mapping[str, ParamValue] | None) -> LessonScreen | None:
        """The kept screen, reopened, if it shows exactly what a new one for `lesson` would; else None
        (and whatever was kept goes)."""
        screen, under = self._screen, self._under
        if screen is None or under is None:
            return None
        if screen.lesson is not lesson or values or under != (language(), _record_of(self._session, lesson.id)):
            self.drop()
            return None
        self._app.uninstall_screen(NAME)  # (shown again, it is an ordinary screen: popping removes it)
        self._screen = self._under = None
        return screen

    def drop(self) -> None:
        """Let the kept screen go: taken down after the next frame, so what replaces it paints first."""
        screen = self._screen
        self._screen = self._under = None
        if screen is None:
            return
        self._app.uninstall_screen(NAME)
        self._app.call_after_refresh(screen.remove)
