"""Figure 1, CLI start: wall time of `gdtutor --help`, `--version`, `list` and `sims`, against the
time Python takes to import click (the least a click command can cost), and which heavy modules
each command loaded (read from `python -X importtime`).

Each command is run as the installed `gdtutor` script when there is one beside this Python,
else as `python -m tutor`, with its output thrown away; the first round only warms the caches and is
not counted. A process start takes tens of milliseconds and wanders with whatever else the machine
does, so each command runs ROUNDS times per run asked for, and the commands and floors take turns
round by round: a busy spell slows all of them, not one.

Targets (the issue's): `--help`, `--version` and `sims` within 1.3× the click floor, `list` (which
reads the course) within 1.5×, and none of them importing NumPy, textual or plotext.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from benchmarks.figures import Figure, median, timing

COMMANDS = (["--help"], ["--version"], ["list"], ["sims"])
HEAVY = ("numpy", "textual", "plotext")
#: Each command is held to this multiple of the click floor (`list` reads the course).
LIMITS = {"list": 1.5}
LIMIT = 1.3
#: Runs of each command per run asked for: cheap, and the median of few process starts is noisy.
ROUNDS = 4


def gdtutor_argv() -> list[str]:
    script = shutil.which("gdtutor", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "tutor"]


def wall(commands: Mapping[str, Sequence[str]], env: Mapping[str, str], runs: int,
         warmup: bool = True) -> dict[str, list[float]]:
    """Seconds each run of each command took, the commands taking turns, after one uncounted round."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for index in range(int(not warmup), runs + 1):
        for name, argv in commands.items():
            started = time.perf_counter()
            subprocess.run(list(argv), env=dict(env), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           stdin=subprocess.DEVNULL, check=True)
            if index:
                samples[name].append(time.perf_counter() - started)
    return samples


def heavy_imports(args: Sequence[str], env: Mapping[str, str]) -> list[str]:
    """The heavy top-level packages the command imported."""
    code = f"import sys; sys.argv = ['gdtutor', *{list(args)!r}]\nfrom tutor.cli import main\nmain()"
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", code], env=dict(env), capture_output=True,
                         text=True, stdin=subprocess.DEVNULL)
    loaded = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in out.stderr.splitlines() if "|" in line}
    return sorted(loaded & set(HEAVY))


def measure(env: Mapping[str, str], runs: int, warmup: bool = True) -> list[Figure]:
    python = [sys.executable, "-c"]
    commands: dict[str, Sequence[str]] = {
        "pass": [*python, "pass"],
        "click": [*python, "import click"],
        "stack": [*python, "import textual.app, numpy, plotext, click"],
    }
    commands.update({" ".join(args): [*gdtutor_argv(), *args] for args in COMMANDS})
    samples = wall(commands, env, runs * ROUNDS, warmup)
    figures = [
        timing("floor.python", "python -c pass", samples["pass"]),
        timing("floor.click", "python -c 'import click'", samples["click"]),
        timing("floor.stack", "import textual + numpy + plotext + click", samples["stack"]),
    ]
    click_floor = median(samples["click"])
    for args in COMMANDS:
        name = " ".join(args)
        limit = LIMITS.get(name, LIMIT)
        heavy = heavy_imports(args, env)
        fast = median(samples[name]) <= limit * click_floor
        figures.append(timing(f"cli.{args[0].lstrip('-')}", f"gdtutor {name}", samples[name], click_floor,
                              "import click", f"≤ {limit}× floor, no numpy/textual", fast and not heavy,
                              note=f"imports {', '.join(heavy)}" if heavy else "no heavy imports"))
    return figures
