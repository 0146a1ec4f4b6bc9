"""The learner's language for everything the faces show.

Pure layers (simulations, lessons, progress) return English `Msg` templates; the faces pass every
string they show through `_()` and every message through `render()`, which look the English text up
in the current language's table. English needs no table; the others are content files,
`tutor/locale/<code>.toml`, mapping each English text to its translation, read on first use.

Which language: `--lang`, else `GDTUTOR_LANG`, else the one the learner last chose in the app, else
the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), else English.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from tutor.text import Msg

#: Every language gdtutor speaks, by code, with its own name for itself.
LANGUAGES: Mapping[str, str] = {"en": "English", "ko": "한국어"}
DEFAULT = "en"
LOCALE_DIR = Path(__file__).parent / "locale"

_language = DEFAULT
_tables: dict[str, dict[str, str]] = {DEFAULT: {}}


def language() -> str:
    return _language


def set_language(code: str) -> None:
    """Speak `code` from now on (an unknown code means English)."""
    global _language
    _language = code if code in LANGUAGES else DEFAULT


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
    if _language == DEFAULT:
        return text
    return table(_language).get(text, text)


def N_(text: str) -> str:
    """Marks `text` as one to translate where it is defined; `_()` translates it where it is shown."""
    return text


def render(message: Msg | str) -> str:
    """A message or a plain string in the learner's language."""
    if isinstance(message, Msg):
        return message.render(_)
    return _(message)


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
