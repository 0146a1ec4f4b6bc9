"""The progress file's schema, how a damaged file is salvaged, and how two sessions' saves merge.

Schema 2, as JSON:

    {
      "schema": 2,
      "last_lesson": "learning-rate",          # the lesson "continue" reopens, or null
      "settings": {"lang": "ko"},              # app preferences (text keys, JSON values)
      "lessons": {
        "learning-rate": {
          "status": "complete",                # "not-started" | "in-progress" | "complete"
          "completed_at": "2026-11-23T19:37:27Z",   # first completion (UTC), or null
          "params": {"lr": 1.5, "steps": 30},  # last values the learner used
          "hints_used": 1,                     # hints revealed so far
          "tries": 4,                          # settings tried and kept (saved) before completing
          "quiz": {"0": 3},                    # question number -> chosen choice (both from 0)
          "predictions": {"0": {"choice": 2, "right": false}},   # predict block number -> the answer
          "review": {"quiz:0": {…}},           # review items: "quiz:N", "predict:N" or "challenge" ->
                                               #   the scheduler's card (tutor/progress/review.py)
          "seconds": 840.5,                    # time spent with the lesson open
          "days": ["2026-11-23"],              # the dates (local) the learner worked on it
          "updated_at": 1795462647.2           # seconds since the epoch of the last change
        }
      }
    }

Lessons that no longer exist in the course are kept as they are: a lesson may come back.

A file from an older schema is upgraded by `MIGRATIONS` (the store keeps a copy of it first).
Schema 2 added predictions, review items, time spent and days; a schema-1 file gets them empty,
except that a challenge it had already met is scheduled for review.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.sims.params import ParamValue

SCHEMA_VERSION = 2
STATUSES = ("not-started", "in-progress", "complete")



def _add_learning_loop(data: dict[str, Any]) -> dict[str, Any]:
    """1 -> 2: each lesson gains predictions, review items, time spent and days, all empty, except
    that a challenge already met is scheduled for review, as it would have been when it was met."""
    from tutor.progress import cards

    now = datetime.now(timezone.utc)
    lessons = data.get("lessons")
    if isinstance(lessons, dict):
        for lesson_id, entry in lessons.items():
            if isinstance(entry, dict):
                for key, empty in (("predictions", {}), ("review", {}), ("seconds", 0.0), ("days", [])):
                    entry.setdefault(key, empty)
                if entry.get("status") == "complete" and isinstance(entry["review"], dict):
                    entry["review"].setdefault(cards.CHALLENGE, dict(cards.new_card(
                        str(lesson_id), cards.CHALLENGE, now + cards.CHALLENGE_DELAY).to_dict()))
    return {**data, "schema": 2}


#: Schema n -> n + 1, one function per step, each taking and returning the file's JSON object.
#: A step with no function keeps the fields as they are, and reading them salvages whatever still
#: fits (see from_json).
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _add_learning_loop}


def upgrade(data: dict[str, Any], schema: int) -> dict[str, Any]:
    """The JSON of a file written at `schema`, brought step by step to SCHEMA_VERSION."""
    for version in sorted(v for v in MIGRATIONS if schema <= v < SCHEMA_VERSION):
        data = MIGRATIONS[version](data)
    return data


@dataclass
class LessonProgress:
    status: str = "not-started"
    completed_at: str | None = None
    params: dict[str, ParamValue] = field(default_factory=dict)
    hints_used: int = 0
    quiz: dict[str, int] = field(default_factory=dict)
    predictions: dict[str, dict[str, Any]] = field(default_factory=dict)  # {"choice": int, "right": bool}
    review: dict[str, dict[str, Any]] = field(default_factory=dict)  # item key -> card (review.py)
    seconds: float = 0.0
    days: list[str] = field(default_factory=list)
    updated_at: float = 0.0
    tries: int = 0

    @property
    def complete(self) -> bool:
        return self.status == "complete"

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "completed_at": self.completed_at, "params": dict(self.params),
                "hints_used": self.hints_used, "quiz": dict(self.quiz),
                "predictions": {k: dict(v) for k, v in self.predictions.items()},
                "review": {k: dict(v) for k, v in sorted(self.review.items())},
                "seconds": round(self.seconds, 1), "days": sorted(self.days), "updated_at": self.updated_at,
                "tries": self.tries}


@dataclass
class Progress:
    lessons: dict[str, LessonProgress] = field(default_factory=dict)
    last_lesson: str | None = None
    settings: dict[str, Any] = field(default_factory=dict)

    def lesson(self, lesson_id: str) -> LessonProgress:
        """The entry for a lesson, created (not started) if it has none yet."""
        if lesson_id not in self.lessons:
            self.lessons[lesson_id] = LessonProgress()
        return self.lessons[lesson_id]

    def status(self, lesson_id: str) -> str:
        entry = self.lessons.get(lesson_id)
        return entry.status if entry else "not-started"

    def to_json(self) -> dict[str, Any]:
        return {"schema": SCHEMA_VERSION, "last_lesson": self.last_lesson, "settings": dict(self.settings),
                "lessons": {k: v.to_json() for k, v in sorted(self.lessons.items())}}


# -- reading, with salvage --------------------------------------------------------------------------


def from_json(data: Any) -> tuple[Progress, list[str]]:
    """The progress in `data`, and a list of what had to be dropped because it was malformed.

    An empty list means the file was sound. Anything salvageable is kept: one bad field does not
    cost the learner the rest of their record.
    """
    damage: list[str] = []
    if not isinstance(data, dict):
        return Progress(), ["the file does not hold a JSON object"]
    progress = Progress()
    last = data.get("last_lesson")
    if isinstance(last, str) or last is None:
        progress.last_lesson = last
    else:
        damage.append("last_lesson")
    settings = data.get("settings", {})
    if isinstance(settings, dict):
        progress.settings = {str(k): v for k, v in settings.items()}
    else:
        damage.append("settings")
    lessons = data.get("lessons", {})
    if not isinstance(lessons, dict):
        return progress, [*damage, "lessons"]
    for lesson_id, raw in lessons.items():
        entry, bad = _lesson_from_json(raw)
        damage.extend(f"lessons.{lesson_id}.{b}" for b in bad)
        if entry is not None:
            progress.lessons[str(lesson_id)] = entry
    return progress, damage


def _lesson_from_json(raw: Any) -> tuple[LessonProgress | None, list[str]]:
    if not isinstance(raw, dict):
        return None, ["(entry)"]
    entry, bad = LessonProgress(), []
    status = raw.get("status", "not-started")
    if status in STATUSES:
        entry.status = status
    else:
        bad.append("status")
    completed_at = raw.get("completed_at")
    if completed_at is None or isinstance(completed_at, str):
        entry.completed_at = completed_at
    else:
        bad.append("completed_at")
    if entry.completed_at and entry.status != "complete":
        entry.status = "complete"
    params = raw.get("params", {})
    if isinstance(params, dict) and all(_is_param_value(v) for v in params.values()):
        entry.params = {str(k): v for k, v in params.items()}
    else:
        bad.append("params")
    hints = raw.get("hints_used", 0)
    if isinstance(hints, int) and not isinstance(hints, bool) and 0 <= hints < 1000:
        entry.hints_used = hints
    else:
        bad.append("hints_used")
    quiz = raw.get("quiz", {})
    if isinstance(quiz, dict) and all(isinstance(v, int) and not isinstance(v, bool) for v in quiz.values()):
        entry.quiz = {str(k): int(v) for k, v in quiz.items()}
    else:
        bad.append("quiz")
    tries = raw.get("tries", 0)  # (absent from files written before it was counted)
    if isinstance(tries, int) and not isinstance(tries, bool) and 0 <= tries < 10**9:
        entry.tries = tries
    else:
        bad.append("tries")
    predictions = raw.get("predictions", {})
    if isinstance(predictions, dict) and all(_is_prediction(v) for v in predictions.values()):
        entry.predictions = {str(k): {"choice": v["choice"], "right": v["right"]} for k, v in predictions.items()}
    else:
        bad.append("predictions")
    review = raw.get("review", {})
    if isinstance(review, dict):
        entry.review = {str(k): dict(v) for k, v in review.items() if is_card(v)}
        if len(entry.review) != len(review):
            bad.append("review")
    else:
        bad.append("review")
    seconds = raw.get("seconds", 0.0)
    if isinstance(seconds, (int, float)) and not isinstance(seconds, bool) and math.isfinite(seconds) and seconds >= 0:
        entry.seconds = float(seconds)
    else:
        bad.append("seconds")
    days = raw.get("days", [])
    if isinstance(days, list) and all(isinstance(d, str) and _DAY.match(d) for d in days):
        entry.days = sorted(set(days))
    else:
        bad.append("days")
    updated = raw.get("updated_at", 0.0)
    if isinstance(updated, (int, float)) and not isinstance(updated, bool) and math.isfinite(updated):
        entry.updated_at = float(updated)
    else:
        bad.append("updated_at")
    return entry, bad


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _is_prediction(value: Any) -> bool:
    return (isinstance(value, dict) and isinstance(value.get("choice"), int) and not isinstance(value["choice"], bool)
            and isinstance(value.get("right"), bool))


def is_card(value: Any) -> bool:
    """A review item's card as the scheduler writes it: a due time it can read, and a state."""
    if not isinstance(value, dict):
        return False
    due, last, state = value.get("due"), value.get("last_review"), value.get("state")
    if not isinstance(state, int) or isinstance(state, bool) or state not in (1, 2, 3):
        return False
    if not _is_stamp(due) or not (last is None or _is_stamp(last)):
        return False
    card_id = value.get("card_id")
    if not isinstance(card_id, int) or isinstance(card_id, bool):
        return False
    for key in ("stability", "difficulty"):
        number = value.get(key)
        if number is not None and (isinstance(number, bool) or not isinstance(number, (int, float))
                                   or not math.isfinite(number)):
            return False
    if state in (2, 3) and (value.get("stability") is None or value.get("difficulty") is None):
        return False  # (a card in review has a memory model; the scheduler needs it)
    step = value.get("step")
    if state in (1, 3) and step is None:
        return False  # (learning and relearning cards are at a step)
    return step is None or (isinstance(step, int) and not isinstance(step, bool) and step >= 0)


def _is_stamp(value: Any) -> bool:
    """An ISO time with its zone (the scheduler's times are in UTC, and say so)."""
    if not isinstance(value, str):
        return False
    try:
        return datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


def _is_param_value(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, (bool, int, str))


# -- merging two sessions ---------------------------------------------------------------------------


def merge_lesson(disk: LessonProgress | None, mine: LessonProgress) -> LessonProgress:
    """Combine one lesson's entry from the file with this session's: nothing either achieved is lost.

    A completion from either side stands (with the earlier time), hints and quiz answers add up,
    and the parameters are those of whichever side changed the lesson last. Review items from
    either side are kept; where both have one, the one reviewed last wins (it carries the other's
    history on). Days add up; time spent is the larger of the two (each side counts from the file).
    """
    if disk is None:
        return mine
    rank = {s: i for i, s in enumerate(STATUSES)}
    times = [t for t in (disk.completed_at, mine.completed_at) if t]
    newer, older = (mine, disk) if mine.updated_at >= disk.updated_at else (disk, mine)
    return LessonProgress(
        status=max(disk.status, mine.status, key=lambda s: rank[s]),
        completed_at=min(times) if times else None,
        params=dict(newer.params),
        hints_used=max(disk.hints_used, mine.hints_used),
        quiz={**older.quiz, **newer.quiz},
        predictions={**older.predictions, **newer.predictions},
        review=merge_review(older.review, newer.review),
        seconds=max(disk.seconds, mine.seconds),
        days=sorted(set(disk.days) | set(mine.days)),
        updated_at=max(disk.updated_at, mine.updated_at),
        tries=max(disk.tries, mine.tries),
    )


def merge_review(older: dict[str, dict[str, Any]], newer: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every item of either side; for one both have, the card reviewed last (newer's on a tie)."""
    merged = dict(older)
    for key, card in newer.items():
        theirs = merged.get(key)
        if theirs is None or _reviewed(card) >= _reviewed(theirs):
            merged[key] = card
    return merged


def _reviewed(card: dict[str, Any]) -> datetime:
    stamp = card.get("last_review")
    return datetime.fromisoformat(stamp) if isinstance(stamp, str) else datetime.min.replace(tzinfo=timezone.utc)


def merge(disk: Progress, mine: Progress, changed: set[str], *, session_fields: bool) -> Progress:
    """The file's progress with this session's changes to `changed` lessons applied on top.

    Lessons this session did not touch are taken from the file as they are, so another session's
    completions (and a `gdtutor reset` run meanwhile) are respected. `session_fields` says whether
    this session's `last_lesson` and settings replace the file's.
    """
    merged = Progress(lessons=dict(disk.lessons), last_lesson=disk.last_lesson, settings=dict(disk.settings))
    for lesson_id in changed:
        if lesson_id in mine.lessons:
            merged.lessons[lesson_id] = merge_lesson(disk.lessons.get(lesson_id), mine.lessons[lesson_id])
    if session_fields:
        merged.last_lesson = mine.last_lesson
        merged.settings.update(mine.settings)
    return merged
