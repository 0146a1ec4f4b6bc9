"""PageUp/PageDown in a list that has no room on screen yet: nothing, instead of a crash.

Textual's OptionList pages by its laid-out lines, which it computes only once the list has a height.
In a list with none, such as the home screen's in a terminal three rows high, or the command
palette's in the instant between typing and its results appearing, PageDown raised KeyError and
ended the app. Every OptionList, the palette's included, gets this guard once, when the app module
is imported; a list with nothing to show has nothing to page through.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import OptionList


def _guarded(page: Callable[[OptionList], None]) -> Callable[[OptionList], None]:
    def action(self: OptionList) -> None:
        if self.scrollable_content_region.height > 0:
            page(self)

    action.__doc__ = page.__doc__
    action.__name__ = page.__name__
    action._gdtutor_guarded = True  # type: ignore[attr-defined]
    return action


def install() -> None:
    for name in ("action_page_up", "action_page_down"):
        page = getattr(OptionList, name)
        if not getattr(page, "_gdtutor_guarded", False):
            setattr(OptionList, name, _guarded(page))
