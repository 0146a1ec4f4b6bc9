"""A session's app process always ends with the session: asked to quit, then stopped if it hangs."""

from __future__ import annotations

import shlex
import sys

import pytest

pytest.importorskip("textual_serve", reason="textual-serve is not installed: pip install -e '.[serve,test]'")

from textual_serve.download_manager import DownloadManager

from tests.serve.classroom import process_alive
from tutor.serve import app_service
from tutor.serve.app_service import LearnerAppService

#: An "app" that announces itself as Textual does, then ignores every request to quit.
HUNG = ("import signal, sys, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
        "sys.stdout.write('__GANGLION__\\n'); sys.stdout.flush(); time.sleep(600)")


async def _nothing(*_args: object) -> None:
    return None


async def test_an_app_that_ignores_quit_and_terminate_is_killed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_service, "QUIT_GRACE", 0.5)
    monkeypatch.setattr(app_service, "TERMINATE_GRACE", 0.5)
    service = LearnerAppService(f"exec {shlex.quote(sys.executable)} -c {shlex.quote(HUNG)}", "Ana",
                                write_bytes=_nothing, write_str=_nothing, close=_nothing,
                                download_manager=DownloadManager())
    await service.start(80, 24)
    pid = service.pid
    assert pid is not None and process_alive(pid)
    await service.stop()
    assert not process_alive(pid)
    assert service._process is not None and service._process.returncode is not None
    await service.stop()  # (a second stop, as the server's finally blocks may do, is harmless)


async def test_the_learner_reaches_the_app_in_its_environment_not_its_command() -> None:
    service = LearnerAppService(f"exec {shlex.quote(sys.executable)} -m tutor.serve.session_app", "Bo; rm -rf /",
                                write_bytes=_nothing, write_str=_nothing, close=_nothing,
                                download_manager=DownloadManager())
    assert service._build_environment()["GDTUTOR_LEARNER"] == "Bo; rm -rf /"
    assert "Bo" not in service.command
