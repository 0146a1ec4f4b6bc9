"""Textual's footer, without the memory it leaks on every change of the keys it shows.

Each time the keys change (every focus move does that) Textual's Footer rebuilds its key widgets and
binds each new one to its own `compact` setting. The bindings of the removed keys are only dropped
the next time `compact` changes, which in this app is never, so every focus move kept about a dozen
dead widgets alive: thousands in a long session. Flipping `compact` and back after each rebuild
lets Textual drop them.
"""

from __future__ import annotations

from textual.widgets import Footer


class KeyFooter(Footer):
    async def recompose(self) -> None:
        await super().recompose()
        compact = self.compact
        self.compact = not compact
        self.compact = compact
