"""The learner's language for everything the faces show.

Pure layers (simulations, lessons, progress) return English `Msg` templates; the faces pass every
string they show through `_()` and every message through `render()`, which look the English text up
in the current language's catalog. English needs no catalog; each other language is a gettext
catalog, `tutor/locale/<code>/LC_MESSAGES/gdtutor.po` (what a translator edits), read at run time
from the `gdtutor.mo` compiled from it (tutor.locale.compile) by the standard library's `gettext`, on
first use. A missing or damaged catalog shows English rather than failing.

Which language: `--lang`, else `GDTUTOR_LANG`, else the one the learner last chose in the app, else
the locale as gettext reads it (`LANGUAGE`, a list such as `ko:en`, then `LC_ALL`, `LC_MESSAGES`,
`LANG`), else English.

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
import functools
import gettext
import os
import struct
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from tutor.text import Msg

#: Every language gdtutor speaks, by code, with its own name for itself.
LANGUAGES: Mapping[str, str] = {"en": "English", "ko": "한국어"}
DEFAULT = "en"
LOCALE_DIR = Path(__file__).parent / "locale"
#: The gettext domain of gdtutor's catalogs: `LOCALE_DIR/<code>/LC_MESSAGES/gdtutor.mo`.
DOMAIN = "gdtutor"

_catalogs: dict[str, gettext.NullTranslations] = {}


@dataclass(frozen=True)
class Translator:
    """One language's interface texts: English text in, that language's text out."""

    code: str
    catalog: gettext.NullTranslations

    def gettext(self, text: str) -> str:
        """`text` (English) in this language; unchanged where there is no translation."""
        return self.catalog.gettext(text)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form of a message for `n` things, in this language."""
        return self.catalog.ngettext(singular, plural, n)

    def render(self, message: Msg | str) -> str:
        return message.render(self.gettext) if isinstance(message, Msg) else self.gettext(message)


def translator(code: str) -> Translator:
    """The translator of `code` (an unknown code means English)."""
    code = code if code in LANGUAGES else DEFAULT
    return Translator(code, catalog(code))


#: What a context where no language was chosen speaks.
ENGLISH = Translator(DEFAULT, gettext.NullTranslations())


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


def catalog(code: str) -> gettext.NullTranslations:
    """The gettext catalog of a language, loaded once (English, or a missing or damaged catalog,
    translates nothing)."""
    if code not in _catalogs:
        found: gettext.NullTranslations = gettext.NullTranslations()
        if code != DEFAULT:
            with contextlib.suppress(OSError, ValueError, LookupError, struct.error):  # (missing, or not a catalog)
                found = gettext.translation(DOMAIN, LOCALE_DIR, languages=[code])
        _catalogs[code] = found
    return _catalogs[code]


def table(code: str) -> dict[str, str]:
    """A language's translations, English text -> translation (empty for English), read from the
    catalog's .po file: for checks that compare texts, not for showing them."""
    return dict(_po_table(LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"))


@functools.lru_cache(maxsize=8)
def _po_table(path: Path) -> Mapping[str, str]:
    from tutor.locale.po import PoError, read_po

    try:
        entries = read_po(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, PoError):
        return {}
    texts: dict[str, str] = {}
    for entry in entries:
        if entry.msgid and entry.translated:
            texts[entry.msgid] = entry.msgstr[0]
            if entry.msgid_plural is not None:
                texts[entry.msgid_plural] = entry.msgstr[-1]
    return texts


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
    """The language of the locale, read the way GNU gettext does.

    The locale is the first of LC_ALL, LC_MESSAGES and LANG that is set (so LC_ALL=C wins over
    LANG=ko_KR.UTF-8). Where it is set to a real locale (not C, C.UTF-8 or POSIX), `LANGUAGE` comes
    first: a colon-separated list of languages in order of preference (`ko:en`), the first gdtutor
    speaks wins, and a list naming none of them means English. In the C locale gettext ignores
    `LANGUAGE`, and so does gdtutor. None when no locale is set at all."""
    environ = os.environ if environ is None else environ
    locale = next((environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(name)), None)
    if locale is None:
        return None
    preferences = environ.get("LANGUAGE", "")
    if preferences and locale.split(".")[0] not in ("C", "POSIX"):
        return next((code for code in map(parse_code, preferences.split(":")) if code), DEFAULT)
    return parse_code(locale) or DEFAULT


def choose_language(flag: str | None = None, saved: str | None = None,
                    environ: Mapping[str, str] | None = None) -> str:
    """`--lang`, else `GDTUTOR_LANG`, else the language saved from the app, else the locale (with
    `LANGUAGE`), else English."""
    environ = os.environ if environ is None else environ
    for candidate in (flag, environ.get("GDTUTOR_LANG"), saved):
        code = parse_code(candidate)
        if code:
            return code
    return locale_language(environ) or DEFAULT
