"""What `gdtutor list` reads (tutor.lessons.listing through tutor.lessons.course_cache.load_listing):
the same ids, titles, simulations and broken files the parsed course has, read from the cache
without the course model, and a damaged or hand-made listing never shown in its place."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.course_cache_fixtures import cache_folder, counted_parses
from tutor.lessons import course_cache, loader
from tutor.lessons.listing import Entry, Listing, decode_listing, encode_listing, listing_of
from tutor.lessons.paths import builtin_lessons_dir
from tutor.lessons.problem import Problem
from tutor.text import Msg


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(course_cache, "RECENT", -1e12)  # (files just copied count as settled)
    return cache_folder(tmp_path, monkeypatch)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    return counted_parses(monkeypatch)


def _expected(directory: Path, lang: str) -> tuple[list[tuple[str, str, str]], list[Problem]]:
    """Written out from the parsed course itself, not through listing_of."""
    course = loader.load_course(directory, lang)
    return [(lesson.id, lesson.title, lesson.sim) for lesson in course.lessons], list(course.broken.values())


@pytest.fixture
def course_with_broken_file(tmp_path: Path) -> Path:
    folder = tmp_path / "course"
    shutil.copytree(builtin_lessons_dir(), folder)
    (folder / "zz-broken.md").write_text("no front matter\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_cached_listing_is_the_parsed_course(cache: Path, parses: list[Path], course_with_broken_file: Path,
                                                 lang: str) -> None:
    first = course_cache.load_listing(course_with_broken_file, lang)  # (parses, and keeps both)
    again = course_cache.load_listing(course_with_broken_file, lang)
    assert len(parses) == 1
    lessons, broken = _expected(course_with_broken_file, lang)
    for listing in (first, again):
        assert [tuple(entry) for entry in listing.lessons] == lessons
        assert list(listing.broken) == broken and broken  # (the broken file is there, with its message)
    assert again.broken[0].render() == broken[0].render()


def test_the_listing_is_read_without_the_course_model(tmp_path: Path) -> None:
    """The point of the listing: a warm `gdtutor list` never imports the model or the codec."""
    code = ("import sys; from tutor.lessons import course_cache as c; from pathlib import Path\n"
            f"c.cache_dir = lambda: Path({str(tmp_path)!r})\n"
            "c.RECENT = -1e12\n"
            "listing = c.load_listing()\n"
            "print(len(listing.lessons), 'tutor.lessons.model' in sys.modules,"
            " 'tutor.lessons.course_codec' in sys.modules)")
    cold = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    warm = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    count = str(len(loader.load_course().lessons))
    assert cold == [count, "True", "True"]  # (the first run parses the course, and keeps it)
    assert warm == [count, "False", "False"]


def _listing_part(cache: Path, change: object) -> None:
    (path,) = cache.glob("*.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["listing"] = change
    path.write_text(json.dumps(data), encoding="utf-8")


def _nested_message(depth: int) -> list[object]:
    message: list[object] = ["Msg", "end", {}]
    for _ in range(depth):
        message = ["Msg", "{a}", {"a": message}]
    return message


WRONG_LISTINGS = {
    "missing": None,
    "a list": [],
    "title a number": {"lessons": [["a", 1, "bowl"]], "broken": []},
    "short row": {"lessons": [["a", "A"]], "broken": []},
    "extra part": {"lessons": [], "broken": [], "more": 1},
    "line as text": {"lessons": [], "broken": [["x.md", "1", ["Msg", "bad", {}]]]},
    "message not a Msg": {"lessons": [], "broken": [["x.md", 1, ["Nope", "bad", {}]]]},
    "argument a dict": {"lessons": [], "broken": [["x.md", 1, ["Msg", "{a}", {"a": {"b": 1}}]]]},
    "argument named template": {"lessons": [], "broken": [["x.md", 1, ["Msg", "{template}", {"template": "t"}]]]},
    "messages nested deep": {"lessons": [], "broken": [["x.md", 1, _nested_message(50)]]},
}


@pytest.mark.parametrize("wrong", sorted(WRONG_LISTINGS))
def test_a_wrong_listing_in_the_cache_is_passed_over(cache: Path, parses: list[Path], wrong: str) -> None:
    course_cache.load_listing(builtin_lessons_dir())
    _listing_part(cache, WRONG_LISTINGS[wrong])
    listing = course_cache.load_listing(builtin_lessons_dir())
    assert [tuple(entry) for entry in listing.lessons] == _expected(builtin_lessons_dir(), "en")[0]
    assert len(parses) == 2  # (parsed again: the listing that was there was not used)


def test_a_right_shaped_listing_under_the_right_key_is_read(cache: Path, parses: list[Path]) -> None:
    """(The checks above are the listing's, not luck: a right-shaped edit is what is shown.)"""
    course_cache.load_listing(builtin_lessons_dir())
    _listing_part(cache, {"lessons": [["x", "A title from the cache", "bowl"]],
                          "broken": [["x.md", 3, ["Msg", "bad {what}", {"what": ["Msg", "thing", {}]}]]]})
    listing = course_cache.load_listing(builtin_lessons_dir())
    assert listing.lessons == (Entry("x", "A title from the cache", "bowl"),)
    assert listing.broken[0].render() == "x.md:3: bad thing"
    assert len(parses) == 1


def test_encoding_and_decoding_give_the_listing_back() -> None:
    listing = Listing((Entry("a", "Ä title", "bowl"),),
                      (Problem(Path("x.md"), 2, Msg("{n} of {m}", n=Msg("one {k}", k=1.5), m=None)),))
    again = decode_listing(json.loads(json.dumps(encode_listing(listing))))
    assert again == listing
    assert listing_of(loader.load_course()).lessons[0].id == loader.load_course().lessons[0].id


def test_a_message_json_cannot_hold_is_not_kept() -> None:
    with pytest.raises(TypeError):
        encode_listing(Listing((), (Problem(Path("x.md"), 1, Msg("{p}", p=Path("y"))),)))
