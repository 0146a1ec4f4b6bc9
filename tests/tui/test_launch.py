"""`gdtutor` alone: the app in a terminal, a clear pointer to the headless commands anywhere else."""

from __future__ import annotations

import os
import subprocess
import sys


def test_without_a_terminal_gdtutor_explains_the_headless_commands() -> None:
    code = ("import sys\nfrom tutor.cli.root import cli\n"
            "status = cli.main(args=[], prog_name='gdtutor', standalone_mode=False)\n"
            "print('textual loaded' if 'textual' in sys.modules else 'textual not loaded')\nsys.exit(status)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert out.returncode == 1, out.stderr  # the course did not open: a script must not take it for success
    assert "needs an interactive terminal" in out.stdout and "gdtutor sim NAME" in out.stdout
    assert out.stdout.strip().endswith("textual not loaded")


def test_the_entry_point_the_launcher_uses_exists() -> None:
    from tutor.tui.app import GdtutorApp, run_app

    assert callable(run_app) and GdtutorApp.TITLE == "gdtutor"


def test_the_entry_point_without_a_terminal_explains_the_headless_commands_too() -> None:
    code = "from tutor.cli import main\nmain([])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert out.returncode == 1, out.stderr
    assert "needs an interactive terminal" in out.stdout


def test_gdtutor_alone_in_a_terminal_opens_the_app_without_loading_click() -> None:
    """(The app itself is stood in for: what is checked is the way there, in the learner's language.)"""
    code = ("import sys\nimport tutor.cli.launch as launch\nfrom tutor import i18n\n"
            "launch.has_terminal = lambda: True\n"
            "launch.launch = lambda: print('app in', i18n.language(), 'click loaded' if 'click' in sys.modules "
            "else 'click not loaded')\n"
            "from tutor.cli import main\nmain([])")
    env = {**os.environ, "GDTUTOR_LANG": "ko"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, stdin=subprocess.DEVNULL,
                         env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "app in ko click not loaded"
