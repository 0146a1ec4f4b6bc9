"""The learner's language for everything the faces show.

Pure layers (simulations, lessons, progress) return English `Msg` templates; the faces pass every
string they show through `_()` and every message through `render()`, which look the English text up
in the current language's table. English needs no table.
"""

from __future__ import annotations

from tutor.text import Msg

_language = "en"
_tables: dict[str, dict[str, str]] = {"en": {}}


def language() -> str:
    return _language


def set_language(code: str) -> None:
    global _language
    _language = code if code in _tables else "en"


def _(text: str) -> str:
    """`text` (English) in the learner's language; unchanged where there is no translation."""
    return _tables.get(_language, {}).get(text, text)


def render(message: Msg | str) -> str:
    """A message or a plain string in the learner's language."""
    if isinstance(message, Msg):
        return message.render(_)
    return _(message)
