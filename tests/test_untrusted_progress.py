"""Whatever sits at the progress path, gdtutor starts, says what happened in one line, and loses nothing.

Hypothesis builds progress files from the classes a hostile or damaged file falls in — any JSON
type where another is expected, nesting far beyond the recursion limit, integers of thousands of
digits, control sequences in every string, random bytes — and every kind of file is put at the path
(folder, named pipe, socket, device, symlinks to each, a dangling symlink, a symlink loop, a folder
that is a file). Bounded reading is asserted by the limit, not by a clock: the reader never reads
more than MAX_BYTES + 1 bytes, whatever the file. Valid progress round-trips exactly; damaged bytes
are kept aside byte for byte; a file gdtutor wrote is never called damaged. The lock: a stuck holder
makes a save fail with its pid named and the file untouched, a killed one is no obstacle, and a
symlink at the lock's name is refused.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.scale import figure, scaled
from tutor import bounded_read
from tutor.progress import ProgressStore
from tutor.progress import store as store_module
from tutor.progress.model import LessonProgress, Progress
from tutor.progress.reading import MAX_BYTES, MAX_DEPTH
from tutor.progress.session import ProgressSession

pytestmark = pytest.mark.slow

CONTROL = st.sampled_from(["\x1b[2J", "\x1b]52;c;aGk=\x07", "\r", "\x9b31m", "\x00", "\x7f", "\x1bP+q\x1b\\"])
TEXT = st.one_of(st.text(max_size=20), st.builds(lambda a, c, b: a + c + b, st.text(max_size=5), CONTROL,
                                                 st.text(max_size=5)))
#: A placeholder json.dumps can write, replaced by an integer of that many digits afterwards (Python
#: itself refuses to convert integers of more than 4300 digits to text).
LONG_INT = st.integers(min_value=41, max_value=6000).map(lambda n: f"\x00long:{n}")
SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), LONG_INT, st.floats(allow_nan=False), TEXT)
ANY_JSON = st.recursive(SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(TEXT, inner, max_size=4)), max_leaves=20)


def encode(data: object) -> bytes:
    text = json.dumps(data)
    return re.sub(r'"\\u0000long:(\d+)"', lambda m: "9" * int(m.group(1)), text).encode()


def deep(n: int) -> bytes:
    return b'{"schema": 2, "settings": {"x": ' + b"[" * n + b"]" * n + b"}}"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder / "progress.json"


class ReadCounter:
    """Counts the bytes the bounded reader takes from each file it opens: `most` is the largest."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.most = 0
        real_open, real_read = os.open, os.read
        per_fd: dict[int, int] = {}

        def opening(*args: object, **kwargs: object) -> int:
            fd = real_open(*args, **kwargs)  # type: ignore[arg-type]
            per_fd[fd] = 0
            return fd

        def counting(fd: int, n: int) -> bytes:
            data = real_read(fd, n)
            per_fd[fd] = per_fd.get(fd, 0) + len(data)
            self.most = max(self.most, per_fd[fd])
            return data

        monkeypatch.setattr(bounded_read.os, "open", opening)
        monkeypatch.setattr(bounded_read.os, "read", counting)


def aside(path: Path) -> list[Path]:
    return sorted(p for p in path.parent.iterdir() if ".damaged-" in p.name)


def load_quietly_bounded(path: Path, counter: ReadCounter) -> tuple[ProgressStore, Progress]:
    store = ProgressStore(path)
    progress = store.load()  # raises nothing, whatever the file
    assert counter.most <= MAX_BYTES + 1
    return store, progress


@settings(max_examples=scaled(150), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=ANY_JSON, wrap=st.booleans())
@example(data={"schema": 2, "lessons": {"a": {"hints_used": "\x00long:5000"}}}, wrap=False)
@example(data={"schema": "\x00long:4400"}, wrap=False)
def test_any_json_loads_without_raising_and_damage_is_kept(path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          data: object, wrap: bool) -> None:
    for old in aside(path):
        old.unlink()
    if wrap:
        data = {"schema": 2, "lessons": {"x": data}, "settings": {"s": data}}
    raw = encode(data)
    path.write_bytes(raw)
    store, _ = load_quietly_bounded(path, ReadCounter(monkeypatch))
    notices = [str(n) for n in store.notices]
    moved = aside(path)
    if moved:  # damaged: kept aside byte for byte, said in one notice line each
        assert moved[0].read_bytes() == raw and notices and all("\n" not in n for n in notices)
    else:  # sound (or from a newer schema): never rewritten in a way that reads back damaged
        again = ProgressStore(path)
        again.load()
        assert not any("damaged" in str(n) for n in again.notices)
    figure("progress files generated from hostile classes (loaded, damage kept)")


HOSTILE = [
    ("nesting beyond the recursion limit", deep(sys.getrecursionlimit() * 4)),
    ("nesting just past the depth limit", deep(MAX_DEPTH + 1)),
    ("an integer of 100 000 digits", b'{"schema": 2, "lessons": {"a": {"hints_used": ' + b"7" * 100_000 + b"}}}"),
    ("a float of 100 000 digits", b'{"schema": 2, "lessons": {"a": {"updated_at": 1.' + b"5" * 100_000 + b"}}}"),
    ("just over the limit", b'{"schema": 2, "settings": {"pad": "' + b"x" * (MAX_BYTES - 32) + b'"}}'),
    ("random bytes", os.urandom(4096)),
    ("a control sequence in every string", json.dumps({"schema": 2, "last_lesson": "\x1b[2J",
                                                       "lessons": {"\x1b]52;c;aGk=\x07": {"completed_at": "\r\x1b[K"}}
                                                       }).encode()),
]


@pytest.mark.parametrize(("name", "content"), HOSTILE, ids=[name for name, _ in HOSTILE])
def test_each_hostile_class(path: Path, monkeypatch: pytest.MonkeyPatch, name: str, content: bytes) -> None:
    path.write_bytes(content)
    store, progress = load_quietly_bounded(path, ReadCounter(monkeypatch))
    if name.startswith("a control"):  # valid progress: loaded as it is (shown safely by the faces)
        assert store.notices == [] and progress.last_lesson == "\x1b[2J"
        return
    [moved] = aside(path)
    assert moved.read_bytes() == content
    [notice] = store.notices
    assert "\n" not in str(notice)


def test_a_file_past_the_limit_is_never_read_whole(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with path.open("wb") as file:
        file.truncate(MAX_BYTES * 8)  # (sparse: eight times the limit, costing no disk)
    counter = ReadCounter(monkeypatch)
    load_quietly_bounded(path, counter)
    assert counter.most == MAX_BYTES + 1


@settings(max_examples=scaled(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lessons=st.dictionaries(TEXT.filter(bool), st.builds(
    LessonProgress, status=st.sampled_from(["not-started", "in-progress", "complete"]),
    completed_at=st.one_of(st.none(), TEXT), hints_used=st.integers(0, 999),
    params=st.dictionaries(TEXT, st.one_of(st.integers(-10**30, 10**30), st.floats(allow_nan=False,
                                                                                    allow_infinity=False),
                                            TEXT, st.booleans()), max_size=3),
    quiz=st.dictionaries(st.integers(0, 20).map(str), st.integers(0, 8), max_size=3),
    updated_at=st.floats(0, 2e9)), max_size=6), last=st.one_of(st.none(), TEXT))
def test_valid_progress_is_never_lost(path: Path, lessons: dict[str, LessonProgress], last: str | None) -> None:
    for entry in lessons.values():
        if entry.completed_at:
            entry.status = "complete"
    progress = Progress(lessons=lessons, last_lesson=last, settings={"lang": "ko"})
    store = ProgressStore(path)
    assert store.replace(lambda _old: progress) is not None
    again = ProgressStore(path)
    loaded = again.load()
    assert again.notices == [] and loaded == progress
    figure("valid progress records saved and read back whole")


def test_a_large_file_gdtutor_wrote_is_read_back(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Indented, this record crosses the reader's limit; the writer drops the indentation first."""
    def entry() -> LessonProgress:
        return LessonProgress(status="complete", completed_at="2026-01-01T00:00:00Z",
                              params={"lr": 0.5, "steps": 30}, quiz={"0": 1})

    # as many lessons as fill nine tenths of the limit written compactly (whatever fields a record has)
    one = len(json.dumps({"lesson-100000": entry().to_json()}, separators=(",", ":")).encode())
    many = {f"lesson-{i}": entry() for i in range(int(0.9 * MAX_BYTES / one))}
    progress = Progress(lessons=many)
    indented = len(json.dumps(progress.to_json(), indent=2).encode())
    assert indented > MAX_BYTES
    assert ProgressStore(path).replace(lambda _old: progress) is not None
    assert path.stat().st_size <= MAX_BYTES
    again = ProgressStore(path)
    assert again.load() == progress and again.notices == []


def test_a_record_too_large_for_any_file_is_refused_and_the_old_file_kept(path: Path) -> None:
    session = ProgressSession(ProgressStore(path))
    session.complete("bowl")
    before = path.read_bytes()
    session.set_setting("notes", "x" * (MAX_BYTES + 10))
    assert path.read_bytes() == before
    [notice] = [str(n) for n in session.take_notices()]
    assert "more than the" in notice and "\n" not in notice


# -- what kind of file sits at the path -----------------------------------------------------------


def gdtutor(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GDTUTOR_HOME": str(home), "GDTUTOR_LANG": "en"}
    return subprocess.run([sys.executable, "-m", "tutor", *args], capture_output=True, text=True, env=env,
                          timeout=120, stdin=subprocess.DEVNULL)


def make_kind(kind: str, path: Path) -> None:
    target = path.parent / "elsewhere"
    if kind == "folder":
        path.mkdir()
    elif kind == "named pipe":
        os.mkfifo(path)
    elif kind == "socket":
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(path))
        sock.close()
    elif kind == "symlink to a device":
        path.symlink_to("/dev/zero")
    elif kind == "symlink to a pipe":
        os.mkfifo(target)
        path.symlink_to(target)
    elif kind == "symlink to a folder":
        target.mkdir()
        path.symlink_to(target)
    elif kind == "symlink loop":
        path.symlink_to(path.name)
    elif kind == "dangling symlink":
        path.symlink_to(target)
    elif kind == "symlink to a file":
        target.write_text(json.dumps({"schema": 2, "lessons": {"bowl": {"status": "complete"}}}))
        path.symlink_to(target)
    elif kind == "folder that is a file":
        path.parent.rmdir()
        path.parent.write_text("not a folder")


KINDS = ["folder", "named pipe", "socket", "symlink to a device", "symlink to a pipe", "symlink to a folder",
         "symlink loop", "dangling symlink", "symlink to a file", "folder that is a file"]


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_of_file_at_the_path(tmp_path: Path, kind: str) -> None:
    home = tmp_path / "home"
    home.mkdir()
    path = home / "progress.json"
    make_kind(kind, path)
    for args in (["progress"], ["list"], ["--help"], ["reset", "--yes"]):
        done = gdtutor(*args, home=home)
        assert "Traceback" not in done.stderr, (args, done.stderr)
        if args == ["--help"]:
            assert done.returncode == 0
            continue
        if kind in ("symlink to a file", "dangling symlink"):
            assert done.returncode == 0 and done.stderr == "", (args, done.stderr)
            continue
        lines = done.stderr.strip().splitlines()
        assert lines and str(path.parent if kind == "folder that is a file" else home) in lines[0], done.stderr
        assert done.returncode in (0, 1)  # (reset cannot change such a file, and says so)
    if kind in ("symlink to a file", "dangling symlink"):  # respected: the link stays, its target is written
        assert path.is_symlink()
        assert json.loads(path.read_text())["lessons"] == {}
    figure("kinds of file put at the progress path (each command answered)")


def test_a_symlink_is_read_and_written_through(path: Path) -> None:
    target = path.parent / "real" / "progress.json"
    target.parent.mkdir()
    path.symlink_to(target)
    session = ProgressSession(ProgressStore(path))
    session.complete("bowl")
    assert path.is_symlink() and ProgressStore(target).load().lessons["bowl"].complete
    session = ProgressSession(ProgressStore(path))
    assert session.progress.lessons["bowl"].complete


# -- the lock ------------------------------------------------------------------------------------

HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from tutor.progress.locking import locked
    with locked(Path(sys.argv[1]), 5.0):
        print("held", flush=True)
        time.sleep(600)
""")


def test_a_stuck_holder_makes_the_save_fail_and_a_killed_one_does_not(path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    session = ProgressSession(ProgressStore(path))
    session.complete("bowl")
    before = path.read_bytes()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path) + ".lock"], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        monkeypatch.setattr(store_module, "LOCK_TIMEOUT", 0.2)
        session.complete("ravine")  # (recorded; the save waits for the lock, then gives up)
        assert path.read_bytes() == before  # never written unlocked
        [notice] = [str(n) for n in session.take_notices()]
        assert f"process {holder.pid}" in notice and "\n" not in notice
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    assert session.save()  # the dead holder's lock went with it: the pending change is saved now
    assert ProgressStore(path).load().lessons["ravine"].complete
    figure("saves refused while a stuck process held the lock (file untouched)")


def test_the_lock_file_is_never_followed_through_a_symlink(path: Path) -> None:
    victim = path.parent / "victim.txt"
    victim.write_text("keep me")
    (path.parent / "progress.json.lock").symlink_to(victim)
    session = ProgressSession(ProgressStore(path))
    session.complete("bowl")
    assert victim.read_text() == "keep me" and not path.exists()
    [notice] = [str(n) for n in session.take_notices()]
    assert "symlink" in notice


def test_a_valid_file_just_under_the_limit_is_read_whole(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    head = b'{"schema": 2, "settings": {"pad": "'
    tail = b'"}, "lessons": {"bowl": {"status": "complete"}}}'
    path.write_bytes(head + b"x" * (MAX_BYTES - len(head) - len(tail)) + tail)
    assert path.stat().st_size == MAX_BYTES
    store, progress = load_quietly_bounded(path, ReadCounter(monkeypatch))
    assert store.notices == [] and progress.lessons["bowl"].complete and aside(path) == []


def test_digits_python_knows_but_int_does_not_read_are_no_numbers(path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """`"¹".isdigit()` is true and `int("¹")` raises: quiz keys, temporary files' names and lesson
    numbers from outside are never converted on the strength of isdigit() alone."""
    from click.testing import CliRunner

    from tutor.cli.root import cli
    from tutor.lessons.loader import load_course

    monkeypatch.setenv("GDTUTOR_HOME", str(path.parent))
    path.write_text(json.dumps({"schema": 2, "lessons": {"learning-rate": {
        "status": "complete", "quiz": {"\u00b9": 1, "9" * 5000: 0, "0": 1}}}}))
    (path.parent / ".progress.json.\u00b9.x.tmp").write_text("left by someone")
    for args in (["progress"], ["show", "\u00b9"], ["reset", "--yes"]):
        result = CliRunner().invoke(cli, args)
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
    assert load_course().find("\u00b9") is None and load_course().find("004").id == "learning-rate"
