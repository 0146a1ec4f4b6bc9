"""The progress file's schema, how a damaged file is salvaged, and how two sessions' saves merge.

Schema 1, as JSON:

    {
      "schema": 1,
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
          "updated_at": 1795462647.2           # seconds since the epoch of the last change
        }
      }
    }

Lessons that no longer exist in the course are kept as they are: a lesson may come back.

A file from an older schema is upgraded by `MIGRATIONS` (the store keeps a copy of it first).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tutor.sims.params import ParamValue

SCHEMA_VERSION = 1
STATUSES = ("not-started", "in-progress", "complete")

#: Schema n -> n + 1, one function per step, each taking and returning the file's JSON object.
#: Schema 1 is the first, so there are none yet; a step with no function keeps the fields as they
#: are, and reading them salvages whatever still fits (see from_json).
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


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
    updated_at: float = 0.0
    tries: int = 0

    @property
    def complete(self) -> bool:
        return self.status == "complete"

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "completed_at": self.completed_at, "params": dict(self.params),
                "hints_used": self.hints_used, "quiz": dict(self.quiz), "updated_at": self.updated_at,
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
    updated = raw.get("updated_at", 0.0)
    if isinstance(updated, (int, float)) and not isinstance(updated, bool) and math.isfinite(updated):
        entry.updated_at = float(updated)
    else:
        bad.append("updated_at")
    return entry, bad


def _is_param_value(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, (bool, int, str))


# -- merging two sessions ---------------------------------------------------------------------------


def merge_lesson(disk: LessonProgress | None, mine: LessonProgress) -> LessonProgress:
    """Combine one lesson's entry from the file with this session's: nothing either achieved is lost.

    A completion from either side stands (with the earlier time), hints and quiz answers add up,
    and the parameters are those of whichever side changed the lesson last.
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
        updated_at=max(disk.updated_at, mine.updated_at),
        tries=max(disk.tries, mine.tries),
    )


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
