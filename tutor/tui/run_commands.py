"""Palette commands for the run on screen: its code, and its share token."""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tutor.i18n import _


class RunCommands(Provider):
    """Offered only on a lesson, where there is a run to export."""

    def _commands(self) -> list[tuple[str, bool]]:
        from tutor.tui.screens.lesson import LessonScreen

        if not isinstance(self.screen, LessonScreen):
            return []
        return [(_("Show this run's code (NumPy or PyTorch)"), False),
                (_("Share this run: show and copy its token"), True)]

    def _run(self, share: bool) -> None:
        from tutor.tui.screens.lesson import LessonScreen

        if isinstance(self.screen, LessonScreen):
            self.screen.action_code(share)

    async def discover(self) -> Hits:
        for title, share in self._commands():
            yield DiscoveryHit(title, lambda share=share: self._run(share))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, share in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), lambda share=share: self._run(share), text=title)
