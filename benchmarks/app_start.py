"""Figure 2, app start, in a real pseudo-terminal at 120×40.

- Home: from starting `gdtutor` (the installed command, a fresh progress folder) to the output
  holding the home screen's title, the first lesson's title and the footer's Quit key: the whole
  first screen has reached the terminal.
- The floor: the minimal Textual app (benchmarks/minimal_app.py) from start to its one line arriving.
- Enter: on the home screen of the probe, 1.5 s after home is painted (a learner reading the list;
  the app pre-imports NumPy and plotext meanwhile), Enter opens the first lesson; timed from the
  key to the frame carrying its first chart.

One uncounted warm-up run of each comes first (it writes bytecode caches, as an install does).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from benchmarks.cli_start import gdtutor_argv
from benchmarks.figures import Figure, median, timing
from benchmarks.minimal_app import READY
from benchmarks.terminal import Pty, child_env
from tutor.lessons.loader import load_course

ROOT = Path(__file__).resolve().parent.parent
PROBE = [sys.executable, "-m", "benchmarks.probe"]
MINIMAL = [sys.executable, "-m", "benchmarks.minimal_app"]
#: Home is held to this multiple of the minimal app.
LIMIT = 1.15
READING = 1.5


def home_texts(lessons: Path | None = None) -> list[str]:
    """Strings only a fully painted home screen has (the child runs in English)."""
    return ["how neural networks learn", load_course(lessons).lessons[0].title, "Quit"]


def wait_home(term: Pty, timeout: float = 60.0, lessons: Path | None = None) -> float:
    """Seconds from the program's start to its home screen painted."""
    arrived = max(term.wait_text(text, timeout) for text in home_texts(lessons))
    return arrived - term.started


def home_once(home: Path) -> float:
    with Pty.spawn(gdtutor_argv(), child_env(home), cwd=ROOT) as term:
        return wait_home(term)


def minimal_once(home: Path) -> float:
    with Pty.spawn(MINIMAL, child_env(home), cwd=ROOT) as term:
        return term.wait_text(READY, 60.0) - term.started


def enter_once(home: Path, reading: float) -> float:
    with Pty.spawn(PROBE, child_env(home), cwd=ROOT) as term:
        wait_home(term)
        term.drain(reading)
        mark = len(term.events)
        pressed = term.press("enter")
        chart = term.wait_event(lambda e: e["e"] == "chart", 60.0, mark, "the first chart")
        return chart.at - pressed


def measure(runs: int, warmup: bool = True, reading: float = READING) -> list[Figure]:
    samples: dict[str, list[float]] = {"home": [], "minimal": [], "enter": []}
    with tempfile.TemporaryDirectory(prefix="gdtb-") as tmp:
        for index in range(int(not warmup), runs + 1):
            homes = [Path(tmp) / f"{index}-{name}" for name in samples]
            # interleaved, so a change in the machine's load touches both sides alike
            times = {"minimal": minimal_once(homes[0]), "home": home_once(homes[1]),
                     "enter": enter_once(homes[2], reading)}
            if index:
                for name, value in times.items():
                    samples[name].append(value)
    floor = median(samples["minimal"])
    home = median(samples["home"])
    return [
        timing("floor.minimal_app", "minimal Textual app, start to painted", samples["minimal"]),
        timing("app.home", "gdtutor start to home painted (120×40)", samples["home"], floor, "minimal app",
               f"≤ {LIMIT}× floor", home <= LIMIT * floor),
        timing("app.enter", "Enter on a lesson to its chart painted", samples["enter"],
               note=f"pressed {reading:g} s after home painted"),
    ]
