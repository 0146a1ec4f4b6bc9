"""A run's facts as a learner reads them, the same in the app's status line and under `gdtutor sim`.

Four significant digits are what a learner compares with a challenge's threshold; more would only
show rounding noise (the exact values are in `--json`). A missing fact is a dash, not the word
`None`, and a flag reads yes or no in the learner's language.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from tutor.i18n import _


def format_fact(value: Any) -> str:
    """4 significant digits, yes/no, — for missing; NaN and ±∞ as such."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "∞" if value > 0 else "−∞"
        return f"{value:.4g}"
    return str(value)


def key_facts(facts: Mapping[str, Any], first: Iterable[str], limit: int = 6) -> list[tuple[str, str]]:
    """The facts to show: those the challenge reads first, then the others, up to `limit`.

    `diverged` is left out: the status message already says when and where a run diverged.
    """
    names = [n for n in first if n in facts]
    names += [n for n in facts if n not in names]
    shown = [n for n in names if n != "diverged"][:limit]
    return [(name, format_fact(facts[name])) for name in shown]


def fact_lines(facts: Mapping[str, Any]) -> str:
    """Every fact as `name = value`, one to a line."""
    return "\n".join(f"{name} = {format_fact(value)}" for name, value in facts.items())
