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
- Bounded: whatever sits at the path (any bytes, a folder, a pipe, a device, a symlink to any of
  them) is judged in bounded time and memory (see tutor.progress.reading for the limits), and the
  store never writes a file that its own reader would refuse.
- Locked or not saved: a save waits up to LOCK_TIMEOUT for the lock and then fails with a message
  naming the holder; it never writes unlocked. The lock is an OS lock (via `filelock`), so a holder
  that died has released it. The lock file is never followed through a symlink.
- Symlinks are respected: a progress file that is a symlink is read through it, and saves replace
  the file it points to, never the link.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from pathlib import Path

from tutor.atomic_write import write_atomic as _write_atomic
from tutor.bounded_read import NotAFile, TooLarge, read_bounded
from tutor.progress.location import progress_path
from tutor.progress.locking import LockTimeout, locked
from tutor.progress.model import SCHEMA_VERSION, Progress, from_json, merge, upgrade
from tutor.progress.reading import MAX_BYTES, Unreadable, parse
from tutor.progress.rebase import rebase
from tutor.text import Msg

LOCK_TIMEOUT = 5.0
#: Files up to this size are written indented for people to read; larger ones compactly.
INDENT_UP_TO = 1024 * 1024


class _Damaged(Exception):
    def __init__(self, reason: Msg | str, salvaged: Progress | None = None) -> None:
        super().__init__(str(reason))
        self.reason = reason
        self.salvaged = salvaged


class ProgressStore:
    """The learner's progress file. Faces show `notices` (and clear them) after each call."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or progress_path()
        self.read_only = False
        self.notices: list[Msg] = []
        self._save_failure: str | None = None  # (the reason last reported, in English)
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
        except NotAFile as exc:
            self.read_only = True
            self.notices.append(Msg("Your progress file {path} is {kind}, not a file; this session will not "
                                    "save. Move it away and gdtutor will start a new file there.",
                                    path=str(self.path), kind=Msg(exc.kind)))
            return Progress()
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
        try:
            raw = read_bounded(self.path, MAX_BYTES)
        except TooLarge:
            raise _Damaged(Msg("larger than {max} bytes", max=MAX_BYTES)) from None
        try:
            data = parse(raw)
        except Unreadable as exc:
            raise _Damaged(exc.reason) from None
        if not isinstance(data, dict):
            raise _Damaged(Msg("not a JSON object"))
        schema = data.get("schema")
        if isinstance(schema, bool) or not isinstance(schema, int):
            progress, _ = from_json(data)
            raise _Damaged(Msg("no schema version"), progress if progress.lessons else None)
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
                raise _Damaged(Msg("cannot be upgraded from schema {schema}", schema=schema), None) from None
        progress, damage = from_json(data)
        if damage:
            shown = ", ".join(damage[:3]) + (" …" if len(damage) > 3 else "")
            raise _Damaged(Msg("unreadable fields: {fields}", fields=shown), progress)
        return progress

    # -- writing ----------------------------------------------------------------------------------

    def save(self, progress: Progress, changed: Iterable[str] = (), *, session_fields: bool = True,
             base: Progress | None = None) -> Progress | None:
        """Merge this session's changes into the file; the merged progress, or None if not saved.

        `changed` names the lessons this session changed since it loaded or last saved; `base` is
        the record as it then was, so a lesson reset meanwhile stays reset (tutor.progress.rebase).
        """
        if self.read_only:
            return None
        try:
            merged = self._write_merged(progress, set(changed), session_fields=session_fields, base=base)
        except OSError as exc:
            self._failed(exc)
            return None
        self._succeeded()
        return merged

    def _failed(self, exc: OSError) -> None:
        """Tell the learner that saving failed, once for each new reason."""
        reason: Msg | str = exc.strerror or str(exc)
        if isinstance(exc, NotAFile):
            reason = exc.msg
        elif isinstance(exc, (LockTimeout, _TooLargeToSave)):
            reason = exc.reason
        if self._save_failure != str(reason):
            self._save_failure = str(reason)
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
                _write_atomic(self._target(), _encode(new))
        except (OSError, _Damaged) as exc:
            self._failed(exc if isinstance(exc, OSError) else OSError(str(exc)))
            return None
        self._succeeded()
        return new

    def _write_merged(self, progress: Progress, changed: set[str], *, session_fields: bool,
                      base: Progress | None = None) -> Progress:
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
            else:
                progress = rebase(disk, base, progress, changed)
            merged = merge(disk, progress, changed, session_fields=session_fields)
            self._keep_older_copy()
            _write_atomic(self._target(), _encode(merged))
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

    def _locked(self) -> contextlib.AbstractContextManager[None]:
        """The save lock, `progress.json.lock` beside the path as given (a symlinked file is locked
        where the learner's gdtutor looks for it, so every session agrees on one lock)."""
        return locked(self.path.with_name(self.path.name + ".lock"), LOCK_TIMEOUT)

    def _target(self) -> Path:
        """The file saves replace: the path itself, or the file a symlink there points to."""
        if self.path.is_symlink():
            return Path(os.path.realpath(self.path))
        return self.path

    def _sweep_temporaries(self) -> None:
        """Delete the temporary files of saves that were killed mid-write.

        Called under the lock, when no other save is writing one; a file named for a process that
        is still alive (a save that gave up waiting for the lock) is left alone.
        """
        target = self._target()
        prefix = f".{target.name}."
        try:
            names = [entry.name for entry in os.scandir(target.parent)]
        except OSError:
            return
        for name in names:
            pid = name[len(prefix):].split(".")[0]
            if (name.startswith(prefix) and name.endswith(".tmp") and pid.isascii() and pid.isdigit()
                    and not _alive(int(pid))):
                with contextlib.suppress(OSError):
                    os.unlink(target.with_name(name))

    def _free_name(self, kind: str) -> Path:
        """A path beside the file for a copy of it: `progress.json.KIND-STAMP`, numbered if taken."""
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        file = self._target()
        target = file.with_name(f"{file.name}.{kind}-{stamp}")
        n = 1
        while os.path.lexists(target):
            n += 1
            target = file.with_name(f"{file.name}.{kind}-{stamp}-{n}")
        return target

    def _move_aside(self) -> Path | None:
        """Move the damaged file aside; None if it is gone already. OSError if it cannot be moved."""
        target = self._free_name("damaged")
        try:
            os.replace(self._target(), target)
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


class _TooLargeToSave(OSError):
    def __init__(self, size: int) -> None:
        super().__init__(f"{size} bytes")
        self.reason = Msg("the record would be {size} bytes, more than the {max} a progress file may hold",
                          size=size, max=MAX_BYTES)


def _encode(progress: Progress) -> bytes:
    """The file's bytes: indented while small, compact when large, and never more than the reader
    accepts (a file gdtutor wrote is never read back as damaged)."""
    record = progress.to_json()
    data = (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    if len(data) > INDENT_UP_TO:
        data = (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    if len(data) > MAX_BYTES:
        raise _TooLargeToSave(len(data))
    return data
