"""The app for one named learner in a classroom: the same course, saved under their name."""

from __future__ import annotations

from typing import Any

from tutor.i18n import _
from tutor.tui.app import GdtutorApp


class LearnerApp(GdtutorApp):
    """GdtutorApp whose progress is one learner's file; it says whose, so a wrong name shows at once."""

    def __init__(self, learner: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.learner = learner

    def on_mount(self) -> None:
        self.notify(_("Your progress is saved under the name {name}.").format(name=self.learner),
                    timeout=8, markup=False)
