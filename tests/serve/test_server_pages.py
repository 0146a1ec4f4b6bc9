"""`gdtutor serve` over plain HTTP: the name page, names refused before any process starts, a port
that is taken, a missing extra, and a session process given a bad name."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.serve.classroom import ROOT, serve

pytest.importorskip("textual_serve", reason="textual-serve is not installed: pip install -e '.[serve,test]'")


def test_the_first_page_asks_for_a_name_and_refuses_bad_ones_saying_why(tmp_path: Path) -> None:
    with serve(tmp_path, "--max-sessions", "1") as served:
        code, page = served.get("/")
        assert code == 200 and 'id="learner"' in page and "Your name" in page
        code, page = served.get("/?learner=..%2Fsecrets")
        assert code == 400 and "not &#34;/&#34;" in page and 'value="../secrets"' in page
        code, page = served.get("/?learner=%1B%5B31mred")
        assert code == 400 and "\x1b" not in page and "\\x1b" in page
        code, page = served.get("/?learner=Ana")
        assert code == 200 and "/ws/Ana" in page and "gdtutor — Ana" in page
        assert "fonts.googleapis.com" not in page  # the page fetches nothing from elsewhere
        code, text = served.get("/ws/..%2Fsecrets")
        assert code == 400 and "a name may hold letters" in text
        assert "session started" not in served.log()
        assert not (served.home / "learners").exists()


def test_it_listens_on_loopback_and_says_a_wider_audience_needs_an_authenticating_proxy(tmp_path: Path) -> None:
    with serve(tmp_path) as served:
        log = served.log()
        assert "http://127.0.0.1:" in log
        assert "reverse proxy that authenticates" in " ".join(log.split())


def test_a_port_already_taken_is_one_clear_message(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        out = subprocess.run([sys.executable, "-m", "tutor", "serve", "--port", str(port)], capture_output=True,
                             text=True, env=env, timeout=120, cwd=tmp_path)
    assert out.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in out.stderr and "Traceback" not in out.stderr


def test_without_the_extra_serve_says_how_to_install_it(tmp_path: Path) -> None:
    code = ("import sys; sys.modules['textual_serve'] = None; sys.modules['textual_serve.server'] = None\n"
            "from tutor.cli import main; main(['serve'])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=tmp_path)
    assert out.returncode == 1 and "pip install 'gdtutor[serve]'" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.parametrize("name", ["", "../../etc/passwd", ".profile"])
def test_a_session_process_refuses_a_bad_name_itself(tmp_path: Path, name: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GDTUTOR_LEARNER": name, "GDTUTOR_HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-m", "tutor.serve.session_app"], capture_output=True, text=True,
                         env=env, timeout=120, stdin=subprocess.DEVNULL)
    assert out.returncode == 2 and out.stderr.startswith("GDTUTOR_LEARNER: ")
    assert list(tmp_path.iterdir()) == []


def test_a_request_addressed_to_another_host_is_refused(tmp_path: Path) -> None:
    import urllib.error
    import urllib.request

    with serve(tmp_path) as served:
        request = urllib.request.Request(served.url + "/?learner=Ana", headers={"Host": "rebound.example:8000"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        assert refused.value.code == 421
        assert "--public-url" in refused.value.read().decode("utf-8")
        assert served.get("/")[0] == 200  # (addressed to 127.0.0.1, as the tests' requests are)
    with serve(tmp_path / "proxied", "--public-url", "https://class.example") as served:
        assert served.get("/")[0] == 200  # (a proxy that passes on its own Host: 127.0.0.1)
        request = urllib.request.Request(served.url + "/?learner=Ana", headers={"Host": "class.example"})
        with urllib.request.urlopen(request, timeout=30) as response:
            page = response.read().decode("utf-8")
        assert "wss://class.example/ws/Ana" in page and "https://class.example/static/" in page
