"""Tries: each set of values a learner keeps in an unfinished lesson counts once (the class report's
"stuck on" reads it); old files without the field read as none, and two sessions' counts merge."""

from __future__ import annotations

from tutor.progress.model import LessonProgress, from_json, merge_lesson
from tutor.progress.session import ProgressSession


def test_each_new_setting_counts_until_the_lesson_is_complete() -> None:
    session = ProgressSession()
    session.set_params("adam", {"lr": 0.1})
    session.set_params("adam", {"lr": 0.1})  # the same values again: not a new try
    session.set_params("adam", {"lr": 0.2})
    assert session.progress.lessons["adam"].tries == 2
    session.complete("adam")
    session.set_params("adam", {"lr": 0.3})  # exploring after the challenge is met is not being stuck
    assert ProgressSession().progress.lessons["adam"].tries == 2


def test_files_without_tries_read_as_none_and_bad_counts_are_named() -> None:
    progress, damage = from_json({"schema": 1, "lessons": {"adam": {"status": "in-progress"}}})
    assert progress.lessons["adam"].tries == 0 and damage == []
    for bad in (-1, 1.5, True, "3", None):
        _progress, damage = from_json({"schema": 1, "lessons": {"adam": {"tries": bad}}})
        assert damage == ["lessons.adam.tries"], bad


def test_two_sessions_tries_merge_to_the_larger_count() -> None:
    disk, mine = LessonProgress(tries=5, updated_at=1.0), LessonProgress(tries=3, updated_at=2.0)
    assert merge_lesson(disk, mine).tries == 5
    assert merge_lesson(mine, disk).tries == 5
