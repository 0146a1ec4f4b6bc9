"""One lesson's share of the learner's progress, as the lesson screen reads and changes it.

The screen never touches the progress file: it calls these methods, which go through the app's
ProgressSession (atomic, merged saves) and then hand any notice the store raised (damaged file
moved aside, progress cannot be saved) to `on_notice`, so the learner hears of it once.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Mapping

from tutor.lessons.model import Lesson
from tutor.progress.session import ProgressSession
from tutor.sims.params import ParamError, ParamValue
from tutor.sims.spec import SimSpec
from tutor.text import Msg


class LessonRecord:
    def __init__(self, session: ProgressSession, lesson: Lesson, spec: SimSpec,
                 on_notice: Callable[[list[Msg]], None] = lambda notices: None) -> None:
        self.session = session
        self.lesson = lesson
        self.spec = spec
        self._on_notice = on_notice

    @property
    def _entry(self):  # type: ignore[no-untyped-def]
        return self.session.progress.lessons.get(self.lesson.id)

    # -- reading ----------------------------------------------------------------------------------

    def start_values(self) -> dict[str, ParamValue]:
        """The lesson's values with the learner's last ones on top. Only the lesson's controls are
        restored, and a saved value the simulation no longer accepts is dropped, not trusted."""
        values = dict(self.lesson.params)
        saved = self._entry.params if self._entry else {}
        for name in self.lesson.controls:
            if name in saved:
                with contextlib.suppress(ParamError):
                    values[name] = self.spec.param(name).parse(saved[name])
        return values

    @property
    def is_new(self) -> bool:
        """Never opened before: the learner should meet the text first."""
        return self._entry is None or self._entry.status == "not-started"

    @property
    def complete(self) -> bool:
        return bool(self._entry and self._entry.complete)

    @property
    def hints_used(self) -> int:
        return min(self._entry.hints_used if self._entry else 0, len(self.lesson.challenge.hints))

    def answers(self) -> dict[int, int]:
        """Saved quiz answers by question index, for questions the lesson has and choices they offer."""
        raw = self._entry.quiz if self._entry else {}
        out: dict[int, int] = {}
        for index, question in enumerate(self.lesson.quiz):
            chosen = raw.get(str(index))
            if chosen is not None and 0 <= chosen < len(question.choices):
                out[index] = chosen
        return out

    def predictions(self) -> dict[int, bool]:
        """Saved predictions by block index (whether each was right), for blocks the lesson has."""
        raw = self._entry.predictions if self._entry else {}
        return {index: bool(raw[str(index)]["right"]) for index in range(len(self.lesson.predictions))
                if str(index) in raw}

    # -- changing ---------------------------------------------------------------------------------

    _opened_at: float | None = None

    def opened(self) -> None:
        self._opened_at = time.monotonic()
        self.session.open_lesson(self.lesson.id)
        self._notices()

    def closed(self) -> None:
        """The lesson is left: the time it was open is added to the time spent."""
        if self._opened_at is not None:
            self.session.add_time(self.lesson.id, time.monotonic() - self._opened_at)
            self._opened_at = None
            self._notices()

    def save_values(self, values: Mapping[str, ParamValue]) -> None:
        self.session.set_params(self.lesson.id, {k: values[k] for k in self.lesson.controls if k in values})
        self._notices()

    def mark_complete(self, values: Mapping[str, ParamValue]) -> bool:
        """Record the values that met the challenge and the completion; True the first time."""
        self.session.set_params(self.lesson.id, {k: values[k] for k in self.lesson.controls if k in values},
                                save=False)
        first = self.session.complete(self.lesson.id)
        self.session.save()  # complete() saves only when the state changed; the values must land too
        self._notices()
        return first

    def reveal_hint(self) -> int:
        shown = self.session.reveal_hint(self.lesson.id, len(self.lesson.challenge.hints))
        self._notices()
        return shown

    def answer(self, question: int, choice: int) -> None:
        right = choice == self.lesson.quiz[question].answer if question < len(self.lesson.quiz) else None
        self.session.answer(self.lesson.id, question, choice, right=right)
        self._notices()

    def predict(self, block: int, choice: int, right: bool) -> None:
        self.session.predict(self.lesson.id, block, choice, right)
        self._notices()

    def _notices(self) -> None:
        notices = self.session.take_notices()
        if notices:
            self._on_notice(notices)
