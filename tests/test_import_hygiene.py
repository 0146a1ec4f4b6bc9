"""The layering promise: the simulation core and the fast CLI commands never load heavy UI modules."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def _modules_after(code: str) -> set[str]:
    script = code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def _heavy(modules: set[str], names: tuple[str, ...]) -> set[str]:
    return {m for m in modules if m.split(".")[0] in names}


def test_sims_package_imports_neither_textual_nor_plotext() -> None:
    loaded = _modules_after("import tutor.sims; tutor.sims.all_specs()")
    assert not _heavy(loaded, ("textual", "plotext", "rich"))


def test_running_a_simulation_imports_neither_textual_nor_plotext() -> None:
    loaded = _modules_after("from tutor.sims import all_specs\nfor s in all_specs().values(): s.run({})")
    assert "numpy" in loaded  # the run really happened
    assert not _heavy(loaded, ("textual", "plotext", "rich"))


def test_loading_the_course_does_not_import_numpy() -> None:
    loaded = _modules_after("from tutor.lessons.loader import load_course; assert load_course().lessons")
    assert not _heavy(loaded, ("numpy", "textual", "plotext", "rich"))


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["list"], ["sims"], ["sim", "--help"]])
def test_fast_commands_import_neither_numpy_nor_textual(args: list[str]) -> None:
    code = f"import sys; sys.argv = ['gdtutor', *{args!r}]\nfrom tutor.cli.root import cli\n" \
           "try:\n    cli.main(prog_name='gdtutor', standalone_mode=False)\nexcept SystemExit:\n    pass"
    loaded = _modules_after(code)
    assert "tutor.cli" in loaded
    assert not _heavy(loaded, ("numpy", "textual", "plotext"))
