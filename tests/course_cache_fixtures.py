"""What the course-cache tests and the listing tests both set up: a cache folder of the test's own,
and a record of every course the loader itself parses (a cache hit parses none)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.lessons import course_cache, loader
from tutor.lessons.model import Course


def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setattr(course_cache, "cache_dir", lambda: folder)
    return folder


def counted_parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    parsed: list[Path] = []
    real = loader.load_course

    def counting(directory: Path | None = None, lang: str = "en") -> Course:
        parsed.append(Path(directory or "."))
        return real(directory, lang)

    monkeypatch.setattr(loader, "load_course", counting)
    return parsed
