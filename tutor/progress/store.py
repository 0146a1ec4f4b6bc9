"""Reading and writing the progress file so that nothing the learner achieved is ever lost.

The guarantees, each tested with real processes in tests/:

- Atomic: a save writes a private temporary file beside the real one, flushes and fsyncs it, and
  renames it over the old one; a crash or a kill at any moment leaves the old file or the new one.
- Merged: saves take a lock, re-read the file, and apply only this session's changes on top, so two
  sessions of one learner (two SSH logins) never erase each other's completions.
- Damage is never silently overwritten: a file that cannot be read is moved aside with a timestamp
  (what could be salvaged is kept), and the learner is told where it went.
- A file from a newer gdtutor is left untouched: this session runs without saving and says so.
  A file from an older one is upgraded, after a copy of it is kept beside it (`.schema-N-STAMP`).
- A save that fails (disk full, read-only, no permission) leaves the previous file intact, is
  reported once, and the tutor goes on.
- Private: the folder is created 0700 and the files 0600.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path

from tutor.progress.location import progress_path
from tutor.progress.model import SCHEMA_VERSION, Progress, from_json, merge, upgrade
from tutor.text import Msg

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: saves stay atomic, merging is best-effort
    fcntl = None  # type: ignore[assignment]

#: A progress file larger than this is not progress: it is treated as damaged.
MAX_BYTES = 5_000_000
LOCK_TIMEOUT = 5.0


class _Damaged(Exception):
    def __init__(self, reason: str, salvaged: Progress | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.salvaged = salvaged


class ProgressStore:
    """The learner's progress file. Faces show `notices` (and clear them) after each call."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or progress_path()
        self.read_only = False
        self.notices: list[Msg] = []
        self._save_failure: str | None = None
        #: (schema, bytes) of the file last read, when it came from an older gdtutor.
        self._older: tuple[int, bytes] | None = None
        #: Every lesson this session knows must go into the next save, not only the changed ones:
        #: the file was found damaged and what could be salvaged is not written yet.
        self._whole_record_pending = False

    # -- reading ----------------------------------------------------------------------------------

    def load(self) -> Progress:
        """The saved progress; a fresh record if there is none or it could not be read."""
        try:
            progress = self._read()
        except FileNotFoundError:
            return Progress()
        except _Damaged as damaged:
            try:
                aside = self._move_aside()
            except OSError:
                aside = None
            progress = damaged.salvaged or Progress()
            if aside is None:
                self.notices.append(Msg("Your progress file {path} is damaged ({reason}) and could not be "
                                        "moved aside; this session will not save, so it stays as it is.",
                                        path=str(self.path), reason=damaged.reason))
                self.read_only = True
                return progress
            self.notices.append(Msg("Your progress file was damaged ({reason}). It was moved to {aside}; "
                                    "{kept}", reason=damaged.reason, aside=str(aside),
                                    kept=Msg("what could be read was kept.") if damaged.salvaged
                                    else Msg("a new one was started.")))
            if damaged.salvaged is not None:
                self._whole_record_pending = True
                self.save(progress, set(progress.lessons), session_fields=True)
            return progress
        except OSError as exc:
            self.read_only = True
            self.notices.append(Msg("Cannot read your progress file {path} ({reason}); this session will "
                                    "not save, so the file stays as it is.", path=str(self.path),
                                    reason=exc.strerror or str(exc)))
            return Progress()
        if self._older is not None and not self.read_only:  # upgrade the file now, keeping a copy
            self.save(progress, set(progress.lessons), session_fields=True)
        return progress

    def _read(self) -> Progress:
        """The file's progress, or _Damaged; switches to read-only for a newer schema, and notes an
        older one in `_older` (its data upgraded in what is returned)."""
        self._older = None
        if self.path.stat().st_size > MAX_BYTES:
            raise _Damaged(f"larger than {MAX_BYTES} bytes")
        raw = self.path.read_bytes()
        if not raw.strip():
            raise _Damaged("empty")
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            raise _Damaged("not valid JSON") from None
        if not isinstance(data, dict):
            raise _Damaged("not a JSON object")
        schema = data.get("schema")
        if isinstance(schema, bool) or not isinstance(schema, int):
            progress, _ = from_json(data)
            raise _Damaged("no schema version", progress if progress.lessons else None)
        if schema > SCHEMA_VERSION:
            self.read_only = True
            self.notices.append(Msg("Your progress file was written by a newer gdtutor (schema {theirs}; this "
                                    "one reads {mine}). It is left untouched and this session will not save: "
                                    "upgrade gdtutor to keep your progress.", theirs=schema, mine=SCHEMA_VERSION))
            progress, _ = from_json(data)
            return progress
        if schema < SCHEMA_VERSION:
            self._older = (schema, raw)
            try:
                data = upgrade(data, schema)
            except (KeyError, TypeError, ValueError, AttributeError):
                raise _Damaged(f"cannot be upgraded from schema {schema}", None) from None
        progress, damage = from_json(data)
        if damage:
            shown = ", ".join(damage[:3]) + (" …" if len(damage) > 3 else "")
            raise _Damaged(f"unreadable fields: {shown}", progress)
        return progress

    # -- writing ----------------------------------------------------------------------------------

    def save(self, progress: Progress, changed: Iterable[str] = (), *, session_fields: bool = True,
             ) -> Progress | None:
        """Merge this session's changes into the file; the merged progress, or None if not saved.

        `changed` names the lessons this session changed since it loaded or last saved.
        """
        if self.read_only:
            return None
        try:
            merged = self._write_merged(progress, set(changed), session_fields=session_fields)
        except OSError as exc:
            self._failed(exc)
            return None
        self._succeeded()
        return merged

    def _failed(self, exc: OSError) -> None:
        """Tell the learner that saving failed, once for each new reason."""
        reason = exc.strerror or str(exc)
        if self._save_failure != reason:
            self._save_failure = reason
            self.notices.append(Msg("Progress cannot be saved to {path}: {reason}. The tutor goes on; "
                                    "your earlier progress is untouched.", path=str(self.path),
                                    reason=reason))

    def _succeeded(self) -> None:
        if self._save_failure is not None:
            self._save_failure = None
            self.notices.append(Msg("Progress is being saved again."))

    def replace(self, update: Callable[[Progress], Progress]) -> Progress | None:
        """Apply `update(progress) -> progress` to the file under the lock (used by `gdtutor reset`)."""
        if self.read_only:
            return None
        try:
            self._make_dir()
            with self._locked():
                try:
                    disk = self._read()
                except FileNotFoundError:
                    disk = Progress()
                if self.read_only:
                    return None
                new = update(disk)
                self._keep_older_copy()
                _write_atomic(self.path, _encode(new))
        except (OSError, _Damaged) as exc:
            self._failed(exc if isinstance(exc, OSError) else OSError(str(exc)))
            return None
        self._succeeded()
        return new

    def _write_merged(self, progress: Progress, changed: set[str], *, session_fields: bool) -> Progress:
        self._make_dir()
        with self._locked():
            self._sweep_temporaries()
            try:
                disk = self._read()
            except FileNotFoundError:
                disk = Progress()
            except _Damaged as damaged:
                aside = self._move_aside()  # (if it cannot be moved, this save fails: never overwritten)
                if aside is not None:
                    self.notices.append(Msg("Your progress file was damaged ({reason}); it was moved to {aside}.",
                                            reason=damaged.reason, aside=str(aside)))
                disk = damaged.salvaged or Progress()
                self._whole_record_pending = True  # the file lost what this session knows: write it all
            if self.read_only:  # the file turned out to be from a newer gdtutor
                return progress
            if self._whole_record_pending:
                changed, session_fields = changed | set(progress.lessons), True
            merged = merge(disk, progress, changed, session_fields=session_fields)
            self._keep_older_copy()
            _write_atomic(self.path, _encode(merged))
            self._whole_record_pending = False
            return merged

    def _keep_older_copy(self) -> None:
        """Before a file from an older gdtutor is replaced, keep it byte for byte beside it."""
        if self._older is None:
            return
        schema, raw = self._older
        copy = self._free_name(f"schema-{schema}")
        _write_atomic(copy, raw)
        self._older = None
        self.notices.append(Msg("Your progress file was written by an older gdtutor (schema {theirs}); it was "
                                "upgraded to schema {mine}, and the old file is kept as {copy}.",
                                theirs=schema, mine=SCHEMA_VERSION, copy=str(copy)))

    def _make_dir(self) -> None:
        folder = self.path.parent
        if not folder.exists():
            folder.mkdir(parents=True, mode=0o700, exist_ok=True)
            os.chmod(folder, 0o700)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        if fcntl is None:
            yield
            return
        lock_path = self.path.with_name(self.path.name + ".lock")
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            deadline = time.monotonic() + LOCK_TIMEOUT
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        break  # a stuck holder must not freeze the tutor; the write stays atomic
                    time.sleep(0.005)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def _sweep_temporaries(self) -> None:
        """Delete the temporary files of saves that were killed mid-write.

        Called under the lock, when no other save is writing one; a file named for a process that
        is still alive (a save that gave up waiting for the lock) is left alone.
        """
        if fcntl is None:
            return
        prefix = f".{self.path.name}."
        try:
            names = [entry.name for entry in os.scandir(self.path.parent)]
        except OSError:
            return
        for name in names:
            pid = name[len(prefix):].split(".")[0]
            if name.startswith(prefix) and name.endswith(".tmp") and pid.isdigit() and not _alive(int(pid)):
                with contextlib.suppress(OSError):
                    os.unlink(self.path.with_name(name))

    def _free_name(self, kind: str) -> Path:
        """A path beside the file for a copy of it: `progress.json.KIND-STAMP`, numbered if taken."""
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        target = self.path.with_name(f"{self.path.name}.{kind}-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.name}.{kind}-{stamp}-{n}")
        return target

    def _move_aside(self) -> Path | None:
        """Move the damaged file aside; None if it is gone already. OSError if it cannot be moved."""
        target = self._free_name("damaged")
        try:
            os.replace(self.path, target)
        except FileNotFoundError:
            return None
        return target


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # (someone else's process)
    return True


def _encode(progress: Progress) -> bytes:
    return (json.dumps(progress.to_json(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a crash leaves either the old file or the new one, never a mix."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
