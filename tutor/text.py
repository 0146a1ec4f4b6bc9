"""Messages that stay language-free until a face shows them.

Simulations and the lesson loader are pure: they cannot know which language the learner reads. They
return `Msg` objects (an English template plus its arguments); the CLI or the app renders them with
the learner's translation table. `str(msg)` gives the English text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any


def _identity(text: str) -> str:
    return text


class Msg:
    """An English template such as "diverged at step {step}" with its arguments."""

    __slots__ = ("args", "template")

    def __init__(self, template: str, **args: Any) -> None:
        self.template = template
        self.args: Mapping[str, Any] = args

    def render(self, translate: Callable[[str], str] = _identity) -> str:
        """The message in another language: `translate` maps the English template to its translation."""
        values = {k: (v.render(translate) if isinstance(v, Msg) else v) for k, v in self.args.items()}
        return translate(self.template).format(**values)

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Msg({self.template!r}, **{dict(self.args)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Msg) and (self.template, dict(self.args)) == (other.template, dict(other.args))

    def __hash__(self) -> int:
        return hash(self.template)


# -- control characters -----------------------------------------------------------------------------

#: C0 controls, DEL and the C1 controls: what a terminal acts on instead of showing.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _picture(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟, ␛ for ESC
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"\\x{code:02x}"  # (C1 controls have no picture)


def visible(text: str, keep: str = "\n\t") -> str:
    """`text` with every control character a terminal would act on (ESC starting a clipboard write
    or a screen clear, a carriage return overwriting a line, BEL …) replaced by a visible picture of
    it (U+2400 block: ␛, ␍, ␇) or, for the C1 controls, its escape; the characters in `keep` stay.

    Content from files, the command line or the environment passes through here before it can reach
    a terminal: the lesson loader and glossary apply it as they decode, the app to its notifications,
    and the CLI to everything it writes (tutor.cli.output)."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: m.group() if m.group() in keep else _picture(m.group()), text)


def controls_in(text: str, keep: str = "\n\t\r") -> list[tuple[int, str]]:
    """(offset, character) of each control character in `text` that is not in `keep`."""
    return [(m.start(), m.group()) for m in _CONTROL.finditer(text) if m.group() not in keep]
