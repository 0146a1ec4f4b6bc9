"""The learner's saved progress: one versioned JSON file, written atomically, merged on save.

`ProgressStore(path).load()` and `.save(progress, changed)` are the whole interface; see
`tutor.progress.store` for the guarantees and `tutor.progress.model` for the file's schema.
"""

from tutor.progress.location import data_dir, progress_path
from tutor.progress.model import SCHEMA_VERSION, LessonProgress, Progress
from tutor.progress.store import ProgressStore

__all__ = ["SCHEMA_VERSION", "LessonProgress", "Progress", "ProgressStore", "data_dir", "progress_path"]
