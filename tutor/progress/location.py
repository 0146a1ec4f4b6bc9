"""Where progress is kept: the platform's user data folder, or `GDTUTOR_HOME` if set."""

from __future__ import annotations

import os
from pathlib import Path

FILE_NAME = "progress.json"


def data_dir() -> Path:
    override = os.environ.get("GDTUTOR_HOME")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("gdtutor", appauthor=False))


def progress_path() -> Path:
    return data_dir() / FILE_NAME
