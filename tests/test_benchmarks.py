"""The benchmark script runs: `python -m benchmarks --smoke` at tiny sizes, in real pseudo-terminals.

Nothing about speed is asserted here (timings on shared machines are noise); only that every
section measures something, prints its table and writes the JSON it promises.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the benchmarks read /proc")


def test_the_benchmark_script_measures_every_figure_at_tiny_sizes(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    done = subprocess.run([sys.executable, "-m", "benchmarks", "--smoke", "--json", str(out)], cwd=ROOT, env=env,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    figures = {f["key"]: f for f in json.loads(out.read_text(encoding="utf-8"))["figures"]}
    expected = ["cli.help", "cli.version", "cli.list", "cli.sims", "floor.click", "app.home", "floor.minimal_app",
                "app.enter", "tweak.all", "tweak.weights-and-loss", "tweak.heavy", "bytes.nudge", "memory.peak",
                "floor.minimal_heavy_rss", "memory.growth", "play.fps.learning-rate", "play.key.learning-rate",
                "idle.cpu", "sim.vanishing.2x4", "sim.optimizers.20"]
    assert [key for key in expected if key not in figures] == []
    assert all(figures[key]["value"] == figures[key]["value"] for key in expected)  # measured: not NaN
    assert figures["memory.peak"]["target"] and figures["memory.peak"]["met"] is not None
    assert "targets met" in done.stdout and "gdtutor start to home painted" in done.stdout


def test_the_nudge_tracer_gives_each_press_its_timeline_from_key_to_frame() -> None:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    done = subprocess.run([sys.executable, "-m", "benchmarks.trace_nudges", "weights-and-loss"], cwd=ROOT, env=env,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    assert len(lines) == 3, done.stdout  # (one per parameter the lesson offers: w0, b0, lr)
    for line in lines:
        assert line.startswith("weights-and-loss "), line
        marks = line.split(": ", 1)[1].split()
        names = [mark.split("@")[0] for mark in marks]
        for wanted in ("key", "run<", "draw<", "strips<", "report<", "frame<", "frame>"):
            assert wanted in names, f"{wanted} missing from {line}"
        last_frame = len(names) - 1 - names[::-1].index("frame>")
        assert names.index("key") < names.index("run<") < names.index("report<") < last_frame, line


def test_the_nudge_tracer_names_lessons_it_does_not_know() -> None:
    done = subprocess.run([sys.executable, "-m", "benchmarks.trace_nudges", "no-such-lesson"], cwd=ROOT,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    assert done.returncode == 2 and "no such lessons: no-such-lesson" in done.stderr
