"""The screenshot key: ctrl+s saves the current screen as an SVG picture and says where."""

from __future__ import annotations

from pathlib import Path

from tests.tui.conftest import open_lesson, until


async def test_ctrl_s_saves_the_lesson_screen_as_svg_and_says_where(make_app, tmp_path: Path) -> None:
    app = make_app()
    app.screenshot_dir = tmp_path / "pictures"
    app.screenshot_dir.mkdir()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_lesson(pilot, app.course.lessons[0].id)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: any(app.screenshot_dir.glob("*.svg")), "the screenshot file")
        (picture,) = app.screenshot_dir.glob("*.svg")
        assert picture.name.startswith("gdtutor-" + app.screen.lesson.id + "-")
        svg = picture.read_text(encoding="utf-8")
        assert svg.lstrip().startswith("<svg") and svg.rstrip().endswith("</svg>")
        assert "Lesson\u00a01\u00a0of" in svg.replace("&#160;", "\u00a0")  # the screen's own top line
        await until(pilot, lambda: any(str(picture) in str(n.message) for n in app._notifications),
                    "a notice naming the file")


async def test_the_palettes_screenshot_command_is_the_same_picture(make_app, tmp_path: Path) -> None:
    app = make_app()
    app.screenshot_dir = tmp_path
    async with app.run_test(size=(100, 30)) as pilot:
        (command,) = [c for c in app.get_system_commands(app.screen) if c.help.startswith("Save an SVG")]
        command.callback()
        await until(pilot, lambda: any(tmp_path.glob("gdtutor-home-*.svg")), "the palette's screenshot")
