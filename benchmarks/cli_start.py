"""Figure 1, CLI start: wall time of `gdtutor --help`, `--version`, `list` and `sims`, against the
time Python takes to import click (the least a click command can cost), and which heavy modules
each command loaded (read from `python -X importtime`).

Each command is run as the installed `gdtutor` script when there is one beside this Python,
else as `python -m tutor`, with its output thrown away; the first run of each only warms the
caches and is not counted.
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
#: The command is held to this multiple of the click floor.
LIMIT = 1.3


def gdtutor_argv() -> list[str]:
    script = shutil.which("gdtutor", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "tutor"]


def wall(argv: Sequence[str], env: Mapping[str, str], runs: int, warmup: bool = True) -> list[float]:
    """Seconds each run took, after one uncounted warm-up run."""
    samples = []
    for index in range(int(not warmup), runs + 1):
        started = time.perf_counter()
        subprocess.run(list(argv), env=dict(env), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       stdin=subprocess.DEVNULL, check=True)
        if index:
            samples.append(time.perf_counter() - started)
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
    floors = {
        "pass": wall([*python, "pass"], env, runs, warmup),
        "click": wall([*python, "import click"], env, runs, warmup),
        "stack": wall([*python, "import textual.app, numpy, plotext, click"], env, runs, warmup),
    }
    figures = [
        timing("floor.python", "python -c pass", floors["pass"]),
        timing("floor.click", "python -c 'import click'", floors["click"]),
        timing("floor.stack", "import textual + numpy + plotext + click", floors["stack"]),
    ]
    click_floor = median(floors["click"])
    for args in COMMANDS:
        samples = wall([*gdtutor_argv(), *args], env, runs, warmup)
        heavy = heavy_imports(args, env)
        fast = median(samples) <= LIMIT * click_floor
        figures.append(timing(f"cli.{args[0].lstrip('-')}", f"gdtutor {' '.join(args)}", samples, click_floor,
                              "import click", f"≤ {LIMIT}× floor, no numpy/textual", fast and not heavy,
                              note=f"imports {', '.join(heavy)}" if heavy else "no heavy imports"))
    return figures
