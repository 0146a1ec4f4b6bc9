"""One session's view of the learner's progress: what they do, recorded and saved as they go.

The app (and the CLI's `progress`/`reset`) change progress only through these methods, which stamp
the change, remember which lessons this session touched (so the save merges only those), and save.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from tutor.progress.model import Progress
from tutor.progress.store import ProgressStore
from tutor.text import Msg

if TYPE_CHECKING:
    from tutor.sims.params import ParamValue


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class ProgressSession:
    def __init__(self, store: ProgressStore | None = None, clock: Callable[[], datetime] = _utc_now) -> None:
        #: The time now, in UTC; tests freeze it. Review schedules, completion times and days use it.
        self.clock = clock
        self.store = store or ProgressStore()
        self.progress: Progress = self.store.load()
        #: The record as this session last read or wrote it: what a `gdtutor reset` is measured against.
        self._base: Progress = copy.deepcopy(self.progress)
        self._changed: set[str] = set()
        self._session_fields = False

    def take_notices(self) -> list[Msg]:
        """Messages for the learner (damaged file moved aside, cannot save …); each is given once."""
        notices, self.store.notices = self.store.notices, []
        return notices

    # -- recording --------------------------------------------------------------------------------

    def open_lesson(self, lesson_id: str) -> None:
        self.progress.last_lesson = lesson_id
        entry = self.progress.lesson(lesson_id)
        if entry.status == "not-started":
            entry.status = "in-progress"
            self._touch(lesson_id)
        self._session_fields = True
        self.save()

    def set_params(self, lesson_id: str, params: Mapping[str, ParamValue], *, save: bool = True) -> None:
        entry = self.progress.lesson(lesson_id)
        if entry.params == dict(params):
            return
        entry.params = dict(params)
        if not entry.complete:  # (a classroom report reads where a learner is stuck from this)
            entry.tries += 1
        if entry.status == "not-started":
            entry.status = "in-progress"
        self._touch(lesson_id)
        if save:
            self.save()

    def complete(self, lesson_id: str) -> bool:
        """Mark the lesson complete and save at once; True if it was not complete before."""
        entry = self.progress.lesson(lesson_id)
        if entry.complete:
            return False
        entry.status = "complete"
        entry.completed_at = entry.completed_at or self.clock().strftime("%Y-%m-%dT%H:%M:%SZ")
        from tutor.progress import review

        review.challenge_met(entry, lesson_id, self.clock())
        self._touch(lesson_id)
        self.save()
        return True

    def reveal_hint(self, lesson_id: str, available: int) -> int:
        """Reveal one more hint (up to `available`); how many are now revealed."""
        entry = self.progress.lesson(lesson_id)
        if entry.hints_used < available:
            entry.hints_used += 1
            self._touch(lesson_id)
            self.save()
        return entry.hints_used

    def answer(self, lesson_id: str, question: int, choice: int, right: bool | None = None) -> None:
        """A quiz answer; when `right` is known, a wrong one becomes a review item."""
        entry = self.progress.lesson(lesson_id)
        entry.quiz[str(question)] = choice
        if right is not None:
            from tutor.progress import review

            review.answered(entry, lesson_id, review.quiz_key(question), right, self.clock())
        self._touch(lesson_id)
        self.save()

    def predict(self, lesson_id: str, block: int, choice: int, right: bool) -> None:
        """A prediction committed in the lesson; a wrong one becomes a review item."""
        from tutor.progress import review

        entry = self.progress.lesson(lesson_id)
        entry.predictions[str(block)] = {"choice": choice, "right": right}
        review.answered(entry, lesson_id, review.predict_key(block), right, self.clock())
        if entry.status == "not-started":
            entry.status = "in-progress"
        self._touch(lesson_id)
        self.save()

    def reviewed(self, lesson_id: str, key: str, right: bool) -> None:
        """A review question answered: its item is rescheduled."""
        from tutor.progress import review

        review.reviewed(self.progress.lesson(lesson_id), lesson_id, key, right, self.clock())
        self._touch(lesson_id)
        self.save()

    def add_time(self, lesson_id: str, seconds: float) -> None:
        """Time spent with the lesson open (counted when it is left)."""
        if seconds <= 0 or lesson_id not in self.progress.lessons:
            return
        self.progress.lessons[lesson_id].seconds += min(seconds, 12 * 3600)  # (a terminal left open overnight)
        self._touch(lesson_id)
        self.save()

    def set_setting(self, key: str, value: object) -> None:
        self.progress.settings[key] = value
        self._session_fields = True
        self.save()

    def _touch(self, lesson_id: str) -> None:
        entry = self.progress.lesson(lesson_id)
        entry.updated_at = time.time()
        today = self.clock().astimezone().date().isoformat()
        if today not in entry.days:
            entry.days.append(today)
        self._changed.add(lesson_id)

    # -- saving -----------------------------------------------------------------------------------

    def save(self) -> bool:
        """Merge this session's changes into the file; False if it could not be saved."""
        if not self._changed and not self._session_fields:
            return True
        merged = self.store.save(self.progress, self._changed, session_fields=self._session_fields,
                                 base=self._base)
        if merged is None:
            return False
        self.progress = merged
        self._base = copy.deepcopy(merged)
        self._changed.clear()
        self._session_fields = False
        return True
