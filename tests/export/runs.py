"""The runs the exported scripts are checked on, and how a script's printed series are read."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import numpy as np

from tests.scale import scale
from tutor.lessons.loader import load_course
from tutor.sims import all_specs

#: Relative agreement required between a script's numbers and the tutor's own.
RTOL = 1e-6


def parameter_sets() -> list[tuple[str, str, dict[str, object]]]:
    """Every simulation at its defaults, then every lesson's starting and solution values; each set once.

    GDTUTOR_TEST_SCALE below 1 keeps only every k-th lesson set (the defaults always stay)."""
    specs = all_specs()
    seen: set[str] = set()
    out: list[tuple[str, str, dict[str, object]]] = []

    def add(label: str, sim: str, params: Mapping[str, object]) -> None:
        resolved = specs[sim].resolve(params)
        key = json.dumps([sim, resolved], sort_keys=True)
        if key not in seen:
            seen.add(key)
            out.append((label, sim, resolved))

    for name, spec in specs.items():
        add(f"{name}-defaults", name, spec.defaults())
    lesson_sets = []
    for lesson in load_course().lessons:
        lesson_sets.append((f"{lesson.id}-start", lesson.sim, dict(lesson.params)))
        lesson_sets.append((f"{lesson.id}-solution", lesson.sim, {**lesson.params, **lesson.solution}))
    every = max(1, round(1 / scale())) if scale() < 1 else 1
    for label, sim, params in lesson_sets[::every]:
        add(label, sim, params)
    return out


def run_script(text: str, folder: Path) -> tuple[dict[str, np.ndarray], float]:
    """Run a script with a fresh interpreter in an empty folder (no gdtutor on its path) and read the
    `name: v0 v1 …` lines it prints; also how long it took, for the report."""
    import time

    path = folder / "run.py"
    path.write_text(text, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONSTARTUP")}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-I", path.name], cwd=folder, capture_output=True, text=True, env=env,
                          timeout=600)
    took = time.perf_counter() - start
    assert done.returncode == 0, f"the script failed:\n{done.stderr[-3000:]}"
    printed: dict[str, np.ndarray] = {}
    for line in done.stdout.splitlines():
        name, _, values = line.partition(":")
        printed[name.strip()] = np.array([float(v) for v in values.split()], dtype=float)
    return printed, took


def expected(sim: str, params: Mapping[str, object]) -> tuple[dict[str, np.ndarray], dict[str, float]]:
    """The tutor's own series (and data arrays) and numeric facts, read back from its --json object."""
    result = all_specs()[sim].run(params)
    out = json.loads(json.dumps(result.as_json()))
    arrays = {**out["series"], **{k: v for k, v in out.items() if k not in ("sim", "params", "series", "facts",
                                                                                "status")}}
    series = {k: np.array(v, dtype=float).ravel() for k, v in arrays.items()}  # null (non-finite) → NaN
    facts = {k: float(v) for k, v in out["facts"].items()
             if isinstance(v, (int, float)) and not isinstance(v, bool)}
    return series, facts


def worst_difference(printed: Mapping[str, np.ndarray], series: Mapping[str, np.ndarray],
                     facts: Mapping[str, float], allow: Mapping[str, np.ndarray] | None = None) -> float:
    """The largest relative difference over every printed series; fails on a missing or unknown one,
    or on any value further than RTOL (relative) from the tutor's, plus `allow[name]` (absolute) where
    given."""
    missing = sorted(set(series) - set(printed))
    assert not missing, f"the script does not print {missing}"
    unknown = sorted(set(printed) - set(series) - set(facts))
    assert not unknown, f"the script prints {unknown}, which the run does not report"
    worst = 0.0
    for name, got in printed.items():
        want = series[name] if name in series else np.array([facts[name]])
        assert got.shape == want.shape, f"{name}: {got.size} values printed, the run has {want.size}"
        same_gap = np.isnan(got) == np.isnan(want)
        assert same_gap.all(), f"{name}: non-finite values differ at {np.flatnonzero(~same_gap)[:5]}"
        ok = ~np.isnan(want)
        diff = np.abs(got[ok] - want[ok])
        scale_ = np.abs(want[ok])
        rel = np.divide(diff, scale_, out=np.where(diff == 0, 0.0, math.inf), where=scale_ > 0)
        slack = np.broadcast_to(allow[name], want.shape)[ok] if allow and name in allow else 0.0
        if rel.size:
            worst = max(worst, float(rel.max()))
            bad = np.flatnonzero(diff > RTOL * scale_ + slack)
            assert not bad.size, (f"{name}[{bad[0]}]: script {got[ok][bad[0]]!r}, tutor {want[ok][bad[0]]!r} "
                                  f"(relative difference {rel[bad[0]]:.2e})")
    return worst
