"""Letting go of what a removed screen's widgets last drew, which Textual keeps.

Each widget has a `StylesCache` holding the lines it last rendered. Textual's
`StylesCache.get_inner_outer` (textual/_styles_cache.py) is an `lru_cache(1024)` on a method, so
its key holds the `StylesCache` itself: up to 1,024 style caches, and every line they hold, stay
alive after their widgets are removed. Walking the course at 120×40 kept about 29,000 rendered lines
(and 200,000 small caches inside them) alive so, 32 MiB of a peak of 139 MiB. gdtutor clears that
cache as each of its screens is removed (tutor.tui.screens.mounted); the entries of widgets still
on screen come back at their next paint, one small computation each.

Reported upstream as https://github.com/Textualize/textual/issues/6665 (open as of Textual 8.2.8).
tests/tui/test_upstream_workarounds.py holds a minimal reproduction in bare Textual (a screen of 40
lines shown and removed: all 40 style caches stay alive): it fails the day Textual stops keeping
them, and this module goes.
"""

from __future__ import annotations

import contextlib


def release_removed_widgets() -> None:
    """Forget what removed widgets last drew (a no-op if Textual's cache is not where it was)."""
    with contextlib.suppress(ImportError):
        from textual._styles_cache import StylesCache

        clear = getattr(getattr(StylesCache, "get_inner_outer", None), "cache_clear", None)
        if callable(clear):
            clear()
