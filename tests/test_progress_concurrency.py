"""Two sessions of one learner (two SSH logins) saving at the same time never erase each other's work.

Two real processes, started together, each complete a few hundred lessons of their own, one save at
a time, and keep moving a parameter of a lesson of their own; GDTUTOR_TEST_SCALE multiplies the
count. At the end every completion from both is in the file, and each process's last value is the
one kept; and both make review items in one shared lesson, all of which are kept.
(tests/test_progress_store.py has the quick version of this test.)
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.scale import figure, scaled
from tutor.progress import ProgressStore

pytestmark = pytest.mark.slow

SESSION = textwrap.dedent("""
    import sys
    from pathlib import Path
    from tutor.progress import ProgressStore
    from tutor.progress.session import ProgressSession

    path, name, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    session = ProgressSession(ProgressStore(path))
    sys.stdin.readline()  # both start together
    for i in range(count):
        session.complete(f"{name}-{i}")
        session.set_params(f"{name}-cursor", {"i": i})
        session.answer("shared", i + (0 if name == "a" else 10_000), 0, right=False)  # one lesson, both sessions
    assert session.take_notices() == [], "no save may fail"
""")


def test_two_processes_saving_hundreds_of_times_keep_every_completion(tmp_path: Path) -> None:
    path = tmp_path / "data" / "progress.json"
    count = scaled(100)
    procs = [subprocess.Popen([sys.executable, "-c", SESSION, str(path), name, str(count)],
                              stdin=subprocess.PIPE, text=True) for name in ("a", "b")]
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.close()
    assert [proc.wait(timeout=300) for proc in procs] == [0, 0]
    store = ProgressStore(path)
    lessons = store.load().lessons
    assert store.notices == []
    for name in ("a", "b"):
        missing = [i for i in range(count) if not (f"{name}-{i}" in lessons and lessons[f"{name}-{i}"].complete)]
        assert missing == [], f"session {name} lost completions {missing[:10]}"
        assert lessons[f"{name}-cursor"].params == {"i": count - 1}
        assert all("challenge" in lessons[f"{name}-{i}"].review for i in range(count))
    review = lessons["shared"].review  # review items both sessions made in one lesson: none lost
    assert set(review) == {f"quiz:{i + offset}" for i in range(count) for offset in (0, 10_000)}
    assert len(lessons) == 2 * count + 3
    figure("concurrent saves by two processes (no completion lost)", 2 * 3 * count)
