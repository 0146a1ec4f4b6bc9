"""SIGHUP and SIGTERM end the app the way `q` does: pending values saved, the terminal restored.

An SSH connection that drops, a tmux window that is killed or a `kill` from another shell sends
one of these; by default Python dies at once, losing the values changed within the last save delay
and leaving the terminal in application mode (no echo, mouse reporting on). The handlers run on
the app's event loop, between messages, so the save sees a consistent screen. They are removed once
they ran: a second signal, if ending is stuck, ends the process the default way.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable
from typing import Protocol

SIGNALS = tuple(getattr(signal, name) for name in ("SIGHUP", "SIGTERM") if hasattr(signal, name))


class Ending(Protocol):
    def save_open_lessons(self) -> None: ...

    def exit(self) -> None: ...


def install(app: Ending) -> Callable[[], None]:
    """Handle SIGHUP and SIGTERM on the running loop (where the platform allows it); returns the
    function that puts the previous handling back (the app calls it as it unmounts)."""
    loop = asyncio.get_running_loop()

    def remove() -> None:
        for sig in SIGNALS:
            with contextlib.suppress(ValueError, RuntimeError, NotImplementedError):
                loop.remove_signal_handler(sig)

    def end(received: int) -> None:
        remove()
        try:
            app.save_open_lessons()
        finally:
            app.exit()

    for sig in SIGNALS:
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):  # (Windows; not the main thread)
            loop.add_signal_handler(sig, end, sig)
    return remove
