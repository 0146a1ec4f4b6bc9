"""The command palette (Ctrl+P) can jump to any lesson by its number or any word of its title.

A lesson's title and summary are the course's text, not markup: Textual's palette reads a hit's
prompt and help as markup, where a `[/]` or `[link=…]` in a lesson pack's title raised a MarkupError
in the palette's worker, so they are escaped.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from tutor.i18n import _

if TYPE_CHECKING:
    from tutor.tui.tutor_app import Tutor


class LessonCommands(Provider):
    def _lessons(self) -> list[tuple[str, str, str]]:
        app: Tutor = self.app  # type: ignore[assignment]
        return [(lesson.id, f"{_('Lesson')} {number}: {_(lesson.title)}", _(lesson.summary))
                for number, lesson in enumerate(app.course.lessons, start=1)]

    async def discover(self) -> Hits:
        for lesson_id, title, summary in self._lessons():
            yield DiscoveryHit(escape(title), partial(self.app.open_lesson, lesson_id), text=title,  # type: ignore[attr-defined]
                               help=escape(summary) or None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for lesson_id, title, summary in self._lessons():
            score = matcher.match(f"{title} {lesson_id}")
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self.app.open_lesson, lesson_id),  # type: ignore[attr-defined]
                          text=title, help=escape(summary) or None)
