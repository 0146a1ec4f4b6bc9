"""Damaged progress files: moved aside with a timestamp, never silently replaced, whatever they hold.

tests/test_progress_store.py covers each kind of damage once; these tests combine damage with a
second fault (a full disk, a folder that refuses the move) and throw arbitrary bytes and JSON at the
reader. The full disk and the refused move are monkeypatched OS errors: tests/test_progress_real_failures.py
produces real ones where the machine allows.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.scale import figure, scaled
from tutor.progress import SCHEMA_VERSION, ProgressStore
from tutor.progress.session import ProgressSession

pytestmark = pytest.mark.slow

STAMP = re.compile(r"^progress\.json\.damaged-\d{8}T\d{6}Z(-\d+)?$")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder / "progress.json"


def aside(path: Path) -> list[Path]:
    return sorted(p for p in path.parent.iterdir() if ".damaged-" in p.name)


def test_each_damaged_file_gets_its_own_timestamped_name(path: Path) -> None:
    for content in (b"{", b"[]", b"\x00\x01"):
        path.write_bytes(content)
        ProgressStore(path).load()
    names = [p.name for p in aside(path)]
    assert len(names) == 3 and all(STAMP.match(name) for name in names), names
    assert sorted(p.read_bytes() for p in aside(path)) == sorted([b"{", b"[]", b"\x00\x01"])


def test_a_damaged_file_on_a_full_disk_is_kept_and_the_tutor_goes_on(path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Salvaging means writing what could be read; with no space for it, loading must still succeed."""
    original = json.dumps({"lessons": {"bowl": {"status": "complete"}}}).encode()  # no schema: damaged
    path.write_bytes(original)
    real_write = os.write

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    session = ProgressSession(ProgressStore(path))
    assert session.progress.lessons["bowl"].complete  # salvaged, shown
    notices = [str(n) for n in session.take_notices()]
    assert len(notices) == 2 and "damaged" in notices[0] and os.strerror(errno.ENOSPC) in notices[1]
    [moved] = aside(path)
    assert moved.read_bytes() == original
    monkeypatch.setattr(os, "write", real_write)
    session.complete("ravine")  # space again: the salvaged record and the new completion land
    saved = ProgressStore(path).load()
    assert saved.lessons["bowl"].complete and saved.lessons["ravine"].complete


def test_a_damaged_file_that_cannot_be_moved_is_never_overwritten(path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The file is damaged behind a running session's back, and the folder refuses the move aside."""
    session = ProgressSession(ProgressStore(path))
    session.complete("bowl")
    path.write_bytes(b"{ damaged meanwhile")
    real_replace = os.replace

    def refuse_aside(src: object, dst: object) -> None:
        if ".damaged-" in str(dst):
            raise OSError(errno.EACCES, os.strerror(errno.EACCES))
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", refuse_aside)
    session.complete("ravine")
    assert path.read_bytes() == b"{ damaged meanwhile"
    assert any(os.strerror(errno.EACCES) in str(n) for n in session.take_notices())
    monkeypatch.setattr(os, "replace", real_replace)
    session.complete("slope")  # the move works again: aside, then saved
    assert aside(path)[0].read_bytes() == b"{ damaged meanwhile"
    saved = ProgressStore(path).load().lessons
    assert all(saved[lesson].complete for lesson in ("bowl", "ravine", "slope"))  # bowl too: it was in the lost file


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                    max_leaves=20)
ENTRY = st.fixed_dictionaries({}, optional={
    "status": st.sampled_from(["not-started", "in-progress", "complete"]) | JSON,
    "completed_at": st.none() | st.text(max_size=20) | JSON,
    "params": st.dictionaries(st.text(max_size=6), st.floats() | st.integers() | st.text(max_size=6) | JSON,
                              max_size=3),
    "hints_used": st.integers(-5, 2000) | JSON,
    "quiz": st.dictionaries(st.text(max_size=3), st.integers() | JSON, max_size=3),
    "updated_at": st.floats() | JSON,
})
FILE = st.fixed_dictionaries({}, optional={
    "schema": st.sampled_from([SCHEMA_VERSION, SCHEMA_VERSION, 0, -1, SCHEMA_VERSION + 1]) | JSON,
    "last_lesson": st.none() | st.text(max_size=10) | JSON,
    "settings": st.dictionaries(st.text(max_size=5), JSON, max_size=3) | JSON,
    "lessons": st.dictionaries(st.text(max_size=10), ENTRY | JSON, max_size=4) | JSON,
})
CONTENT = (FILE.map(lambda d: json.dumps(d).encode())
           | JSON.map(lambda d: json.dumps(d).encode())
           | st.binary(max_size=200))


@settings(max_examples=scaled(300), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=CONTENT)
def test_whatever_the_file_holds_loading_never_fails_and_nothing_is_lost(tmp_path: Path, content: bytes) -> None:
    folder = tmp_path / "fuzz"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    path = folder / "progress.json"
    path.write_bytes(content)
    session = ProgressSession(ProgressStore(path))  # never raises
    figure("progress files of arbitrary content loaded")
    session.complete("bowl")
    kept = [p for p in folder.iterdir() if ".damaged-" in p.name or ".schema-" in p.name]
    if path.read_bytes() == content:  # untouched: only a file from a newer gdtutor is left alone
        assert session.store.read_only and b'"schema"' in content
        return
    after = ProgressStore(path).load()
    assert after.lessons["bowl"].complete
    if kept:  # damaged or older: the original is kept, byte for byte
        assert [p.read_bytes() for p in kept] == [content]
    else:  # replaced without a copy: only a sound file may be, and by a merge that keeps it all
        before = json.loads(content)
        assert before["schema"] == SCHEMA_VERSION
        for lesson_id, entry in before.get("lessons", {}).items():
            assert lesson_id in after.lessons
            if entry.get("status") == "complete" or entry.get("completed_at"):
                assert after.lessons[lesson_id].complete
