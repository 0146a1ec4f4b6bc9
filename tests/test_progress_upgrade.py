"""A progress file from an older gdtutor is upgraded, and a copy of it is kept first.

Schema 1 is the first schema, so no real older file exists yet; a file that says schema 0 stands for
one. The upgrade path is also proven as it will be used the day schema 2 arrives: the tests raise
the current schema to 2 and register a migration from 1, and a real schema-1 file goes through it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tutor.progress import ProgressStore
from tutor.progress import model as progress_model
from tutor.progress import store as progress_store
from tutor.progress.session import ProgressSession

STAMP = re.compile(r"\d{8}T\d{6}Z")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder / "progress.json"


def backups(path: Path) -> list[Path]:
    return sorted(p for p in path.parent.iterdir() if ".schema-" in p.name)


def write(path: Path, schema: int, lessons: dict[str, dict]) -> bytes:
    raw = json.dumps({"schema": schema, "last_lesson": "bowl", "lessons": lessons}).encode()
    path.write_bytes(raw)
    return raw


def test_an_older_file_is_upgraded_once_and_the_original_kept(path: Path) -> None:
    original = write(path, 0, {"bowl": {"status": "complete", "params": {"lr": 1.5}}})
    store = ProgressStore(path)
    progress = store.load()
    assert progress.lessons["bowl"].complete and progress.lessons["bowl"].params == {"lr": 1.5}
    assert progress.last_lesson == "bowl"
    [kept] = backups(path)
    assert kept.read_bytes() == original  # byte for byte
    assert kept.name.startswith("progress.json.schema-0-") and STAMP.search(kept.name)
    [notice] = [str(n) for n in store.notices]
    assert "older gdtutor" in notice and str(kept) in notice
    assert json.loads(path.read_text())["schema"] == progress_model.SCHEMA_VERSION  # written at once
    again = ProgressStore(path)
    assert again.load().lessons["bowl"].complete and again.notices == []
    assert len(backups(path)) == 1  # upgraded once, kept once


def test_a_migration_runs_on_a_real_older_file(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = write(path, 1, {"bowl": {"status": "complete", "params": {"lr": 1.5}, "hints_used": 1}})

    def rename_lr(data: dict) -> dict:  # schema 2 (imagined): the learning rate is called "eta"
        for entry in data["lessons"].values():
            entry["params"] = {("eta" if k == "lr" else k): v for k, v in entry["params"].items()}
        return data

    monkeypatch.setattr(progress_model, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(progress_store, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(progress_model.MIGRATIONS, 1, rename_lr)
    session = ProgressSession(ProgressStore(path))
    assert session.progress.lessons["bowl"].params == {"eta": 1.5}
    assert session.progress.lessons["bowl"].hints_used == 1 and session.progress.lessons["bowl"].complete
    assert "older gdtutor" in str(session.take_notices()[0])
    [kept] = backups(path)
    assert kept.read_bytes() == original and kept.name.startswith("progress.json.schema-1-")
    on_disk = json.loads(path.read_text())
    assert on_disk["schema"] == 2 and on_disk["lessons"]["bowl"]["params"] == {"eta": 1.5}
    session.complete("ravine")  # and the session saves as usual
    assert ProgressStore(path).load().lessons["ravine"].complete
    assert len(backups(path)) == 1


def test_without_room_for_the_copy_the_old_file_stays_untouched(path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                ) -> None:
    """A monkeypatched failure: the copy's write fails, as on a full disk."""
    original = write(path, 0, {"bowl": {"status": "complete"}})
    real = progress_store._write_atomic

    def full(target: Path, data: bytes) -> None:
        if ".schema-" in target.name:
            raise OSError(28, "No space left on device")
        real(target, data)

    monkeypatch.setattr(progress_store, "_write_atomic", full)
    session = ProgressSession(ProgressStore(path))
    assert session.progress.lessons["bowl"].complete  # the learner still sees their progress
    notices = [str(n) for n in session.take_notices()]
    assert len(notices) == 1 and "No space left on device" in notices[0]
    session.complete("ravine")
    assert path.read_bytes() == original and backups(path) == []
