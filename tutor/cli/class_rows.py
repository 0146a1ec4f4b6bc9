"""The rows of `gdtutor class report`: every learner's progress at a glance, for the teacher.

It reads the learners' files (`tutor.progress.learners`) as they are, without the store: a report
must never move, lock, upgrade or rewrite a learner's record, and a file being written meanwhile is
read whole or not at all (saves are atomic renames). A file that cannot be read gets a row that says
so. Scores are counted against the course given (`--lessons`), so a quiz answer is right only if it
is right in that course.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tutor.i18n import N_, _
from tutor.widths import cell_width, ljust

if TYPE_CHECKING:
    from tutor.lessons.model import Course
    from tutor.progress.model import Progress

NONE = "—"
#: The table's columns, in order.
COLUMNS = (N_("learner"), N_("complete"), N_("quiz"), N_("predictions"), N_("hints"), N_("tries"),
           N_("stuck on"), N_("last active"))
#: Keys under which a prediction's outcome may be recorded, whichever way it is stored.
PREDICTION_OUTCOME_KEYS = ("right", "correct", "hit")


#: The CSV's columns: numbers in cells of their own, so a spreadsheet never reads "1/20" as a date.
CSV_COLUMNS = (N_("learner"), N_("lessons complete"), N_("lessons in course"), N_("quiz right"),
               N_("quiz answered"), N_("predictions right"), N_("predictions made"), N_("hints"), N_("tries"),
               N_("stuck on"), N_("stuck hints"), N_("stuck tries"), N_("last active"))


@dataclass(frozen=True)
class Row:
    """One learner's figures; None where there is nothing to count (or the file cannot be read)."""

    learner: str
    readable: bool = True
    complete: int = 0
    lessons: int = 0
    quiz_right: int = 0
    quiz_answered: int = 0
    predictions: tuple[int, int] | None = None
    hints: int = 0
    tries: int = 0
    stuck: tuple[str, int, int] | None = None
    last_active: str | None = None

    def cells(self) -> tuple[str, ...]:
        if not self.readable:
            return (self.learner, _("unreadable file"), *([NONE] * (len(COLUMNS) - 2)))
        stuck = NONE
        if self.stuck:
            stuck = _("{lesson} ({hints} hints, {tries} tries)").format(
                lesson=self.stuck[0], hints=self.stuck[1], tries=self.stuck[2])
        return (self.learner, f"{self.complete}/{self.lessons}",
                f"{self.quiz_right}/{self.quiz_answered}" if self.quiz_answered else NONE,
                f"{self.predictions[0]}/{self.predictions[1]}" if self.predictions else NONE,
                str(self.hints), str(self.tries), stuck, self.last_active or NONE)

    def csv_cells(self) -> tuple[str | int, ...]:
        if not self.readable:
            return (self.learner, *([""] * (len(CSV_COLUMNS) - 1)))
        right, made = self.predictions or ("", "")
        lesson, stuck_hints, stuck_tries = self.stuck or ("", "", "")
        return (self.learner, self.complete, self.lessons, self.quiz_right, self.quiz_answered, right, made,
                self.hints, self.tries, lesson, stuck_hints, stuck_tries, self.last_active or "")


def read_record(path: Path) -> tuple[Progress, dict[str, Any]] | None:
    """A learner's progress and the file's raw JSON, or None if the file cannot be read as one."""
    from tutor.progress.model import from_json
    from tutor.progress.store import MAX_BYTES

    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    progress, _damage = from_json(data)  # (whatever is salvageable counts; the app reports the rest)
    return progress, data


def prediction_score(lessons: Any, course_ids: set[str]) -> tuple[int, int] | None:
    """(right, made) over the course's lessons, or None if the file records no predictions at all.

    A lesson entry may hold `predictions` as a list or a mapping of outcomes, each either true/false
    or an object with a true/false `right` (or `correct`, `hit`); anything else is not counted."""
    if not isinstance(lessons, dict):
        return None
    found, right, made = False, 0, 0
    for lesson_id, entry in lessons.items():
        if not isinstance(entry, dict) or "predictions" not in entry:
            continue
        found = True
        raw = entry["predictions"]
        outcomes = raw.values() if isinstance(raw, dict) else raw if isinstance(raw, list) else []
        if lesson_id not in course_ids:
            continue
        for outcome in outcomes:
            if isinstance(outcome, dict):
                outcome = next((outcome[k] for k in PREDICTION_OUTCOME_KEYS if k in outcome), None)
            if isinstance(outcome, bool):
                made += 1
                right += outcome
    return (right, made) if found else None


def learner_row(name: str, path: Path, course: Course) -> Row:
    record = read_record(path)
    if record is None:
        return Row(name, readable=False)
    progress, raw = record
    entries = {lesson.id: progress.lessons[lesson.id] for lesson in course.lessons if lesson.id in progress.lessons}
    right = answered = 0
    for lesson in course.lessons:
        entry = entries.get(lesson.id)
        for question, choice in (entry.quiz.items() if entry else ()):
            if question.isdigit() and int(question) < len(lesson.quiz):
                answered += 1
                right += lesson.quiz[int(question)].answer == choice
    predictions = prediction_score(raw.get("lessons"), set(course.ids))
    stuck = [(entry.hints_used, entry.tries, lesson_id) for lesson_id, entry in entries.items()
             if not entry.complete and (entry.hints_used or entry.tries)]
    most = max(stuck, key=lambda item: (item[0], item[1])) if stuck else None
    last = max((entry.updated_at for entry in progress.lessons.values()), default=0.0)
    return Row(
        learner=name, complete=sum(entry.complete for entry in entries.values()), lessons=len(course.lessons),
        quiz_right=right, quiz_answered=answered,
        predictions=predictions if predictions and predictions[1] else None,
        hints=sum(entry.hints_used for entry in entries.values()),
        tries=sum(entry.tries for entry in entries.values()),
        stuck=(most[2], most[0], most[1]) if most else None,
        last_active=datetime.fromtimestamp(last, timezone.utc).strftime("%Y-%m-%d %H:%M UTC") if last > 0 else None,
    )


def table(rows: list[Row]) -> str:
    headers = tuple(_(column) for column in COLUMNS)
    grid = [headers, *(row.cells() for row in rows)]
    widths = [max(cell_width(text) for text in column) for column in zip(*grid, strict=True)]
    lines = ["  ".join(ljust(text, width) for text, width in zip(cells, widths, strict=True)).rstrip()
             for cells in grid]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)
