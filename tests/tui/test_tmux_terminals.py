"""gdtutor in real terminals: inside a tmux server, under each TERM and locale learners bring.

tmux is a real terminal emulator, so what it shows (`tmux capture-pane`) is what a learner would
see. The app is started under TERM=xterm, screen-256color, tmux-256color, linux and vt100, and
under LANG=C; in each it must reach the home screen, open a lesson, draw its chart — with Unicode
where the terminal has it and pure ASCII where it does not — and quit with status 0 and no
traceback. Beside them: NO_COLOR in the app (no hue anywhere) and in `gdtutor sim --plot` (no
colour), the headless message when stdout is a pipe, and, where a private mount namespace is
available, the app on a really full disk. All sessions start together and are driven in step, so
the whole file costs about one start-up. Skipped when tmux is not installed.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.scale import figure

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

FIXTURES = Path(__file__).parent / "fixtures" / "lessons"
PATIENCE = 60.0
BOX_OR_BRAILLE = re.compile(r"[\u2500-\u257f\u2800-\u28ff]")
SGR = re.compile(r"\x1b\[([0-9;]*)m")


@dataclass
class Session:
    """One tmux session running one command; what it showed at each step is kept in `seen`."""

    name: str
    command: str
    seen: dict[str, str] = field(default_factory=dict)


class Tmux:
    def __init__(self, socket: str) -> None:
        self.socket = socket

    def __call__(self, *args: str) -> str:
        out = subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args], capture_output=True,
                             text=True, timeout=30)
        return out.stdout

    def start(self, session: Session) -> None:
        self("new-session", "-d", "-s", session.name, "-x", "80", "-y", "24", session.command)

    def keys(self, session: Session, *keys: str) -> None:
        self("send-keys", "-t", session.name, *keys)

    def screen(self, session: Session, escapes: bool = False) -> str:
        return self("capture-pane", "-p", *(["-e"] if escapes else []), "-t", session.name)

    def wait(self, session: Session, step: str, ready: Callable[[str], bool], escapes: bool = False) -> str:
        deadline = time.monotonic() + PATIENCE
        while time.monotonic() < deadline:
            text = self.screen(session, escapes)
            if ready(text if not escapes else SGR.sub("", text)):
                session.seen[step] = text
                return text
            time.sleep(0.2)
        raise AssertionError(f"{session.name}: timed out waiting for {step}; the screen shows:\n{text}")


def shell(env: dict[str, str], *argv: str, pipe: bool = False) -> str:
    """A pane command: run argv with env (NO_COLOR and the locale unset first), then report its status."""
    settings = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    run = " ".join(shlex.quote(a) for a in argv) + (" | cat" if pipe else "")
    return (f"env -u NO_COLOR -u LC_ALL -u LC_CTYPE -u COLORTERM {settings} sh -c {shlex.quote(run)}; "
            "echo \"[exited with $?]\"; sleep 600")


#: (session name, TERM, LANG, whether charts may use Unicode there)
TERMINALS = [("xterm", "xterm", "C.UTF-8", True), ("screen", "screen-256color", "C.UTF-8", True),
             ("tmux", "tmux-256color", "C.UTF-8", True), ("linux", "linux", "C.UTF-8", False),
             ("vt100", "vt100", "C.UTF-8", False), ("lang-c", "tmux-256color", "C", False)]
GDTUTOR = (sys.executable, "-m", "tutor")


def chart_rows(screen: str) -> list[str]:
    """The chart's rows on the lesson's simulation view: from its title to the status line."""
    lines = screen.splitlines()
    top = next(i for i, line in enumerate(lines) if "weight w per step" in line)
    bottom = next(i for i, line in enumerate(lines) if "each step multiplies" in line)
    return lines[top:bottom]


def toast(screen: str) -> str:
    """The text of the notifications at the right of the screen, joined."""
    lines = SGR.sub("", screen).splitlines()
    return " ".join(line.rsplit("\u258c", 1)[1].strip() for line in lines if "\u258c" in line)


def colours(screen: str) -> list[tuple[int, int, int] | int]:
    """Every foreground and background colour the screen uses: (r, g, b) or a basic ANSI number."""
    found: list[tuple[int, int, int] | int] = []
    for params in SGR.findall(screen):
        codes = [int(c) for c in params.split(";") if c]
        i = 0
        while i < len(codes):
            code = codes[i]
            if code in (38, 48) and i + 2 < len(codes) and codes[i + 1] == 5:
                found.append(xterm_rgb(codes[i + 2]))
                i += 3
                continue
            if code in (38, 48) and i + 4 < len(codes) and codes[i + 1] == 2:
                found.append((codes[i + 2], codes[i + 3], codes[i + 4]))
                i += 5
                continue
            if 30 <= code <= 37 or 40 <= code <= 47 or 90 <= code <= 97 or 100 <= code <= 107:
                found.append(code)
            i += 1
    return found


def xterm_rgb(n: int) -> tuple[int, int, int] | int:
    if n < 16:
        return 30 + n % 8 if n < 8 else 90 + n % 8
    if n >= 232:
        level = 8 + 10 * (n - 232)
        return (level, level, level)
    n -= 16
    steps = [0, 95, 135, 175, 215, 255]
    return (steps[n // 36], steps[n // 6 % 6], steps[n % 6])


def grey(colour: tuple[int, int, int] | int) -> bool:
    if isinstance(colour, int):
        return colour in (30, 37, 90, 97, 40, 47, 100, 107)
    r, g, b = colour
    return r == g == b


def full_disk(home: Path) -> str | None:
    """A pane command for the app with its data folder on a full 16 KiB tmpfs, or None if impossible."""
    home.mkdir()
    for unshare in (["unshare", "--mount"], ["unshare", "--mount", "--map-root-user"]):
        probe = subprocess.run([*unshare, "sh", "-c", 'mount -t tmpfs -o size=16k tmpfs "$0"', str(home)],
                               capture_output=True)
        if probe.returncode == 0:
            inner = (f"mount -t tmpfs -o size=16k tmpfs {shlex.quote(str(home))} && "
                     f"(cat /dev/zero > {shlex.quote(str(home / 'filler'))} 2>/dev/null; true) && "
                     f"exec {' '.join(shlex.quote(a) for a in GDTUTOR)}")
            return shell({"GDTUTOR_HOME": str(home), "GDTUTOR_LESSONS": str(FIXTURES), "TERM": "xterm-256color",
                          "LANG": "C.UTF-8"}, *unshare, "sh", "-c", inner)
    return None


@pytest.fixture(scope="module")
def sessions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Session]]:
    root = tmp_path_factory.mktemp("tmux")
    tmux = Tmux(f"gdtutor-test-{os.getpid()}-{uuid.uuid4().hex[:8]}")

    def app(name: str, **env: str) -> Session:
        home = root / name
        return Session(name, shell({"GDTUTOR_HOME": str(home), "GDTUTOR_LESSONS": str(FIXTURES), **env}, *GDTUTOR))

    apps = {name: app(name, TERM=term, LANG=lang) for name, term, lang, _ in TERMINALS}
    apps["no-color"] = app("no-color", TERM="xterm-256color", LANG="C.UTF-8", NO_COLOR="1")
    disk = full_disk(root / "full")
    if disk is not None:
        apps["full-disk"] = Session("full-disk", disk)
    plot = (*GDTUTOR, "sim", "lr-overshoot", "-s", "lr=1.9", "--plot", "--width", "60", "--height", "12")
    others = {
        "plot": Session("plot", shell({"TERM": "xterm-256color", "LANG": "C.UTF-8"}, *plot)),
        "plot-no-color": Session("plot-no-color", shell({"TERM": "xterm-256color", "LANG": "C.UTF-8",
                                                         "NO_COLOR": "1"}, *plot)),
        "plot-lang-c": Session("plot-lang-c", shell({"TERM": "xterm-256color", "LANG": "C"}, *plot)),
        "pipe": Session("pipe", shell({"TERM": "xterm-256color", "LANG": "C.UTF-8"}, *GDTUTOR, pipe=True)),
    }
    try:
        for session in [*apps.values(), *others.values()]:
            tmux.start(session)
        for session in others.values():
            tmux.wait(session, "done", lambda s: "[exited with" in s, escapes=True)
        for session in apps.values():
            tmux.wait(session, "home", lambda s: "A fixture bowl" in s and "Continue" in s)
        for session in apps.values():
            tmux.keys(session, "Enter")
        for session in apps.values():
            tmux.wait(session, "lesson", lambda s: "Lesson 1 of 3" in s and "Check your understanding" in s)
            tmux.keys(session, "t")
        for session in apps.values():
            tmux.wait(session, "chart", lambda s: "weight w per step" in s and "each step multiplies" in s,
                      escapes=True)
            tmux.keys(session, "C-q")
        for session in apps.values():
            tmux.wait(session, "quit", lambda s: "[exited with" in s)
        figure("terminal kinds the app was started in under tmux", len(apps))
        yield {**apps, **others}
    finally:
        tmux("kill-server")


@pytest.mark.parametrize(("name", "term", "lang", "unicode"), TERMINALS, ids=[t[0] for t in TERMINALS])
def test_the_app_starts_draws_and_quits(sessions: dict[str, Session], name: str, term: str, lang: str,
                                        unicode: bool) -> None:
    session = sessions[name]
    rows = chart_rows(SGR.sub("", session.seen["chart"]))
    assert len(rows) >= 8 and any(ch.isdigit() for ch in rows[2])
    if unicode:
        assert any(BOX_OR_BRAILLE.search(row) for row in rows), "\n".join(rows)
        assert "\u25cb" in session.seen["home"]  # ○: a lesson not started
    else:
        assert all(ord(ch) < 128 for row in rows for ch in row), "\n".join(rows)
        assert sum(row.count("+") for row in rows) >= 4 and any("*" in row or "o" in row for row in rows[2:])
        assert "\u25cb" not in session.seen["home"] and " o  1" in session.seen["home"]
    assert "[exited with 0]" in session.seen["quit"] and "Traceback" not in session.seen["quit"]


def test_no_color_leaves_no_hue_in_the_app(sessions: dict[str, Session]) -> None:
    plain = colours(sessions["no-color"].seen["chart"])
    assert plain and all(grey(c) for c in plain), sorted({c for c in plain if not grey(c)})
    assert any(not grey(c) for c in colours(sessions["xterm"].seen["chart"]))  # (the test can tell)


def test_plot_honours_no_color_and_the_locale(sessions: dict[str, Session]) -> None:
    coloured, plain, ascii_only = (sessions[n].seen["done"] for n in ("plot", "plot-no-color", "plot-lang-c"))
    assert any(not grey(c) for c in colours(coloured))  # a terminal, NO_COLOR unset: colour
    assert colours(plain) == [] and "oscillating" in plain and BOX_OR_BRAILLE.search(plain)
    chart = SGR.sub("", ascii_only).split("oscillating:")[0]
    assert chart.strip() and all(ord(ch) < 128 for ch in chart), chart
    assert all("[exited with 0]" in s for s in (coloured, plain, ascii_only))


def test_without_a_terminal_the_headless_commands_are_explained(sessions: dict[str, Session]) -> None:
    text = sessions["pipe"].seen["done"]
    assert "needs an interactive terminal" in text and "gdtutor sim NAME" in text and "[exited with 0]" in text


def test_a_really_full_disk_is_a_notification(sessions: dict[str, Session]) -> None:
    if "full-disk" not in sessions:
        pytest.skip("no private mount namespace here for a small, full file system")
    session = sessions["full-disk"]
    told = " ".join(toast(session.seen[step]) for step in ("lesson", "chart"))
    assert "Progress cannot be saved" in told and "No space left on device" in re.sub(r"\s+", " ", told), told
    assert "[exited with 0]" in session.seen["quit"] and "Traceback" not in session.seen["quit"]
