"""Many learners on one machine: a progress file per learner name, side by side under `GDTUTOR_HOME`.

A classroom server runs one app process per browser, each for the learner who typed their name (or
followed the teacher's link). Each learner's record is `learners/<name>.json` in the data folder, an
ordinary progress file kept by `ProgressStore` with all its guarantees; the terminal app's own
`progress.json` is not touched.

A name becomes part of a file name, so it is checked before any path is built from it: letters
(any script), digits, spaces and `- _ . '`, 1 to 40 characters, not starting with a dot or a
space and not a name Windows reserves. There are no path separators, no `..`, and no control
characters, so a name can only ever name a file inside the learners folder. Names are compared
without case or width (`Ana`, `ana` and `ａｎａ` are one learner): the file is named for the folded
form, so one learner cannot get two records on a case-insensitive disk.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from tutor.progress.location import data_dir
from tutor.text import Msg

FOLDER = "learners"
MAX_LENGTH = 40
#: Punctuation a name may hold besides letters, digits and single spaces.
PUNCTUATION = frozenset("-_.'")
#: Names Windows refuses as file names, whatever the extension.
RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))})


class BadLearnerName(ValueError):
    """A name that cannot be a learner's, with a message that says why and what would do."""

    def __init__(self, msg: Msg) -> None:
        super().__init__(str(msg))
        self.msg = msg


def learner_name(raw: str) -> str:
    """`raw` as a learner's name (NFKC, spaces collapsed), or BadLearnerName saying what is wrong."""
    name = " ".join(unicodedata.normalize("NFKC", raw).split(" "))
    name = " ".join(part for part in name.split(" ") if part)
    if not name:
        raise BadLearnerName(Msg("type a name: it is what your progress is saved under"))
    if len(name) > MAX_LENGTH:
        raise BadLearnerName(Msg("a name may be at most {max} characters; this one has {n}",
                                 max=MAX_LENGTH, n=len(name)))
    for ch in name:
        if not (ch == " " or ch in PUNCTUATION or unicodedata.category(ch)[0] in "LMN"):
            shown = ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")
            raise BadLearnerName(Msg('a name may hold letters, digits, spaces and - _ . \' only, not "{ch}"',
                                     ch=shown))
    if name.startswith("."):
        raise BadLearnerName(Msg("a name may not start with a dot"))
    if name.endswith("."):
        raise BadLearnerName(Msg("a name may not end with a dot"))
    if name.split(".")[0].casefold() in RESERVED:
        raise BadLearnerName(Msg('"{name}" is a name the system reserves; add a letter or a number',
                                 name=name))
    return name


def learner_key(name: str) -> str:
    """The file stem of a valid name: one per learner, whatever the case."""
    return learner_name(name).casefold()


def learners_dir() -> Path:
    return data_dir() / FOLDER


def learner_path(name: str) -> Path:
    """Where `name`'s progress is kept; BadLearnerName for a name that is not one."""
    return learners_dir() / f"{learner_key(name)}.json"


def learner_files() -> list[tuple[str, Path]]:
    """Every learner with a progress file, as (name, path), sorted by name.

    Only files whose stem is a valid, already-folded name count: lock files, temporaries, damaged
    copies and anything a person dropped in the folder are not learners."""
    folder = learners_dir()
    try:
        paths = sorted(p for p in folder.iterdir() if p.suffix == ".json" and p.is_file())
    except OSError:
        return []
    found = []
    for path in paths:
        try:
            if learner_key(path.stem) == path.stem:
                found.append((path.stem, path))
        except BadLearnerName:
            continue
    return found
