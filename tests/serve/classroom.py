"""A real `gdtutor serve` on a free loopback port, and real headless Chromium pages to use it.

Everything waits for a condition (the server answering, the page's first byte, a text on the
terminal, a file on disk) with a generous deadline; nothing sleeps a fixed time and calls it done.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from tests.serve.terminal_screen import TerminalScreen

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
#: Deadlines, generous for a busy 2-core machine: they bound a hang, they do not measure speed.
START_TIMEOUT = 60.0
SCREEN_TIMEOUT = 60.0


def wait_until(condition: Callable[[], Any], what: str | Callable[[], str], timeout: float = SCREEN_TIMEOUT,
               page: Any = None) -> Any:
    """Poll `condition` until it returns something true; fail naming `what` at the deadline.

    With a `page`, the pause between polls is Playwright's, so the page's events (the frames its
    websocket receives) are delivered meanwhile; a plain sleep would hold them back."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout:.0f} s for {what() if callable(what) else what}")
        if page is not None:
            page.wait_for_timeout(50)
        else:
            time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def need_browser() -> Any:
    """Playwright's sync API, or a skip that says why the browser tests cannot run here."""
    pytest.importorskip("textual_serve", reason="textual-serve is not installed: pip install -e '.[serve,test]'")
    playwright = pytest.importorskip("playwright.sync_api",
                                     reason="Playwright is not installed: pip install -e '.[serve,test]'")
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed and could not be (apt-get install -y chromium; "
                    ".ci/run installs it)")
    return playwright


@dataclass
class Served:
    """A running `gdtutor serve`: its address, its data folder and what it has logged."""

    url: str
    home: Path
    log_path: Path
    process: subprocess.Popen[bytes]

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def learner_file(self, key: str) -> Path:
        return self.home / "learners" / f"{key}.json"

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")


@contextlib.contextmanager
def serve(tmp_path: Path, *args: str) -> Iterator[Served]:
    port = free_port()
    tmp_path.mkdir(parents=True, exist_ok=True)
    home = tmp_path / "home"
    log_path = tmp_path / "serve.log"
    env = {**os.environ, "GDTUTOR_HOME": str(home), "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    env.pop("GDTUTOR_LANG", None)
    with log_path.open("wb") as log:
        process = subprocess.Popen([sys.executable, "-m", "tutor", "serve", "--port", str(port), *args],
                                   stdout=log, stderr=subprocess.STDOUT, env=env, cwd=tmp_path)
    served = Served(f"http://127.0.0.1:{port}", home, log_path, process)
    try:
        def answers() -> bool:
            if process.poll() is not None:
                pytest.fail(f"gdtutor serve exited ({process.returncode}):\n{served.log()}")
            with contextlib.suppress(OSError):
                return served.get("/")[0] > 0  # (any answer: it may be a refusal the test is after)
            return False

        wait_until(answers, "gdtutor serve to answer", START_TIMEOUT)
        yield served
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Seat:
    """One browser page on the classroom, with the terminal its websocket has drawn so far."""

    page: Any
    screen: TerminalScreen = field(default_factory=TerminalScreen)
    socket_urls: list[str] = field(default_factory=list)

    def watch(self) -> None:
        def on_socket(ws: Any) -> None:
            self.socket_urls.append(ws.url)
            width = int(parse_qs(urlparse(ws.url).query).get("width", ["300"])[0])
            self.screen = TerminalScreen(width=max(width, 20))
            ws.on("framereceived", lambda payload: isinstance(payload, bytes) and self.screen.feed(payload))

        self.page.on("websocket", on_socket)

    def wait_for_text(self, text: str, timeout: float = SCREEN_TIMEOUT) -> str:
        return wait_until(lambda: text in self.screen.text() and self.screen.text(),
                          lambda: f"{text!r} on the terminal; it shows:\n{self.screen.text()}", timeout,
                          page=self.page)

    def press(self, *keys: str) -> None:
        self.page.focus(".xterm-helper-textarea")
        for key in keys:
            self.page.keyboard.press(key)


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    playwright = need_browser()
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_seat(browser: Any, url: str) -> Seat:
    """A new browser (its own context: no shared cookies or storage) watching its websocket."""
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    seat = Seat(context.new_page())
    seat.watch()
    seat.page.goto(url)
    return seat


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with contextlib.suppress(OSError):  # a zombie has ended: only its exit status is left
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return state != "Z"
    return True

