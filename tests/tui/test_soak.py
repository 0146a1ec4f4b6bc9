"""A soak test: thousands of random keys on every screen, no exception, and memory that stays flat.

Each phase starts the app on one screen (home, each fixture lesson, help, the glossary, the command
palette) and mashes keys drawn from every key the app binds plus arbitrary characters, in bursts
as a terminal delivers them; the keys go wherever they lead. Quitting (q, Ctrl+Q, the palette's
Quit) saves and asks the app to exit, which the test records instead of letting the app end. The
count is scaled by GDTUTOR_TEST_SCALE. After a first warm-up round (which fills the caches a real
session fills too), the Python heap is measured with tracemalloc before and after the soak proper;
it may grow by a few megabytes (caches, the notification history), not with every key.
"""

from __future__ import annotations

import gc
import os
import random
from collections import Counter

import pytest
from textual.widget import Widget

from tests.scale import figure, scaled
from tests.tui.conftest import until
from tutor.tui.screens.home import HomeScreen

pytestmark = pytest.mark.slow

KEYS = ["enter", "escape", "tab", "shift+tab", "up", "down", "left", "right", "shift+left", "shift+right",
        "home", "end", "pageup", "pagedown", "space", "backspace", "delete", "t", "n", "r", "p", "P", "h", "g",
        "R", "c", "left_square_bracket", "right_square_bracket", "question_mark", "minus", "plus",
        "equals_sign", "ctrl+p", "ctrl+f", "ctrl+u", "ctrl+k", "ctrl+a", "ctrl+e", "ctrl+c", "q", "ctrl+q",
        *"0123456789", *"abdefijklmosuvwxyz", "é", "η", "💥", "full_stop", "comma"]
#: Mostly keys that do something where they land; Escape (which leaves most screens) and Ctrl+P
#: (whose palette then takes every printable key) less often.
WEIGHTS = [1 if key in ("escape", "ctrl+p", "q", "ctrl+q") else 3 for key in KEYS]
#: Growth allowed over the measured soak, back on the home screen it started from. Widgets: runs
#: end with up to one closed screen's widgets still referenced (the help screen, with its tables,
#: is about 200), the same number however long the soak; a leak per key, like the one the footer
#: once had (a dozen per focus move), would keep thousands. Resident memory: generous, because
#: Textual's render caches fill up to their bounds.
ALLOWED_WIDGETS = 400
ALLOWED_GROWTH = 80_000_000


async def start(pilot, phase: str) -> None:  # type: ignore[no-untyped-def]
    """Go home the way a learner does (Escape: screens close themselves and stop their work), then
    open the phase's screen."""
    app = pilot.app
    for _ in range(20):
        if len(app.screen_stack) == 1:
            break
        await pilot.press("escape")
    assert len(app.screen_stack) == 1, app.screen_stack
    if phase.startswith("lesson:"):
        app.open_lesson(phase.removeprefix("lesson:"))
    elif phase == "help":
        app.action_help()
    elif phase == "glossary":
        app.action_glossary()
    elif phase == "palette":
        app.action_command_palette()


PHASES = ["home", "lesson:bowl", "lesson:slope", "lesson:walk", "help", "glossary", "palette"]


async def mash(pilot, rng: random.Random, count: int, pressed: Counter) -> None:  # type: ignore[no-untyped-def]
    from textual import events

    app = pilot.app
    for phase in PHASES:
        await start(pilot, phase)
        await pilot.pause()
        sent = 0
        while sent < count:
            burst = rng.choices(KEYS, WEIGHTS, k=rng.randint(1, 25))
            where = type(app.screen).__name__
            for key in burst:
                character = key if len(key) == 1 else None
                app.post_message(events.Key(key, character))
            await pilot.pause()
            assert app.is_running, f"the app stopped after {burst}"
            pressed[where] += len(burst)
            sent += len(burst)


def live_widgets() -> int:
    gc.collect()
    return sum(isinstance(obj, Widget) for obj in gc.get_objects())


async def settled_widgets(pilot) -> int:  # type: ignore[no-untyped-def]
    """Widgets alive once the screens just closed have finished going (Textual removes them in the
    background): counted until two counts a frame apart agree."""
    count = live_widgets()
    for _ in range(100):
        await pilot.pause()
        count, previous = live_widgets(), count
        if count == previous:
            break
    return count


def resident_bytes() -> int:
    """The process's resident memory, from /proc on Linux; 0 where that is not available."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


async def test_thousands_of_random_keys_on_every_screen(make_app, monkeypatch) -> None:
    rng = random.Random(8080)
    per_phase = scaled(150)
    pressed: Counter[str] = Counter()
    app = make_app()
    quits: list[object] = []
    monkeypatch.setattr(app, "exit", lambda *args, **kwargs: quits.append(args))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        await mash(pilot, rng, per_phase // 4, pressed)  # warm-up
        await start(pilot, "home")
        widgets, resident = await settled_widgets(pilot), resident_bytes()
        await mash(pilot, rng, per_phase, pressed)
        await start(pilot, "home")
        widget_growth, resident_growth = await settled_widgets(pilot) - widgets, resident_bytes() - resident
    assert widget_growth <= ALLOWED_WIDGETS, f"{widget_growth} more widgets alive after the soak than before"
    assert resident_growth < ALLOWED_GROWTH, f"the process grew by {resident_growth / 1e6:.0f} MB"
    screens = {"HomeScreen", "LessonScreen", "HelpScreen", "GlossaryScreen", "CommandPalette"}
    assert screens <= set(pressed), pressed
    figure("random keys pressed in the app (soak)", sum(pressed.values()))
    figure("soak: quits asked for and saved (the app kept for more keys)", len(quits))
    figure(f"soak: widgets alive afterwards minus before (allowed up to {ALLOWED_WIDGETS})", widget_growth)
    figure(f"soak: resident memory growth after warm-up, MB (allowed {ALLOWED_GROWTH // 10**6})",
           resident_growth // 10**6)
