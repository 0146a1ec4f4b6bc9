"""The course cache (tutor.lessons.course_cache): a hit gives exactly what parsing gives, any change to
a lesson is a miss, and whatever sits in the cache folder never stops the course from loading."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.course_cache_fixtures import cache_folder, counted_parses
from tutor.lessons import course_cache, loader
from tutor.lessons.paths import builtin_lessons_dir


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return cache_folder(tmp_path, monkeypatch)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The folders the loader itself parsed (a cache hit parses none)."""
    return counted_parses(monkeypatch)


def aged_copy(tmp_path: Path) -> Path:
    """A copy of the built-in course whose files last changed long ago (so the cache keeps it)."""
    folder = tmp_path / "course"
    shutil.copytree(builtin_lessons_dir(), folder)
    return folder


def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files just written count as settled (their ctime cannot be set back)."""
    monkeypatch.setattr(course_cache, "RECENT", -1e12)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_hit_is_the_course_the_loader_parses(cache: Path, parses: list[Path], lang: str) -> None:
    first = course_cache.load_course(builtin_lessons_dir(), lang)
    assert len(parses) == 1 and list(cache.glob("*.json"))
    again = course_cache.load_course(builtin_lessons_dir(), lang)
    assert len(parses) == 1  # (read from the cache)
    fresh = loader.load_course(builtin_lessons_dir(), lang)
    assert again == fresh == first
    assert again.lang == lang and [lesson.lang for lesson in again.lessons] == [x.lang for x in fresh.lessons]


def test_a_changed_lesson_is_parsed_again(cache: Path, parses: list[Path], tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    settled(monkeypatch)
    folder = aged_copy(tmp_path)
    before = course_cache.load_course(folder)
    lesson = before.lessons[0]
    text = lesson.path.read_text(encoding="utf-8")
    title_line = next(line for line in text.splitlines() if line.startswith("title"))
    renamed = title_line.replace(lesson.title, "X" * len(lesson.title))  # (same size)
    lesson.path.write_text(text.replace(title_line, renamed, 1), encoding="utf-8")
    info = lesson.path.stat()
    os.utime(lesson.path, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))
    after = course_cache.load_course(folder)
    assert len(parses) == 2
    assert after.lessons[0].title == "X" * len(lesson.title)


def test_a_new_lesson_file_is_parsed_again(cache: Path, parses: list[Path], tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    settled(monkeypatch)
    folder = aged_copy(tmp_path)
    course_cache.load_course(folder)
    (folder / "zz-broken.md").write_text("no front matter\n", encoding="utf-8")
    after = course_cache.load_course(folder)
    assert len(parses) == 2
    assert folder / "zz-broken.md" in after.broken


def test_a_course_being_edited_is_not_kept(cache: Path, parses: list[Path], tmp_path: Path) -> None:
    folder = aged_copy(tmp_path)  # (its files changed just now)
    course_cache.load_course(folder)
    course_cache.load_course(folder)
    assert len(parses) == 2
    assert not list(cache.glob("*.json"))


def _cache_file(cache: Path) -> Path:
    course_cache.load_course(builtin_lessons_dir())
    (found,) = cache.glob("*.json")
    return found


DAMAGE = {
    "garbage": lambda data: b"\x00\xff not json",
    "truncated": lambda data: data[: len(data) // 2],
    "empty": lambda data: b"",
    "other key": lambda data: data.replace(b'"key":"', b'"key":"0', 1),
    "deep nesting": lambda data: b"[" * 100_000 + b"]" * 100_000,
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_cache_file_is_passed_over(cache: Path, parses: list[Path], damage: str) -> None:
    path = _cache_file(cache)
    path.write_bytes(DAMAGE[damage](path.read_bytes()))
    course = course_cache.load_course(builtin_lessons_dir())
    assert len(parses) == 2
    assert course == loader.load_course(builtin_lessons_dir())


def _forged(path: Path, change: object) -> None:
    """The cache file under its right key, with its first lesson's title replaced by `change`."""
    data = json.loads(path.read_text(encoding="utf-8"))
    lessons = data["course"][1]
    lessons[0][2] = change  # ["Lesson", id, title, …]
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize("title", [12, None, ["Lesson"], {"a": 1}, True])
def test_a_hand_made_cache_of_the_wrong_shape_is_passed_over(cache: Path, parses: list[Path],
                                                              title: object) -> None:
    path = _cache_file(cache)
    _forged(path, title)
    course = course_cache.load_course(builtin_lessons_dir())
    assert len(parses) == 2
    assert all(isinstance(lesson.title, str) for lesson in course.lessons)
    assert course == loader.load_course(builtin_lessons_dir())


def test_a_well_formed_edit_of_the_cache_is_read(cache: Path, parses: list[Path]) -> None:
    """(The check above is the cache's, not luck: a right-shaped edit under the right key is used.)"""
    path = _cache_file(cache)
    _forged(path, "A title from the cache")
    assert course_cache.load_course(builtin_lessons_dir()).lessons[0].title == "A title from the cache"
    assert len(parses) == 1


@pytest.mark.parametrize("kind", ["folder", "fifo", "huge"])
def test_something_other_than_a_cache_file_at_its_place(cache: Path, parses: list[Path], kind: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = course_cache.cache_file(builtin_lessons_dir(), "en")
    path.parent.mkdir(parents=True)
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        monkeypatch.setattr(course_cache, "MAX_BYTES", 10)
        path.write_bytes(b" " * 11)
    for _ in range(2):
        course = course_cache.load_course(builtin_lessons_dir())
        assert course == loader.load_course(builtin_lessons_dir())


def test_a_cache_folder_that_cannot_be_made(tmp_path: Path, parses: list[Path],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setattr(course_cache, "cache_dir", lambda: blocker / "courses")
    for _ in range(2):
        course = course_cache.load_course(builtin_lessons_dir())
        assert course.lessons
    assert len(parses) == 2
    assert blocker.read_text(encoding="utf-8") == "not a folder"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="permissions bind only a non-root user")
def test_a_read_only_cache_folder(cache: Path, parses: list[Path]) -> None:
    cache.mkdir()
    cache.chmod(0o500)
    try:
        for _ in range(2):
            assert course_cache.load_course(builtin_lessons_dir()).lessons
    finally:
        cache.chmod(0o700)
    assert len(parses) == 2


def test_no_folder_at_all_is_the_loaders_problem(cache: Path, tmp_path: Path) -> None:
    course = course_cache.load_course(tmp_path / "missing")
    assert course == loader.load_course(tmp_path / "missing")
    assert not course.lessons and course.broken


def test_old_cache_files_are_pruned(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(course_cache, "KEEP", 2)
    cache.mkdir()
    for n in range(4):
        old = cache / f"old{n}.json"
        old.write_text("{}", encoding="utf-8")
        os.utime(old, ns=(n, n))
    course_cache.load_course(builtin_lessons_dir())
    assert sorted(p.name for p in cache.glob("*.json")) == sorted(
        [course_cache.cache_file(builtin_lessons_dir(), "en").name, "old3.json"])
