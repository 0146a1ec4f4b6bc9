"""Every shipped lesson at 80×24, in English and in Korean: the chart has its rows, the footer its
keys, and nothing a learner must read (title, status, parameter help, hints) is cut off unseen.

One app per language walks the whole course, as a learner would: open the lesson, show the
simulation (t), take every hint (h), and look.
"""

from __future__ import annotations

import re

import pytest
from textual.content import Content
from textual.widgets import Static

from tests.tui.conftest import open_lesson, until
from tutor import i18n
from tutor.lessons.loader import load_course
from tutor.lessons.paths import default_lessons_dir
from tutor.present.terminal import Terminal
from tutor.tui.app import GdtutorApp
from tutor.tui.screens.lesson import LessonScreen
from tutor.tui.widgets.challenge import ChallengePanel
from tutor.tui.widgets.chart import ChartView
from tutor.tui.widgets.footer import KeyFooter
from tutor.widths import cell_width

WIDTH, HEIGHT = 80, 24
#: The keys the simulation view's footer must show: nudge, edit, play, hint, help, home.
FOOTER_KEYS = {"←→", "⏎", "space", "h", "?", "esc"}


def plot_rows(chart: str) -> list[int]:
    """The rows inside each panel's frame (between its ┌ and its └), found from the chart's text."""
    lines = chart.splitlines()
    rows = []
    for top, line in enumerate(lines):
        for corner in re.finditer("┌", line):
            column = corner.start()
            bottom = next((y for y in range(top + 1, len(lines))
                           if len(lines[y]) > column and lines[y][column] == "└"), None)
            assert bottom is not None, f"a panel without its bottom edge:\n{chart}"
            rows.append(bottom - top - 1)
    return rows


def test_plot_rows_counts_each_panel() -> None:
    chart = " ┌──┐ ┌──┐\n │  │ │  │\n │  │ └──┘\n └──┘"
    assert plot_rows(chart) == [2, 1]


def fits(widget: Static) -> bool:
    """Whether the widget's text, wrapped to its width, fits in its height."""
    width = widget.content_size.width
    content = widget.visual if isinstance(widget.visual, Content) else Content(str(widget.content))
    return width > 0 and len(content.wrap(width)) <= widget.content_size.height


def drawn_to_size(screen: LessonScreen) -> bool:
    """The newest chart asked for is on screen, and it was asked for at the chart's present size."""
    chart = screen.query_one(ChartView)
    size = chart.content_size
    return screen.settled and screen.last_drawn is not None and (
        screen.last_drawn.options.width, screen.last_drawn.options.height) == (size.width, size.height)


def check_sim_view(screen: LessonScreen, lesson_id: str) -> list[str]:
    problems = []
    chart = screen.query_one(ChartView)
    if screen.spec.name == "backprop":  # a table, not panels: its rows are the plot
        shown = len(chart.text.splitlines())
        if shown < 8:
            problems.append(f"{lesson_id}: {shown} rows of the table")
    else:
        rows = plot_rows(chart.text)
        if not rows or min(rows) < 8:
            problems.append(f"{lesson_id}: plot rows per panel {rows}")
    footer = screen.query_one(KeyFooter)
    keys = {key.key_display: key for key in footer.query("FooterKey")}  # type: ignore[attr-defined]
    wanted = FOOTER_KEYS if screen.playback.can_play else FOOTER_KEYS - {"space"}  # (nothing to play)
    if missing := wanted - set(keys):
        problems.append(f"{lesson_id}: footer lacks {sorted(missing)}")
    if cut := [k for k, key in keys.items() if key.region.right > WIDTH or not key.region.width]:
        problems.append(f"{lesson_id}: footer keys off screen: {cut}")
    title = screen.query_one("#lesson-title", Static)
    if cell_width(str(title.content)) > title.content_size.width:
        problems.append(f"{lesson_id}: title cut: {title.content}")
    for selector in (".status-message", ".param-help"):
        part = screen.query_one(selector, Static)
        if not fits(part):
            problems.append(f"{lesson_id}: {selector} cut: {part.content}")
    challenge = screen.query_one(ChallengePanel)
    verdict = challenge.query_one(".challenge-verdict", Static)
    if not verdict.region.height or not fits(verdict):
        problems.append(f"{lesson_id}: the verdict is not in view")
    scroller = challenge.scroller
    text = challenge.query_one(".challenge-text", Static)
    lines = [line.plain for line in text.content.wrap(text.content_size.width)]
    newest = max((i for i, line in enumerate(lines) if line.startswith("Hint ") or line.startswith("힌트 ")), default=0)
    if scroller.max_scroll_y and not (scroller.show_vertical_scrollbar
                                      and round(scroller.scroll_y) == min(newest, scroller.max_scroll_y)):
        problems.append(f"{lesson_id}: the hints overflow without a scrollbar, or the newest does not start "
                        f"the view (at {scroller.scroll_y} of {scroller.max_scroll_y}, its first line {newest})")
    if challenge.region.bottom > HEIGHT - 1:
        problems.append(f"{lesson_id}: the challenge runs under the footer")
    return problems


@pytest.mark.parametrize("lang", ["en", "ko"])
async def test_every_lesson_fits_80_by_24(lang: str) -> None:
    with i18n.switch(lang):
        course = load_course(default_lessons_dir(), lang)
        app = GdtutorApp(lessons_dir=default_lessons_dir(), terminal=Terminal(color=False, unicode=True))
        problems: list[str] = []
        async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
            await until(pilot, lambda: app.runner.idle, "the background imports")
            for lesson in course.lessons:
                screen = await open_lesson(pilot, lesson.id)
                if screen.view == "text":
                    await pilot.press("t")
                hints = len(lesson.challenge.hints)
                for _ in range(hints):  # (each next hint opens after another try: count one)
                    screen.query_one(ChallengePanel).tried()
                    await pilot.press("h")
                await until(pilot, lambda s=screen, n=hints: s.query_one(ChallengePanel).hints_shown == n,
                            "the hints")
                await until(pilot, lambda s=screen: drawn_to_size(s), "the chart drawn at its size")
                problems += check_sim_view(screen, lesson.id)
                await pilot.press("escape")
        assert problems == [], "\n".join(problems)


async def test_a_revealed_hint_is_what_the_challenge_shows_at_80_by_24() -> None:
    from textual.content import Content
    from textual.widgets import Static

    app = GdtutorApp(lessons_dir=default_lessons_dir(), terminal=Terminal(color=False, unicode=True))
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await until(pilot, lambda: app.runner.idle, "the background imports")
        lesson = load_course(default_lessons_dir()).lessons[0]
        assert len(lesson.challenge.hints) >= 2, "a lesson with one hint checks less than this test means to"
        screen = await open_lesson(pilot, lesson.id)
        if screen.view == "text":
            await pilot.press("t")
        panel = screen.query_one(ChallengePanel)
        text = panel.query_one(".challenge-text", Static)
        scroller = panel.scroller
        for shown in (1, 2):
            panel.tried()
            await pilot.press("h")
            await until(pilot, lambda n=shown: panel.hints_shown == n, "the hint")
            await until(pilot, lambda: drawn_to_size(screen), "the chart drawn at its size")
            await pilot.pause()
            lines = [line.plain for line in Content(str(text.content)).wrap(text.content_size.width)]
            top = round(scroller.scroll_y)
            visible = lines[top: top + scroller.scrollable_content_region.height]
            assert any(line.startswith(f"Hint {shown}/") for line in visible), (
                f"after h, the challenge shows {visible} of {lines}")
