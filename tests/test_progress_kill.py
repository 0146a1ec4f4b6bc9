"""A learner's progress survives the process being killed at any moment of a save.

A real child process saves progress in a tight loop and is killed with SIGKILL after a random
delay, hundreds of times (GDTUTOR_TEST_SCALE multiplies the count). After every kill the file must
parse, load without damage, and hold exactly the state before or after the save the kill
interrupted: the child reports each save that returned, so the file may be one save ahead of the
last report, never behind it and never a mix.

The children are forked from one helper process that has already imported gdtutor, so a kill costs
milliseconds rather than an interpreter start; the helper is single-threaded, which makes the fork
safe. Kills that land mid-write leave the save's temporary file behind; the test counts them (proof
that the kills hit the dangerous moments) and checks that the next save clears them away.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.scale import figure, scaled
from tutor.progress import ProgressStore
from tutor.progress.model import SCHEMA_VERSION

pytestmark = pytest.mark.slow

#: Completed lessons already in the file: they make each save a sizeable write, and every one of
#: them must still be there after every kill.
KEPT = 150
#: A review item as the scheduler stores it: kept byte for byte through every kill.
CARD = {"card_id": 7, "state": 2, "step": None, "stability": 2.3, "difficulty": 5.1,
        "due": "2026-01-03T00:00:00+00:00", "last_review": "2026-01-01T00:00:00+00:00"}
#: Every this many saves, the saver starts one more lesson in the same save: the file's shape changes too.
COMPLETE_EVERY = 7

SAVER = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from tutor.progress import ProgressStore
    from tutor.progress.session import ProgressSession

    path = Path(sys.argv[1])
    for command in sys.stdin:
        words = command.split()
        if words[:1] != ["round"]:
            break
        wait_for = int(words[1])  # saves to see reported before the parent may kill
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the saver: save, report, repeat, until killed
            os.close(read)
            session = ProgressSession(ProgressStore(path))
            n = int(session.progress.lesson("counter").params.get("n", 0))
            for _ in range(1_000_000):
                n += 1
                if n % COMPLETE_EVERY == 0:  # a new lesson joins this same save
                    session.set_params(f"done-{n}", {"at": n}, save=False)
                session.set_params("counter", {"n": n})
                os.write(write, b"%d\\n" % n)
            os._exit(0)
        os.close(write)
        seen, rest = [], b""
        while len(seen) < wait_for:  # an event, not a time: however long a save takes here
            chunk = os.read(read, 4096)
            if not chunk:
                break
            *lines, rest = (rest + chunk).split(b"\\n")
            seen += lines
        print(pid, flush=True)
        sys.stdin.readline()  # "reap": the parent has sent SIGKILL
        os.waitpid(pid, 0)
        with os.fdopen(read, "rb") as reports:
            acked = seen + (rest + reports.read()).split()
        print(int(acked[-1]) if acked else -1, flush=True)
""").replace("COMPLETE_EVERY", str(COMPLETE_EVERY))


def expected_lessons(n: int) -> dict[str, str]:
    """Each lesson's status in the file after save number `n`."""
    lessons = {f"kept-{i}": "complete" for i in range(KEPT)}
    lessons.update({f"done-{k}": "in-progress" for k in range(COMPLETE_EVERY, n + 1, COMPLETE_EVERY)})
    if n:
        lessons["counter"] = "in-progress"
    return lessons


def state_in(path: Path) -> int:
    """The save number the file holds, after checking that it is whole and exactly that save's state."""
    data = json.loads(path.read_text(encoding="utf-8"))  # parses: never torn
    store = ProgressStore(path)
    progress = store.load()
    assert store.notices == [], [str(n) for n in store.notices]
    n = int(progress.lessons["counter"].params["n"]) if "counter" in progress.lessons else 0
    assert {k: v.status for k, v in progress.lessons.items()} == expected_lessons(n)
    assert data["schema"] == SCHEMA_VERSION and data["lessons"]["kept-0"]["params"] == {"lr": 0.5}
    assert data["lessons"]["kept-0"]["review"] == {"quiz:0": CARD}  # review state survives too
    return n


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_sigkill_at_random_moments_never_loses_or_tears_the_file(tmp_path: Path) -> None:
    path = tmp_path / "data" / "progress.json"
    path.parent.mkdir(mode=0o700)
    seed = {"schema": SCHEMA_VERSION, "last_lesson": None, "settings": {},
            "lessons": {f"kept-{i}": {"status": "complete", "completed_at": "2026-01-01T00:00:00Z",
                                      "params": {"lr": 0.5}, "hints_used": 1, "quiz": {"0": 1},
                                      "predictions": {"0": {"choice": 1, "right": False}},
                                      "review": {"quiz:0": CARD}, "updated_at": 1.0}
                        for i in range(KEPT)}}
    path.write_text(json.dumps(seed), encoding="utf-8")
    kills, rng = scaled(300), random.Random(20261201)
    before, mid_write, left = 0, 0, set()
    with subprocess.Popen([sys.executable, "-c", SAVER, str(path)], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, text=True, bufsize=1) as helper:
        assert helper.stdin is not None and helper.stdout is not None
        for _ in range(kills):
            # The saver has reported 0 to 3 saves when its pid arrives (0: it may still be loading);
            # the kill then lands up to 50 ms later, anywhere in the next save or a few saves in.
            # Waiting for reports, not for time, keeps this the same on a slow machine.
            helper.stdin.write(f"round {rng.randrange(4)}\n")
            pid = int(helper.stdout.readline())
            time.sleep(rng.random() * 0.05)
            os.kill(pid, signal.SIGKILL)
            helper.stdin.write("reap\n")
            acked = int(helper.stdout.readline())
            last = max(before, acked)
            now = state_in(path)
            assert now in (last, last + 1), f"file holds save {now}; the last save reported was {last}"
            now_left = set(temp_files(path.parent))
            mid_write += bool(now_left - left)
            left = now_left
            before = now
        helper.stdin.write("done\n")
    assert before >= kills // 4, "the savers should have saved many times between kills"
    assert mid_write > 0, "no kill landed inside a save: the test proved nothing"
    figure("progress saves killed with SIGKILL (file whole after each)", kills)
    figure("progress saves killed mid-write (temporary file left behind)", mid_write)
    # The next save sweeps away what killed saves left behind.
    store = ProgressStore(path)
    assert store.save(store.load(), set()) is not None
    assert temp_files(path.parent) == []
    assert state_in(path) == before

