"""`gdtutor serve` in a real headless Chromium: learners by name, lessons by keyboard, seats bounded.

Each test starts its own server on a free loopback port with its own data folder, opens pages in
Debian's chromium through Playwright, and reads what the page's terminal shows from the bytes its
websocket received.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.serve.classroom import chromium, need_browser, open_seat, process_alive, serve, wait_until
from tutor.lessons.loader import load_course

pytestmark = pytest.mark.usefixtures("browser_available")

#: The shipped course's length, as the home screen and the lesson titles count it.
LESSONS = len(load_course().lessons)


@pytest.fixture
def browser_available() -> None:
    need_browser()


def _saved(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _session_pids(log: str, learner: str) -> list[int]:
    return [int(pid) for pid in re.findall(rf"session started for '{re.escape(learner)}' \(process (\d+)", log)]


def test_a_learner_types_a_name_and_drives_a_lesson_by_keyboard(tmp_path: Path) -> None:
    with serve(tmp_path, "--max-sessions", "2") as served, chromium() as browser:
        seat = open_seat(browser, served.url + "/")
        seat.page.fill("#learner", "Ana")
        seat.page.click("#start")
        seat.page.wait_for_selector("body.-first-byte", timeout=60_000)
        seat.wait_for_text(f"0 of {LESSONS} lessons complete")
        seat.wait_for_text("Your progress is saved under the name Ana.")
        assert wait_until(lambda: _session_pids(served.log(), "Ana"), "the server to log the session")
        assert seat.socket_urls and "/ws/Ana?" in seat.socket_urls[0]

        seat.press("Enter")  # the first lesson, from the home list
        seat.wait_for_text(f"Lesson 1 of {LESSONS}")
        seat.wait_for_text("Weights, the loss, and one step downhill")
        path = served.learner_file("ana")
        wait_until(lambda: _saved(path).get("last_lesson") == "weights-and-loss", "the opened lesson to be saved")

        seat.press("t")  # to the simulation, then nudge the first parameter up twice
        seat.wait_for_text("Challenge")
        before = _saved(path)["lessons"]["weights-and-loss"]["params"]
        seat.press("ArrowRight", "ArrowRight")
        wait_until(lambda: _saved(path)["lessons"]["weights-and-loss"]["params"] not in ({}, before),
                   "the nudged value to be saved")
        assert not (served.home / "progress.json").exists()  # the terminal app's own record is not touched


def test_two_learners_in_two_browsers_keep_two_separate_records(tmp_path: Path) -> None:
    with serve(tmp_path, "--max-sessions", "2") as served, chromium() as browser:
        ana = open_seat(browser, served.url + "/?learner=Ana")
        bo = open_seat(browser, served.url + "/?learner=" + "Bo%20Kim")
        for seat in (ana, bo):
            seat.wait_for_text("lessons complete")
        ana.press("Enter")
        bo.press("ArrowDown", "ArrowDown", "Enter")
        ana.wait_for_text(f"Lesson 1 of {LESSONS}")
        bo.wait_for_text(f"Lesson 3 of {LESSONS}")
        ana_file, bo_file = served.learner_file("ana"), served.learner_file("bo kim")
        wait_until(lambda: _saved(ana_file).get("last_lesson") == "weights-and-loss", "Ana's record")
        third = load_course().lessons[2].id
        wait_until(lambda: _saved(bo_file).get("last_lesson") == third, "Bo Kim's record")
        assert set(_saved(ana_file)["lessons"]) == {"weights-and-loss"}
        assert set(_saved(bo_file)["lessons"]) == {third}
        names = sorted(p.name for p in (served.home / "learners").glob("*.json"))
        assert names == ["ana.json", "bo kim.json"]


def test_one_more_session_than_allowed_sees_the_full_page_until_a_seat_frees(tmp_path: Path) -> None:
    with serve(tmp_path, "--max-sessions", "1") as served, chromium() as browser:
        first = open_seat(browser, served.url + "/?learner=Ana")
        first.wait_for_text("lessons complete")
        first.press("Enter")
        first.wait_for_text(f"Lesson 1 of {LESSONS}")
        (pid,) = wait_until(lambda: _session_pids(served.log(), "Ana"), "Ana's session in the log")

        second = open_seat(browser, served.url + "/?learner=Bo")
        second.page.wait_for_selector("#full", timeout=60_000)
        assert "All 1 seats are taken" in second.page.content()
        assert served.get("/?learner=Bo")[0] == 503
        assert not _session_pids(served.log(), "Bo")  # no app process was started for the refused one
        assert not second.socket_urls

        first.page.context.close()  # the browser closes: its app quits, saves, and the seat frees
        wait_until(lambda: not process_alive(pid), "Ana's app process to end")
        wait_until(lambda: "session ended for 'Ana'" in served.log(), "the server to free Ana's seat")
        assert _saved(served.learner_file("ana")).get("last_lesson") == "weights-and-loss"

        second.page.click("button")  # "Try again"
        second.wait_for_text("lessons complete")
        assert _session_pids(served.log(), "Bo")


def test_an_idle_session_is_closed_and_its_app_ends(tmp_path: Path) -> None:
    with serve(tmp_path, "--idle-timeout", "0.2") as served, chromium() as browser:  # 12 seconds
        seat = open_seat(browser, served.url + "/?learner=Ana")
        seat.wait_for_text("lessons complete")
        (pid,) = wait_until(lambda: _session_pids(served.log(), "Ana"), "Ana's session in the log")
        seat.page.wait_for_selector("body.-closed #ended", timeout=60_000)
        assert "Your progress is saved" in seat.page.inner_text("#ended")
        wait_until(lambda: "was idle" in served.log(), "the server to log why the session closed")
        wait_until(lambda: not process_alive(pid), "the idle app process to end")


def test_stopping_the_server_ends_every_app_and_keeps_what_was_just_changed(tmp_path: Path) -> None:
    with serve(tmp_path) as served, chromium() as browser:
        seat = open_seat(browser, served.url + "/?learner=Ana")
        seat.wait_for_text("lessons complete")
        (pid,) = wait_until(lambda: _session_pids(served.log(), "Ana"), "Ana's session in the log")
        seat.press("Enter")
        seat.wait_for_text(f"Lesson 1 of {LESSONS}")
        seat.press("t")
        seat.wait_for_text("starting weight w")
        seat.press("ArrowRight")  # w0 0 -> 0.5: saved a moment later, or when the app is told to quit
        seat.wait_for_text("w0 0.5")
        served.process.terminate()
        assert served.process.wait(timeout=120) == 0
        assert not process_alive(pid)
        assert _saved(served.learner_file("ana"))["lessons"]["weights-and-loss"]["params"]["w0"] == 0.5


def test_ctrl_s_in_the_page_downloads_the_screen_as_svg(tmp_path: Path) -> None:
    with serve(tmp_path) as served, chromium() as browser:
        seat = open_seat(browser, served.url + "/?learner=Ana")
        seat.wait_for_text("lessons complete")
        downloads: list = []
        seat.page.context.on("page", lambda popup: popup.on("download", lambda d: downloads.append(d)))
        seat.page.on("download", lambda d: downloads.append(d))
        seat.press("Control+s")
        wait_until(lambda: downloads, "the browser to download the screenshot", page=seat.page)
        assert re.fullmatch(r"gdtutor-home-\d{8}-\d{6}\.svg", downloads[0].suggested_filename)
        svg = Path(downloads[0].path()).read_text(encoding="utf-8")
        assert svg.startswith("<svg") and "lessons&#160;complete" in svg


def test_serve_lessons_runs_a_course_pack_in_every_session(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tutor.cli.pack_command import new_command

    pack = tmp_path / "course"
    assert CliRunner().invoke(new_command, [str(pack)]).exit_code == 0
    (pack / "pack.toml").write_text('format = 1\ncourse = "replace"\n', encoding="utf-8")
    with serve(tmp_path, "--lessons", str(pack)) as served, chromium() as browser:
        seat = open_seat(browser, served.url + "/?learner=Ana")
        seat.wait_for_text("0 of 1 lessons complete")
        seat.press("Enter")
        seat.wait_for_text("One step to the bottom")
        wait_until(lambda: _saved(served.learner_file("ana")).get("last_lesson") == "one-step", "the pack's lesson")
