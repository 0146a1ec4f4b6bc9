"""Reading a course's files: bounded, decoded, with their control characters made visible.

Both the loader (English lessons) and the translations (`x.ko.md`) read files this way, and the
glossary too; keeping it here lets each of them import it without importing the others.
"""

from __future__ import annotations

from pathlib import Path

from tutor.i18n import N_
from tutor.lessons.content_error import ContentError
from tutor.text import Msg, visible

#: Lesson files larger than this are refused; no more than this is ever read.
MAX_BYTES = 1_000_000
LESSON = N_("a lesson")


def read_text(path: Path) -> str:
    """The file's text with its control characters made visible, or ContentError if it is not a
    regular file, too large, unreadable or not UTF-8. Reading is bounded whatever the path holds."""
    return decode(read_file(path, MAX_BYTES))


def read_file(path: Path, limit: int, what: str = LESSON) -> bytes:
    """The file's bytes (at most `limit`), or ContentError saying why it cannot be read."""
    from tutor.bounded_read import NotAFile, TooLarge, read_bounded

    try:
        return read_bounded(path, limit)
    except TooLarge as exc:
        raise ContentError(path, 1, Msg("the file is {size} bytes or more; {what} may be at most {max} bytes",
                                        size=exc.size, what=Msg(what), max=limit)) from None
    except NotAFile as exc:
        raise ContentError(path, 1, Msg("cannot read the file: {reason}", reason=exc.msg)) from None
    except OSError as exc:
        raise ContentError(path, 1, Msg("cannot read the file: {reason}",
                                        reason=exc.strerror or str(exc))) from None


def decode(data: bytes) -> str:
    """UTF-8 text with its control characters (other than line ends and tabs) made visible."""
    if b"\x00" in data:
        raise ContentError(None, 1, Msg("the file is binary, not Markdown text"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ContentError(None, line, Msg("the file is not UTF-8 text (byte {pos})", pos=exc.start)) from None
    return visible(text, keep="\n\t\r")
