"""Review cards: one FSRS card per review item, made and scheduled here.

Kept apart from review.py (which reads progress records) so that the progress file's schema
upgrade can schedule an already-met challenge without importing the record types it defines.
"""

from __future__ import annotations

import zlib
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fsrs import Scheduler

#: A completed challenge is first asked again after this long.
CHALLENGE_DELAY = timedelta(days=2)
#: A wrong answer comes back after this long (FSRS's learning step), then at growing intervals.
LEARNING_STEP = timedelta(minutes=10)
CHALLENGE = "challenge"


def scheduler() -> Scheduler:
    from fsrs import Scheduler

    # No fuzzing: the same answers at the same times give the same schedule (and testable intervals).
    return Scheduler(learning_steps=(LEARNING_STEP,), relearning_steps=(LEARNING_STEP,), enable_fuzzing=False)


def card_id(lesson_id: str, key: str) -> int:
    """A stable id for the card (FSRS would otherwise make one from the clock, sleeping 1 ms)."""
    return zlib.crc32(f"{lesson_id}/{key}".encode()) + 1


def new_card(lesson_id: str, key: str, due: datetime):  # type: ignore[no-untyped-def]
    """A card never reviewed, first due at `due`."""
    from fsrs import Card

    return Card(card_id=card_id(lesson_id, key), due=due)
