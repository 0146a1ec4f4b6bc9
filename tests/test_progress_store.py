"""The progress store keeps its promises: atomic, merged, damage moved aside, failures reported."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tutor.progress import SCHEMA_VERSION, Progress, ProgressStore
from tutor.progress.model import LessonProgress, merge, merge_lesson
from tutor.progress.session import ProgressSession


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "progress.json"


def saved(path: Path, lessons: dict[str, dict], **extra: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"schema": SCHEMA_VERSION, "lessons": lessons, **extra}), encoding="utf-8")


def test_a_missing_file_is_a_fresh_start(path: Path) -> None:
    store = ProgressStore(path)
    assert store.load() == Progress() and store.notices == [] and not path.exists()


def test_save_then_load_round_trips(path: Path) -> None:
    session = ProgressSession(ProgressStore(path))
    session.open_lesson("bowl")
    session.set_params("bowl", {"lr": 1.5, "optimizer": "adam", "residual": True, "steps": 30})
    session.reveal_hint("bowl", available=2)
    session.answer("bowl", 0, 2)
    assert session.complete("bowl") is True and session.complete("bowl") is False
    again = ProgressStore(path).load()
    entry = again.lessons["bowl"]
    assert again.last_lesson == "bowl"
    assert entry.status == "complete" and entry.completed_at and entry.completed_at.endswith("Z")
    assert entry.params == {"lr": 1.5, "optimizer": "adam", "residual": True, "steps": 30}
    assert entry.hints_used == 1 and entry.quiz == {"0": 2}
    assert json.loads(path.read_text())["schema"] == SCHEMA_VERSION


def test_folder_and_file_are_private(path: Path) -> None:
    session = ProgressSession(ProgressStore(path))
    session.open_lesson("bowl")
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_crash_between_write_and_rename_leaves_the_old_file(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    saved(path, {"bowl": {"status": "complete"}})
    before = path.read_bytes()

    def crash(src: object, dst: object) -> None:
        raise KeyboardInterrupt  # the process dies after the data is written, before the rename

    monkeypatch.setattr(os, "replace", crash)
    store = ProgressStore(path)
    progress = store.load()
    progress.lesson("ravine").status = "complete"
    with pytest.raises(KeyboardInterrupt):
        store.save(progress, {"ravine"})
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EACCES, errno.EROFS])
def test_a_failed_save_keeps_the_old_file_and_is_reported_once(path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                code: int) -> None:
    saved(path, {"bowl": {"status": "complete"}})
    before = path.read_bytes()
    real_write = os.write

    def failing_write(fd: int, data: bytes) -> int:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "write", failing_write)
    session = ProgressSession(ProgressStore(path))
    session.set_params("bowl", {"lr": 0.5})
    session.set_params("bowl", {"lr": 0.6})
    notices = [str(n) for n in session.take_notices()]
    assert len(notices) == 1 and os.strerror(code) in notices[0]
    assert path.read_bytes() == before
    monkeypatch.setattr(os, "write", real_write)
    session.set_params("bowl", {"lr": 0.7})  # space is back: the pending change is written
    assert [str(n) for n in session.take_notices()] == ["Progress is being saved again."]
    entry = ProgressStore(path).load().lessons["bowl"]
    assert entry.params == {"lr": 0.7} and entry.status == "complete"


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "empty"),
    (b"   \n", "empty"),
    (b'{"schema": 1, "lessons": {"bowl": {"status": "comp', "not valid JSON"),
    (b"\xff\xfe garbage", "not valid JSON"),
    (b"[1, 2, 3]", "not a JSON object"),
    (b'{"lessons": {}}', "no schema version"),
    (b"[" * 100_000, "not valid JSON"),
])
def test_damaged_files_are_moved_aside_never_overwritten(path: Path, content: bytes, reason: str) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    store = ProgressStore(path)
    assert store.load() == Progress()
    assert len(store.notices) == 1 and reason in str(store.notices[0])
    aside = [p for p in path.parent.iterdir() if ".damaged-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == content
    assert str(aside[0]) in str(store.notices[0])


def test_wrong_typed_fields_are_salvaged_and_the_original_kept(path: Path) -> None:
    saved(path, {"good": {"status": "complete", "completed_at": "2026-01-01T00:00:00Z"},
                 "odd": {"status": "finished", "hints_used": "two", "params": {"lr": [1]}},
                 "junk": 42}, last_lesson=7)
    original = path.read_bytes()
    store = ProgressStore(path)
    progress = store.load()
    assert progress.lessons["good"].complete
    assert progress.lessons["odd"].status == "not-started" and progress.lessons["odd"].hints_used == 0
    assert "junk" not in progress.lessons and progress.last_lesson is None
    assert "unreadable fields" in str(store.notices[0]) and "kept" in str(store.notices[0])
    aside = [p for p in path.parent.iterdir() if ".damaged-" in p.name]
    assert aside[0].read_bytes() == original
    assert ProgressStore(path).load().lessons["good"].complete  # the salvaged record was saved


def test_lessons_that_no_longer_exist_are_kept(path: Path) -> None:
    saved(path, {"retired-lesson": {"status": "complete"}})
    session = ProgressSession(ProgressStore(path))
    session.complete("bowl")
    assert ProgressStore(path).load().lessons["retired-lesson"].complete


def test_a_newer_schema_is_left_untouched_and_nothing_is_saved(path: Path) -> None:
    saved(path, {"bowl": {"status": "complete"}}, future_field={"x": 1})
    data = json.loads(path.read_text())
    data["schema"] = SCHEMA_VERSION + 1
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    session = ProgressSession(ProgressStore(path))
    assert session.progress.lessons["bowl"].complete  # still shown
    assert "newer gdtutor" in str(session.take_notices()[0])
    session.complete("ravine")
    assert session.save() is False
    assert path.read_bytes() == before


def test_merge_keeps_every_completion_and_the_latest_parameters() -> None:
    disk = LessonProgress(status="complete", completed_at="2026-01-02T00:00:00Z", params={"lr": 1.0},
                          hints_used=2, quiz={"0": 1}, updated_at=100.0)
    mine = LessonProgress(status="in-progress", params={"lr": 0.5}, hints_used=1, quiz={"1": 0}, updated_at=200.0)
    merged = merge_lesson(disk, mine)
    assert merged.status == "complete" and merged.completed_at == "2026-01-02T00:00:00Z"
    assert merged.params == {"lr": 0.5} and merged.hints_used == 2 and merged.quiz == {"0": 1, "1": 0}
    older_mine = LessonProgress(status="complete", completed_at="2026-01-01T00:00:00Z", params={"lr": 3.0},
                                updated_at=50.0)
    merged = merge_lesson(disk, older_mine)
    assert merged.completed_at == "2026-01-01T00:00:00Z" and merged.params == {"lr": 1.0}


def test_merge_applies_only_this_sessions_changes() -> None:
    disk = Progress(lessons={"a": LessonProgress(status="complete")}, last_lesson="a")
    mine = Progress(lessons={"b": LessonProgress(status="complete"), "c": LessonProgress(status="complete")},
                    last_lesson="b")
    merged = merge(disk, mine, {"b"}, session_fields=True)
    assert set(merged.lessons) == {"a", "b"} and merged.last_lesson == "b"
    assert merge(disk, mine, {"b"}, session_fields=False).last_lesson == "a"


def test_two_sessions_do_not_erase_each_other(path: Path) -> None:
    first, second = ProgressSession(ProgressStore(path)), ProgressSession(ProgressStore(path))
    first.complete("bowl")
    second.complete("ravine")  # second loaded before first saved: a naive save would lose "bowl"
    first.set_params("bowl", {"lr": 0.3})
    final = ProgressStore(path).load()
    assert final.lessons["bowl"].complete and final.lessons["ravine"].complete
    assert second.progress.lessons["bowl"].complete  # each session sees the other's work after saving


def test_concurrent_processes_keep_all_completions(path: Path) -> None:
    script = textwrap.dedent("""
        import sys
        from pathlib import Path
        from tutor.progress import ProgressStore
        from tutor.progress.session import ProgressSession
        path, prefix, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
        session = ProgressSession(ProgressStore(path))
        for i in range(count):
            session.complete(f"{prefix}-{i}")
    """)
    count = int(os.environ.get("GDTUTOR_TEST_SCALE", "1")) * 40
    procs = [subprocess.Popen([sys.executable, "-c", script, str(path), name, str(count)]) for name in "ab"]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    lessons = ProgressStore(path).load().lessons
    assert {f"{n}-{i}" for n in "ab" for i in range(count)} <= set(lessons)
    assert all(entry.complete for entry in lessons.values())
