"""Keeping a `gdtutor reset` that ran while the app was open: the reset wins for what it erased.

The merge on save (tutor.progress.model.merge) keeps whatever either side achieved, which is right
for two sessions but would undo a reset: the open app still holds the erased completion and would
write it back with its next change. So each session remembers the record as it last read or wrote
it (its *base*). A lesson whose entry the file has lost since then (erased), or holds with less
than the base had (erased, then opened again elsewhere), was reset; this session's entry for it is
rebuilt from a fresh one with only the fields this session changed since its base, so what the
learner did after the reset is kept and what the reset erased stays erased.

The fields are compared generically, so a field added to LessonProgress later is handled too.
"""

from __future__ import annotations

import copy
import dataclasses

from tutor.progress.model import STATUSES, LessonProgress, Progress


def was_reset(disk: LessonProgress | None, base: LessonProgress | None) -> bool:
    """Whether the file lost part of this lesson's record since this session last saw it."""
    if base is None:
        return False
    if disk is None:
        return True
    rank = {s: i for i, s in enumerate(STATUSES)}
    return (rank[disk.status] < rank[base.status] or disk.hints_used < base.hints_used
            or (base.completed_at is not None and disk.completed_at is None))


def since_base(mine: LessonProgress, base: LessonProgress) -> LessonProgress:
    """A fresh entry holding only the fields `mine` changed since `base`."""
    fresh = LessonProgress()
    for f in dataclasses.fields(LessonProgress):
        if getattr(mine, f.name) != getattr(base, f.name):
            setattr(fresh, f.name, copy.deepcopy(getattr(mine, f.name)))
    if fresh.completed_at and fresh.status != "complete":
        fresh.status = "complete"
    if fresh.status == "not-started" and fresh != LessonProgress(updated_at=fresh.updated_at):
        fresh.status = "in-progress"
    return fresh


def rebase(disk: Progress, base: Progress | None, mine: Progress, changed: set[str]) -> Progress:
    """`mine` with each changed lesson that the file shows reset rebuilt from what changed since `base`."""
    if base is None:
        return mine
    lessons = dict(mine.lessons)
    for lesson_id in changed:
        entry, before = mine.lessons.get(lesson_id), base.lessons.get(lesson_id)
        if entry is not None and before is not None and was_reset(disk.lessons.get(lesson_id), before):
            lessons[lesson_id] = since_base(entry, before)
    return dataclasses.replace(mine, lessons=lessons)
