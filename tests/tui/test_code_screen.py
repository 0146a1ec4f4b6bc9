"""The code screen: this run's script, NumPy or PyTorch; saved without overwriting; copied; shared."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.tui.conftest import open_lesson, until
from tutor.export import script
from tutor.share import decode
from tutor.tui.screens.code import CodeScreen


async def _code_screen(pilot: Any) -> CodeScreen:
    lesson = await open_lesson(pilot, "bowl")
    await pilot.press("c")
    await until(pilot, lambda: isinstance(pilot.app.screen, CodeScreen), "the code screen")
    screen = pilot.app.screen
    assert isinstance(screen, CodeScreen)
    await until(pilot, lambda: bool(screen.text), "the script")
    return screen, lesson


async def test_code_key_shows_this_runs_numpy_script_and_switches(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, lesson = await _code_screen(pilot)
        values = lesson.spec.resolve(lesson.values)
        assert screen.text == script(lesson.lesson.sim, values, "numpy", lesson=lesson.lesson.title)
        shown = str(screen.query_one("#code-text").render())
        assert "import numpy as np" in shown
        await pilot.press("t")
        await until(pilot, lambda: screen.flavour == "torch", "the PyTorch view")
        assert "import torch" in screen.text and "requires_grad=True" in screen.text
        assert "PyTorch" in str(screen.query_one("#code-title").render())
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, CodeScreen), "back to the lesson")


async def test_save_never_overwrites_and_names_the_file(make_app: Any, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _lesson = await _code_screen(pilot)
        await pilot.press("w")
        await until(pilot, lambda: screen.saved is not None, "the first save")
        first = screen.saved
        assert first is not None and first.read_text(encoding="utf-8") == screen.text
        first.write_text("# the learner's own edits\n", encoding="utf-8")
        await pilot.press("w")
        await until(pilot, lambda: screen.saved != first, "the second save")
        assert screen.saved is not None and screen.saved.name != first.name
        assert first.read_text(encoding="utf-8") == "# the learner's own edits\n"
        assert screen.saved.name in str(screen.query_one("#code-message").render())


async def test_copy_and_share_go_to_the_clipboard(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, lesson = await _code_screen(pilot)
        await pilot.press("y")
        await until(pilot, lambda: app.clipboard == screen.text, "the script on the clipboard")
        assert "OSC 52" in str(screen.query_one("#code-message").render())
        await pilot.press("s")
        await until(pilot, lambda: app.clipboard.startswith("gd1-"), "the token on the clipboard")
        shared = decode(app.clipboard)
        assert shared.sim == lesson.lesson.sim
        assert dict(shared.params) == lesson.spec.resolve(lesson.values)
        assert app.clipboard in str(screen.query_one("#code-message").render())


async def test_the_palette_offers_the_code_and_the_share_token(make_app: Any) -> None:
    from textual import events

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_lesson(pilot, "bowl")
        app.action_command_palette()
        await pilot.pause()
        for key in "share":
            app.post_message(events.Key(key, key))
        await until(pilot, lambda: app.screen.query("CommandList").first().option_count > 0, "the palette's results")
        app.post_message(events.Key("enter", None))
        await until(pilot, lambda: isinstance(app.screen, CodeScreen), "the code screen")
        await until(pilot, lambda: app.clipboard.startswith("gd1-"), "the token on the clipboard")
        assert decode(app.clipboard).sim == "lr-overshoot"
