"""`python -m benchmarks`: measure gdtutor on this machine and print one table; `--json FILE` also
writes every figure with its samples, for comparing commits. Nothing is asserted: each row states
its target and whether this run met it.

How each figure is measured (the module named says more):

1. CLI start (cli_start): wall time of `gdtutor --help`, `--version`, `list`, `sims` as new
   processes, against `python -c "import click"`; heavy imports read from `python -X importtime`.
2. App start (app_start): in a real pty at 120×40, from spawning `gdtutor` to the home screen's
   text arriving, against the minimal Textual app (minimal_app) measured the same way; and Enter
   on a lesson to the frame carrying its chart, in the probe.
3. Tweak latency (tour, tweak, hold, heavy): the probe (probe: gdtutor plus markers behind the
   frames that carry a new chart or value) walked through every lesson with the keyboard; key press
   to chart painted per lesson, against that simulation plus its chart built alone in this process;
   → held at key-repeat pace, from letting go to the last value's chart; and key press to value
   painted while a depth 100 × width 512 run computes, with the longest block of the event loop.
4. Animation (play): charts painted per second in play mode, and key press to the new chart while
   playing.
5. Memory (tour, idle): peak resident memory (/proc VmHWM) after the walk, against the minimal app
   with NumPy, plotext and a Markdown widget loaded; resident memory after 1,000 nudges against
   after the first 100.
6. Idle (idle): CPU time over a window on a paused lesson, against the minimal app over the same
   window.
7. Bytes per nudge (tour): everything written to the pty from the key press until the output goes
   quiet, against a repaint of the chart's region with the same content.
8. Simulation scaling (scaling, lower_bounds): `vanishing` and `optimizers` through their spec in
   this process, against the same arithmetic written as bare NumPy.
9. Switching (switch): at 80×24, key press to the new view painted for `t`, `?`, `g`, Ctrl+P,
   Esc to home and Enter back into a lesson.

Children run with a fresh progress folder each, TERM=xterm-256color, COLORTERM=truecolor, a UTF-8
locale and bytecode caching on. The machine's load is not controlled: run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from benchmarks import app_start, cli_start, heavy, hold, idle, play, scaling, switch, tour, tweak
from benchmarks.figures import Figure, median, percentile
from benchmarks.navigate import Tour, probe
from benchmarks.table import render
from benchmarks.terminal import child_env

#: Memory is held to this multiple of the minimal app with NumPy, plotext and Markdown loaded.
MEMORY_LIMIT = 1.3
#: Resident memory may differ by this much after 1,000 nudges (the allocator's own noise).
GROWTH_SLACK = 1 << 20
#: (lesson, parameter) whose nudges are repeated for the growth figure.
GROWTH_LESSON = ("learning-rate", "lr")


@dataclass(frozen=True)
class Plan:
    """How much of everything to measure."""

    runs: int = 5
    warmup: bool = True
    reading: float = app_start.READING
    walks: int = 2
    lessons: tuple[str, ...] | None = None
    growth: int = 1000
    play: tuple[tuple[str, str], ...] = play.LESSONS
    #: (lesson, parameter) pairs whose → is held (benchmarks/hold.py), how many repeats, how often.
    hold_lessons: tuple[tuple[str, str], ...] = hold.LESSONS
    hold_presses: int = hold.PRESSES
    holds: int = 3
    play_nudges: int = 5
    idle_seconds: float = 10.0
    idle_windows: int = 3
    heavy: tuple[int, int, int] = (100, 512, 10)  # depth, width, presses
    heavy_warmup: float = 2.0
    depths: tuple[int, ...] = scaling.DEPTHS
    widths: tuple[int, ...] = scaling.WIDTHS
    steps: tuple[int, ...] = scaling.STEPS
    vanishing_steps: int | None = None
    #: One probe session for the walk, growth, play and idle (the smoke run: starting the app is
    #: most of its time), instead of a fresh one each.
    share: bool = False
    #: Seconds without output that count as a screen done drawing (before a key is pressed).
    settle: float = 0.3


#: Tiny sizes and counts: proves the script runs (the smoke test), measures nothing worth reading.
SMOKE = Plan(runs=1, warmup=False, reading=0.2, walks=1, lessons=("weights-and-loss",), growth=4,
             play=(("learning-rate", "lr"),), play_nudges=1,
             hold_lessons=(("weights-and-loss", "lr"),), hold_presses=2, holds=1, idle_seconds=0.3, idle_windows=1,
             heavy=(2, 8, 1), heavy_warmup=0.2, depths=(2,), widths=(4,), steps=(20,), vanishing_steps=2,
             share=True, settle=0.1)


class Sessions:
    """Probe sessions for the sections: a fresh one each, or one shared (Plan.share)."""

    def __init__(self, plan: Plan, root: Path) -> None:
        self.plan, self.root = plan, root
        self._stack = contextlib.ExitStack()
        self._shared: Tour | None = None

    @contextlib.contextmanager
    def tour(self, name: str) -> Iterator[Tour]:
        if self.plan.share:
            if self._shared is None:
                self._shared = self._start(self._stack, name)
            yield self._shared
            return
        with contextlib.ExitStack() as stack:
            yield self._start(stack, name)

    def _start(self, stack: contextlib.ExitStack, name: str) -> Tour:
        guide = Tour(stack.enter_context(probe(self.root / name)), settle=self.plan.settle)
        guide.start(self.plan.reading)
        return guide

    def close(self) -> None:
        self._stack.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=Plan.runs, help="runs per timing (default 5)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes and counts: check the script runs")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, help="measure only these sections")
    args = parser.parse_args(argv)
    plan = SMOKE if args.smoke else Plan(runs=args.runs)
    figures: list[Figure] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="gdtb-") as tmp:
        sessions = Sessions(plan, Path(tmp) / "sessions")
        try:
            for name in args.only or SECTIONS:
                section_started = time.perf_counter()
                figures.extend(SECTIONS[name](plan, Path(tmp) / name, sessions))
                print(f"{name}: {time.perf_counter() - section_started:.0f} s", file=sys.stderr, flush=True)
        finally:
            sessions.close()
    memory_target(figures)
    print(render(figures))
    summary = [f for f in figures if f.met is not None]
    print(f"\n{sum(bool(f.met) for f in summary)} of {len(summary)} targets met "
          f"({time.perf_counter() - started:.0f} s, {os.cpu_count()} cores, Python {platform.python_version()})")
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "figures": [f.as_json() for f in figures]},
                                        indent=1) + "\n", encoding="utf-8")
    return 0


def machine() -> dict[str, object]:
    return {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "load": os.getloadavg(), "time": time.strftime("%Y-%m-%d %H:%M:%S")}


# -- sections ---------------------------------------------------------------------------------------

def section_cli(plan: Plan, home: Path, sessions: Sessions) -> list[Figure]:
    return cli_start.measure(child_env(home), plan.runs, plan.warmup)


def section_start(plan: Plan, home: Path, sessions: Sessions) -> list[Figure]:
    return app_start.measure(plan.runs, plan.warmup, plan.reading)


def section_tweak(plan: Plan, home: Path, sessions: Sessions) -> list[Figure]:
    """Figures 3 (with the heavy run), 5 (peak) and 7, from `plan.walks` walks of the course."""
    walks = []
    for index in range(plan.walks):
        with sessions.tour(f"walk-{index}") as guide:
            lessons = [lesson for lesson in guide.course if plan.lessons is None or lesson.id in plan.lessons]
            walks.append(tour.walk(guide, lessons))
    sims = {lesson.id: lesson.sim for lesson in tour.course_lessons()}
    overall, rows = tweak.measure([n for w in walks for n in w.first], sims)
    skipped = sorted({lesson for w in walks for lesson in w.skipped})
    if skipped:
        overall.note += f"; walk cut short in {', '.join(skipped)}"
    cached = [n.latency for w in walks for n in w.back if n.cached]
    held = []
    for lesson_id, name in plan.hold_lessons:
        with sessions.tour(f"hold-{lesson_id}") as guide:
            held.append([hold.hold(guide, lesson_id, name, plan.hold_presses, "right" if i % 2 == 0 else "left")
                         for i in range(plan.holds)])
    depth, width, presses = plan.heavy
    deep = heavy.heavy(home / "heavy", presses, depth, width, plan.reading, plan.heavy_warmup)
    ratios = {lesson: nudge / repaint for w in walks for lesson, (nudge, repaint) in w.bytes.items()}
    nudge_bytes = [float(nudge) for w in walks for nudge, _ in w.bytes.values()]
    repaint_bytes = [float(repaint) for w in walks for _, repaint in w.bytes.values()]
    worst = max(ratios, key=lambda lesson: ratios[lesson]) if ratios else ""
    peak = median([float(w.peak_rss) for w in walks])
    return [
        overall,
        Figure("tweak.all.p95", "tweak latency, 95th percentile", percentile(overall.samples, 95), "s",
               overall.samples),
        *rows,
        Figure("tweak.cached", "tweak back to a cached result", median(cached), "s", cached,
               note=f"p95 {percentile(cached, 95) * 1000:.0f} ms"),
        *hold.figures(held, sims),
        Figure("tweak.heavy", f"key to value painted during a {depth} × {width} run", max(deep.latencies), "s",
               deep.latencies, target="≤ 50 ms, progress shown",
               met=max(deep.latencies) <= heavy.LIMIT and deep.max_lag <= heavy.LIMIT and deep.progress_shown,
               note=f"median {median(deep.latencies) * 1000:.0f} ms; longest loop block "
                    f"{deep.max_lag * 1000:.0f} ms; progress {'shown' if deep.progress_shown else 'NOT shown'}"),
        Figure("bytes.nudge", "bytes written per nudge (median lesson)", median(nudge_bytes), "B", nudge_bytes,
               median(repaint_bytes), "chart region repaint", "≤ 1× floor, every lesson",
               all(r <= 1.0 for r in ratios.values()),
               note=f"worst {worst} {ratios.get(worst, 0):.2f}×; "
                    f"{sum(r <= 1.0 for r in ratios.values())} of {len(ratios)} lessons within"),
        Figure("memory.peak", "peak RSS after every lesson and nudge", peak, "B",
               [float(w.peak_rss) for w in walks]),
    ]


def section_memory(plan: Plan, home: Path, sessions: Sessions) -> list[Figure]:
    """Figure 5: the floor (minimal app with the heavy modules) and growth across nudges; the peak
    itself comes from the walk (tweak)."""
    floors = [float(idle.minimal_heavy_peak_rss(home / f"minimal-{i}", 1.0 if plan.warmup else 0.2))
              for i in range(max(1, min(plan.runs, 3)))]
    lesson, name = GROWTH_LESSON
    with sessions.tour("growth") as guide:
        grown = tour.growth(guide, lesson, name, plan.growth)
    return [
        Figure("floor.minimal_heavy_rss", "minimal app + numpy, plotext, Markdown: peak RSS", median(floors),
               "B", floors),
        Figure("memory.growth", f"RSS growth over {grown.nudges:,} nudges", float(grown.growth), "B",
               target="≤ 1 MiB", met=grown.growth <= GROWTH_SLACK,
               note=f"{grown.rss_early / (1 << 20):.1f} MiB after {max(1, grown.nudges // 10)}, "
                    f"{grown.rss_half / (1 << 20):.1f} after {max(1, grown.nudges // 2)}, "
                    f"{grown.rss_end / (1 << 20):.1f} at the end"),
    ]


def section_play(plan: Plan, home: Path, sessions: Sessions) -> list[Figure]:
    figures = []
    with sessions.tour("play") as guide:
        for lesson, name in plan.play:
            played = play.play(guide, lesson, name, plan.play_nudges)
            latency = median(played.latencies)
            figures.append(Figure(f"play.fps.{lesson}", f"play mode, {lesson} at {played.speed:g}×", played.fps,
                                  "fps", floor=played.cap, floor_label="play's own rate",
                                  target="≥ 30 fps", met=played.fps >= 30 or played.fps >= played.cap * 0.97,
                                  note=f"{played.frames} frames"))
            figures.append(Figure(f"play.key.{lesson}", f"key to new chart while playing {lesson}", latency, "s",
                                  played.latencies, target="≤ 35 ms", met=latency <= tweak.CEILING,
                                  note=f"max {max(played.latencies) * 1000:.0f} ms"))
    return figures


def section_idle(plan: Plan, home: Path, sessions: Sessions) -> list[Figure]:
    app_cpu, minimal_cpu, minimal_rss = [], [], []
    with sessions.tour("idle") as guide:
        for index in range(plan.idle_windows):
            mine, theirs, rss = idle.idle(guide, home / f"minimal-{index}", plan.idle_seconds,
                                          1.0 if plan.warmup else plan.settle)
            app_cpu.append(mine)
            minimal_cpu.append(theirs)
            minimal_rss.append(float(rss))
    resolution = 100 * idle.TICK / plan.idle_seconds
    value, floor = median(app_cpu), median(minimal_cpu)
    return [
        Figure("floor.minimal_rss", "minimal app: peak RSS", median(minimal_rss), "B", minimal_rss),
        Figure("idle.cpu", f"idle CPU on a paused lesson ({plan.idle_seconds:g} s)", value, "%", app_cpu, floor,
               "minimal app", "≤ floor", value <= floor + resolution,
               note=f"resolution {resolution:.2f} %"),
    ]


def section_scaling(plan: Plan, home: Path, sessions: Sessions) -> list[Figure]:
    return scaling.measure(plan.runs if plan.warmup else 1, plan.depths, plan.widths, plan.steps,
                           plan.vanishing_steps, plan.warmup)


def section_switch(plan: Plan, home: Path, sessions: Sessions) -> list[Figure]:
    first = tour.course_lessons(plan.lessons)[0].id
    return switch.measure(home, plan.runs, first)


SECTIONS = {"cli": section_cli, "start": section_start, "tweak": section_tweak, "memory": section_memory,
            "play": section_play, "idle": section_idle, "scaling": section_scaling, "switch": section_switch}


def memory_target(figures: list[Figure]) -> None:
    """Compare the walk's peak with the minimal app's, once both sections have run."""
    found = {f.key: f for f in figures}
    peak, floor = found.get("memory.peak"), found.get("floor.minimal_heavy_rss")
    if peak is not None and floor is not None:
        peak.floor, peak.floor_label = floor.value, "minimal app + numpy, plotext, Markdown"
        peak.target, peak.met = f"≤ {MEMORY_LIMIT}× floor", peak.value <= MEMORY_LIMIT * floor.value


if __name__ == "__main__":
    sys.exit(main())
