"""Review: what the learner got wrong comes back, spaced out, until it is known.

Practice testing and spaced practice are the two study techniques with the best evidence behind
them, and choosing the intervals is a solved problem best left to a maintained scheduler: FSRS
(`fsrs` on PyPI, the scheduler Anki ships). Each review item is one FSRS card kept in the lesson's
progress entry under a key — "quiz:N" and "predict:N" for a question answered wrongly, "challenge"
for a completed challenge, first due CHALLENGE_DELAY after it was met. A right answer in review
rates the card Good, which lengthens the interval; a wrong one rates it Again, which brings it back
soon. Nothing here reads the clock: every function takes `now`, so a test can freeze it.

Reading what is due works on the stored dictionaries alone, so `gdtutor progress` and the home
screen do not import the scheduler; only scheduling does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from tutor.progress.cards import CHALLENGE, CHALLENGE_DELAY, new_card, scheduler
from tutor.progress.cards import LEARNING_STEP as LEARNING_STEP  # (the interval a wrong answer waits)
from tutor.progress.model import LessonProgress, Progress
from tutor.text import Msg


@dataclass(frozen=True)
class DueItem:
    lesson_id: str
    key: str  # "quiz:N", "predict:N" or "challenge"
    due: datetime

    @property
    def kind(self) -> str:
        return self.key.split(":", 1)[0]

    @property
    def index(self) -> int:
        """The question's or block's number (from 0); 0 for a challenge."""
        _kind, _sep, number = self.key.partition(":")
        return int(number) if number.isdigit() else 0


def quiz_key(index: int) -> str:
    return f"quiz:{index}"


def predict_key(index: int) -> str:
    return f"predict:{index}"


def _rate(entry: LessonProgress, lesson_id: str, key: str, right: bool, now: datetime) -> None:
    from fsrs import Card, Rating

    rating = Rating.Good if right else Rating.Again
    raw = entry.review.get(key)
    try:
        card = Card.from_dict(raw) if raw else new_card(lesson_id, key, now)  # type: ignore[arg-type]
        card, _log = scheduler().review_card(card, rating, review_datetime=now)
    except (AssertionError, TypeError, ValueError, KeyError, ArithmeticError):
        # A card the scheduler cannot take (a hand-edited file: a review state with no stability)
        # starts again rather than stopping the learner.
        card, _log = scheduler().review_card(new_card(lesson_id, key, now), rating, review_datetime=now)
    entry.review[key] = dict(card.to_dict())


def answered(entry: LessonProgress, lesson_id: str, key: str, right: bool, now: datetime) -> bool:
    """A quiz question or prediction answered in the lesson: a wrong answer makes (or renews) a review
    item; a right one counts as a review only for an item that exists. True if anything changed."""
    if not right and key not in entry.review:
        _rate(entry, lesson_id, key, False, now)
        return True
    if key in entry.review:
        _rate(entry, lesson_id, key, right, now)
        return True
    return False


def challenge_met(entry: LessonProgress, lesson_id: str, now: datetime) -> bool:
    """The challenge was met for the first time: ask it again after CHALLENGE_DELAY."""
    if CHALLENGE in entry.review:
        return False
    entry.review[CHALLENGE] = dict(new_card(lesson_id, CHALLENGE, now + CHALLENGE_DELAY).to_dict())
    return True


def reviewed(entry: LessonProgress, lesson_id: str, key: str, right: bool, now: datetime) -> None:
    """A review question was answered: Good lengthens the interval, Again brings it back soon."""
    _rate(entry, lesson_id, key, right, now)


def _items(progress: Progress, lessons: tuple[str, ...] | None) -> Iterator[DueItem]:
    for lesson_id, entry in progress.lessons.items():
        if lessons is not None and lesson_id not in lessons:
            continue
        for key, card in entry.review.items():
            yield DueItem(lesson_id, key, _due(card))


def _due(card: dict[str, Any]) -> datetime:
    due = datetime.fromisoformat(card["due"])
    return due if due.tzinfo else due.replace(tzinfo=timezone.utc)


def due_items(progress: Progress, now: datetime, lessons: tuple[str, ...] | None = None) -> list[DueItem]:
    """Items due at `now`, the longest-waiting first; only lessons in `lessons` when given (the
    course's: an item of a lesson that is gone is kept, but not asked)."""
    return sorted((item for item in _items(progress, lessons) if item.due <= now), key=lambda i: i.due)


def next_due(progress: Progress, now: datetime, lessons: tuple[str, ...] | None = None) -> datetime | None:
    """When the next item not yet due will be, or None if there is none."""
    later = [item.due for item in _items(progress, lessons) if item.due > now]
    return min(later) if later else None


def due_count(entry: LessonProgress, now: datetime) -> int:
    return sum(1 for card in entry.review.values() if _due(card) <= now)


def interval(card: dict[str, Any]) -> timedelta | None:
    """How long the card waits after its last review (None before its first)."""
    last = card.get("last_review")
    if not isinstance(last, str):
        return None
    return _due(card) - datetime.fromisoformat(last)


def wait_msg(delta: timedelta) -> Msg:
    unit, count = wait_text(delta)
    if unit == "minutes":
        return Msg("{n} min", n=count)
    if unit == "hours":
        return Msg("{n} h", n=count)
    return Msg("{n} days", n=count)


def nothing_due(progress: Progress, now: datetime, lessons: tuple[str, ...] | None = None) -> Msg:
    """The one line said when nothing is due: when the next review is, if any is scheduled."""
    upcoming = next_due(progress, now, lessons)
    if upcoming is None:
        return Msg("nothing is due; nothing is scheduled yet (questions you miss come back here)")
    return Msg("nothing is due; next review in {wait}", wait=wait_msg(upcoming - now))


def wait_text(delta: timedelta) -> tuple[str, int]:
    """A wait as (unit, count): ("minutes", 10), ("hours", 3), ("days", 2); at least one."""
    seconds = max(delta.total_seconds(), 0)
    if seconds < 3600:
        return "minutes", max(1, round(seconds / 60))
    if seconds < 2 * 86400:
        return "hours", max(1, round(seconds / 3600))
    return "days", round(seconds / 86400)
