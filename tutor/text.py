"""Messages that stay language-free until a face shows them.

Simulations and the lesson loader are pure: they cannot know which language the learner reads. They
return `Msg` objects (an English template plus its arguments); the CLI or the app renders them with
the learner's translation table. `str(msg)` gives the English text.
"""

from __future__ import annotations

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
