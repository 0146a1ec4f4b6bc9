"""The learner's language for everything the faces show.

Pure layers (simulations, lessons, progress) return English `Msg` templates; the faces pass every
string they show through `_()` and every message through `render()`, which look the English text up
in the current language's table. English needs no table; the others are content files,
`tutor/locale/<code>.toml`, mapping each English text to its translation, read on first use.

Which language: `--lang`, else `GDTUTOR_LANG`, else the one the learner last chose in the app, else
the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), else English.

Where the language lives: in a context variable, not a module global, so that a test, a server
session or a command can speak its own language in a `switch(code)` block without leaking it into
the next. The variable holds a `Voice`, the one mutable cell a run of gdtutor speaks through: every
asyncio task Textual starts copies the context, and so shares the voice, so when the app switches it
(`Voice.use`) every screen relabels. Threads start with an empty context: whoever starts one that
shows text (the chart runner) runs it in a copy of its own context (`contextvars.copy_context().run`).
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from tutor.text import Msg

#: Every language gdtutor speaks, by code, with its own name for itself.
LANGUAGES: Mapping[str, str] = {"en": "English", "ko": "한국어"}
DEFAULT = "en"
LOCALE_DIR = Path(__file__).parent / "locale"

_tables: dict[str, dict[str, str]] = {DEFAULT: {}}


@dataclass(frozen=True)
class Translator:
    """One language's interface texts: English text in, that language's text out."""

    code: str
    texts: Mapping[str, str]

    def gettext(self, text: str) -> str:
        """`text` (English) in this language; unchanged where there is no translation."""
        return self.texts.get(text, text)

    def render(self, message: Msg | str) -> str:
        return message.render(self.gettext) if isinstance(message, Msg) else self.gettext(message)


def translator(code: str) -> Translator:
    """The translator of `code` (an unknown code means English)."""
    code = code if code in LANGUAGES else DEFAULT
    return Translator(code, table(code))


#: What a context where no language was chosen speaks.
ENGLISH = Translator(DEFAULT, {})


class Voice:
    """The language one run speaks, shared by every task and thread started in its context."""

    def __init__(self, speaking: Translator) -> None:
        self.translator = speaking

    def use(self, code: str) -> None:
        """Speak `code` from now on, wherever this voice is heard (an unknown code means English)."""
        self.translator = translator(code)


_VOICE: contextvars.ContextVar[Voice] = contextvars.ContextVar("gdtutor_voice")


def speaking() -> Translator:
    """The translator of the current context (English where no language was chosen)."""
    current = _VOICE.get(None)
    return current.translator if current is not None else ENGLISH


def voice() -> Voice:
    """The voice of the current context, given one speaking English if it has none yet."""
    current = _VOICE.get(None)
    if current is None:
        current = Voice(ENGLISH)
        _VOICE.set(current)
    return current


@contextlib.contextmanager
def switch(code: str) -> Iterator[Voice]:
    """Speak `code` within the block (and in the tasks and copied contexts started in it)."""
    token = _VOICE.set(Voice(translator(code)))
    try:
        yield _VOICE.get()
    finally:
        _VOICE.reset(token)


def language() -> str:
    return speaking().code


def table(code: str) -> dict[str, str]:
    """The translation table of a language: English text -> translation (empty for English)."""
    if code not in _tables:
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover
            import tomli as tomllib

        path = LOCALE_DIR / f"{code}.toml"
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            data = {}  # a missing or broken table shows English rather than failing (tests check it)
        _tables[code] = {str(k): v for k, v in data.items() if isinstance(v, str) and v}
    return _tables[code]


def _(text: str) -> str:
    """`text` (English) in the learner's language; unchanged where there is no translation."""
    return speaking().gettext(text)


def N_(text: str) -> str:
    """Marks `text` as one to translate where it is defined; `_()` translates it where it is shown."""
    return text


def render(message: Msg | str) -> str:
    """A message or a plain string in the learner's language."""
    return speaking().render(message)


def parse_code(value: str | None) -> str | None:
    """A language code from `ko`, `ko_KR.UTF-8`, `en-US` or `KO`; None when it names no language of ours."""
    if not value:
        return None
    code = value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else None


def locale_language(environ: Mapping[str, str] | None = None) -> str | None:
    """The language of the locale, read the way the C library does: the first of LC_ALL, LC_MESSAGES
    and LANG that is set decides (so LC_ALL=C wins over LANG=ko_KR.UTF-8)."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return parse_code(value) or DEFAULT
    return None


def choose_language(flag: str | None = None, saved: str | None = None,
                    environ: Mapping[str, str] | None = None) -> str:
    """`--lang`, else `GDTUTOR_LANG`, else the language saved from the app, else the locale, else English."""
    environ = os.environ if environ is None else environ
    for candidate in (flag, environ.get("GDTUTOR_LANG"), saved):
        code = parse_code(candidate)
        if code:
            return code
    return locale_language(environ) or DEFAULT
