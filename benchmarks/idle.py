"""Figure 6, idle CPU, and the minimal app's side of figure 5, memory.

Idle: the probe opens the first lesson and shows its chart (paused, as a lesson opens) while the
minimal app paints its line; once both have written nothing for a second, the CPU time each uses
over the same window (10 s unless told otherwise) is read from /proc and given as a percentage of
one core. The resolution is one clock tick (usually 10 ms) per window.

Memory floor: peak resident memory (VmHWM) of the minimal app at the end of that window, and of the
minimal app with NumPy, plotext and a Markdown widget loaded (`--heavy`), a second after it has
painted.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from benchmarks.app_start import MINIMAL, ROOT
from benchmarks.minimal_app import READY
from benchmarks.navigate import Tour
from benchmarks.terminal import Pty, child_env

TICK = 1 / os.sysconf("SC_CLK_TCK")


def idle(tour: Tour, home: Path, seconds: float, quiet: float = 1.0) -> tuple[float, float, int]:
    """(gdtutor's, the minimal app's) CPU use over the same `seconds`, in percent of one core, and
    the minimal app's peak resident memory."""
    app = tour.term
    with Pty.spawn(MINIMAL, child_env(home), cwd=ROOT) as minimal:
        minimal.wait_text(READY, 60.0)
        tour.goto(tour.course[0])
        for term in (app, minimal):
            term.quiet(quiet)
        before = [term.cpu_seconds() for term in (app, minimal)]
        started = time.perf_counter()
        deadline = started + seconds
        while (left := deadline - time.perf_counter()) > 0:  # read whatever they write meanwhile
            app.pump(min(left, 0.1))
            minimal.pump(0.0)
        elapsed = time.perf_counter() - started
        after = [term.cpu_seconds() for term in (app, minimal)]
        return (100 * (after[0] - before[0]) / elapsed, 100 * (after[1] - before[1]) / elapsed,
                minimal.memory()[1])


def minimal_heavy_peak_rss(home: Path, settle: float = 1.0) -> int:
    with Pty.spawn([*MINIMAL, "--heavy"], child_env(home), cwd=ROOT) as term:
        term.wait_text(READY, 60.0)
        term.drain(settle)
        return term.memory()[1]
