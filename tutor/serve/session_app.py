"""The app as one browser session runs it: `python -m tutor.serve.session_app [LANG]`.

The classroom server starts this once per session, with the learner's name in `GDTUTOR_LEARNER`
(checked by the server, and again here) and the course folder, if any, in `GDTUTOR_LESSONS`. It is
the terminal app itself, with two differences: progress goes to the learner's own file, and the
language is the one the learner last chose, else the server's (LANG, the argument).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

LEARNER_ENV = "GDTUTOR_LEARNER"


def _saved_language(path: Path) -> str | None:
    """The language this learner last chose in the app, read quietly (the app reports damage)."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))["settings"]["lang"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return value if isinstance(value, str) else None


def main(argv: list[str] | None = None) -> int:
    from tutor import i18n
    from tutor.progress.learners import BadLearnerName, learner_name, learner_path

    argv = sys.argv[1:] if argv is None else argv
    try:
        name = learner_name(os.environ.get(LEARNER_ENV, ""))
        path = learner_path(name)
    except BadLearnerName as exc:
        sys.stderr.write(f"{LEARNER_ENV}: {i18n.render(exc.msg)}\n")
        return 2
    server_language = i18n.parse_code(argv[0]) if argv else None
    spoken = _saved_language(path) or server_language or i18n.DEFAULT

    from tutor.progress.store import ProgressStore
    from tutor.serve.learner_app import LearnerApp

    with i18n.switch(spoken):
        LearnerApp(name, store=ProgressStore(path)).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
