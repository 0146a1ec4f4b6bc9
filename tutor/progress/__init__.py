"""The learner's saved progress: one versioned JSON file, written atomically, merged on save.

`ProgressStore(path).load()` and `.save(progress, changed)` are the whole interface; see
`tutor.progress.store` for the guarantees and `tutor.progress.model` for the file's schema.

The names below are loaded on first use: `gdtutor --help` reads where the file is (for the language
saved in it) without paying for the store.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {"data_dir": "location", "progress_path": "location", "SCHEMA_VERSION": "model",
          "LessonProgress": "model", "Progress": "model", "ProgressStore": "store"}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f"tutor.progress.{_WHERE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
