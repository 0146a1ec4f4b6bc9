"""`gdtutor` alone: the app in a terminal, a clear pointer to the headless commands anywhere else."""

from __future__ import annotations

import subprocess
import sys


def test_without_a_terminal_gdtutor_explains_the_headless_commands() -> None:
    code = ("import sys\nfrom tutor.cli import cli\n"
            "status = cli.main(args=[], prog_name='gdtutor', standalone_mode=False)\n"
            "print('textual loaded' if 'textual' in sys.modules else 'textual not loaded')\nsys.exit(status)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert out.returncode == 1, out.stderr  # the course did not open: a script must not take it for success
    assert "needs an interactive terminal" in out.stdout and "gdtutor sim NAME" in out.stdout
    assert out.stdout.strip().endswith("textual not loaded")


def test_the_entry_point_the_launcher_uses_exists() -> None:
    from tutor.tui.app import GdtutorApp, run_app

    assert callable(run_app) and GdtutorApp.TITLE == "gdtutor"
