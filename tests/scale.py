"""How hard the fault-injection tests push, and the figures they report.

The heavy tests (kills, concurrent saves, fuzzing, soak, resize storms) run a count of trials that
is their default times `GDTUTOR_TEST_SCALE` (default 1), so CI stays within its few minutes while a
release check can run `GDTUTOR_TEST_SCALE=10 pytest -m slow` for ten times the evidence. Each test
reports what it actually did through `figure`, and the run ends with the table of figures
(tests/conftest.py prints it), which is where docs/RELIABILITY.md takes its numbers from.
"""

from __future__ import annotations

import os
from collections import Counter


def scale() -> float:
    """GDTUTOR_TEST_SCALE as a positive number; 1 when unset or unreadable."""
    try:
        value = float(os.environ.get("GDTUTOR_TEST_SCALE", "1"))
    except ValueError:
        return 1.0
    return value if value > 0 else 1.0


def scaled(default: int, *, least: int = 1) -> int:
    """`default` trials times the scale, and at least `least`."""
    return max(least, round(default * scale()))


#: What the reliability tests did in this run, by figure name (summed over tests).
FIGURES: Counter[str] = Counter()


def figure(name: str, amount: int = 1) -> None:
    """Count `amount` more of `name` (kills survived, inputs tried, keys pressed …) for the summary."""
    FIGURES[name] += amount
