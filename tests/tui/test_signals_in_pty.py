"""SIGHUP and SIGTERM in a real pseudo-terminal: the value just changed is saved, the terminal restored.

gdtutor runs in a tmux pane (a real pty, as under SSH) with its own progress folder; a lesson is
opened and a parameter nudged, and the signal arrives while the change is still pending (within the
save delay). Afterwards the progress file holds the new value, the pane has left the alternate
screen, and the terminal is back in its normal mode (`stty` run after gdtutor in the same pane sees
echo and canonical input on). Every wait is for something the pane shows. Skipped without tmux.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.scale import figure

pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")]

PATIENCE = 60.0


class Pane:
    def __init__(self, command: str) -> None:
        self.socket = f"gdtutor-signals-{uuid.uuid4().hex[:8]}"
        self.tmux("new-session", "-d", "-s", "main", "-x", "80", "-y", "24", command)

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args], capture_output=True,
                              text=True, timeout=30).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "main")

    def wait(self, ready: Callable[[str], bool], what: str) -> str:
        deadline = time.monotonic() + PATIENCE
        text = ""
        while time.monotonic() < deadline:
            text = self.screen()
            if ready(text):
                return text
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; the pane shows:\n{text}")

    def close(self) -> None:
        self.tmux("kill-server")


def gdtutor_pid(pane: Pane) -> int:
    """The gdtutor process in the pane: the child of the pane's shell."""
    shell = int(pane.tmux("display-message", "-p", "-t", "main", "#{pane_pid}").strip())
    children = Path(f"/proc/{shell}/task/{shell}/children")
    return int(children.read_text().split()[0])


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc to find the app's process")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_saves_the_pending_change_and_restores_the_terminal(tmp_path: Path, sig: int) -> None:
    stty = tmp_path / "stty.txt"
    app = f"{shlex.quote(sys.executable)} -m tutor"
    command = (f"env -u NO_COLOR GDTUTOR_HOME={shlex.quote(str(tmp_path))} GDTUTOR_LANG=en LANG=C.UTF-8 "
               f"TERM=xterm-256color sh -c {shlex.quote(f'{app}; echo exited=$?; stty -a > {stty}; sleep 600')}")
    pane = Pane(command)
    try:
        pane.wait(lambda s: "weights-and-loss" in s or "Weights, the loss" in s, "the home screen")
        pane.tmux("send-keys", "-t", "main", "Enter")  # continue: lesson 1
        pane.wait(lambda s: "Lesson 1 of" in s, "lesson 1")
        pane.tmux("send-keys", "-t", "main", "t")  # the simulation side
        pane.wait(lambda s: "Challenge" in s and "w0 0" in s, "the simulation side")
        before = json.loads((tmp_path / "progress.json").read_text(encoding="utf-8"))
        pane.tmux("send-keys", "-t", "main", "Right")  # a nudge: saved only after the save delay
        pane.wait(lambda s: "w0 0.5" in s, "the nudged value (w0 from 0 to 0.5)")
        os.kill(gdtutor_pid(pane), sig)
        pane.wait(lambda s: "exited=" in s, "gdtutor to end")
        pane.wait(lambda _s: stty.exists() and stty.stat().st_size > 0, "stty after gdtutor")
        alternate = pane.tmux("display-message", "-p", "-t", "main", "#{alternate_on}").strip()
        settings = stty.read_text().split()
    finally:
        pane.close()
    after = json.loads((tmp_path / "progress.json").read_text(encoding="utf-8"))
    lesson = "weights-and-loss"
    assert before["lessons"][lesson]["params"].get("w0", 0) == 0 and after["lessons"][lesson]["params"]["w0"] == 0.5
    assert alternate == "0" and "echo" in settings and "icanon" in settings, (alternate, settings)
    figure("signals in a pty with a change pending (saved, terminal restored)")
