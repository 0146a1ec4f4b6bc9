"""Saves that really fail: a full disk, a read-only file system, a folder the learner may not write.

Each failure is made real, not mocked, in a child process: a 64 KiB tmpfs filled to the last byte
(ENOSPC) and the same tmpfs remounted read-only (EROFS), each inside a private mount namespace
(`unshare --mount`, which needs root or user namespaces), and a folder without write permission
(EACCES) for a process that is not root (the tests run as root, so the child drops to `nobody`).
Where the machine allows none of that the test is skipped; tests/test_progress_store.py proves the
same promises with monkeypatched OS errors everywhere.

In each case: the learner is told once, with the reason; the previous file is intact; `gdtutor
reset` fails with a message, not a traceback; and once the fault is mended, the pending changes
are saved.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.scale import figure

pytestmark = pytest.mark.slow

CHILD = textwrap.dedent("""
    import errno, json, os, subprocess, sys
    from pathlib import Path
    from click.testing import CliRunner
    from tutor.cli.root import cli
    from tutor.progress import ProgressStore
    from tutor.progress.session import ProgressSession

    folder, fault = Path(sys.argv[1]), sys.argv[2]
    path, filler = folder / "progress.json", folder / "filler"

    def break_it():
        if fault == "full":
            fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
            try:
                while True:
                    os.write(fd, b"x" * 4096)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
            finally:
                os.close(fd)
        elif fault == "read-only":
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        else:
            os.chmod(folder, 0o500)

    def mend_it():
        if fault == "full":
            filler.unlink()
        elif fault == "read-only":
            subprocess.run(["mount", "-o", "remount,rw", str(folder)], check=True)
        else:
            os.chmod(folder, 0o700)

    session = ProgressSession(ProgressStore(path))
    session.complete("bowl")
    before = path.read_bytes()
    break_it()
    session.complete("ravine")
    session.set_params("ravine", {"lr": 0.5})
    session.reveal_hint("ravine", 3)
    report = {"while_broken": [str(n) for n in session.take_notices()], "intact": path.read_bytes() == before}
    reset = CliRunner().invoke(cli, ["reset", "--yes"])  # in this process: it has the fault
    crashed = reset.exception is not None and not isinstance(reset.exception, SystemExit)
    report["reset"] = [reset.exit_code, reset.output + ("Traceback" if crashed else "")]
    report["intact_after_reset"] = path.read_bytes() == before
    mend_it()
    session.complete("slope")
    report["after"] = [str(n) for n in session.take_notices()]
    progress = ProgressStore(path).load()
    report["complete"] = sorted(k for k, v in progress.lessons.items() if v.complete)
    report["ravine"] = [progress.lessons["ravine"].params, progress.lessons["ravine"].hints_used]
    print(json.dumps(report))
""")

REASONS = {"full": "No space left on device", "read-only": "Read-only file system", "denied": "Permission denied"}


def _works(command: list[str]) -> bool:
    try:
        return subprocess.run(command, capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def _namespace() -> list[str] | None:
    """The unshare command that gives a private mount namespace here, or None."""
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        return None
    for command in (["unshare", "--mount"], ["unshare", "--mount", "--map-root-user"]):
        if _works([*command, "sh", "-c", 'mount -t tmpfs -o size=64k tmpfs "$0"', tempfile.gettempdir()]):
            return command
    return None


@pytest.fixture
def folder() -> Iterator[Path]:
    """A data folder outside pytest's private temporary tree, so that `nobody` can reach it."""
    path = Path(tempfile.mkdtemp(prefix="gdtutor-fault-"))
    os.chmod(path, 0o755)
    data = path / "data"
    data.mkdir(mode=0o700)
    yield data
    for sub in (data, path):
        if sub.exists():
            os.chmod(sub, 0o700)
    shutil.rmtree(path, ignore_errors=True)


def _run(command: list[str], folder: Path) -> dict:
    env = {**os.environ, "GDTUTOR_HOME": str(folder), "PYTHONDONTWRITEBYTECODE": "1"}
    out = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def _check(report: dict, fault: str) -> None:
    reason = REASONS[fault]
    assert len(report["while_broken"]) == 1, report["while_broken"]  # told once, for three failed saves
    assert reason in report["while_broken"][0] and "goes on" in report["while_broken"][0]
    assert report["intact"] and report["intact_after_reset"]
    code, output = report["reset"]
    assert code == 1 and reason in output and "Traceback" not in output, output
    assert report["after"] == ["Progress is being saved again."]
    assert report["complete"] == ["bowl", "ravine", "slope"]
    assert report["ravine"] == [{"lr": 0.5}, 1]  # what was pending while it failed landed too
    figure("real save failures survived (ENOSPC, EROFS, EACCES)")


@pytest.mark.parametrize("fault", ["full", "read-only"])
def test_a_real_full_or_read_only_file_system(folder: Path, fault: str) -> None:
    unshare = _namespace()
    if unshare is None:
        pytest.skip("no private mount namespace here (needs unshare and root or user namespaces)")
    size = "64k" if fault == "full" else "1m"
    script = f'mount -t tmpfs -o size={size},mode=0700 tmpfs "$0" && exec "$1" -c "$2" "$0" {fault}'
    _check(_run([*unshare, "sh", "-c", script, str(folder), sys.executable, CHILD], folder), fault)


def test_a_real_folder_without_write_permission(folder: Path) -> None:
    if os.geteuid() != 0:
        command = [sys.executable, "-c", CHILD, str(folder), "denied"]
    elif shutil.which("setpriv") and _works(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                                             sys.executable, "-c", "import click"]):  # nobody can use this Python
        os.chown(folder, 65534, 65534)  # root ignores permissions: the child runs as nobody
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                   sys.executable, "-c", CHILD, str(folder), "denied"]
    else:
        pytest.skip("running as root, and no unprivileged user can run this Python (no setpriv, or its "
                    "environment is private): permissions cannot be made to bite")
    _check(_run(command, folder), "denied")
