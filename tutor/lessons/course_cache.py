"""The parsed course kept between runs, so `gdtutor list` and the app's home do not parse every lesson.

Loading the course reads and validates 28 Markdown files with TOML front matter, quiz and predict
blocks: most of what `gdtutor list` costs, and time the app spends before its home screen paints.
The result is kept as JSON (tutor.lessons.course_codec) in the user cache folder, one file per
course folder and language, under a key made of everything the result depends on: gdtutor's version,
the size, times and inode of every file in the course folder (and in the built-in course, which a
pack may extend), and those of the loader's and the simulations' source files. Any change to any of
them is a different key, and the course is parsed again.

A file changed within the last RECENT seconds may change again without its times moving (they tick
in steps of a few milliseconds), so while any is that fresh nothing is written: a course being
edited is always parsed.

The cache only ever saves time: a missing, stale, damaged, oversized or hand-made file, or a folder
that cannot be written, is passed over silently and the lessons are parsed as if it were not there.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from tutor import __version__
from tutor.lessons.listing import Listing, decode_listing, encode_listing, listing_of
from tutor.lessons.paths import builtin_lessons_dir, default_lessons_dir

if TYPE_CHECKING:
    from tutor.lessons.model import Course

#: Bumped when the cache's layout changes, or what the same files load to (2: fences found by
#: markdown-it-py; 3: the listing kept beside the course, the key kept whole).
LAYOUT = 3
#: Larger than any course's file (the built-in course's is about 0.3 MB); larger is not ours.
MAX_BYTES = 16 << 20
#: Seconds since the newest change to a file the course depends on before its result is kept.
RECENT = 2.0
#: Cache files kept; the least recently written go first (tests and packs each make one).
KEEP = 16
_PACKAGE = Path(__file__).resolve().parent.parent
#: The source files whose code decides what loading a course gives.
_SOURCES = ("lessons", "sims", "text.py")


def load_course(directory: Path | None = None, lang: str = "en") -> Course:
    """What tutor.lessons.loader.load_course gives for `directory` and `lang`, from the cache when
    nothing it depends on has changed."""
    directory = directory or default_lessons_dir()
    key, newest = _key_of(directory, lang)
    if key is not None:
        cached = read(cache_file(directory, lang), key)
        if cached is not None:
            return cached
    return _parsed(directory, lang, key, newest)


def load_listing(directory: Path | None = None, lang: str = "en") -> Listing:
    """The listing of what load_course gives (tutor.lessons.listing), from the cache without
    decoding the course when nothing it depends on has changed."""
    directory = directory or default_lessons_dir()
    key = _key_of(directory, lang)[0]
    if key is not None:
        cached = _read_part(cache_file(directory, lang), key, "listing")
        if cached is not None:
            with contextlib.suppress(ValueError):
                return decode_listing(cached)
    return listing_of(load_course(directory, lang))


def _key_of(directory: Path, lang: str) -> tuple[str | None, int]:
    try:
        return course_key(directory, lang)
    except OSError:  # (no such folder, or one that cannot be listed: the loader says so)
        return None, 0


def _parsed(directory: Path, lang: str, key: str | None, newest: int) -> Course:
    from tutor.lessons import loader

    course = loader.load_course(directory, lang)
    if key is not None and time.time_ns() - newest > RECENT * 1e9:
        write(cache_file(directory, lang), key, course)
    return course


def cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("gdtutor", appauthor=False)) / "courses"


def cache_file(directory: Path, lang: str) -> Path:
    """The cache file for `directory` in `lang`: named by two checksums of the two (a clash would only
    make two courses take turns at one file, each parsed when the other was kept; the key inside
    tells them apart). Not hashlib's digests: loading OpenSSL is a few milliseconds of `gdtutor list`."""
    name = f"{os.path.abspath(directory)}\0{lang}".encode("utf-8", "surrogateescape")
    return cache_dir() / f"{zlib.crc32(name):08x}{zlib.adler32(name):08x}.json"


def course_key(directory: Path, lang: str) -> tuple[str, int]:
    """Everything loading `directory` in `lang` depends on, written out (a few kilobytes, compared
    whole), and the time of the newest change to any of it (ns); OSError if it cannot be read."""
    digest = _Lines(f"{LAYOUT}\0{__version__}\0{lang}\0{os.path.abspath(directory)}\n")
    newest = [_add_entry(digest, str(directory), os.stat(directory))]
    for folder in (directory, builtin_lessons_dir()):
        newest.append(_add_folder(digest, folder, recursive=False))
    for name in _SOURCES:
        path = _PACKAGE / name
        if path.is_dir():
            newest.append(_add_folder(digest, path, recursive=True))
        else:
            newest.append(_add_entry(digest, str(path), os.stat(path)))
    return "".join(digest.lines), max(newest)


class _Lines:
    """What the key is made of, line by line."""

    def __init__(self, first: str) -> None:
        self.lines = [first]

    def update(self, line: str) -> None:
        self.lines.append(line)


def _add_folder(digest: _Lines, folder: Path, recursive: bool) -> int:
    with os.scandir(folder) as entries:
        found = sorted(entries, key=lambda entry: entry.name)
    newest = 0
    for entry in found:
        if recursive and entry.name == "__pycache__":
            continue
        info = entry.stat()  # (follows a symlink: a linked lesson's own times count)
        newest = max(newest, _add_entry(digest, entry.path, info))
        if recursive and entry.is_dir():
            newest = max(newest, _add_folder(digest, Path(entry.path), recursive=True))
    return newest


def _add_entry(digest: _Lines, path: str, info: os.stat_result) -> int:
    digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ctime_ns}\0{info.st_ino}\0"
                  f"{info.st_mode}\n")
    return max(info.st_mtime_ns, info.st_ctime_ns)


def read(path: Path, key: str) -> Course | None:
    """The course cached at `path` under `key`, or None for anything else that may be there."""
    data = _read_part(path, key, "course")
    if data is None:
        return None
    from tutor.lessons.course_codec import Undecodable, decode_course

    try:
        return decode_course(data)
    except (Undecodable, RecursionError):
        return None


def _read_part(path: Path, key: str, part: str) -> object | None:
    """The `part` of the cache file at `path` if it was written under `key` (None otherwise)."""
    from tutor.bounded_read import TooLarge, read_bounded

    try:
        data = json.loads(read_bounded(path, MAX_BYTES))
    except (OSError, TooLarge, ValueError, RecursionError):
        return None
    return data.get(part) if isinstance(data, dict) and data.get("key") == key else None


def write(path: Path, key: str, course: Course) -> None:
    """Keep `course` at `path` under `key`, if the cache folder can be written; silently not otherwise."""
    from tutor.atomic_write import write_atomic
    from tutor.lessons.course_codec import encode

    try:
        data = json.dumps({"key": key, "course": encode(course), "listing": encode_listing(listing_of(course))},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except (TypeError, ValueError, RecursionError):  # (something a course does not usually hold: not kept)
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(path, data, durable=False)  # (a cache: a lost write is parsed again)
        _prune(path.parent)
    except OSError:
        return


def _prune(folder: Path) -> None:
    """Keep only the KEEP most recently written cache files."""
    files = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in files[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
