"""Figure 9, switching what is on screen: key press to the new view painted, at 80×24.

The probe opens the first lesson from home, then, `runs` times each: `t` to the simulation and `t`
back to the text (the narrow layout shows one at a time), `?` for help, `g` for the glossary and
Ctrl+P for the command palette (each closed again with Esc), Esc to home and Enter back into the
lesson. "Painted" is the last byte of output before the terminal has been quiet for `QUIET`
seconds, after the probe's marker for the new screen or view: a screen built over several frames
(the glossary's entries, a lesson's chart) counts as painted when its last frame has arrived.
Target: ≤ 100 ms for each. Esc to home includes the escape delay: a lone Esc might be the start
of an escape sequence, so it is passed on only when nothing has followed it for ESCDELAY
milliseconds (50 unless the environment sets it: tutor/tui/__init__.py, tutor/tui/escape_driver.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from benchmarks.app_start import PROBE, ROOT, wait_home
from benchmarks.figures import Figure, timing
from benchmarks.terminal import Pty, child_env

LIMIT = 0.100
QUIET = 0.12
PATIENCE = 60.0

Match = Callable[[dict[str, object]], bool]


def _screen(name: str) -> Match:
    return lambda e: e["e"] == "screen" and e["id"] == name


def _view(name: str) -> Match:
    return lambda e: e["e"] == "view" and e["view"] == name


def _last_view(term: Pty) -> object:
    return next((e.data["view"] for e in reversed(term.events) if e.data["e"] == "view"), None)


def painted(term: Pty, key: str, match: Match, what: str) -> float:
    """Seconds from pressing `key` to the last frame of what it brought on screen."""
    term.quiet(QUIET)
    mark = len(term.events)
    pressed = term.press(key)
    marker = term.wait_event(match, PATIENCE, mark, what)
    term.quiet(QUIET)
    last = max((at for at, _ in term.chunks if at >= marker.at - 1e-9), default=marker.at)
    return max(last, marker.at) - pressed


def measure(home: Path, runs: int, lesson_id: str) -> list[Figure]:
    samples: dict[str, list[float]] = {k: [] for k in ("sim", "text", "help", "glossary", "palette", "home",
                                                         "lesson")}
    with Pty.spawn(PROBE, child_env(home), size=(80, 24), cwd=ROOT) as term:
        wait_home(term)
        term.drain(1.5)  # a learner reading the list while the app pre-imports NumPy and plotext
        mark = len(term.events)
        term.press("enter")
        term.wait_event(lambda e: e["e"] == "chart", PATIENCE, mark, "the first chart")
        term.quiet(0.5)  # the lesson's text is laid out after its first chart
        for _ in range(runs):
            # (a lesson opened before comes back in the view it was left in: the simulation)
            for view in ("sim", "text") if _last_view(term) == "text" else ("text", "sim"):
                samples[view].append(painted(term, "t", _view(view), f"the {view} view"))
            samples["help"].append(painted(term, "?", _screen("HelpScreen"), "help"))
            painted(term, "escape", _screen(lesson_id), "the lesson again")
            samples["glossary"].append(painted(term, "g", _screen("GlossaryScreen"), "the glossary"))
            painted(term, "escape", _screen(lesson_id), "the lesson again")
            samples["palette"].append(painted(term, "ctrl+p", _screen("CommandPalette"), "the palette"))
            painted(term, "escape", _screen(lesson_id), "the lesson again")
            samples["home"].append(painted(term, "escape", _screen("HomeScreen"), "home"))
            samples["lesson"].append(painted(term, "enter", _screen(lesson_id), "the lesson"))
    labels = {"sim": "t: text to simulation view", "text": "t: simulation to text view", "help": "?: help open",
              "glossary": "g: glossary open", "palette": "Ctrl+P: command palette open",
              "home": "Esc: lesson to home", "lesson": "Enter: home to the lesson again"}
    figures = []
    for name, values in samples.items():
        figure = timing(f"switch.{name}", f"{labels[name]} (80×24)", values, target="≤ 100 ms")
        figure.met = figure.value <= LIMIT
        figure.note = f"max {max(values) * 1000:.0f} ms" if values else ""
        if name == "home":  # (the other switches are keys the input thread passes on at once)
            figure.note += f"; of which the escape delay {escape_delay_ms()} ms"
        figures.append(figure)
    return figures


def escape_delay_ms() -> int:
    """The escape delay the app runs with: its default, or the environment's ESCDELAY, read as
    Textual reads it (the child gets this process's environment)."""
    from textual.constants import _get_environ_int

    import tutor.tui  # noqa: F401  (sets the default)

    return _get_environ_int("ESCDELAY", 100, minimum=1)
